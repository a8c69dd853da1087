"""Postings made in the loader workers are exactly the ones Whoosh would make.

If they were not, a word could be indexed under one term and searched under another, and
a brief would silently stop being found.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from whoosh.analysis import StemmingAnalyzer
from whoosh.fields import ID, KEYWORD, NUMERIC, TEXT

from briefs.files import DEFAULT_MAX_BYTES
from index.analysis import analyse, analyse_fields
from index.documents import document
from index.indexer import _load
from index.loading import _facts_of as facts_of
from index.schema import build_schema
from index.walk import walk

SCHEMA = build_schema()
TEXT_FIELDS = [name for name in SCHEMA.names() if isinstance(SCHEMA[name], TEXT)]
SAMPLES = Path(__file__).resolve().parents[2] / "briefs" / "samples"


def whoosh_postings(field, value):  # type: ignore[no-untyped-def]
    items = list(field.index(value))
    length = sum(freq for _, freq, _, _ in items) if field.scorable else 0
    return sorted((term, weight, vbytes) for term, _, weight, vbytes in items), length


def our_postings(field, value):  # type: ignore[no-untyped-def]
    a = analyse(field, value)
    return sorted(zip(a.terms, a.weights, a.values)), a.length


TRICKY = (
    "The missile AND the 3.5bn U.S. e.g. foo..bar *star* x_y 2026-03-05",
    "İstanbul ΣΊΣΥΦΟΣ ΟΔΟΣ straße ǅemal ﬁnance ½ Ⅻ",  # lower-casing that changes length or depends on context
    "a an the of to in is",  # nothing but stop words
    "",
)


@settings(max_examples=400, deadline=None)
@given(
    name=st.sampled_from(TEXT_FIELDS),
    text=st.text(max_size=80) | st.text(alphabet="aAİıKkſΣσς.*_ 1é\u0307ǅ'’-\n", max_size=40),
)
def test_any_text_gives_whooshs_postings(name: str, text: str) -> None:
    field = SCHEMA[name]
    assert our_postings(field, text) == whoosh_postings(field, text)


def test_tricky_text_and_every_field_of_the_sample_briefs() -> None:
    for name in TEXT_FIELDS:
        for text in TRICKY:
            assert our_postings(SCHEMA[name], text) == whoosh_postings(SCHEMA[name], text), (name, text)
    found, _ = walk([SAMPLES])
    checked = 0
    for f in found:
        loaded = _load((f, DEFAULT_MAX_BYTES, ""))
        for brief in loaded.briefs:
            doc = document(brief, f, loaded.hash, facts_of(brief))
            for name, value in doc.items():
                field = SCHEMA[name]
                if field.indexed and value is not None:
                    assert our_postings(field, value) == whoosh_postings(field, value), (f.path, name)
                    checked += 1
    assert checked > 300


def test_long_text_positions_past_the_lookup_tables_match_whoosh() -> None:
    """Positions are encoded from tables up to 8,192 and for up to 1,000 occurrences; past
    either (a long report, a word on every line) the value must still be Whoosh's."""
    words = [f"w{n % 97}" for n in range(9000)]  # positions up to 9,000, gaps of 97
    words[1::8] = ["radar"] * len(words[1::8])  # 1,125 occurrences: past a pickle batch
    words[8500] = "zebra"  # once, past the single-position table
    text = " ".join(words)
    field = SCHEMA["body"]
    ours, theirs = our_postings(field, text), whoosh_postings(field, text)
    assert ours == theirs
    counts = {term: weight for term, weight, _ in ours[0]}
    assert counts[b"radar"] == 1125 and counts[b"zebra"] == 1


def test_fields_with_other_analyzers_use_whooshs_own() -> None:
    fields = [
        TEXT(analyzer=StemmingAnalyzer(ignore={"missiles"})),
        TEXT(analyzer=StemmingAnalyzer(minsize=4, maxsize=9)),
        KEYWORD(lowercase=True, commas=True, scorable=True),
        ID(),
        NUMERIC(int, bits=32),
    ]
    values = ["Missiles and missile tracking, Tracking LAYER", "Missiles and missile tracking, Tracking LAYER"]
    values += ["space,Launch,missile warning", "abc/def", 20260305]
    for field, value in zip(fields, values):
        assert our_postings(field, value) == whoosh_postings(field, value)


def test_prepared_document_keeps_stored_values_and_skipped_fields() -> None:
    doc = {"id": "abc", "title": "Tracking layer", "body": "Satellites track missiles", "meta": {"k": 1}}
    out = analyse_fields(SCHEMA, doc, skip=("id",))
    assert out["id"] == "abc" and out["meta"] == {"k": 1}
    assert out["_stored_title"] == "Tracking layer" and out["_stored_body"] == "Satellites track missiles"
    assert sorted(out["body"].terms) == [b"missil", b"satellit", b"track"]  # type: ignore[union-attr]
