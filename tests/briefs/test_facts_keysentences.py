"""Key sentences and keywords: extractive, anchored, deterministic, and never boilerplate,
headings or list fragments."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefs.facts import keysentences, sentences
from briefs.facts.model import Fact

ROOT = Path(__file__).resolve().parents[2]

TITLE = "Space Development Agency Awards Tracking Layer Tranche 3 Contracts"
BODY = "\n\n".join([
    'SDA AWARDS TRACKING LAYER TRANCHE 3',
    'The Space Development Agency awarded three contracts worth $3.6 billion for 54 Tracking '
    'Layer satellites in Tranche 3, the agency said on Monday.',
    '## What the satellites do',
    'The Tracking Layer satellites carry infrared sensors that follow hypersonic glide '
    'vehicles from low Earth orbit. Each Tranche 3 satellite also carries a fire-control '
    'payload able to pass a track to an interceptor.',
    '- 18 satellites per vendor\n- First launch in 2029\n- Ground software from a fourth vendor',
    'Col. Dana Whitfield, the Tracking Layer director, said the agency wanted satellites that'
    ' could close a fire-control loop, not just warn. "We are buying satellites that can hand'
    ' a track to an interceptor," she said.',
    'Critics in Congress said the Tracking Layer had grown faster than its ground segment. '
    'The agency said ground software for Tranche 3 would be competed separately next year.',
    'Weather delayed the signing ceremony by a day.',
    'For more information, contact the SDA public affairs office at press@example.com.',
    'Disclaimer: This summary does not necessarily reflect the views of the Space '
    'Development Agency.',
]) + "\n"


def _facts(body: str = BODY, title: str = TITLE) -> list[Fact]:
    facts = keysentences.extract(body, sentences.split(body), title)
    for f in facts:
        assert f.type in ("key_sentence", "keyword")
        assert body[f.start:f.end] == f.text
    return facts


def _key(facts: list[Fact]) -> list[Fact]:
    return [f for f in facts if f.type == "key_sentence"]


def _words(facts: list[Fact]) -> list[Fact]:
    return [f for f in facts if f.type == "keyword"]


def test_three_key_sentences_in_the_order_of_the_brief() -> None:
    key = _key(_facts())
    assert len(key) == 3
    assert [f.start for f in key] == sorted(f.start for f in key)
    assert sorted(f.extra["rank"] for f in key) == [1, 2, 3]
    assert key[0].text.startswith("The Space Development Agency awarded three contracts")


@pytest.mark.parametrize("never", [
    "SDA AWARDS TRACKING LAYER TRANCHE 3",  # a headline in capitals
    "## What the satellites do",  # a heading
    "18 satellites per vendor",  # a list fragment
    "For more information, contact",  # boilerplate
    "Disclaimer:",
    "Weather delayed the signing ceremony by a day.",  # off the point of the brief
])
def test_never_chosen(never: str) -> None:
    assert not any(f.text.startswith(never) for f in _key(_facts()))


def test_deterministic() -> None:
    first = [(f.type, f.start, f.end, f.extra) for f in _facts()]
    assert first == [(f.type, f.start, f.end, f.extra) for f in _facts()]


def test_keywords_anchored_at_first_occurrence_with_counts() -> None:
    words = _words(_facts())
    texts = [f.text for f in words]
    assert 5 <= len(words) <= 12
    assert "Tracking Layer" in texts
    for f in words:
        assert f.extra["count"] >= 1 and f.extra["score"] > 0
        pattern = re.compile(r"(?<![\w-])" + re.escape(f.text) + r"(?![\w-])", re.I)
        after_headline = BODY.index("\n\n")  # words in a capitals headline may be acronyms
        assert pattern.search(BODY, after_headline).start() == f.start, f.text
        assert f.text.lower() not in keysentences.STOP_WORDS


def test_longer_phrase_wins_over_its_parts() -> None:
    texts = [f.text for f in _words(_facts())]
    assert "Tracking Layer" in texts and "Layer" not in texts


def test_eight_to_twelve_keywords_on_a_real_brief() -> None:
    from briefs.load import load_file

    path = ROOT / "briefs/samples/missile-defence/golden-dome-architecture-unveiled.md"
    [brief] = load_file(str(path))
    facts = _facts(brief.body, brief.title)
    assert 8 <= len(_words(facts)) <= 12
    assert "Golden Dome" in [f.text for f in _words(facts)]
    assert len(_key(facts)) == 3


def test_short_and_empty_bodies() -> None:
    assert _facts("", "") == []
    facts = _facts("The Space Force launched a GPS satellite on Tuesday from Cape Canaveral.", "")
    assert len(_key(facts)) == 1


def test_cable_in_capitals_still_has_key_sentences() -> None:
    body = ("1. (U) SUMMARY. ON DAY 3 OF THE EXERCISE, JOINT FORCES ON GUAM CONDUCTED FOUR "
            "SIMULATED RAID SERIALS AGAINST A NOTIONAL ADVERSARY. ALL SERIALS WERE SIMULATED AND "
            "NO LIVE INTERCEPTORS WERE FIRED.\n\n2. (U) RESULTS. THE THAAD BATTERY ENGAGED ALL "
            "SIMULATED "
            "BALLISTIC MISSILES IN SERIAL 2 WITH NO LEAKERS REPORTED BY THE CONTROL CELL.")
    assert _key(_facts(body, "EXERCISE CABLE SUMMARY"))


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet="Ab Cd xy.,:;\"'()\n-#|1", max_size=300), st.text(max_size=20))
def test_never_raises_and_spans_hold(body: str, title: str) -> None:
    _facts(body, title)
