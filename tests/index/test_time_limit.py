"""A search that runs out of time returns the best results it found so far, and says so.

The clock is a fake one that moves one step each time it is read, so where a search stops
depends only on how often each stage looks at it: the same on every machine.
"""

from __future__ import annotations

import json
from collections import Counter
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from index import facets as facets_module
from index import search as search_module
from index.deadline import ENGINE, Deadline
from index.indexer import Indexer
from index.search import NO_LIMIT, Results, Searcher
from index.words import Dictionary

TODAY = date(2026, 9, 20)
QUERIES = [
    "launch", "satellites launch", '"tracking layer"', '"space development agency"', "trac*",
    "missile OR interceptor OR budget", "launch NOT tracking", "satelite~", "date:2025 launch",
]


class Steps:
    """A clock that moves one step each time it is read."""

    def __init__(self) -> None:
        self.now = 0.0
        self.reads = 0

    def __call__(self) -> float:
        self.now += 1.0
        self.reads += 1
        return self.now


@pytest.fixture(scope="module")
def index_dir(many_briefs: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    ix = tmp_path_factory.mktemp("limit") / "ix"
    Indexer(ix, 20 << 20, workers=1).run([many_briefs])
    return ix


def run(s: Searcher, text: str, seconds: float, clock=None, **kw) -> Results:  # type: ignore[no-untyped-def]
    kw.setdefault("limit", 1000)
    kw.setdefault("collapse", False)
    return s.search(text, today=TODAY, time_limit=seconds, clock=clock, **kw)


def engine_reads(s: Searcher, text: str) -> int:
    """How often the engine (and expansion) reads the clock for `text`, with time to spare."""
    clock = Steps()
    results = run(s, text, 1e12, clock, facets=False, limit=10)
    assert not results.partial
    return clock.reads - 1 - len(results.hits)  # (the deadline's start; a read per snippet)


def cut_at(k: int) -> float:
    """A limit whose engine share runs out at the engine's k-th clock read."""
    return (k + 0.5) / ENGINE


def docnum(s: Searcher, brief_id: str) -> int:
    return s._searcher.document_number(id=brief_id)


@pytest.mark.parametrize("text", QUERIES)
def test_out_of_time_the_hits_are_the_best_of_the_briefs_looked_at(index_dir: Path, text: str) -> None:
    """Every hit is a real match with its full score, in the full order; and they are the
    top of the full results among the briefs the engine had time for (those below its cut)."""
    with Searcher(index_dir) as s:
        full = run(s, text, NO_LIMIT, facets=False)
        assert full.total > 20 and not full.partial
        order = {h.id: n for n, h in enumerate(full.hits)}
        score = {h.id: h.score for h in full.hits}
        reads = engine_reads(s, text)
        assert reads >= 4, f"{text}: the engine should look at the clock several times"
        found_some = False
        for k in range(reads):
            part = run(s, text, cut_at(k), Steps(), facets=False, limit=10)
            cut = s._engine.cut
            assert cut is not None, f"{text}: out of time at clock read {k}"
            if not part.partial:  # the time ran out when every brief was covered anyway
                assert cut >= s._searcher.doc_count_all()
                assert [h.id for h in part.hits] == [h.id for h in full.hits[:10]]
                continue
            assert part.total <= full.total
            ranks = [order[h.id] for h in part.hits]  # KeyError: a hit the full search lacks
            assert ranks == sorted(ranks)
            for h in part.hits:  # the same score, up to sums added in another order
                assert h.score == pytest.approx(score[h.id], rel=1e-12)
            below = [h.id for h in full.hits if docnum(s, h.id) < cut]
            assert [h.id for h in part.hits] == below[:10]
            assert part.total == len(below)
            found_some = found_some or bool(part.hits)
        assert found_some, f"{text}: a partial search should find something"


def test_reading_done_in_time_but_scoring_would_overrun_cuts_then(index_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every posting read before the engine's share of the limit ran out, with the scoring
    still to do past its end: the engine cuts then (scoring only the briefs below the cut),
    and the answer below the cut is exact. Without that cost foreseen, it runs over."""
    from index import deadline as deadline_module

    text = "missile OR interceptor OR budget"  # (many postings per term opened)
    with Searcher(index_dir) as s:
        full = run(s, text, NO_LIMIT, facets=False)
        reads = engine_reads(s, text)  # the last one: when every posting has been read
        limit = (reads + 1.5) / ENGINE  # the engine's share ends just after it
        part = run(s, text, limit, Steps(), facets=False, limit=10)
        cut = s._engine.cut
        assert part.partial and cut is not None and cut < s._searcher.doc_count_all()
        below = [h.id for h in full.hits if docnum(s, h.id) < cut]
        assert [h.id for h in part.hits] == below[:10] and part.total == len(below)
        monkeypatch.setattr(deadline_module, "EVAL_SHARE", 0.0)  # scoring deemed free
        assert not run(s, text, limit, Steps(), facets=False, limit=10).partial


@pytest.mark.parametrize("text", QUERIES + ["nonexistentword", "*"])
def test_in_time_the_results_are_the_same_as_without_a_limit(index_dir: Path, text: str) -> None:
    with Searcher(index_dir) as s:
        free = run(s, text, NO_LIMIT, limit=20).as_json()
        timed = run(s, text, 1e12, Steps(), limit=20).as_json()
        free.pop("elapsed_ms"), timed.pop("elapsed_ms")
        assert json.dumps(timed) == json.dumps(free)


def test_a_limit_of_zero_stops_at_once_and_says_so(index_dir: Path) -> None:
    with Searcher(index_dir) as s:
        results = s.search("launch", time_limit=0)
    assert results.partial and results.total == 0 and results.suggestion is None


def test_snippets_past_the_limit_are_the_opening_lines_unmarked(index_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The hits are all there (not partial); the ones after the time ran out are not marked."""
    clock = Steps()
    real = search_module.make_snippet

    def slow_snippet(text, marker):  # type: ignore[no-untyped-def]
        clock.now += 1e6  # each marked snippet "takes" far longer than the limit
        return real(text, marker)

    monkeypatch.setattr(search_module, "make_snippet", slow_snippet)
    with Searcher(index_dir) as s:
        results = run(s, "launch", 1000.0, clock, facets=False, limit=5)
    first, *rest = results.hits
    assert first.highlights and len(rest) == 4
    assert all(h.snippet and not h.highlights for h in rest)
    assert not results.partial


def test_facet_counts_stop_at_the_limit_and_the_list_build_resumes(index_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(facets_module, "FACET_STEP", 10)  # look at the clock every 10 briefs
    with Searcher(index_dir) as s:
        full = run(s, "launch", NO_LIMIT)
        assert sum(full.facets["source"].values()) > 30
        s._facets = None  # a new searcher's facets: the per-brief lists are built first
        after_engine = (engine_reads(s, "launch") + 2) / ENGINE  # the engine's share ends after it
        cut_in_build = run(s, "launch", after_engine, Steps())
        assert cut_in_build.partial and cut_in_build.total == full.total
        assert all(not counts for counts in cut_in_build.facets.values())
        for _ in range(100):  # each search goes on with the build where the last one stopped
            later = run(s, "launch", after_engine, Steps())
            if any(later.facets.values()):
                break
        counted = sum(later.facets["source"].values())
        assert later.partial and 0 < counted < sum(full.facets["source"].values())
        # what is counted is counted right: no source has more than the full count
        assert not Counter(later.facets["source"]) - Counter(full.facets["source"])
        assert run(s, "launch", NO_LIMIT).facets == full.facets


def test_typo_expansion_stops_with_the_words_found_so_far() -> None:
    letters = "abcdefghijklmnopqrstuvwxyz"
    words = Dictionary(Counter({f"m{a}{b}xx": 1 for a in letters for b in letters}))  # sorted: maaxx, mabxx...
    everything = words.within("maaxx", 1)
    assert len(everything) == 51  # m?axx and ma?xx, all through the list
    deadline = Deadline(1.0, Steps())  # its typo share has passed at the first look (256 words in)
    found = words.within("maaxx", 1, deadline)
    assert deadline.cut and found and set(found) < set(everything)
    assert all(w < "mjxx" for w in found)  # the first 256 words: maaxx ... mjvxx
    assert words.within("maaxx", 1, Deadline(NO_LIMIT, Steps())) == everything


def test_brief_search_says_when_it_stopped_at_the_limit(many_briefs: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from tui.cli import cli

    def invoke(*args: str):  # type: ignore[no-untyped-def]
        return CliRunner().invoke(cli, list(args), catch_exceptions=False)

    assert invoke("index", str(many_briefs)).exit_code == 0
    whole = json.loads(invoke("search", "--json", "--limit", "5", "launch").output)
    assert not whole["partial"] and whole["total"] > 20
    monkeypatch.setattr(search_module, "Deadline", lambda seconds, clock: Deadline(seconds, Steps()))
    for k in range(8):  # the first limit (in clock reads) at which the search stops with hits
        monkeypatch.setattr(search_module, "TIME_LIMIT", cut_at(k))
        data = json.loads(invoke("search", "--json", "--limit", "5", "launch").output)
        assert data["partial"] is True and data["total"] < whole["total"]
        if data["hits"]:
            break
    assert data["hits"], "a search stopped by its limit should show what it found"
    text = invoke("search", "--limit", "5", "launch").output
    assert "search stopped at its time limit; these are the best found so far" in text
    assert data["hits"][0]["title"] in text
    monkeypatch.setattr(search_module, "TIME_LIMIT", 0.0)
    nothing = invoke("search", "launch").output
    assert "No briefs match 'launch'." in nothing and "stopped at its time limit" in nothing
