"""Read Whoosh segments in place instead of copying each one into memory.

Whoosh 2.7 opens every file inside a compound segment (`.seg`) as a `BufferFile` over
a memory map, and `BufferFile` wraps the map in `io.BytesIO(buf)`, which copies it: each
searcher held its own private copy of the postings and columns (about 250 MB at 10,000
briefs), and the app keeps a few searchers. `install()` gives `BufferFile` a reader that
reads from the map itself: the same bytes, served by the page cache and shared by every
searcher (about 40 MB per searcher at 10,000 briefs instead of 290). Measured and tested
on whoosh-reloaded 2.7.5, the version pyproject.toml pins.
"""

from __future__ import annotations

import mmap
import weakref

from whoosh.filedb import compound, structfile

# Resident pages of the segment maps a process may keep before release_pages() lets them go.
RESIDENT_LIMIT = 320 << 20
_MAPS: weakref.WeakSet[mmap.mmap] = weakref.WeakSet()
_PEEK = 256  # bytes peek() gives: more than a block header's pickle, far less than a page


class MappedReader:
    """The part of a binary file's interface Whoosh reads through, over a buffer, no copy."""

    __slots__ = ("_buf", "_pos")

    def __init__(self, buf: object) -> None:
        self._buf = memoryview(buf)  # type: ignore[arg-type]
        self._pos = 0

    def read(self, size: int | None = -1) -> bytes:
        start = self._pos
        end = len(self._buf) if size is None or size < 0 else min(start + size, len(self._buf))
        self._pos = max(start, end)
        return self._buf[start:end].tobytes()

    def peek(self, size: int = 0) -> bytes:
        """Some bytes ahead without moving (at most _PEEK). With it, pickle.load() takes a
        posting block's header in one call and reads past it once, instead of calling read()
        for every opcode (~20 calls of ~2 us a block)."""
        start = self._pos
        return self._buf[start : start + min(max(size, 1), _PEEK)].tobytes()

    def readinto(self, target: bytearray | memoryview) -> int:
        data = self.read(len(target))
        target[: len(data)] = data
        return len(data)

    def readline(self, size: int | None = -1) -> bytes:
        start = self._pos
        limit = len(self._buf) if size is None or size < 0 else min(start + size, len(self._buf))
        end = start
        while end < limit:
            end += 1
            if self._buf[end - 1] == 10:  # b"\n"
                break
        self._pos = end
        return self._buf[start:end].tobytes()

    def seek(self, pos: int, whence: int = 0) -> int:
        if whence == 1:
            pos += self._pos
        elif whence == 2:
            pos += len(self._buf)
        if pos < 0:
            raise ValueError("negative seek position")
        self._pos = pos
        return pos

    def tell(self) -> int:
        return self._pos

    def write(self, data: bytes) -> int:
        raise OSError("a segment read in place cannot be written")

    def flush(self) -> None:
        pass

    def close(self) -> None:
        self._buf.release()


def _buffer_file_init(self, buf, name=None, onclose=None):  # type: ignore[no-untyped-def]
    self._buf = buf
    self._name = name
    self.file = MappedReader(buf)
    self.onclose = onclose
    self.is_real = False
    self.is_closed = False


def install() -> None:
    """Make Whoosh's BufferFile read in place (idempotent)."""
    structfile.BufferFile.__init__ = _buffer_file_init  # type: ignore[method-assign]
    if not getattr(compound.CompoundStorage.__init__, "_brief_tracked", False):
        compound.CompoundStorage.__init__ = _tracked(compound.CompoundStorage.__init__)  # type: ignore[method-assign]


def _tracked(init):  # type: ignore[no-untyped-def]
    def __init__(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        init(self, *args, **kwargs)
        if isinstance(getattr(self, "_source", None), mmap.mmap):
            _MAPS.add(self._source)

    __init__._brief_tracked = True  # type: ignore[attr-defined]
    return __init__


def resident_mapped() -> int:
    """Bytes of mapped files resident in this process (Linux; 0 where unknown)."""
    try:
        with open("/proc/self/status", "rb") as status:
            for line in status:
                if line.startswith(b"RssFile:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return 0


def release_pages(limit: int = RESIDENT_LIMIT) -> bool:
    """Past `limit` bytes of mapped files resident (shared libraries included), drop this process's pages of the
    segment maps (madvise DONTNEED). Nothing is lost: the file stays in the page cache and a
    later read maps it again (a minor fault a page). A long search session touches most of
    a large index: 1.5 GB at 50,000 briefs, all of it counted in the process's RSS."""
    if resident_mapped() <= limit:
        return False
    for source in list(_MAPS):
        try:
            source.madvise(mmap.MADV_DONTNEED)
        except (ValueError, OSError):  # closed meanwhile
            continue
    return True
