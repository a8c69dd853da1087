"""Notes clauses in queries (is:starred, has:notes, note:..., the analyst's tag:) with a
provider standing in for the notes database, and prefixes typed as written (never stemmed)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from whoosh.query import Prefix

from briefs.notes.filters import IdFilter
from index.indexer import Indexer
from index.query import QueryError, parse
from index.schema import build_schema
from index.search import Searcher

TODAY = date(2026, 9, 20)
AWARD = "Space Development Agency awards Tracking Layer satellites"
DELAY = "Tracking Layer launch slips to 2027"
GLIDE = "Notes on hypersonic glide vehicles"
BUDGET = "Missile defense budget overview"
LAUNCH = "Launch market notes"


class FakeNotes:
    """What the notes database would answer, by brief title: starred, read, tagged, noted."""

    def __init__(self, ids: dict[str, str]) -> None:
        self.ids = ids
        self.asked: list[tuple[str, str]] = []
        self.sets = {
            "starred": {AWARD, GLIDE},
            "read": {GLIDE, BUDGET},
            "notes": {AWARD, BUDGET},
            "highlights": {BUDGET},
        }
        self.tags = {"follow-up": {BUDGET, LAUNCH}, "launch": {GLIDE}}
        self.texts = {BUDGET: "compare with the FY2025 interceptor request", AWARD: "radar coverage gap"}

    def __call__(self, name: str, value: str) -> IdFilter:
        self.asked.append((name, value))
        if name == "unread":
            return IdFilter(self._ids(self.sets["read"]), negate=True)
        if name == "tag":
            return IdFilter(self._ids(self.tags.get(value.lower(), set())))
        if name == "text":
            words = value.strip('"').lower()
            return IdFilter(self._ids({t for t, note in self.texts.items() if words in note}))
        return IdFilter(self._ids(self.sets[name]))

    def _ids(self, titles: set[str]) -> frozenset[str]:
        return frozenset(self.ids[t] for t in titles)


@pytest.fixture
def searcher(small_corpus: Path, tmp_path: Path):  # type: ignore[no-untyped-def]
    Indexer(tmp_path / "ix", 20 << 20, workers=1).run([small_corpus])
    with Searcher(tmp_path / "ix") as s:
        ids = {h.title: h.id for h in s.search("date:[1900 to 2100] OR notes OR satellite OR tracking", limit=50).hits}
        assert {AWARD, DELAY, GLIDE, BUDGET, LAUNCH} <= set(ids)
        s.annotations = FakeNotes(ids)
        yield s


def titles(searcher: Searcher, query: str, **kw: object) -> set[str]:
    return {h.title for h in searcher.search(query, limit=20, today=TODAY, **kw).hits}  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "query,expected",
    [
        ("is:starred", {AWARD, GLIDE}),
        ("is:read", {GLIDE, BUDGET}),
        ("is:unread", {AWARD, DELAY, LAUNCH}),
        ("has:notes", {AWARD, BUDGET}),
        ("has:highlights", {BUDGET}),
        ("note:interceptor", {BUDGET}),
        ('note:"coverage gap"', {AWARD}),
        ("tracking is:starred", {AWARD, GLIDE}),
        ("tracking is:starred -is:read", {AWARD}),
        ("tracking NOT is:starred", {DELAY}),
        ("is:starred OR has:highlights", {AWARD, GLIDE, BUDGET}),
        ("(launch AND is:unread) OR note:interceptor", {DELAY, LAUNCH, BUDGET}),
        ("tag:follow-up", {BUDGET, LAUNCH}),  # only the analyst's tag
        ("tag:launch", {DELAY, LAUNCH, GLIDE}),  # the briefs' own tag, or the analyst's
        ('tag:"Follow up" date:2025', {BUDGET, LAUNCH}),
        ("is:starred date:2026", {AWARD}),
    ],
)
def test_notes_clauses_select_briefs(searcher: Searcher, query: str, expected: set[str]) -> None:
    assert titles(searcher, query) == expected


def test_totals_and_facets_count_only_the_selected_briefs(searcher: Searcher) -> None:
    results = searcher.search("is:starred", today=TODAY)
    assert results.total == 2
    assert results.facets["year"] == {"2026": 1}  # the award (the glide notes are undated)


def test_clauses_alone_list_newest_first(searcher: Searcher) -> None:
    hits = searcher.search("is:unread", today=TODAY).hits
    dates = [h.date for h in hits]
    assert dates == sorted(dates, reverse=True) and [h.title for h in hits][0] == DELAY


def test_clauses_do_not_change_the_ranking(searcher: Searcher) -> None:
    plain = [h.title for h in searcher.search("tracking", today=TODAY).hits]
    filtered = [h.title for h in searcher.search("tracking is:unread", today=TODAY).hits]
    assert filtered == [t for t in plain if t in {AWARD, DELAY, LAUNCH}]


def test_unknown_values_say_what_works(searcher: Searcher) -> None:
    with pytest.raises(QueryError, match="is:starred, is:unread or is:read"):
        searcher.search("is:favourite")
    with pytest.raises(QueryError, match="has:notes or has:highlights"):
        searcher.search("has:comments")


def test_without_notes_the_clauses_are_a_clear_error(searcher: Searcher) -> None:
    searcher.annotations = None
    with pytest.raises(QueryError, match="^is:starred needs the notes database$"):
        searcher.search("tracking is:starred")
    with pytest.raises(QueryError, match="note: needs the notes database"):
        searcher.search('note:"a phrase"')
    assert titles(searcher, "tag:launch") == {DELAY, LAUNCH}  # the briefs' own tags still work


def test_quoted_clauses_are_words(searcher: Searcher) -> None:
    searcher.annotations.asked.clear()  # type: ignore[union-attr]
    assert titles(searcher, '"is:starred"') == set()
    assert searcher.annotations.asked == []  # type: ignore[union-attr]


def prefixes(text: str) -> set[str]:
    out: set[str] = set()

    def visit(node) -> None:  # type: ignore[no-untyped-def]
        if isinstance(node, Prefix):
            out.add(node.text)
        for child in node.children():
            visit(child)

    visit(parse(text, build_schema()))
    return out


@pytest.mark.parametrize("prefix", ["mis*", "dis*", "res*", "gas*", "Res*", "title:Mis*"])
def test_short_words_make_valid_prefixes(prefix: str) -> None:
    assert prefixes(prefix) == {prefix.split(":")[-1].rstrip("*").lower()}


def test_prefix_is_the_word_as_typed() -> None:
    assert prefixes("defens*") == {"defens"}  # was "defen*", which finds "defend"


def test_prefixes_find_words_not_stems(searcher: Searcher) -> None:
    assert titles(searcher, "defens*") == {BUDGET}
    assert BUDGET in titles(searcher, "mis*")  # "missile": was "'mi' is too short a prefix"


def test_whoosh_fallback_gives_the_same_briefs(searcher: Searcher, monkeypatch: pytest.MonkeyPatch) -> None:
    from index import search as search_module

    def unsupported(self, q, deadline=None):  # type: ignore[no-untyped-def]
        raise search_module.Unsupported("test")

    expected = titles(searcher, "tracking is:starred -is:read")
    unread = titles(searcher, "is:unread")
    monkeypatch.setattr(search_module.Engine, "run", unsupported)
    assert titles(searcher, "tracking is:starred -is:read") == expected == {AWARD}
    assert titles(searcher, "is:unread") == unread


def test_minus_before_a_word_excludes_it_but_hyphenated_words_stay_words(small_corpus, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from index.indexer import Indexer
    from index.search import Searcher

    Indexer(tmp_path / "ix", 20 << 20, workers=1).run([small_corpus])
    with Searcher(tmp_path / "ix") as s:
        both = {h.id for h in s.search("*", limit=50).hits}
        glide = {h.id for h in s.search("glide", limit=50).hits}
        without = {h.id for h in s.search("* -glide", limit=50).hits}
        assert glide and without == both - glide
        assert {h.id for h in s.search('* -"glide"', limit=50).hits} == without
