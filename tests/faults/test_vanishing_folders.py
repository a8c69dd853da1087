"""Corpus folders that vanish, are renamed or become unreadable between runs or during one.

Unreadable is not gone: a folder or file that cannot be read right now (permissions, a
stale network mount) keeps its briefs in the index and is reported. A folder that is
really gone takes its briefs with it. Nothing crashes either way.

Root reads whatever the permissions say (CI runs as root), so unreadability is made the
way the OS reports it: PermissionError from os.scandir / os.open for that path.
"""

from __future__ import annotations

import errno
import os
import shutil
from pathlib import Path

import pytest

from index.indexer import Indexer
from index.search import Searcher
from index.watch import fingerprint
from tests.faults.helpers import COMMON, MAX_BYTES, age, write_brief

PER_FOLDER = 6


def make_corpus(tmp_path: Path) -> tuple[Path, Path]:
    """Two corpus folders, `a` (with a subfolder `a/sub`) and `b`, 6 briefs in each folder."""
    a, b = tmp_path / "a", tmp_path / "b"
    (a / "sub").mkdir(parents=True)
    b.mkdir()
    n = 0
    for folder in (a, a / "sub", b):
        for _ in range(PER_FOLDER):
            age(write_brief(folder, n))
            n += 1
    return a, b


def run(ix: Path, *roots: Path, progress=None):  # type: ignore[no-untyped-def]
    return Indexer(ix, MAX_BYTES, progress=progress, workers=1).run(list(roots))


def total(ix: Path) -> int:
    with Searcher(ix) as s:
        return s.search(COMMON, limit=1).total


def ids_by_title(ix: Path) -> dict[str, str]:
    with Searcher(ix) as s:
        return {h.title: h.id for h in s.search(COMMON, limit=100, collapse=False).hits}


def refuse(monkeypatch: pytest.MonkeyPatch, name: str, path: Path) -> None:
    """Make `os.<name>` (scandir or open) raise PermissionError for `path` only."""
    real = getattr(os, name)
    target = os.fspath(path)

    def guarded(p, *args, **kwargs):  # type: ignore[no-untyped-def]
        if os.fspath(p) == target:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), target)
        return real(p, *args, **kwargs)

    monkeypatch.setattr(os, name, guarded)


@pytest.mark.parametrize("which", ["subfolder", "corpus folder"])
def test_an_unreadable_folder_keeps_its_briefs_and_is_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, which: str
) -> None:
    a, b = make_corpus(tmp_path)
    ix = tmp_path / "ix"
    run(ix, a, b)
    locked = a / "sub" if which == "subfolder" else b
    refuse(monkeypatch, "scandir", locked)
    report = run(ix, a, b)
    assert report.removed == 0 and total(ix) == 3 * PER_FOLDER, "unreadable was taken for gone"
    assert [(p, r) for p, r in report.failed] == [(str(locked), "permission denied (folder)")]


def test_an_unreadable_file_keeps_its_brief(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    a, b = make_corpus(tmp_path)
    ix = tmp_path / "ix"
    run(ix, a, b)
    victim = b / f"b{2 * PER_FOLDER:04d}.md"
    age(write_brief(b, 2 * PER_FOLDER, 1))  # changed, so the indexer must read it
    refuse(monkeypatch, "open", victim)
    report = run(ix, a, b)
    assert report.failed == [(str(victim), "permission denied")]
    assert total(ix) == 3 * PER_FOLDER, "the last good version of the brief stays"


def test_a_vanished_subfolder_takes_its_briefs_and_a_renamed_one_keeps_their_ids(tmp_path: Path) -> None:
    a, b = make_corpus(tmp_path)
    ix = tmp_path / "ix"
    run(ix, a, b)
    before = ids_by_title(ix)
    (a / "sub").rename(a / "moved")
    renamed = run(ix, a, b)
    assert (renamed.added, renamed.removed, renamed.failed) == (PER_FOLDER, PER_FOLDER, [])
    assert ids_by_title(ix) == before, "briefs of a renamed folder keep their ids (and notes)"
    shutil.rmtree(a / "moved")
    gone = run(ix, a, b)
    assert gone.removed == PER_FOLDER and total(ix) == 2 * PER_FOLDER


def test_a_vanished_corpus_folder_takes_its_briefs_with_a_note(tmp_path: Path) -> None:
    a, b = make_corpus(tmp_path)
    ix = tmp_path / "ix"
    run(ix, a, b)
    b.rename(tmp_path / "b-renamed")  # renamed outside brief: the configured folder is gone
    report = run(ix, a, b)
    assert report.removed == PER_FOLDER and total(ix) == 2 * PER_FOLDER
    [note] = [n for n in report.notes if str(b) in n]
    assert "\n" not in note and "gone" in note


def test_a_folder_vanishing_during_a_run_is_survived(tmp_path: Path) -> None:
    a, b = make_corpus(tmp_path)
    ix = tmp_path / "ix"
    run(ix, a, b)
    for n in range(PER_FOLDER, 2 * PER_FOLDER):  # a/sub changes, so the run will read it
        age(write_brief(a / "sub", n, 1))
    vanished = []

    def pull_the_folder(phase: str, done: int, total_: int) -> None:
        if phase == "indexing" and not vanished:
            shutil.rmtree(a / "sub")
            vanished.append(True)

    report = run(ix, a, b, progress=pull_the_folder)
    assert vanished and not report.interrupted
    reasons = {r for _, r in report.failed}
    assert reasons <= {"file not found (deleted, or a broken symlink)"}, reasons
    assert total(ix) >= 2 * PER_FOLDER
    after = run(ix, a, b)  # the next run sees the folder gone
    assert after.failed == [] and total(ix) == 2 * PER_FOLDER


def test_while_the_app_is_open_the_reader_and_the_watcher_survive_a_vanished_folder(tmp_path: Path) -> None:
    a, b = make_corpus(tmp_path)
    ix = tmp_path / "ix"
    run(ix, a, b)
    watched = fingerprint([a, b])
    with Searcher(ix) as s:  # the app's searcher, open before the folder goes
        hit = s.search(f"{COMMON} kq{2 * PER_FOLDER}v0", limit=1).hits[0]
        shutil.rmtree(b)
        stored = s.get(hit.id)
        assert stored is not None and COMMON in stored["body"], "the text comes from the index"
        assert s.search(COMMON, limit=1).total == 3 * PER_FOLDER
    assert fingerprint([a, b]) != watched  # the watcher notices (and raises nothing)
