"""The quick forms of the extractors' scans find exactly what their plain forms find.

Key-fact extraction runs on every brief of a build, so a few of its scans are written for
speed (see each one's comment); the plain form beside each is the reference.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from briefs.facts import entities_data, money, quantities

# Text made of the pieces these scans care about: capitals and dots (U.S.), joiners inside
# words (F-35A, AT&T, People's), number words, coin names, spaces of several kinds.
_PIECES = ["A", "U", "S", "Gen", ".", " ", "  ", "\n", "\u00a0", "-", "–", "'", "’", "&", "/",
           "x", "5", "²", "é", "_", "(", ")", ",", "one", "a", "an", "few", "dozen", "ten", "tens",
           "half", "several", "hundreds", "million", "cent", "penny", "dime", "per", "single"]
texts = st.lists(st.sampled_from(_PIECES), max_size=40).map("".join)


@settings(max_examples=400, deadline=None)
@given(texts)
def test_tokens_as_the_plain_pattern_splits_them(text: str) -> None:
    assert entities_data._SPLIT.split(text) == entities_data._SPLIT_PLAIN.split(text)


@settings(max_examples=400, deadline=None)
@given(texts)
def test_number_words_found_as_the_look_behind_scan_finds_them(text: str) -> None:
    for t in (text, text.lower()):
        assert quantities._word_spans(t) == [m.span() for m in quantities._SCAN_WORDS.finditer(t)]


@settings(max_examples=400, deadline=None)
@given(texts)
def test_coin_scan_skipped_only_where_no_coin_is_named(text: str) -> None:
    low = text.lower()
    if money._ONE_COIN.search(low):
        assert money._may_name_coins(low)


def test_examples() -> None:
    for text in ["Gen. J. Smith of the U.S. Army said F-35A and AT&T's  people", "U.S.A. x2² é_b",
                 "a. B.C. D.e", "  \n(one) -two"]:
        assert entities_data._SPLIT.split(text) == entities_data._SPLIT_PLAIN.split(text)
    for text in ["one", "none", "a few", "x1one", "ten-twelve", "one\none", "oneone", " a dozen",
                 "Tens of", "(several hundred)"]:
        low = text.lower()
        assert quantities._word_spans(low) == [m.span() for m in quantities._SCAN_WORDS.finditer(low)]
    assert money._may_name_coins("worth a cent") and not money._may_name_coins("9 percent, central")
