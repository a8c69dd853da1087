"""Key terms of a brief and the briefs that share them (more-like-this), fast.

The answers are Whoosh's own: key terms by its Bo1 model (`key_terms_from_text`), briefs
ranked by BM25F over an Or of those terms (`search`); tests/index/test_keyterms.py checks
both. Whoosh took ~25 ms of CPU a brief at 10,000 briefs: it looks up each of a brief's few
hundred words in every segment, twice, and scores postings one matcher call at a time.
Here (~5 ms) a brief's words are counted with the body field's tokeniser rules, each word's
statistics are looked up once per segment and kept for the life of the reader (a searcher
sees one unchanging index), and postings are scored a block at a time, which also tells
which key terms each brief contains (for the reasons shown). Whoosh's internals are read
(posting blocks, the length column) where they are what they are in whoosh-reloaded 2.7.5,
with the public, slower calls as the fallback.
"""

from __future__ import annotations

import re
import threading
import weakref
from collections import Counter
from math import log

from whoosh.analysis import STOP_WORDS
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3LeafMatcher, _lenfield
from whoosh.matching.mcore import ListMatcher
from whoosh.reading import TermNotFound
from whoosh.scoring import BM25F
from whoosh.util.numeric import byte_to_length

from index.snippets import stem

FIELD = "body"
# The body field's analyser (schema.py: StemmingAnalyzer): Whoosh's default token pattern,
# lower case, stop words and one-letter words dropped, Porter stems.
_TOKEN = re.compile(r"[\w\*]+(?:\.?[\w\*]+)*", re.UNICODE)
_MAX_CACHED = 300_000  # entries a reader's caches keep (tens of MB at most)


def analyse(text: str) -> Counter[str]:
    """Stem -> how many times the body field would index it in this text."""
    counts: Counter[str] = Counter()
    for token in _TOKEN.findall(text):
        word = token.lower()
        if len(word) >= 2 and word not in STOP_WORDS:
            counts[stem(word)] += 1
    return counts


class CorpusTerms:
    """One reader's body-term statistics, field lengths and docnum -> id, looked up once."""

    def __init__(self, searcher) -> None:  # type: ignore[no-untyped-def]
        # Only the reader is kept: the cache is keyed weakly by the searcher.
        self.reader = searcher.reader()
        self.leaves = self.reader.leaf_readers()
        self.doc_count = searcher.doc_count_all()
        self.avg_length = searcher.avg_field_length(FIELD) or 1
        weighting = searcher.weighting
        self.b = weighting._field_B.get(FIELD, weighting.B) if isinstance(weighting, BM25F) else 0.75
        self.k1 = weighting.K1 if isinstance(weighting, BM25F) else 1.2
        self._stats: dict[str, tuple[int, float] | None] = {}
        self._lengths: dict[int, list[float]] = {}
        self._ids: dict[int, str] = {}
        self._docnums: dict[str, int | None] = {}

    def stats(self, term: str) -> tuple[int, float] | None:
        """(documents, occurrences) of a stem in the body field; None when no brief has it."""
        try:
            return self._stats[term]
        except KeyError:
            pass
        df, cf, found = 0, 0.0, False
        for seg, _ in self.leaves:
            try:
                info = seg.term_info(FIELD, term)
            except (KeyError, TermNotFound):
                continue
            found = True
            df += info.doc_frequency()
            cf += info.weight()
        if len(self._stats) >= _MAX_CACHED:
            self._stats.clear()
        self._stats[term] = value = (df, cf) if found else None
        return value

    def doc_frequency(self, term: str) -> int:
        st = self.stats(term)
        return st[0] if st else 0

    def key_terms(self, text: str, number: int) -> list[tuple[str, float]]:
        """The `number` most important stems of a text, with weights (as key_terms_from_text)."""
        counts = analyse(text)
        total_docs = self.doc_count or 1
        scored = []
        best = 0.0
        for word, tf in counts.items():
            st = self.stats(word)
            if st is None:
                continue
            f = st[1] / total_docs
            score = tf * log((1.0 + f) / f, 2) + log(1.0 + f, 2)
            best = max(best, score)
            scored.append((score, word))
        if best:
            f = best / total_docs
            norm = (best * log((1.0 + f) / f) + log(1.0 + f)) / log(2.0)
        else:
            norm = best
        weighted = [(score / norm, word) for score, word in scored] if norm else [(0.0, w) for _, w in scored]
        weighted.sort(key=lambda x: (0 - x[0], x[1]))
        return [(word, weight) for weight, word in weighted[:number]]

    def more_like(self, terms: list[tuple[str, float]]) -> tuple[list[float], dict[str, list[int]]]:
        """BM25F scores of every brief over the (stem, boost) terms, as an Or query would give
        them (a list indexed by document number), and which briefs have each term."""
        scores = [0.0] * self.doc_count
        docs: dict[str, list[int]] = {}
        for term, boost in terms:
            st = self.stats(term)
            if st is None:
                continue
            weight = boost * (log(self.doc_count / (st[0] + 1)) + 1) * (self.k1 + 1)
            found: list[int] = []
            for n, (seg, offset) in enumerate(self.leaves):
                try:
                    ids, tfs = _postings(seg, term)
                except (KeyError, TermNotFound):
                    continue
                if seg.has_deletions():
                    deleted = seg.deleted_docs_set
                    kept = [(i, tf) for i, tf in zip(ids, tfs) if i not in deleted]
                    ids, tfs = [i for i, _ in kept], [tf for _, tf in kept]
                norm = self._norms(n, seg)
                if offset:
                    ids = [i + offset for i in ids]
                for dn, tf in zip(ids, tfs):
                    scores[dn] += weight * tf / (tf + norm[dn - offset])
                found.extend(ids)
            docs[term] = found
        return scores, docs

    def _norms(self, n: int, seg) -> list[float]:  # type: ignore[no-untyped-def]
        """Per document of a segment, BM25F's length part: K1 * ((1 - B) + B * length / mean)."""
        if n not in self._lengths:
            lengths: list[int] = []
            try:
                column = seg._perdoc._cached_reader(_lenfield(FIELD), LENGTHS_COLUMN)
                if column is not None:
                    lengths = [byte_to_length(v) if v else 1 for v in column]
            except (AttributeError, TypeError):
                pass
            if len(lengths) != seg.doc_count_all():  # another codec: ask document by document
                lengths = [seg.doc_field_length(d, FIELD, 1) for d in range(seg.doc_count_all())]
            k1, b, avg = self.k1, self.b, self.avg_length
            self._lengths[n] = [k1 * ((1 - b) + b * dl / avg) for dl in lengths]
        return self._lengths[n]

    def docnum(self, brief_id: str) -> int | None:
        """The document number of a brief id (None when the index has no such brief)."""
        if brief_id not in self._docnums:
            if len(self._docnums) >= _MAX_CACHED:
                self._docnums.clear()
            try:
                self._docnums[brief_id] = self.reader.first_id("id", brief_id)
            except (KeyError, TermNotFound):
                self._docnums[brief_id] = None
        return self._docnums[brief_id]

    def doc_id(self, docnum: int) -> str:
        """The brief id of a document number (its stored fields are read once)."""
        if docnum not in self._ids:
            if len(self._ids) >= _MAX_CACHED:
                self._ids.clear()
            self._ids[docnum] = self.reader.stored_fields(docnum)["id"]
        return self._ids[docnum]


def _postings(seg, term: str) -> tuple[list[int], list[float]]:  # type: ignore[no-untyped-def]
    """Document numbers and term frequencies of a term in one segment (deleted documents
    included), a block at a time: Whoosh's matchers hand them over one call per posting."""
    m = seg._terms.matcher(FIELD, seg._text_to_bytes(FIELD, term), seg.schema[FIELD].format)
    ids: list[int] = []
    weights: list[float] = []
    if isinstance(m, ListMatcher):  # postings inlined in the term's entry
        ids.extend(m._ids)
        if m._all_weights:
            weights = [m._all_weights] * len(ids)
        else:
            weights = list(m._weights) if m._weights else [1.0] * len(ids)
    elif isinstance(m, W3LeafMatcher):
        while m.is_active():
            m.id()  # loads the block's ids
            m.weight()  # and its weights
            ids.extend(m._ids)
            weights.extend(m._weights)
            m._next_block()
    else:  # another codec: one posting at a time
        while m.is_active():
            ids.append(m.id())
            weights.append(m.weight())
            m.next()
    return ids, weights


_CACHE: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_LOCK = threading.Lock()


def corpus_terms(searcher) -> CorpusTerms:  # type: ignore[no-untyped-def]
    """The statistics of a Whoosh searcher's reader, shared by every call on that searcher."""
    with _LOCK:
        found = _CACHE.get(searcher)
        if found is None:
            found = _CACHE[searcher] = CorpusTerms(searcher)
        return found
