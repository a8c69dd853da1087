"""How the indexer commits: its segment merge policy, giving up a writer, the collector
paused while it writes."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

# Segments smaller than this are merged into the next commit's (see merge_small_segments);
# a build's tail segment (TAIL_FILES briefs) is not, or the first edit after it would pay.
SMALL_SEGMENT = 1000


def merge_small_segments(writer, segments):  # type: ignore[no-untyped-def]
    """Commit policy: fold every segment under SMALL_SEGMENT documents into the new one.

    Each edit commit makes a one-brief segment, and Whoosh's default policy let seven pile
    up at 10,000 briefs; every query pays per segment. Small segments are cheap to merge.
    """
    from whoosh.reading import SegmentReader

    small = [seg for seg in segments if seg.doc_count_all() < SMALL_SEGMENT]
    if len(small) < 2:
        return segments
    for seg in small:
        reader = SegmentReader(writer.storage, writer.schema, seg)
        writer.add_reader(reader)
        reader.close()
    return [seg for seg in segments if seg not in small]


def cancel(writer) -> None:  # type: ignore[no-untyped-def]
    """Give up the writer's uncommitted work and, whatever happens, its write lock: on a full
    disk cancel() fails too (it closes the segment's files first). Errors are dropped, the
    caller is already raising the one that matters."""
    if writer.is_closed:  # committed
        return
    try:
        writer.cancel()
    except Exception:  # noqa: S110 (see above)
        pass
    finally:
        if not writer.is_closed:
            with contextlib.suppress(OSError):
                writer._tempstorage.destroy()
            if writer.writelock:
                writer.writelock.release()
            writer.is_closed = True


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cycle collector off while writing: the writer holds millions of postings,
    which each full collection walked again (a fifth of the writer's time at 5,000 briefs).
    Indexing runs in its own process (`brief index`, or the app's background child)."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()
