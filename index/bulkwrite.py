"""A Whoosh segment writer that files pre-analysed postings a term at a time.

Whoosh's writer handles every posting on its own: a tuple through the sorting pool when a
document is added, then at commit a sort and five Python calls per posting to write it.
With ~500 postings a brief that was most of a build. This writer keeps each term's postings
in lists as documents arrive (they come in document order, so no sort), and at commit gives
Whoosh's own postings writer a whole block (128 postings) at a time: the files it writes are
the ones Whoosh writes (tests/index/test_bulkwrite.py compares them) but for the pickle
protocol of a block (see `_write_block`). Fields given as plain
values are analysed here the same way; segments merged in at commit come through Whoosh's
pool and are folded in.

Relies on Whoosh 2.7's SegmentWriter and W3 codec internals (the version is pinned).
"""

from __future__ import annotations

import types
import zlib
from array import array
from collections import defaultdict
from pickle import HIGHEST_PROTOCOL, dumps

from whoosh.codec.whoosh3 import LENGTHS_COLUMN, WHOOSH3_HEADER_MAGIC
from whoosh.util.numeric import byte_to_length, length_to_byte
from whoosh.writing import SegmentWriter

from index.analysis import Analysed, analyse


class Postings:
    """One term's postings in a segment being written: doc numbers and weights in arrays
    (as Whoosh's block writer wants them), the values end to end in one bytearray. A tuple
    and a bytes object per posting cost four times the memory: a 5,000-brief batch holds
    ~2 million postings."""

    __slots__ = ("data", "ends", "ids", "weights")

    def __init__(self) -> None:
        self.ids = array("I")
        self.weights = array("f")
        self.data = bytearray()
        self.ends = array("Q")  # where each posting's value ends in `data`

    def add(self, docnum: int, weight: float, value: bytes | None) -> None:
        self.ids.append(docnum)
        self.weights.append(weight)
        if value:
            self.data += value
        self.ends.append(len(self.data))

    def values(self, start: int = 0, stop: int | None = None) -> list[bytes]:
        """The values of postings start..stop, as bytes."""
        ends = self.ends[start:stop]
        first = self.ends[start - 1] if start else 0
        data = self.data
        out, at = [], first
        for end in ends:
            out.append(bytes(data[at:end]))
            at = end
        return out

    def sort(self) -> None:
        """Into doc number order (after postings merged in from other segments)."""
        rows = sorted(zip(self.ids, self.weights, self.values()), key=lambda p: p[0])
        self.__init__()  # type: ignore[misc]
        for docnum, weight, value in rows:
            self.add(docnum, weight, value)


class BulkWriter(SegmentWriter):
    """SegmentWriter whose add_document takes Analysed field values (index/analysis.py)."""

    def __init__(self, ix, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(ix, **kwargs)
        # fieldname -> term -> its postings in doc number order, as parallel columns
        self._groups: dict[str, defaultdict[bytes, Postings]] = {}

    def add_document(self, **fields: object) -> None:
        """As Whoosh's, but postings go to per-term lists; see SegmentWriter.add_document."""
        self._check_state()
        schema = self.schema
        perdoc = self.perdocwriter
        docnum = self.docnum
        groups = self._groups
        docboost = self._doc_boost(fields)
        names = sorted(name for name in fields if not name.startswith("_"))
        self._check_fields(schema, names)
        perdoc.start_doc(docnum)
        try:
            for name in names:
                value = fields.get(name)
                if value is None:
                    continue
                field = schema[name]
                if field.separate_spelling() or field.vector:
                    raise ValueError(f"field {name!r}: spelling and vectors are not supported here")
                length = 0
                if field.indexed:
                    boost = self._field_boost(fields, name, docboost)
                    if not isinstance(value, Analysed):
                        value = analyse(field, value)
                    weights = value.weights if boost == 1.0 else [w * boost for w in value.weights]
                    terms = groups.get(name)
                    if terms is None:
                        terms = groups[name] = defaultdict(Postings)
                    for term, weight, vbytes in zip(value.terms, weights, value.values):
                        terms[term].add(docnum, weight, vbytes)
                    if field.scorable:
                        length = value.length
                stored = fields.get(f"_stored_{name}", fields.get(name))
                if isinstance(stored, Analysed):
                    raise ValueError(f"field {name!r}: pre-analysed without its _stored_ value")
                perdoc.add_field(name, field, stored if field.stored else None, length)
                column = field.column_type
                if column and stored is not None:
                    perdoc.add_column_value(name, column, field.to_column_value(stored))
        except BaseException:
            perdoc.cancel_doc()
            raise
        perdoc.finish_doc()
        self._added = True
        self.docnum += 1

    def _flush_segment(self) -> None:
        """Write the segment's postings: ours in blocks, plus whatever went through the pool."""
        self.perdocwriter.close()
        pdr = self.per_document_reader() if self.codec.length_stats else None
        groups = self._groups
        mixed = set()
        for fieldname, btext, docnum, weight, vbytes in self.pool.iter_postings():
            terms = groups.get(fieldname)
            if terms is None:
                terms = groups[fieldname] = defaultdict(Postings)
            postings = terms[btext]
            if postings.ids and postings.ids[-1] > docnum:
                mixed.add((fieldname, btext))
            postings.add(docnum, weight, vbytes)
        for fieldname, btext in mixed:  # merged-in postings interleave with ours: doc order
            groups[fieldname][btext].sort()
        write_postings(self.fieldwriter, self.schema, pdr, groups, self.docnum)
        self._groups = {}
        self.fieldwriter.close()
        if pdr:
            pdr.close()


def write_postings(fieldwriter, schema, pdr, groups, doccount: int) -> None:  # type: ignore[no-untyped-def]
    """Every term in (field, term) order, a block at a time, through Whoosh's W3 writer."""
    for fieldname in sorted(groups):
        terms = groups[fieldname]
        fieldwriter.start_field(fieldname, schema[fieldname])
        lengths = _lengths(pdr, fieldname, doccount)
        for btext in sorted(terms):
            postings = terms[btext]
            _write_term(fieldwriter, btext, postings, lengths)
        fieldwriter.finish_field()


def _write_term(fieldwriter, btext: bytes, postings: Postings, lengths: list[int]) -> None:  # type: ignore[no-untyped-def]
    """One term's postings, in blocks of the codec's size, as W3PostingsWriter writes them."""
    fieldwriter.start_term(btext)
    pw = fieldwriter._postwriter
    if "_write_block" not in vars(pw):  # (once per field writer)
        pw._write_block = types.MethodType(_write_block, pw)
    limit = pw._blocklimit
    ids, weights = postings.ids, postings.weights
    n = len(ids)
    for start in range(0, n, limit):
        # The state W3PostingsWriter.add_posting() would have built for these postings.
        block_ids = ids[start : start + limit]
        block_weights = weights[start : start + limit]
        pw._ids = array("I", block_ids)
        pw._weights = array("f", block_weights)
        pw._values = [v for v in postings.values(start, start + limit) if v]
        pw._maxweight = max(0, max(block_weights))
        found = [x for x in map(lengths.__getitem__, block_ids) if x]
        pw._minlength = min(found) if found else None
        pw._maxlength = max(found) if found else 0
        if start + limit < n:
            pw._write_block()
    fieldwriter.finish_term()  # writes the last block


def _lengths(pdr, fieldname: str, doccount: int) -> list[int]:  # type: ignore[no-untyped-def]
    """Each document's length of this field as Whoosh's reader reports it (0: none)."""
    if pdr is None:
        return [0] * doccount
    column = pdr._cached_reader(f"_{fieldname}_len", LENGTHS_COLUMN)
    if column is None:
        return [0] * doccount
    return [byte_to_length(b) if b else 0 for b in (column[d] for d in range(doccount))]


def _write_block(pw, last: bool = False) -> None:  # type: ignore[no-untyped-def]
    """W3PostingsWriter._write_block with the block pickled by the newest protocol, not 2.

    Protocol 2 has no opcode for bytes: each posting's value (a body word's positions) is
    pickled as a call to codecs.encode on a str, which made loading a body block ~7 times
    slower (43 -> 6 us), writing it ~7 times slower, and the compressed block twice the
    size. Whoosh's reader unpickles any protocol, so the files stay Whoosh's format."""
    if not pw._blockcount:
        pw._postfile.write(WHOOSH3_HEADER_MAGIC)
    pw._terminfo.add_block(pw)
    databytes = dumps((pw._mini_ids(), pw._mini_weights(), pw._mini_values()), HIGHEST_PROTOCOL)
    comp = pw._compression
    if comp:
        databytes = zlib.compress(databytes, comp)
    ids = pw._ids
    infobytes = dumps(
        (len(ids), ids[-1], pw._maxweight, comp, length_to_byte(pw._minlength), length_to_byte(pw._maxlength)), 2
    )
    length = len(infobytes) + len(databytes)
    pw._postfile.write_int(-length if last else length)
    pw._postfile.write(infobytes)
    pw._postfile.write(databytes)
    pw._blockcount += 1
    pw._new_block()
