"""Facet counts: entities over every match, and the whole corpus ("*") after each commit."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from index.facets import TOP, entity_key
from index.factstore import FACTS_DB
from index.indexer import Indexer
from index.schema import ENTITY_FIELDS
from index.search import Searcher
from tests.index.conftest import write_briefs


def store_counts(index_dir: Path, ids: set[str]) -> dict[str, int]:
    """The oracle: briefs among `ids` naming each entity, counted in the facts store itself."""
    db = sqlite3.connect(index_dir / FACTS_DB)
    rows = db.execute("SELECT id, type, name FROM entity").fetchall()
    db.close()
    named: dict[tuple[str, str], set[str]] = {}
    for brief_id, etype, name in rows:
        if brief_id in ids and etype in ENTITY_FIELDS and name.strip():
            named.setdefault((etype, name), set()).add(brief_id)
    ranked = sorted(named.items(), key=lambda kv: (-len(kv[1]), kv[0][1], kv[0][0]))[:TOP]
    return {entity_key(etype, name): len(found) for (etype, name), found in ranked}


def matching_ids(searcher: Searcher, query: str) -> set[str]:
    total = searcher.search(query, limit=1, facets=False, collapse=False, time_limit=None).total
    found = searcher.search(query, limit=total, facets=False, collapse=False, time_limit=None)
    return {h.id for h in found.hits}


@pytest.fixture
def corpus(tmp_path: Path) -> tuple[Path, Path]:
    folder = tmp_path / "briefs"
    write_briefs(folder, 120)
    index_dir = tmp_path / "ix"
    Indexer(index_dir, 20 << 20, workers=1).run([folder])
    return folder, index_dir


def test_entity_counts_cover_every_match_not_only_the_first_hits(corpus: tuple[Path, Path]) -> None:
    _folder, index_dir = corpus
    with Searcher(index_dir) as searcher:
        results = searcher.search("space", limit=5, entities=True, time_limit=None)
        assert results.total > 60  # many more matches than hits returned
        entity = results.facets["entity"]
        assert entity == store_counts(index_dir, matching_ids(searcher, "space"))
        assert max(entity.values()) > 5  # counted past the 5 hits asked for
        assert "entity" not in searcher.search("space").facets  # only when asked (CLI JSON unchanged)


def test_whole_corpus_counts_follow_each_commit(corpus: tuple[Path, Path]) -> None:
    folder, index_dir = corpus
    with Searcher(index_dir) as searcher:
        before = searcher.search("*", limit=1, entities=True, time_limit=None)
        assert before.total == 120
        assert before.facets["entity"] == store_counts(index_dir, matching_ids(searcher, "*"))
        assert "Quayside Courier" not in before.facets["source"]
        gone = sorted(folder.rglob("*.md"))[0]
        gone.unlink()
        (folder / "new.md").write_text(
            "---\ntitle: Harbour radar\ndate: 2026-03-01\nsource: Quayside Courier\n---\n\n"
            "The Space Development Agency said on Monday that the Tracking Layer would reach "
            "orbit in 2027, according to General Mira Okonkwo in Washington.\n",
            encoding="utf-8",
        )
        Indexer(index_dir, 20 << 20, workers=1).run([folder])
        searcher.refresh()
        after = searcher.search("*", limit=1, entities=True, time_limit=None)
        assert after.total == 120
        assert after.facets["source"]["Quayside Courier"] == 1
        assert after.facets["entity"] == store_counts(index_dir, matching_ids(searcher, "*"))
        assert after.facets["entity"] != before.facets["entity"]


def test_counts_stay_right_over_many_commits_on_one_searcher(corpus: tuple[Path, Path]) -> None:
    """Each commit adds a segment and merges some: a refreshed searcher (the app's, between
    searches) counts every brief once, and none that is gone."""
    folder, index_dir = corpus
    with Searcher(index_dir) as searcher:
        for i in range(6):
            (folder / f"extra-{i}.md").write_text(
                f"---\ntitle: Extra {i}\nsource: Extra Desk\n---\n\nThe Space Development Agency met.\n",
                encoding="utf-8",
            )
            sorted(folder.rglob("brief-*.md"))[0].unlink()
            Indexer(index_dir, 20 << 20, workers=1).run([folder])
            searcher.refresh()
            every = searcher.search("*", limit=1, entities=True, time_limit=None)
            assert every.total == 120
            assert every.facets["source"]["Extra Desk"] == i + 1
            assert every.facets["entity"] == store_counts(index_dir, matching_ids(searcher, "*"))
