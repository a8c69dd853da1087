"""The index folder stays private: Whoosh unpickles its table of contents, so a folder that
someone else owns or may write to is refused, before anything in it is read.

(tests/index/test_indexer.py covers a folder anyone may write to, mode 777.)
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from index.indexer import Indexer
from index.search import Searcher
from index.store import IndexUnsafe, open_index
from tests.faults.helpers import MAX_BYTES, write_corpus


def built(tmp_path: Path) -> tuple[Path, Path]:
    corpus, ix = tmp_path / "corpus", tmp_path / "ix"
    write_corpus(corpus, 3)
    Indexer(ix, MAX_BYTES, workers=1).run([corpus])
    return corpus, ix


@pytest.mark.skipif(os.geteuid() != 0, reason="only root can give a folder to another user")
def test_a_folder_owned_by_another_user_is_refused_by_readers_and_writers(tmp_path: Path) -> None:
    corpus, ix = built(tmp_path)
    os.chown(ix, 54321, -1)
    for attempt in (lambda: Searcher(ix), lambda: Indexer(ix, MAX_BYTES, workers=1).run([corpus])):
        with pytest.raises(IndexUnsafe, match="owned by another user"):
            attempt()
    assert any(ix.glob("_MAIN_*.toc")), "refused, not set aside or deleted"


def test_a_group_writable_folder_is_refused_with_the_command_to_fix_it(tmp_path: Path) -> None:
    _, ix = built(tmp_path)
    ix.chmod(0o770)
    with pytest.raises(IndexUnsafe, match="chmod 700") as refused:
        open_index(ix, create=False)
    assert "\n" not in str(refused.value)
    ix.chmod(0o700)
    assert open_index(ix, create=False)[0] is not None
