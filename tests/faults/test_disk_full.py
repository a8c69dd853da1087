"""Disk full while indexing: a clear error, and the previous index keeps working.

Two ways to fill the disk: a write failure injected into Whoosh's storage (always runs;
at the first write, half way through, or writing the table of contents), and a real
small tmpfs (when this process may mount one, as root in CI), where SQLite and the
manifest meet the full disk too.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from index.indexer import Indexer
from index.search import Searcher
from index.store import open_index
from tests.faults.fill_disk import disk_fills
from tests.faults.helpers import (
    COMMON, MAX_BYTES, ROOT, Child, age, assert_matches_model, configure, write_brief, write_corpus,
)


def prepare(tmp_path: Path, isolated: Path) -> tuple[Path, Path, dict[int, int], dict[int, int]]:
    """An index of 40 briefs, then 30 more and 10 edits waiting: (corpus, index, before, after)."""
    corpus = tmp_path / "corpus"
    before = write_corpus(corpus, 40)
    ix = configure(isolated, corpus)
    Indexer(ix, MAX_BYTES, workers=1).run([corpus])
    after = dict(before)
    touched = [write_brief(corpus, n) for n in range(40, 70)]
    after.update({n: 0 for n in range(40, 70)})
    for n in range(10):
        after[n] = 1
        touched.append(write_brief(corpus, n, 1))
    age(*touched)
    return corpus, ix, before, after


def bytes_a_run_writes(ix: Path, corpus: Path) -> int:
    copy = ix.with_name("measure")
    shutil.copytree(ix, copy)
    copy.chmod(0o700)
    with disk_fills(None) as budget:
        Indexer(copy, MAX_BYTES, workers=1).run([corpus])
    return budget.written


def leftovers(ix: Path) -> set[str]:
    """Files of the index folder that its table of contents does not name."""
    index, _ = open_index(ix, create=False)
    assert index is not None
    live = {seg.segment_id() for seg in index._segments()}
    return {
        p.name for p in ix.iterdir()
        if p.name.startswith("MAIN") and p.name != "MAIN_WRITELOCK" and p.name.split(".")[0] not in live
    }


def brief_on_a_filling_disk(limit: int, only: str, *args: str) -> subprocess.CompletedProcess[str]:
    """`brief ARGS` in its own process, Whoosh's writes failing after `limit` bytes."""
    return subprocess.run(
        [sys.executable, "-m", "tests.faults.fill_disk", str(limit), only, *args],
        capture_output=True, text=True, timeout=120, cwd=ROOT,
    )


@pytest.mark.parametrize("where", ["first-write", "half-way", "table-of-contents"])
def test_disk_full_is_one_clear_line_and_the_previous_index_keeps_working(
    tmp_path: Path, isolated: Path, where: str
) -> None:
    corpus, ix, before, after = prepare(tmp_path, isolated)
    limit, only = {
        "first-write": (0, ""),
        "half-way": (bytes_a_run_writes(ix, corpus) // 2, ""),
        "table-of-contents": (0, ".toc"),
    }[where]
    result = brief_on_a_filling_disk(limit, only, "index", "-q")
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    [line] = result.stderr.strip().splitlines()
    assert str(ix) in line and "cannot write the index: No space left on device" in line

    assert_matches_model(ix, before)  # the last commit, whole
    open_index(ix)  # the next run's open clears what the failed writer left
    assert not leftovers(ix), "a failed write left files behind, on a disk already full"

    report = Indexer(ix, MAX_BYTES, workers=1).run([corpus])  # space again: it catches up
    assert not report.notes, "nothing was damaged, nothing to rebuild"
    assert_matches_model(ix, after)


def test_after_a_full_disk_the_same_process_can_index_again(tmp_path: Path, isolated: Path) -> None:
    corpus, ix, before, after = prepare(tmp_path, isolated)
    with disk_fills(0), pytest.raises(OSError):
        Indexer(ix, MAX_BYTES, workers=1).run([corpus])
    lock = open_index(ix, create=False)[0].lock("WRITELOCK")  # type: ignore[union-attr]
    assert lock.acquire(blocking=False), "the failed writer still holds the write lock"
    lock.release()


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 4 MB tmpfs, unmounted afterwards; skipped where this process may not mount."""
    mnt = tmp_path / "disk"
    mnt.mkdir()
    try:
        made = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "size=4m,mode=0700", "tmpfs", str(mnt)],
            capture_output=True, timeout=10,
        )
    except (OSError, subprocess.TimeoutExpired):
        pytest.skip("cannot run mount")
    if made.returncode != 0:
        pytest.skip("no permission to mount a small tmpfs here")
    try:
        yield mnt
    finally:
        subprocess.run(["umount", "-l", str(mnt)], capture_output=True, timeout=10)


def fill(disk: Path, leave: int) -> Path:
    filler = disk / "filler"
    free = shutil.disk_usage(disk).free
    with open(filler, "wb") as fh:
        fh.write(b"\0" * max(0, free - leave))
    return filler


def test_a_real_full_disk_reports_and_keeps_the_previous_index(
    tmp_path: Path, isolated: Path, small_disk: Path
) -> None:
    corpus = tmp_path / "corpus"
    before = write_corpus(corpus, 40)
    ix = small_disk / "ix"
    assert Child(ix, [corpus]).finish().get("finished")
    after = dict(before)
    age(*(write_brief(corpus, n) for n in range(40, 400)))
    after.update({n: 0 for n in range(40, 400)})
    filler = fill(small_disk, 64 << 10)

    final = Child(ix, [corpus]).finish()  # the app's background run
    message = str(final.get("error", ""))
    assert "cannot write the index" in message and "full" in message.lower(), final
    assert "\n" not in message
    with Searcher(ix) as s:  # the last commit still answers, the disk still full
        assert s.search(COMMON, limit=5, collapse=False).total == len(before)

    filler.unlink()
    final = Child(ix, [corpus]).finish()
    assert final.get("finished") and not final["notes"], final
    assert_matches_model(ix, after)


def test_brief_index_and_search_on_a_real_full_disk_print_one_line(
    tmp_path: Path, isolated: Path, small_disk: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = tmp_path / "corpus"
    write_corpus(corpus, 40)
    configure(isolated, corpus)
    monkeypatch.setenv("BRIEF_INDEX_DIR", str(small_disk / "ix"))
    from tui.cli import cli

    assert CliRunner().invoke(cli, ["index", "-q"]).exit_code == 0
    age(*(write_brief(corpus, n) for n in range(40, 400)))
    fill(small_disk, 16 << 10)
    indexed = CliRunner().invoke(cli, ["index", "-q"])
    searched = CliRunner().invoke(cli, ["search", COMMON])
    assert indexed.exception is None or isinstance(indexed.exception, SystemExit), indexed.exception
    assert indexed.exit_code == 1 and "cannot write the index" in indexed.output
    assert searched.exit_code == 0 and "40 briefs match" in searched.output, searched.exception
