"""Reading a term's postings a block at a time, field lengths, and phrase positions.

The engine's (index/engine.py) low level: whole posting blocks decoded as Whoosh's matcher
does, but without a Python call per posting. With a `Horizon` (index/deadline.py) the clock
is looked at once per block, and reading stops at the horizon's cut once the time is up.
"""

from __future__ import annotations

import zlib
from itertools import accumulate
from pickle import loads

from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3LeafMatcher
from whoosh.formats import Positions
from whoosh.matching.wrappers import FilterMatcher
from whoosh.reading import TermNotFound

from index.deadline import CHECK_EVERY, Horizon


class Postings:
    """One term's postings across the segments: global doc numbers, weights, raw values."""

    __slots__ = ("ids", "weights", "values")

    def __init__(self) -> None:
        self.ids: list[int] = []
        self.weights: list[float] = []
        self.values: list[bytes] = []


def read_postings(leaves, fieldname: str, btext: bytes, values: bool, horizon: Horizon | None) -> Postings:  # type: ignore[no-untyped-def]
    """Every live posting of a term, in doc number order (below the horizon's cut, if any)."""
    cursor = Cursor(leaves, fieldname, btext, values, horizon)
    cursor.advance(None)
    return cursor.out


class Cursor:
    """Reads one term's postings a block at a time, segment after segment, so that several
    terms can be read side by side in doc number order (`advance` to a bound, then the next
    term). `position`: the first doc number not read yet. With a horizon, the clock is looked
    at before each block and reading stops at the horizon's cut."""

    def __init__(self, leaves, fieldname: str, btext: bytes, values: bool, horizon: Horizon | None):  # type: ignore[no-untyped-def]
        self.out = Postings()
        self.values = values
        self.position = 0
        self.done = False
        self._steps = self._read(leaves, fieldname, btext, values, horizon)

    def advance(self, bound: int | None) -> None:
        """Read until `position` reaches `bound` (None: to the end, or to the horizon's cut)."""
        while not self.done and (bound is None or self.position < bound):
            try:
                self.position = next(self._steps)
            except StopIteration:
                self.done = True

    def _read(self, leaves, fieldname: str, btext: bytes, values: bool, horizon: Horizon | None):  # type: ignore[no-untyped-def]
        if horizon is not None:
            horizon.opened += 1
        for reader, offset in leaves:
            if horizon is not None and not horizon.below(offset):
                return
            try:
                m = reader.postings(fieldname, btext)
            except TermNotFound:
                continue
            deleted: frozenset[int] | set[int] = frozenset()
            if isinstance(m, FilterMatcher):
                deleted, m = m._ids, m.child
            if type(m) is W3LeafMatcher and (not values or m._fixedsize is None):
                steps = _blocks(m, self.out, offset, deleted, values, horizon)
            else:
                steps = _slowly(m, self.out, offset, deleted, values, horizon)
            for position in steps:
                if position < 0:  # stopped at the horizon's cut
                    return
                yield position
            yield offset + reader.doc_count_all()  # (this segment is read)


def _slowly(m, out: Postings, offset: int, deleted, values: bool, horizon: Horizon | None):  # type: ignore[no-untyped-def]
    """Another codec: the public, per-posting way, yielding every CHECK_EVERY postings."""
    n = 0
    while m.is_active():
        d = m.id()
        if horizon is not None:
            n += 1
            if n % CHECK_EVERY == 0:
                horizon.read += CHECK_EVERY
                horizon.tick(offset + d)
                yield offset + d
            if not horizon.below(offset + d):
                yield -1
                return
        if d not in deleted:
            out.ids.append(offset + d)
            out.weights.append(m.weight())
            if values:
                out.values.append(m.value())
        m.next()


def _blocks(m: W3LeafMatcher, out: Postings, offset: int, deleted, values: bool, horizon: Horizon | None):  # type: ignore[no-untyped-def]
    """Whole posting blocks at a time, yielding the position after each (-1: stopped at the cut).

    A block is (delta-coded ids, weights or None or one float, values), pickled and maybe
    zlib'd; see W3PostingsWriter._write_block.
    """
    get = m._postfile.get
    ids_out, weights_out, values_out = out.ids, out.weights, out.values
    position = offset  # the first doc number of this segment not yet read
    while not m._atend:
        if horizon is not None:
            horizon.tick(position)
            if not horizon.below(position):
                yield -1
                return
        data = get(m._dataoffset, m._nextoffset - m._dataoffset)
        if m._compression:
            data = zlib.decompress(data)
        ids, weights, vals = loads(data)
        n = len(ids)
        ids = list(accumulate(ids)) if not m._byteids else list(ids)
        if weights is None:
            weights = [1.0] * n
        elif isinstance(weights, float):
            weights = [weights] * n
        if deleted and not deleted.isdisjoint(ids):
            keep = [i for i, d in enumerate(ids) if d not in deleted]
            ids = [ids[i] for i in keep]
            weights = [weights[i] for i in keep]
            if values:
                vals = [vals[i] for i in keep]
        if offset:
            ids = [offset + d for d in ids]
        if horizon is not None:
            horizon.read += n
            position = offset + m._maxid + 1
            if horizon.cap is not None and ids and ids[-1] >= horizon.cap:
                keep_n = sum(1 for d in ids if d < horizon.cap)
                ids_out.extend(ids[:keep_n])
                weights_out.extend(weights[:keep_n])
                if values:
                    values_out.extend(vals[:keep_n])
                yield -1
                return
        ids_out.extend(ids)
        weights_out.extend(weights)
        if values:
            values_out.extend(vals)
        m._next_block()
        if horizon is not None:
            yield position


def length_bytes(reader, fieldname: str) -> list[int]:  # type: ignore[no-untyped-def]
    """The encoded length of a field for each document of one segment."""
    n = reader.doc_count_all()
    perdoc = getattr(reader, "_perdoc", None)
    column = None
    if perdoc is not None and hasattr(perdoc, "_cached_reader"):
        column = perdoc._cached_reader(f"_{fieldname}_len", LENGTHS_COLUMN)
    if column is not None:
        return [column[d] for d in range(n)]
    from whoosh.util.numeric import length_to_byte

    return [length_to_byte(reader.doc_field_length(d, fieldname, 0) or 0) for d in range(n)]


def phrase_docs(candidates: set[int], values: list[dict[int, bytes]], slop: int, fmt, horizon: Horizon | None = None) -> set[int]:  # type: ignore[no-untyped-def]
    """The candidates where the words' positions follow each other (within `slop`).

    With a horizon, candidates are taken in doc number order and the clock is looked at
    every CHECK_EVERY of them; the ones at or past the cut are not checked."""
    order: list[int] | set[int] = candidates if horizon is None else sorted(candidates)
    if type(fmt) is Positions and slop == 1:
        try:  # Positions values: 4-byte count, then the pickled position deltas
            found = set()
            first, rest = values[0], values[1:]
            if len(rest) == 1:  # two words: the common case, with fewer objects a candidate
                second = rest[0]
                for i, d in enumerate(order):
                    if horizon is not None and not _go_on(horizon, i, d):
                        break
                    if not set(accumulate(loads(second[d][4:]))).isdisjoint(
                        map(_NEXT, accumulate(loads(first[d][4:])))
                    ):
                        found.add(d)
                return found
            for i, d in enumerate(order):
                if horizon is not None and not _go_on(horizon, i, d):
                    break
                ends = accumulate(loads(first[d][4:]))
                for vs in rest:
                    ends = set(accumulate(loads(vs[d][4:]))).intersection([e + 1 for e in ends])
                    if not ends:
                        break
                else:
                    found.add(d)
            return found
        except Exception:  # noqa: BLE001 - a value in another layout: the general way below
            pass
    decode = _position_decoder(fmt)
    found = set()
    for i, d in enumerate(order):
        if horizon is not None and not _go_on(horizon, i, d):
            break
        ends = set(decode(values[0][d]))
        for vs in values[1:]:
            here = decode(vs[d])
            ends = {p for p in here if any(1 <= p - e <= slop for e in ends)}
            if not ends:
                break
        else:
            found.add(d)
    return found


_NEXT = (1).__add__  # a position -> the one after it


def _go_on(horizon: Horizon, i: int, doc: int) -> bool:
    """Whether to check the i-th candidate (doc): every so often, look at the clock."""
    if i % CHECK_EVERY == 0:
        horizon.tick(doc)
    return horizon.below(doc)


def _position_decoder(fmt):  # type: ignore[no-untyped-def]
    """bytes -> positions; Whoosh's Positions.decode_positions without its Python loop."""
    if type(fmt) is not Positions:
        return fmt.decode_positions

    def decode(value: bytes) -> list[int]:
        if not value.endswith(b"."):
            value += b"."
        return list(accumulate(loads(value[4:])))

    return decode
