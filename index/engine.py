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

Given a deadline (index/deadline.py), the engine first reads all the query's postings side
by side, in rounds of doc numbers (as a collector walks through the documents), looking at
the clock once per posting block; phrase checks look every few hundred candidates. When the
time is up it keeps the exact answer for the briefs numbered below a cut, each with the
score it would have had without a limit (up to the rounding of sums taken in another order).
"""

from __future__ import annotations

from bisect import bisect_left

from whoosh import query as wq
from whoosh.query.ranges import NumericRange
from whoosh.query.wrappers import ConstantScoreQuery
from whoosh.scoring import BM25F
from whoosh.util.numeric import byte_to_length

from index.deadline import CHECK_EVERY, TERM_COST, Deadline, Horizon
from index.postings import Cursor, Postings, length_bytes, phrase_docs, read_postings

Scores = dict[int, float]
_NOT_WEIGHT = 1.0  # what Whoosh's InverseMatcher adds for each NOT inside an AND
# Queries that stand for the OR of the indexed terms they match.
_EXPANDING = (wq.Prefix, wq.Wildcard, wq.FuzzyTerm, wq.Regex, wq.TermRange)
# Queries made of others, each evaluated below.
_COMPOUND = (wq.And, wq.Or, wq.Not, wq.AndNot, wq.AndMaybe, wq.Require, wq.Every, ConstantScoreQuery)
ROUNDS = 16  # with a deadline, postings are read in this many slices of the doc numbers


class Unsupported(Exception):
    """A query this module does not evaluate (the caller falls back to Whoosh)."""


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
        # Per run: the cut (with a deadline), expansions, compiled ranges, postings read ahead.
        self._horizon: Horizon | None = None
        self._expanded: dict[int, list[bytes]] = {}
        self._compiled: dict[int, wq.Query] = {}
        self._cursors: dict[tuple[str, bytes], Cursor] = {}

    # -- public

    def run(self, q: wq.Query, deadline: Deadline | None = None) -> Scores:
        """Doc number -> score for every live document that matches `q`.

        Past the deadline, only those numbered below `self.cut` (see the module's doc)."""
        if self._bm25 is None:
            raise Unsupported("weighting other than plain BM25F")
        self._horizon = None if deadline is None else Horizon(deadline, self.doccount, self._left_to_read)
        try:
            if self._horizon is not None:
                self._read_ahead(q)
                self._horizon.settle()
            scores = self._eval(q)
            cap = self.cut
            if cap is not None and cap < self.doccount:  # (a cut of every brief cuts nothing)
                deadline.cut = True  # type: ignore[union-attr]
                scores = {d: s for d, s in scores.items() if d < cap}
            return scores
        finally:
            self._expanded, self._compiled, self._cursors = {}, {}, {}

    @property
    def cut(self) -> int | None:
        """After a run stopped by its deadline: the exact answer covers doc numbers below this."""
        return None if self._horizon is None else self._horizon.cap

    def _live_below(self) -> frozenset[int] | set[int]:
        """Every document that is not deleted (below the cut, when there is one)."""
        cap = self.cut
        return self.live() if cap is None else {d for d in self.live() if d < cap}

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
            return {d: _NOT_WEIGHT for d in self._live_below() if d not in hidden}
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
            return dict.fromkeys(self._live_below(), float(q.boost))
        if kind is wq.Phrase:
            return self._phrase(q)
        if kind is ConstantScoreQuery:
            return dict.fromkeys(self._eval(q.child), float(q.score))
        if isinstance(q, NumericRange):
            return self._eval(self._compile(q))
        if kind in _EXPANDING:
            return self._multiterm(q)
        raise Unsupported(type(q).__name__)

    def _and(self, subs: list[wq.Query], boost: float) -> Scores:
        positive = [self._eval(s) for s in subs if not isinstance(s, wq.Not)]
        hidden = [self._eval(s.query) for s in subs if isinstance(s, wq.Not)]
        if not positive:
            out = dict.fromkeys(self._live_below(), 0.0)
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
        words = self._expanded[id(q)] if id(q) in self._expanded else self._expand(q)
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
        p = self._read(fieldname, btext, False)
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
        h = self._horizon
        postings = {w: self._read(fieldname, w, True) for w in dict.fromkeys(words)}
        candidates = set(postings[words[0]].ids)
        for p in postings.values():
            candidates.intersection_update(p.ids)
            if not candidates:
                return {}
        if h is not None and h.cap is not None:  # words read before the cut reach past it
            candidates = {d for d in candidates if d < h.cap}
        values = {w: dict(zip(p.ids, p.values)) for w, p in postings.items()}
        found = phrase_docs(candidates, [values[w] for w in words], max(1, int(q.slop)), field.format, h)
        # Whoosh scores a phrase as the sum of its words' scores (a repeated word counts twice).
        scores = {
            w: self._scored(fieldname, w, [(d, x) for d, x in zip(p.ids, p.weights) if d in found])
            for w, p in postings.items()
        }
        return _boosted({d: sum(scores[w][d] for w in words) for d in found}, q.boost)

    # -- postings and statistics

    def _read(self, fieldname: str, btext: bytes, values: bool) -> Postings:
        """A term's postings: read ahead (with a deadline), or now."""
        cursor = self._cursors.get((fieldname, btext))
        if cursor is not None and (cursor.values or not values):
            return _below(cursor.out, self.cut)
        return read_postings(self.leaves, fieldname, btext, values, self._horizon)

    def _read_ahead(self, q: wq.Query) -> None:
        """Every term's postings side by side, a slice of the doc numbers at a time, so that
        when the time is up they are all read up to about the same doc number."""
        wanted: dict[tuple[str, bytes], bool] = {}  # (field, term) -> with positions
        self._gather(q, wanted)
        self._cursors = {key: Cursor(self.leaves, *key, values, self._horizon) for key, values in wanted.items()}
        active, step, bound = list(self._cursors.values()), -(-self.doccount // ROUNDS), 0
        while active:
            bound += step
            for cursor in active:
                cursor.advance(bound if bound < self.doccount else None)
            active = [c for c in active if not c.done]

    def _gather(self, q: wq.Query, wanted: dict[tuple[str, bytes], bool]) -> None:
        """The terms `_eval` will read for `q` (raises Unsupported as it would, before any reading)."""
        kind = type(q)
        if kind is wq.Term or kind is wq.Phrase:
            if q.fieldname not in self.schema:
                return
            field = self.schema[q.fieldname]
            if kind is wq.Phrase and (not field.format or not field.format.supports("positions")):
                raise Unsupported("phrase on a field without positions")
            try:
                keys = [(q.fieldname, field.to_bytes(t)) for t in ([q.text] if kind is wq.Term else q.words)]
            except ValueError:
                return
            if kind is wq.Term:
                wanted.setdefault(keys[0], False)
            elif keys and all(k in self.reader for k in keys):
                wanted.update(dict.fromkeys(keys, True))
        elif kind in _EXPANDING:
            for w in self._expand(q):
                wanted.setdefault((q.fieldname, w), False)
        elif isinstance(q, NumericRange):
            self._gather(self._compile(q), wanted)
        elif kind in _COMPOUND or q is wq.NullQuery or isinstance(q, type(wq.NullQuery)):
            if kind is wq.Or and (q.scale or q.minmatch):
                raise Unsupported("Or with scale or minmatch")
            for child in q.children():
                self._gather(child, wanted)
        else:
            raise Unsupported(type(q).__name__)

    def _compile(self, q: NumericRange) -> wq.Query:
        """A numeric range as the terms it covers (once per run: expansions are kept by node)."""
        if id(q) not in self._compiled:
            self._compiled[id(q)] = q._compile_query(self.reader)
        return self._compiled[id(q)]

    def _left_to_read(self) -> list[tuple[int, int, int]]:
        """(cost of opening, postings, doc number read up to) for each term read ahead."""
        return [
            (0 if c.position or c.done else TERM_COST, self.reader.doc_frequency(*key), self.doccount if c.done else c.position)
            for key, c in self._cursors.items()
        ]

    def _expand(self, q) -> list[bytes]:  # type: ignore[no-untyped-def]
        """The indexed words a prefix, pattern or typo stands for. Looks at the clock every
        CHECK_EVERY words; stops only when nothing more can be found (the cut fell to 0)."""
        h = self._horizon
        words = []
        for n, w in enumerate(q._btexts(self.reader), 1):
            if w:
                words.append(w)
            if h is not None and n % CHECK_EVERY == 0:
                h.tick()
                if h.cap == 0:
                    break
        self._expanded[id(q)] = words
        return words

    def _norms_of(self, fieldname: str) -> list[float]:
        """Per doc: BM25's K1 * ((1 - B) + B * length / average length), as Whoosh computes it."""
        if fieldname not in self._norms:
            b, k1 = self._bm25  # type: ignore[misc]
            avgfl = self.searcher.avg_field_length(fieldname) or 1
            lengths = [0] * self.doccount
            for reader, offset in self.leaves:
                for d, lb in enumerate(length_bytes(reader, fieldname)):
                    lengths[offset + d] = byte_to_length(lb) if lb else 1
            self._norms[fieldname] = [k1 * ((1 - b) + b * fl / avgfl) for fl in lengths]
        return self._norms[fieldname]


def _below(p: Postings, cap: int | None) -> Postings:
    """The postings of documents numbered below the cut (those past it are dropped from the
    answer anyway: not scoring them is what a cut made after reading saves)."""
    if cap is None or not p.ids or p.ids[-1] < cap:
        return p
    k = bisect_left(p.ids, cap)
    out = Postings()
    out.ids, out.weights, out.values = p.ids[:k], p.weights[:k], p.values[:k]
    return out


def _boosted(scores: Scores, boost: float) -> Scores:
    if boost == 1.0:
        return scores
    return {d: s * boost for d, s in scores.items()}
