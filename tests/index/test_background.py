"""Indexing in a child process (the app's background indexing) and change detection."""

from __future__ import annotations

import os
from pathlib import Path

from index.background import IndexRun
from index.search import Searcher
from index.watch import fingerprint


def write_briefs(folder: Path, n: int, word: str = "satellite") -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        (folder / f"b{i:04d}.md").write_text(
            f"---\ntitle: Brief {i}\n---\nA {word} report, number {i}, about launch cadence.\n",
            encoding="utf-8",
        )


def test_child_reports_progress_then_the_summary_and_the_index_answers(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    write_briefs(corpus, 5)
    (corpus / "broken.md").write_bytes(b"\x00\x01binary\x00")
    events = list(IndexRun(tmp_path / "ix", [corpus], 10 << 20).events())
    phases = [e["phase"] for e in events if "phase" in e]
    assert "indexing" in phases and "committing" in phases
    final = events[-1]
    assert final["finished"] is True
    assert (final["added"], final["total"], final["failed"]) == (5, 5, 1)
    assert final["failures"][0][0].endswith("broken.md")
    with Searcher(tmp_path / "ix") as s:
        assert s.search("satellite", limit=10).total == 5

    again = list(IndexRun(tmp_path / "ix", [corpus], 10 << 20).events())[-1]
    assert (again["added"], again["unchanged"]) == (0, 5)


def test_the_child_runs_below_the_apps_priority(tmp_path: Path) -> None:
    """The app's searches come first: the child (and the workers it forks) is nicer than its
    parent by 10 (capped at 19), so a re-index does not take the cores from the reader."""
    corpus = tmp_path / "corpus"
    write_briefs(corpus, 3)
    final = list(IndexRun(tmp_path / "ix", [corpus], 10 << 20).events())[-1]
    assert final["finished"] is True
    assert final["niceness"] == min(19, os.nice(0) + 10)


def test_stopping_the_child_leaves_an_index_that_opens_and_a_rerun_completes(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    write_briefs(corpus, 400)
    run = IndexRun(tmp_path / "ix", [corpus], 10 << 20)
    for event in run.events():
        if event.get("phase") == "indexing":
            run.stop()
            break
    run.proc.wait(timeout=30)
    final = list(IndexRun(tmp_path / "ix", [corpus], 10 << 20).events())[-1]
    assert final["finished"] is True and final["total"] == 400
    with Searcher(tmp_path / "ix") as s:
        assert s.search("cadence", limit=5).total == 400


def test_an_unwritable_index_location_is_reported_not_hung(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    write_briefs(corpus, 2)
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    events = list(IndexRun(blocker / "ix", [corpus], 10 << 20).events())
    assert "error" in events[-1]
    assert str(blocker) in str(events[-1]["error"])


def test_fingerprint_changes_on_add_edit_and_remove_only(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    write_briefs(corpus, 3)
    first = fingerprint([corpus])
    assert fingerprint([corpus]) == first
    (corpus / "notes.tmp").write_text("not a brief")  # not a brief type: ignored
    assert fingerprint([corpus]) == first

    (corpus / "new.md").write_text("# New\nfresh text\n")
    added = fingerprint([corpus])
    assert added != first

    target = corpus / "b0001.md"
    target.write_text(target.read_text() + "edited\n")
    st = target.stat()
    os.utime(target, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000))
    edited = fingerprint([corpus])
    assert edited != added

    (corpus / "new.md").unlink()
    assert fingerprint([corpus]) not in (added, edited)
