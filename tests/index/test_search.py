"""The query language end to end on our small corpus: what a user types and what they get."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from index.indexer import Indexer
from index.query import QueryError
from index.search import Searcher

TODAY = date(2026, 9, 20)


@pytest.fixture
def searcher(small_corpus: Path, tmp_path: Path):  # type: ignore[no-untyped-def]
    Indexer(tmp_path / "ix", 20 << 20, workers=1).run([small_corpus])
    with Searcher(tmp_path / "ix") as s:
        yield s


def titles(searcher: Searcher, query: str, **kw: object) -> list[str]:
    return [h.title for h in searcher.search(query, limit=20, today=TODAY, **kw).hits]  # type: ignore[arg-type]


AWARD = "Space Development Agency awards Tracking Layer satellites"
DELAY = "Tracking Layer launch slips to 2027"
GLIDE = "Notes on hypersonic glide vehicles"
BUDGET = "Missile defense budget overview"
LAUNCH = "Launch market notes"


@pytest.mark.parametrize(
    "query,expected",
    [
        ("satellite", {AWARD, DELAY, LAUNCH}),  # stemmed: satellites, Satellite
        ("tracking constellation", {DELAY}),  # all words must match
        ('"missile tracking"', {AWARD, DELAY}),
        ('"tracking missile"', set()),
        ("vulcan OR manoeuvre", {LAUNCH, GLIDE}),
        ("tracking NOT delay", {AWARD, GLIDE}),  # "track" in the glide notes: stemming
        ("(launch OR glide) AND notes", {LAUNCH, GLIDE}),
        ("title:notes", {LAUNCH, GLIDE}),
        ("source:ledger", {AWARD, DELAY}),
        ('source:"orbital ledger"', {AWARD, DELAY}),
        ("author:quill", {AWARD, DELAY}),
        ("tag:launch", {DELAY, LAUNCH}),
        ('tag:"missile warning"', {AWARD}),
        ("type:text", {GLIDE}),
        ("date:2025", {BUDGET, LAUNCH}),
        ("date:2026-03", {AWARD}),
        ("date:[2025-11-01 to 2026-03-31]", {LAUNCH, AWARD}),
        ("date:>2026-03-10", {DELAY}),
        ("date:>=2026-03-10", {AWARD, DELAY}),
        ("date:<2025-11-20", {BUDGET}),
        ("date:30d", {DELAY}),  # today is 2026-09-20
        ("date:[-12m to now]", {AWARD, DELAY, LAUNCH}),
        ("hyper*", {AWARD, GLIDE}),
        ("tracki*", {AWARD, DELAY, GLIDE}),  # "tracking" (stem "track") and so its other forms
        ("date:<2000", set()),  # undated briefs never match a date
        ("constelation~", {DELAY, LAUNCH}),
        ("intercepter~", {BUDGET}),
    ],
)
def test_query_syntax(searcher: Searcher, query: str, expected: set[str]) -> None:
    assert set(titles(searcher, query)) == expected


@pytest.mark.parametrize(
    "query,message",
    [
        ('"unclosed phrase', "unclosed quote"),
        ("(launch OR glide", "never closed"),
        ("t*", "too short a prefix"),
        ("colour:red", "unknown field 'colour'"),
        ("date:someday", "not understood"),
        ("date:[2026 to 2025]", "ends before it starts"),
        ("the and of", "nothing to search for"),
    ],
)
def test_malformed_queries_say_why(searcher: Searcher, query: str, message: str) -> None:
    with pytest.raises(QueryError, match=message):
        searcher.search(query, today=TODAY)


def test_snippets_mark_the_matched_words(searcher: Searcher) -> None:
    [hit] = searcher.search("glide vehicles manoeuvre").hits
    marked = {hit.snippet[s:e].lower() for s, e in hit.highlights}
    assert {"glide", "vehicles", "manoeuvre"} <= marked
    assert "\n" not in hit.snippet


def test_clutter_does_not_fill_snippets(searcher: Searcher) -> None:
    [hit] = searcher.search("sensor coverage guam").hits
    assert "Citation" not in hit.snippet and "Listen" not in hit.snippet
    assert "Guam" in hit.snippet


def test_did_you_mean(searcher: Searcher) -> None:
    results = searcher.search("satelite trackng")
    assert results.total == 0
    assert results.suggestion == "satellite tracking"
    assert searcher.search("qwxzv").suggestion is None


def test_facets_count_sources_tags_and_years(searcher: Searcher) -> None:
    facets = searcher.search("tracking OR launch OR glide OR budget").facets
    assert facets["source"] == {"Orbital Ledger": 2, "Desk notes": 1, "example.gov": 1}
    assert facets["year"] == {"2026": 2, "2025": 2}
    assert facets["tag"]["Launch"] == 2 and facets["tag"]["Missile Warning"] == 1


def test_sort_by_date_puts_newest_first(searcher: Searcher) -> None:
    assert titles(searcher, "tracking", sort="date") == [DELAY, AWARD, GLIDE]  # undated last


def test_filters_alone_list_newest_first_and_words_rank_by_relevance(searcher: Searcher) -> None:
    """With no word to rank by (a filter picked with an empty search box), newest first."""
    alone = searcher.search("tag:launch OR date:2025", limit=20, today=TODAY)
    assert alone.sort == "date"
    assert [h.title for h in alone.hits] == [DELAY, LAUNCH, BUDGET]  # newest first
    assert [h.title for h in searcher.search("source:ledger", limit=20, today=TODAY).hits] == [DELAY, AWARD]
    for worded in ("launch tag:launch", "title:notes", '"missile tracking" date:2026'):
        assert searcher.search(worded, limit=20, today=TODAY).sort == "relevance", worded


def test_get_by_id_prefix_and_path(searcher: Searcher, small_corpus: Path) -> None:
    [hit] = searcher.search("manoeuvre").hits
    assert searcher.get(hit.id)["title"] == GLIDE
    assert searcher.get(hit.id[:6])["title"] == GLIDE
    assert searcher.get(str(small_corpus / "space" / "glide-vehicles.txt"))["id"] == hit.id
    assert searcher.get("ffffffffffff") is None
