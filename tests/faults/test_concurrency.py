"""Two instances on one corpus: one indexes in the background, the other keeps searching,
and a third runs `brief index` from the shell meanwhile.

Readers take no lock: they must never fail, and always see a whole commit (every brief
holds the common word, so a search for it finds exactly the briefs the reader sees).
Writers share Whoosh's write lock: the loser waits, or says it is busy (exit status 3);
it never crashes with LockError.
"""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from index.search import Searcher
from index.store import open_index
from tests.faults.helpers import (
    COMMON, Child, age, assert_matches_model, configure, write_brief, write_corpus,
)

BRIEFS = 150
EXIT_BUSY = 3


def brief_command() -> list[str]:
    """The installed `brief` of this interpreter's environment (the venv's)."""
    exe = Path(sys.executable).with_name("brief")
    if exe.exists():
        return [str(exe)]
    found = shutil.which("brief")
    if found is None:
        pytest.skip("the `brief` command is not installed")
    return [found]


def edit(corpus: Path, model: dict[int, int], rng: random.Random, count: int) -> None:
    touched = []
    for n in rng.sample(sorted(model), count):
        model[n] += 1
        touched.append(write_brief(corpus, n, model[n]))
    age(*touched)


def check_whole(searcher: Searcher) -> int:
    """A search answers from one whole commit: every brief it sees holds the common word."""
    docs = searcher.doc_count
    assert searcher.search(COMMON, limit=5).total == docs
    return docs


def test_readers_never_fail_while_another_process_indexes_and_a_third_waits_or_says_busy(
    tmp_path: Path, isolated: Path
) -> None:
    rng = random.Random(7)
    corpus = tmp_path / "corpus"
    model = write_corpus(corpus, BRIEFS)
    ix = configure(isolated, corpus)
    assert Child(ix, [corpus]).finish().get("finished")

    long_lived = Searcher(ix)  # the app keeps one open and refreshes it after each commit
    searches, shell_results = 0, []
    try:
        for round_no in range(3):
            edit(corpus, model, rng, 50)
            child = Child(ix, [corpus])
            shell = None
            if round_no == 1:
                shell = subprocess.Popen(
                    brief_command() + ["index", "-q"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                    text=True, env={**os.environ, "BRIEF_INDEX_DIR": str(ix)},
                )
            while child.proc.poll() is None or (shell is not None and shell.poll() is None):
                with Searcher(ix) as fresh:
                    check_whole(fresh)
                long_lived.refresh()
                check_whole(long_lived)
                searches += 1
            final = child.finish()
            assert final.get("finished") or final.get("busy"), final
            if shell is not None:
                out, err = shell.communicate(timeout=60)
                shell_results.append((shell.returncode, err))
    finally:
        long_lived.close()
    assert searches >= 3, "the searches did not overlap the indexing"
    [(code, err)] = shell_results
    assert "Traceback" not in err and "LockError" not in err, err
    if code == EXIT_BUSY:
        [line] = err.strip().splitlines()
        assert "another brief process" in line
    else:
        assert code == 0, err
    Child(ix, [corpus]).finish()
    assert_matches_model(ix, model)


def hold_write_lock(index_dir: Path, seconds: float) -> threading.Thread:
    """Take the index's write lock in this process for a while, as another writer would."""
    ix, _ = open_index(index_dir, create=False)
    assert ix is not None
    writer = ix.writer()

    def release() -> None:
        time.sleep(seconds)
        writer.cancel()

    thread = threading.Thread(target=release)
    thread.start()
    return thread


def test_a_second_writer_says_it_is_waiting_then_indexes(tmp_path: Path, isolated: Path) -> None:
    corpus = tmp_path / "corpus"
    model = write_corpus(corpus, 20)
    ix = configure(isolated, corpus)
    assert Child(ix, [corpus]).finish().get("finished")
    edit(corpus, model, random.Random(3), 5)
    holder = hold_write_lock(ix, 2.0)
    try:
        shell = subprocess.run(
            brief_command() + ["index", "-q"], capture_output=True, text=True, timeout=60,
            env={**os.environ, "BRIEF_INDEX_DIR": str(ix)},
        )
    finally:
        holder.join()
    assert shell.returncode == 0, shell.stderr
    assert "waiting" in shell.stderr.lower(), "the second writer waited without saying so"
    assert_matches_model(ix, model)
