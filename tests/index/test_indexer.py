"""Incremental indexing: add, edit, delete, rename, failures, interrupts, damage."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from index.indexer import Indexer
from index.search import Searcher
from index.store import IndexUnsafe


def run(index_dir: Path, *roots: Path, full: bool = True, progress=None):  # type: ignore[no-untyped-def]
    return Indexer(index_dir, 20 << 20, progress=progress, workers=1).run(list(roots), full=full)


def titles(index_dir: Path, query: str) -> list[str]:
    with Searcher(index_dir) as s:
        return sorted(h.title for h in s.search(query, limit=50).hits)


def test_add_edit_delete_rename(small_corpus: Path, tmp_path: Path) -> None:
    ix = tmp_path / "ix"
    report = run(ix, small_corpus)
    assert (report.added, report.updated, report.removed, report.failed) == (5, 0, 0, [])
    assert report.total_briefs == 5

    again = run(ix, small_corpus)
    assert (again.added, again.updated, again.removed, again.unchanged) == (0, 0, 0, 5)

    delay = small_corpus / "space" / "tracking-delay.md"
    delay.write_text(delay.read_text().replace("supplier delay", "supplier delay at Zephyrion"))
    edited = run(ix, small_corpus)
    assert (edited.updated, edited.unchanged) == (1, 4)
    assert titles(ix, "zephyrion") == ["Tracking Layer launch slips to 2027"]

    with Searcher(ix) as s:
        [hit] = s.search("glide notes", limit=5).hits
        old_id = hit.id
    (small_corpus / "space" / "glide-vehicles.txt").rename(small_corpus / "space" / "hgv-notes.txt")
    renamed = run(ix, small_corpus)
    assert (renamed.added, renamed.removed) == (1, 1)
    with Searcher(ix) as s:
        [hit] = s.search("glide notes", limit=5).hits
        assert hit.path.endswith("hgv-notes.txt")
        assert hit.id == old_id, "a renamed brief keeps its id, so notes stay attached"

    (small_corpus / "notes" / "launch-market.md").unlink()
    removed = run(ix, small_corpus)
    assert removed.removed == 1 and removed.total_briefs == 4
    assert titles(ix, "vulcan") == []


def test_touched_but_unchanged_file_is_not_reindexed(small_corpus: Path, tmp_path: Path) -> None:
    ix = tmp_path / "ix"
    run(ix, small_corpus)
    os.utime(small_corpus / "notes" / "budget.md", None)
    report = run(ix, small_corpus)
    assert (report.updated, report.unchanged) == (0, 5)


def test_ids_survive_moving_the_corpus_folder(small_corpus: Path, tmp_path: Path) -> None:
    run(tmp_path / "ix1", small_corpus)
    moved = tmp_path / "elsewhere" / "renamed-corpus"
    shutil.copytree(small_corpus, moved)
    run(tmp_path / "ix2", moved)
    with Searcher(tmp_path / "ix1") as a, Searcher(tmp_path / "ix2") as b:
        ids_a = {h.title: h.id for h in a.search("*", limit=50).hits}
        ids_b = {h.title: h.id for h in b.search("*", limit=50).hits}
    assert ids_a == ids_b and len(ids_a) == 5


def test_bad_files_are_reported_and_the_rest_indexed(small_corpus: Path, tmp_path: Path) -> None:
    (small_corpus / "binary.md").write_bytes(b"\x00\x01\x02" * 100)
    (small_corpus / "empty.txt").write_text("")
    (small_corpus / "huge.md").write_bytes(b"a " * 600_000)
    report = Indexer(tmp_path / "ix", 1 << 20, workers=1).run([small_corpus])
    reasons = {Path(p).name: r for p, r in report.failed}
    assert set(reasons) == {"binary.md", "empty.txt", "huge.md"}
    assert "binary" in reasons["binary.md"] and "too large" in reasons["huge.md"]
    assert report.added == 5 and report.total_briefs == 5


def test_index_path_keeps_other_folders(small_corpus: Path, tmp_path: Path) -> None:
    ix = tmp_path / "ix"
    run(ix, small_corpus / "space", full=False)
    run(ix, small_corpus / "notes", full=False)
    assert len(titles(ix, "*")) == 5
    run(ix, small_corpus / "notes", full=True)
    assert len(titles(ix, "*")) == 2, "a full run drops folders no longer in the corpus"


def test_interrupt_leaves_a_usable_index(small_corpus: Path, tmp_path: Path) -> None:
    ix = tmp_path / "ix"
    run(ix, small_corpus / "space")

    def stop(phase: str, done: int, total: int) -> None:
        if phase == "indexing" and done == 1:
            raise KeyboardInterrupt

    report = run(ix, small_corpus, progress=stop)
    assert report.interrupted
    assert len(titles(ix, "*")) == 3, "the last commit is intact"
    finished = run(ix, small_corpus)
    assert finished.added == 2 and len(titles(ix, "*")) == 5


def test_damaged_index_is_set_aside_and_rebuilt(small_corpus: Path, tmp_path: Path) -> None:
    ix = tmp_path / "ix"
    run(ix, small_corpus)
    [toc] = ix.glob("_MAIN_*.toc")
    toc.write_bytes(toc.read_bytes()[:20])  # as after a power loss
    report = run(ix, small_corpus)
    assert any("unreadable" in note and "set aside" in note for note in report.notes)
    assert report.added == 5 and len(titles(ix, "*")) == 5


def test_index_folder_is_private_and_others_writable_is_refused(small_corpus: Path, tmp_path: Path) -> None:
    ix = tmp_path / "ix"
    run(ix, small_corpus)
    assert (ix.stat().st_mode & 0o777) == 0o700
    ix.chmod(0o777)
    with pytest.raises(IndexUnsafe, match="writable by other users"):
        run(ix, small_corpus)


def test_feed_items_are_briefs(tmp_path: Path) -> None:
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "feed.xml").write_text(
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Wire</title>'
        "<item><title>Ariane 6 flies</title><link>https://example.com/a6</link>"
        "<pubDate>2026-02-03T08:30:00+00:00</pubDate><description>Launch from Kourou.</description></item>"
        "<item><title>Vega C returns</title><link>https://example.com/vc</link>"
        "<pubDate>Tue, 14 Oct 2025 09:00:00 +0000</pubDate><description>Small launcher.</description></item>"
        "</channel></rss>"
    )
    ix = tmp_path / "ix"
    assert run(ix, corpus).total_briefs == 2
    with Searcher(ix) as s:
        [hit] = s.search("kourou").hits
    assert hit.title == "Ariane 6 flies" and hit.date.isoformat() == "2026-02-03"
    (corpus / "feed.xml").unlink()
    assert run(ix, corpus).total_briefs == 0


def test_a_moved_folder_stopped_half_way_keeps_every_brief(
    small_corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The old files leave with the last commit: a run stopped after its first batch (the
    app's background run, killed) must not leave an index that lost them before it had
    their new copies."""
    from index import indexer

    ix = tmp_path / "ix"
    run(ix, small_corpus)
    before = titles(ix, "*")
    moved = tmp_path / "renamed"
    small_corpus.rename(moved)
    monkeypatch.setattr(indexer, "BATCH_DOCS", 2)
    monkeypatch.setattr(indexer, "TAIL_FILES", 0)

    def stop(phase: str, done: int, total: int) -> None:
        if phase == "indexing" and done == 3:  # after the first batch of two was committed
            raise KeyboardInterrupt

    assert run(ix, moved, progress=stop).interrupted
    assert titles(ix, "*") == before
    finished = run(ix, moved)
    assert finished.removed == 5 and titles(ix, "*") == before
    with Searcher(ix) as s:
        assert all(h.path.startswith(str(moved)) for h in s.search("*", limit=50).hits)


def test_the_glossary_is_whole_after_a_build_in_batches_and_after_one_that_was_stopped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A new index recomputes its glossary once, at its last commit; a run that follows one
    that died part-way recomputes all of it too (its earlier batches were never counted)."""
    from index import indexer
    from index.corpus import glossary
    from tests.index.conftest import SAMPLES

    def entries(ix: Path) -> list[tuple[str, tuple[str, ...], int]]:
        return [(e.short, tuple(sorted(e.expansions)), e.briefs) for e in glossary(ix)]

    run(tmp_path / "whole", SAMPLES)
    expected = entries(tmp_path / "whole")
    assert len(expected) > 20
    monkeypatch.setattr(indexer, "BATCH_DOCS", 5)
    monkeypatch.setattr(indexer, "TAIL_FILES", 0)
    run(tmp_path / "batches", SAMPLES)
    assert entries(tmp_path / "batches") == expected

    def stop(phase: str, done: int, total: int) -> None:
        if phase == "indexing" and done == 12:
            raise KeyboardInterrupt

    assert run(tmp_path / "stopped", SAMPLES, progress=stop).interrupted
    run(tmp_path / "stopped", SAMPLES)
    assert entries(tmp_path / "stopped") == expected


def test_a_new_store_makes_its_big_indexes_and_name_counts_at_its_end(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A new index fills the facts store without its entity/acronym/date indexes and name
    counts, and makes them at its last commit: the store ends as one filled brief by brief
    (the same counts, glossary and indexes); a reader meanwhile does not make them (it would
    wait for the writer's lock); a build stopped part-way gets them at the next run."""
    import sqlite3

    from index import factstore, indexer
    from tests.index.conftest import SAMPLES

    folders = sorted(p for p in SAMPLES.iterdir() if p.is_dir())
    first, second = tmp_path / "a", tmp_path / "b"
    for root, part in ((first, folders[::2]), (second, folders[1::2])):
        for p in part:
            shutil.copytree(p, root / p.name)

    def store(ix: Path) -> dict[str, object]:
        db = sqlite3.connect(ix / factstore.FACTS_DB)
        try:
            return {
                "indexes": {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'index'")},
                "counts": sorted(db.execute("SELECT kind, name, briefs FROM name_count")),
                "glossary": sorted(db.execute("SELECT short, long, defined_in, briefs FROM glossary")),
                "entities": db.execute("SELECT COUNT(*) FROM entity").fetchone()[0],
            }
        finally:
            db.close()

    run(tmp_path / "new", first, second)
    run(tmp_path / "grown", first)
    run(tmp_path / "grown", first, second)  # the second run adds to a store that has briefs
    new, grown = store(tmp_path / "new"), store(tmp_path / "grown")
    assert new == grown
    assert set(factstore.DEFERRED) <= new["indexes"]  # type: ignore[operator]
    assert len(new["counts"]) > 50 and new["entities"] > 100  # type: ignore[arg-type, operator]

    monkeypatch.setattr(indexer, "BATCH_DOCS", 5)
    monkeypatch.setattr(indexer, "TAIL_FILES", 0)
    seen: dict[str, set[str]] = {}

    def stop(phase: str, done: int, total: int) -> None:
        if phase == "indexing" and done == 12:
            factstore.connect(tmp_path / "stopped").close()  # a reader, mid-build
            seen.update(store(tmp_path / "stopped"))  # type: ignore[arg-type]
            raise KeyboardInterrupt

    assert run(tmp_path / "stopped", first, second, progress=stop).interrupted
    assert not set(factstore.DEFERRED) & seen["indexes"]
    run(tmp_path / "stopped", first, second)
    assert store(tmp_path / "stopped") == new
