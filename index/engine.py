"""Evaluate parsed queries with whole posting lists, dicts and sets instead of Whoosh's matchers.

Whoosh matches and scores one document at a time through a tree of Python matcher objects,
and checks phrases with span objects: 20 to 200 ms at 10,000 briefs for common words. Here
each term's postings are read a block at a time into lists, AND / OR / NOT become dict and
set operations, and a phrase tests positions with set arithmetic, only in the documents that
hold all its words. Scores are Whoosh's BM25F computed the same way (so the same ranking),
with one deliberate difference: a typo or pattern that matches several terms always sums
their BM25 scores, where Whoosh gives every match the same score in segments under 5,000
briefs (so ranking no longer depends on how the index happens to be split).
A query node this module does not know raises Unsupported and the caller runs Whoosh.
"""

from __future__ import annotations

import zlib
from itertools import accumulate
from pickle import loads

from whoosh import query as wq
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3LeafMatcher
from whoosh.formats import Positions
from whoosh.matching.wrappers import FilterMatcher
from whoosh.query.ranges import NumericRange
from whoosh.query.wrappers import ConstantScoreQuery
from whoosh.reading import TermNotFound
from whoosh.scoring import BM25F
from whoosh.util.numeric import byte_to_length

Scores = dict[int, float]
_NOT_WEIGHT = 1.0  # what Whoosh's InverseMatcher adds for each NOT inside an AND
# Queries that stand for the OR of the indexed terms they match.
_EXPANDING = (wq.Prefix, wq.Wildcard, wq.FuzzyTerm, wq.Regex, wq.TermRange)


class Unsupported(Exception):
    """A query this module does not evaluate (the caller falls back to Whoosh)."""


class Postings:
    """One term's postings across the segments: global doc numbers, weights, raw values."""

    __slots__ = ("ids", "weights", "values")

    def __init__(self) -> None:
        self.ids: list[int] = []
        self.weights: list[float] = []
        self.values: list[bytes] = []


class Engine:
    """Runs queries on one Whoosh searcher (make a new one when the searcher is refreshed)."""

    def __init__(self, searcher):  # type: ignore[no-untyped-def]
        self.searcher = searcher
        self.schema = searcher.schema
        self.reader = searcher.reader()
        self.leaves = [(sub.reader(), offset) for sub, offset in searcher.leaf_searchers()]
        self.doccount = searcher.doc_count_all()
        self._norms: dict[str, list[float]] = {}
        self._live: frozenset[int] | None = None
        self._dates: list[int] | None = None
        w = searcher.weighting
        self._bm25 = (w.B, w.K1) if type(w) is BM25F and not w._field_B else None

    # -- public

    def run(self, q: wq.Query) -> Scores:
        """Doc number -> score for every live document that matches `q`."""
        if self._bm25 is None:
            raise Unsupported("weighting other than plain BM25F")
        return self._eval(q)

    def live(self) -> frozenset[int]:
        """Every document that is not deleted."""
        if self._live is None:
            docs: set[int] = set()
            for reader, offset in self.leaves:
                docs.update(offset + d for d in reader.all_doc_ids())
            self._live = frozenset(docs)
        return self._live

    def sortdates(self) -> list[int]:
        """Each document's YYYYMMDD (0 when undated), for newest-first order."""
        if self._dates is None:
            column = self.reader.column_reader("sortdate")
            self._dates = [int(v or 0) for v in column]
        return self._dates

    # -- evaluation

    def _eval(self, q: wq.Query) -> Scores:
        if q is wq.NullQuery or isinstance(q, type(wq.NullQuery)):
            return {}
        kind = type(q)
        if kind is wq.Term:
            return self._term(q.fieldname, q.text, q.boost)
        if kind is wq.And:
            return self._and(q.subqueries, q.boost)
        if kind is wq.Or:
            if q.scale or q.minmatch:
                raise Unsupported("Or with scale or minmatch")
            return _boosted(self._or([self._eval(s) for s in q.subqueries]), q.boost)
        if kind is wq.Not:
            hidden = self._eval(q.query)
            return {d: _NOT_WEIGHT for d in self.live() if d not in hidden}
        if kind is wq.AndNot:
            a, b = self._eval(q.a), self._eval(q.b)
            return {d: s for d, s in a.items() if d not in b}
        if kind is wq.AndMaybe:
            a, b = self._eval(q.a), self._eval(q.b)
            return {d: (s + b[d] if d in b else s) for d, s in a.items()}
        if kind is wq.Require:
            a, b = self._eval(q.a), self._eval(q.b)
            return {d: s for d, s in a.items() if d in b}
        if kind is wq.Every:  # `*`: every live brief (Whoosh walks every term of the field)
            return dict.fromkeys(self.live(), float(q.boost))
        if kind is wq.Phrase:
            return self._phrase(q)
        if kind is ConstantScoreQuery:
            return dict.fromkeys(self._eval(q.child), float(q.score))
        if isinstance(q, NumericRange):
            return self._eval(q._compile_query(self.reader))
        if kind in _EXPANDING:
            return self._multiterm(q)
        raise Unsupported(type(q).__name__)

    def _and(self, subs: list[wq.Query], boost: float) -> Scores:
        positive = [self._eval(s) for s in subs if not isinstance(s, wq.Not)]
        hidden = [self._eval(s.query) for s in subs if isinstance(s, wq.Not)]
        if not positive:
            out = dict.fromkeys(self.live(), 0.0)
        else:
            positive.sort(key=len)
            out = positive[0]
            for other in positive[1:]:
                out = {d: s + other[d] for d, s in out.items() if d in other}
                if not out:
                    return {}
        for h in hidden:
            out = {d: s + _NOT_WEIGHT for d, s in out.items() if d not in h}
        return _boosted(out, boost)

    def _or(self, parts: list[Scores]) -> Scores:
        parts = [p for p in parts if p]
        if not parts:
            return {}
        parts.sort(key=len, reverse=True)
        out = dict(parts[0])
        for p in parts[1:]:
            get = out.get
            for d, s in p.items():
                prev = get(d)
                out[d] = s if prev is None else prev + s
        return out

    def _multiterm(self, q) -> Scores:  # type: ignore[no-untyped-def]
        words = [w for w in q._btexts(self.reader) if w]
        if len(words) == 1:
            return self._term(q.fieldname, words[0], 1.0)
        return _boosted(self._or([self._term(q.fieldname, w, 1.0) for w in words]), q.boost)

    def _term(self, fieldname: str, text, boost: float) -> Scores:  # type: ignore[no-untyped-def]
        if fieldname not in self.schema:
            return {}
        field = self.schema[fieldname]
        try:
            btext = field.to_bytes(text)
        except ValueError:
            return {}
        p = self.postings(fieldname, btext)
        if not p.ids:
            return {}
        return _boosted(self._scored(fieldname, btext, zip(p.ids, p.weights)), boost)

    def _scored(self, fieldname: str, btext: bytes, pairs) -> Scores:  # type: ignore[no-untyped-def]
        """Doc -> score for (doc, weight) postings of one term."""
        if not self.schema[fieldname].scorable:
            return dict(pairs)
        idf = self.searcher.idf(fieldname, btext)
        k1 = self._bm25[1]  # type: ignore[index]
        norms = self._norms_of(fieldname)
        # Whoosh's bm25(): idf * ((tf * (K1 + 1)) / (tf + K1 * ((1 - B) + B * fl / avgfl)))
        return {d: idf * ((w * (k1 + 1)) / (w + norms[d])) for d, w in pairs}

    def _phrase(self, q: wq.Phrase) -> Scores:
        fieldname = q.fieldname
        if fieldname not in self.schema:
            return {}
        field = self.schema[fieldname]
        if not field.format or not field.format.supports("positions"):
            raise Unsupported("phrase on a field without positions")
        try:
            words = [field.to_bytes(w) for w in q.words]
        except ValueError:
            return {}
        if not words or any((fieldname, w) not in self.reader for w in words):
            return {}
        postings = {w: self.postings(fieldname, w, values=True) for w in dict.fromkeys(words)}
        candidates = set(postings[words[0]].ids)
        for p in postings.values():
            candidates.intersection_update(p.ids)
            if not candidates:
                return {}
        values = {w: dict(zip(p.ids, p.values)) for w, p in postings.items()}
        found = _phrase_docs(candidates, [values[w] for w in words], max(1, int(q.slop)), field.format)
        # Whoosh scores a phrase as the sum of its words' scores (a repeated word counts twice).
        scores = {
            w: self._scored(fieldname, w, [(d, x) for d, x in zip(p.ids, p.weights) if d in found])
            for w, p in postings.items()
        }
        return _boosted({d: sum(scores[w][d] for w in words) for d in found}, q.boost)

    # -- postings and statistics

    def postings(self, fieldname: str, btext: bytes, values: bool = False) -> Postings:
        """Every live posting of a term, in doc number order."""
        out = Postings()
        for reader, offset in self.leaves:
            try:
                m = reader.postings(fieldname, btext)
            except TermNotFound:
                continue
            deleted: frozenset[int] | set[int] = frozenset()
            if isinstance(m, FilterMatcher):
                deleted, m = m._ids, m.child
            if type(m) is W3LeafMatcher and (not values or m._fixedsize is None):
                _read_blocks(m, out, offset, deleted, values)
            else:  # another codec: the slow, public way
                while m.is_active():
                    d = m.id()
                    if d not in deleted:
                        out.ids.append(offset + d)
                        out.weights.append(m.weight())
                        if values:
                            out.values.append(m.value())
                    m.next()
        return out

    def _norms_of(self, fieldname: str) -> list[float]:
        """Per doc: BM25's K1 * ((1 - B) + B * length / average length), as Whoosh computes it."""
        if fieldname not in self._norms:
            b, k1 = self._bm25  # type: ignore[misc]
            avgfl = self.searcher.avg_field_length(fieldname) or 1
            lengths = [0] * self.doccount
            for reader, offset in self.leaves:
                for d, lb in enumerate(_length_bytes(reader, fieldname)):
                    lengths[offset + d] = byte_to_length(lb) if lb else 1
            self._norms[fieldname] = [k1 * ((1 - b) + b * fl / avgfl) for fl in lengths]
        return self._norms[fieldname]


def _length_bytes(reader, fieldname: str) -> list[int]:  # type: ignore[no-untyped-def]
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


def _read_blocks(m: W3LeafMatcher, out: Postings, offset: int, deleted, values: bool) -> None:  # type: ignore[no-untyped-def]
    """Whole posting blocks at a time, decoded as Whoosh's matcher does but without per-id calls.

    A block is (delta-coded ids, weights or None or one float, values), pickled and maybe
    zlib'd; see W3PostingsWriter._write_block.
    """
    get = m._postfile.get
    ids_out, weights_out, values_out = out.ids, out.weights, out.values
    while not m._atend:
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
        ids_out.extend(ids)
        weights_out.extend(weights)
        if values:
            values_out.extend(vals)
        m._next_block()


def _phrase_docs(candidates: set[int], values: list[dict[int, bytes]], slop: int, fmt) -> set[int]:  # type: ignore[no-untyped-def]
    """The candidates where the words' positions follow each other (within `slop`)."""
    if type(fmt) is Positions and slop == 1:
        try:  # Positions values: 4-byte count, then the pickled position deltas
            found = set()
            first, rest = values[0], values[1:]
            for d in candidates:
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
    for d in candidates:
        ends = set(decode(values[0][d]))
        for vs in values[1:]:
            here = decode(vs[d])
            ends = {p for p in here if any(1 <= p - e <= slop for e in ends)}
            if not ends:
                break
        else:
            found.add(d)
    return found


def _position_decoder(fmt):  # type: ignore[no-untyped-def]
    """bytes -> positions; Whoosh's Positions.decode_positions without its Python loop."""
    if type(fmt) is not Positions:
        return fmt.decode_positions

    def decode(value: bytes) -> list[int]:
        if not value.endswith(b"."):
            value += b"."
        return list(accumulate(loads(value[4:])))

    return decode


def _boosted(scores: Scores, boost: float) -> Scores:
    if boost == 1.0:
        return scores
    return {d: s * boost for d, s in scores.items()}
