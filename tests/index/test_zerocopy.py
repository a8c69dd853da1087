"""Segments are read in place: searches see the same bytes without a private copy each."""

from __future__ import annotations

import io
import pickle

import pytest

from index.zerocopy import MappedReader


def test_mapped_reader_behaves_like_a_binary_file() -> None:
    data = b"first line\nsecond line\n" + pickle.dumps({"a": [1, 2, 3]})
    ours, ref = MappedReader(data), io.BytesIO(data)
    for op in (lambda f: f.read(5), lambda f: f.readline(), lambda f: f.tell(), lambda f: f.readline(),
               lambda f: f.seek(3), lambda f: f.read(0), lambda f: f.seek(-4, 2), lambda f: f.read(),
               lambda f: f.read(10), lambda f: f.seek(2, 0), lambda f: f.seek(3, 1), lambda f: f.tell()):
        assert op(ours) == op(ref)
    ours.seek(len(b"first line\nsecond line\n"))
    assert pickle.load(ours) == {"a": [1, 2, 3]}  # type: ignore[arg-type]
    buf = bytearray(4)
    ours.seek(0)
    assert ours.readinto(buf) == 4 and bytes(buf) == b"firs"
    with pytest.raises(ValueError):
        ours.seek(-1)
    with pytest.raises(OSError):
        ours.write(b"x")


def test_whoosh_segments_open_through_the_mapped_reader(small_corpus, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from index.indexer import Indexer
    from index.search import Searcher
    from whoosh.filedb.structfile import BufferFile

    Indexer(tmp_path / "ix", 20 << 20, workers=1).run([small_corpus])
    assert isinstance(BufferFile(b"abc").file, MappedReader)
    with Searcher(tmp_path / "ix") as s:
        results = s.search("glide", limit=5)
        assert results.total >= 1
        assert "glide" in results.hits[0].title.lower() or "glide" in results.hits[0].snippet.lower()


def test_pickles_load_one_after_another_through_peek() -> None:
    """pickle.load() peeks ahead, then reads only what it used: back-to-back pickles (a
    block header, then its data) come out whole and the position lands after each."""
    first, second = (3, 127, 1.5, 1, 12, 40), {"ids": list(range(300)), "text": "x" * 1000}
    data = pickle.dumps(first, 2) + pickle.dumps(second, 5) + b"tail"
    reader = MappedReader(data)
    assert reader.peek(4) == data[:4] and reader.tell() == 0
    assert pickle.load(reader) == first
    assert reader.tell() == len(pickle.dumps(first, 2))
    assert pickle.load(reader) == second
    assert reader.read() == b"tail"
