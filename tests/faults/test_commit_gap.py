"""A crash between the facts commit and the Whoosh commit (the indexer commits facts first).

The SIGKILL suite found this: briefs whose facts were committed by a run that died before
its Whoosh commit, and whose files were deleted before the next run, keep their facts rows
for ever (the manifest never knew them, so no run removes them). `brief entity`, the
glossary and the timeline then name briefs that are not in the index.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from whoosh.writing import SegmentWriter

from index.indexer import Indexer
from tests.faults.helpers import MAX_BYTES, write_corpus


def facts_rows(index_dir: Path) -> int:
    db = sqlite3.connect(index_dir / "brief-facts.sqlite")
    try:
        return db.execute("SELECT count(*) FROM brief").fetchone()[0]
    finally:
        db.close()


def run(index_dir: Path, corpus: Path):  # type: ignore[no-untyped-def]
    return Indexer(index_dir, MAX_BYTES, workers=1).run([corpus])


def test_facts_of_briefs_lost_in_a_crash_do_not_outlive_their_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus, index_dir = tmp_path / "corpus", tmp_path / "ix"
    write_corpus(corpus, 4)
    run(index_dir, corpus)
    write_corpus(corpus / "new", 3)

    def die(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        raise KeyboardInterrupt  # the process ends here: facts committed, Whoosh not

    with monkeypatch.context() as m:
        m.setattr(SegmentWriter, "commit", die)
        assert run(index_dir, corpus).interrupted
    for path in (corpus / "new").iterdir():
        path.unlink()
    report = run(index_dir, corpus)
    assert report.total_briefs == 4
    assert facts_rows(index_dir) == 4, "facts of briefs that no longer exist are still there"


def test_a_crash_between_the_two_commits_is_caught_up_by_the_next_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus, index_dir = tmp_path / "corpus", tmp_path / "ix"
    write_corpus(corpus, 4)
    run(index_dir, corpus)
    write_corpus(corpus / "new", 3)
    with monkeypatch.context() as m:
        m.setattr(SegmentWriter, "commit", lambda self, *a, **k: (_ for _ in ()).throw(KeyboardInterrupt))
        assert run(index_dir, corpus).interrupted
    report = run(index_dir, corpus)
    assert (report.added, report.total_briefs) == (3, 7)
    assert facts_rows(index_dir) == 7
