"""A long search session does not keep the whole index resident: past a limit, the pages
of the segment maps are let go, and searching goes on with the same answers."""

from __future__ import annotations

from pathlib import Path

from index import zerocopy
from index.indexer import Indexer
from index.search import Searcher
from tests.index.conftest import SAMPLES


def test_mapped_pages_are_released_past_the_limit_and_answers_do_not_change(
    tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    Indexer(tmp_path / "ix", 20 << 20, workers=1).run([SAMPLES])
    with Searcher(tmp_path / "ix") as s:
        before = [(h.id, round(h.score, 6), h.snippet) for h in s.search("tracking layer", limit=10).hits]
        assert zerocopy._MAPS, "the segments are read through tracked maps"
        assert zerocopy.resident_mapped() > 0
        released = []
        real = zerocopy.release_pages
        monkeypatch.setattr(zerocopy, "release_pages", lambda limit=0: released.append(real(0)))
        after = [(h.id, round(h.score, 6), h.snippet) for h in s.search("tracking layer", limit=10).hits]
        again = [(h.id, round(h.score, 6), h.snippet) for h in s.search("tracking layer", limit=10).hits]
    assert released == [True, True]
    assert before == after == again


def test_under_the_limit_nothing_is_released() -> None:
    assert zerocopy.release_pages(limit=1 << 60) is False
