"""Near-duplicates: syndicated stories and report versions fold into one row."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.dupes import signature, similarity
from index.indexer import Indexer
from index.related import related
from index.search import Searcher
from tests.conftest import corpus_path

STORY = (
    "The Space Development Agency said on Tuesday that the first launch of its second "
    "tranche of missile tracking satellites would slip into early next year because optical "
    "terminals from one supplier failed qualification testing. Officials said the delay "
    "would not change the schedule for the third tranche, and that a second terminal "
    "supplier was being qualified at a cost of about two hundred million dollars. Members "
    "of the armed services committees asked for a briefing on the effect on warning "
    "coverage over the western Pacific, where the satellites are meant to track glide "
    "vehicles that ground radars see late."
)


def write(folder: Path, name: str, source: str, text: str, title: str) -> None:
    folder.joinpath(name).write_text(f"---\ntitle: {title}\nsource: {source}\ndate: 2026-08-11\n---\n{text}\n")


@pytest.fixture
def syndicated(tmp_path: Path) -> Path:
    corpus = tmp_path / "c"
    corpus.mkdir()
    write(corpus, "wire.md", "Defense Wire", STORY, "Tracking satellites slip to next year")
    write(corpus, "copy.md", "Orbital Watch", STORY.replace("said on Tuesday", "announced Tuesday"),
          "SDA delays tracking launch")
    write(corpus, "other.md", "Orbital Watch", "Launch providers and tracking satellites: an unrelated "
          "survey of the commercial launch market, rideshare prices and the cadence of small launchers.",
          "Launch market survey")
    Indexer(tmp_path / "ix", 20 << 20, workers=1).run([corpus])
    return tmp_path / "ix"


def test_similar_texts_have_similar_signatures() -> None:
    assert similarity(signature(STORY), signature(STORY.replace("Tuesday", "Monday"))) > 0.8
    assert similarity(signature(STORY), signature("An entirely different text about budgets.")) < 0.1


def test_search_folds_a_syndicated_story_into_one_row(syndicated: Path) -> None:
    with Searcher(syndicated) as s:
        results = s.search("tracking satellites")
        assert results.total == 3
        titles = [h.title for h in results.hits]
        assert len(titles) == 2 and "Launch market survey" in titles
        [story] = [h for h in results.hits if h.title != "Launch market survey"]
        assert story.also == "also in 1 source"
        unfolded = s.search("tracking satellites", collapse=False)
        assert len(unfolded.hits) == 3


def test_related_marks_the_copy_as_the_same_story(syndicated: Path) -> None:
    with Searcher(syndicated) as s:
        wire = s.search("title:slip").hits[0]
        items = related(s, wire.id)
        assert items[0].title == "SDA delays tracking launch"
        assert "same story" in items[0].kinds


@pytest.mark.corpus
def test_versions_of_a_crs_product_are_near_duplicates() -> None:
    folder = corpus_path("crs", "in-focus")
    v6 = (folder / "IF10753v6-energy-star-program.md").read_text(encoding="utf-8")
    v7 = (folder / "IF10753v7-energy-star-program.md").read_text(encoding="utf-8")
    other = (folder / "IF10491v14-australia-background-and-u-s-relations.md").read_text(encoding="utf-8")
    assert similarity(signature(v6), signature(v7)) >= 0.8
    assert similarity(signature(v6), signature(other)) < 0.2



def test_grouping_a_results_page_uses_the_band_index_even_during_a_first_build(tmp_path: Path) -> None:
    """Every search groups its page's near-duplicates, also while a first build runs (the big
    tables' indexes are deferred to its end then): the bands stay indexed, or each search
    scanned them (3.4 s at 50,000 briefs)."""
    import sqlite3

    from index import dupes, factstore

    db = sqlite3.connect(tmp_path / factstore.FACTS_DB)
    db.executescript(factstore.SCHEMA + dupes.SCHEMA)
    factstore.start_new(db)  # what a new store's build does before its first row
    dupes.record(db, "a", signature(STORY), fresh=True)
    ran: list[str] = []
    db.set_trace_callback(ran.append)
    dupes.copies(db, ["a", "b"])
    db.set_trace_callback(None)
    joins = [sql for sql in ran if "JOIN band" in sql]
    assert joins
    for sql in joins:
        plan = " ".join(row[-1] for row in db.execute("EXPLAIN QUERY PLAN " + sql))
        assert "SCAN" not in plan and "AUTOMATIC" not in plan, plan
