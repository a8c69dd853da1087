"""The glossary and entity views follow edits and deletions of briefs."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from briefs.config import SAMPLES_DIR
from index.corpus import entity, entity_total, glossary
from index.factstore import connect
from index.indexer import Indexer


def run(index_dir: Path, corpus: Path) -> None:
    Indexer(index_dir, 20 << 20, workers=1).run([corpus])


def test_glossary_follows_edits_and_deletions(tmp_path: Path) -> None:
    corpus = tmp_path / "c"
    corpus.mkdir()
    a = corpus / "a.md"
    a.write_text("---\ntitle: A\n---\nThe Space Development Agency (SDA) buys satellites.\n")
    (corpus / "b.md").write_text("---\ntitle: B\n---\nThe Missile Defense Agency (MDA) tests interceptors.\n")
    ix = tmp_path / "ix"
    run(ix, corpus)
    assert {e.short: list(e.expansions) for e in glossary(ix)} == {
        "MDA": ["Missile Defense Agency"], "SDA": ["Space Development Agency"]}
    a.write_text("---\ntitle: A\n---\nThe Strategic Defence Authority (SDA) buys satellites.\n")
    run(ix, corpus)
    assert [list(e.expansions) for e in glossary(ix) if e.short == "SDA"] == [["Strategic Defence Authority"]]
    a.unlink()
    run(ix, corpus)
    assert [e.short for e in glossary(ix)] == ["MDA"]
    assert [m.title for m in entity(ix, "MDA")] == ["B"]


def _briefs(corpus: Path, dated: dict[str, str | None], text: str) -> None:
    for title, when in dated.items():
        front = f"title: {title}\n" + (f"date: {when}\n" if when else "")
        (corpus / f"{title.lower().replace(' ', '-')}.md").write_text(f"---\n{front}---\n{text}\n")


def test_entity_lists_newest_first_whether_the_name_is_common_or_rare(tmp_path: Path) -> None:
    corpus = tmp_path / "c"
    corpus.mkdir()
    _briefs(corpus, {"Alpha": "2026-03-01", "Bravo": "2026-05-01", "Charlie": "2026-05-01",
                     "Delta": None, "Echo": "2025-12-24", "Foxtrot": "2026-01-15"},
            "The Space Development Agency (SDA) launched satellites for the Tracking Layer.")
    ix = tmp_path / "ix"
    run(ix, corpus)
    newest = ["Bravo", "Charlie", "Alpha", "Foxtrot", "Echo", "Delta"]  # same day: by title; undated last
    # Named in every brief: the first few are found by walking the briefs newest first...
    assert [m.title for m in entity(ix, "SDA", limit=3)] == newest[:3]
    # ...and all of them by gathering the briefs that name it and sorting them.
    assert [m.title for m in entity(ix, "Space Development Agency", limit=50)] == newest
    assert all("Space Development Agency" in m.sentence for m in entity(ix, "SDA"))


def test_entity_counts_follow_edits_and_deletions(tmp_path: Path) -> None:
    corpus = tmp_path / "c"
    corpus.mkdir()
    _briefs(corpus, {"One": "2026-01-01", "Two": "2026-01-02", "Three": "2026-01-03"},
            "The Missile Defense Agency (MDA) tested an interceptor.")
    ix = tmp_path / "ix"
    run(ix, corpus)
    assert entity_total(ix, "MDA") == entity_total(ix, "missile defense agency") == 3
    (corpus / "two.md").write_text("---\ntitle: Two\n---\nThe Army fielded a radar.\n")
    (corpus / "three.md").unlink()
    run(ix, corpus)
    assert entity_total(ix, "MDA") == 1
    assert entity_total(ix, "Army") == 1
    assert [m.title for m in entity(ix, "MDA")] == ["One"]


def test_a_store_written_before_the_name_counts_still_answers(tmp_path: Path) -> None:
    corpus = tmp_path / "c"
    corpus.mkdir()
    _briefs(corpus, {"One": "2026-01-01", "Two": "2026-01-02"},
            "The Missile Defense Agency (MDA) tested an interceptor.")
    ix = tmp_path / "ix"
    run(ix, corpus)
    with connect(ix) as db:
        db.execute("DELETE FROM name_count")
    assert entity_total(ix, "MDA") == 2
    assert [m.title for m in entity(ix, "MDA", limit=1)] == ["Two"]
    (corpus / "three.md").write_text("---\ntitle: Three\n---\nThe Missile Defense Agency (MDA) again.\n")
    run(ix, corpus)  # the next commit counts every name again
    with connect(ix) as db:
        counted = "SELECT briefs FROM name_count WHERE kind = 'entity' AND name = 'Missile Defense Agency'"
        assert db.execute(counted).fetchone() == (3,)


def test_name_counts_stay_exact_through_edits(tmp_path: Path) -> None:
    corpus = tmp_path / "c"
    shutil.copytree(SAMPLES_DIR, corpus)
    ix = tmp_path / "ix"
    run(ix, corpus)
    edited = sorted(corpus.rglob("*.md"))
    edited[0].write_text("---\ntitle: Rewritten\n---\nThe Missile Defense Agency (MDA) and NASA met in Huntsville.\n")
    edited[1].unlink()
    edited[2].write_text(edited[2].read_text() + "\nThe Space Development Agency (SDA) replied.\n")
    run(ix, corpus)

    def counts(db: sqlite3.Connection, query: str) -> dict[tuple[str, str], int]:
        return {(kind, name): n for kind, name, n in db.execute(query)}

    with connect(ix) as db:
        kept = counts(db, "SELECT kind, name, briefs FROM name_count WHERE kind != ''")
        fresh = counts(db, "SELECT 'entity', name, COUNT(DISTINCT id) FROM entity GROUP BY name "
                           "UNION ALL SELECT 'acronym', short, COUNT(DISTINCT id) FROM acronym GROUP BY short")
    assert kept == fresh
    assert kept[("entity", "Missile Defense Agency")] >= 1
