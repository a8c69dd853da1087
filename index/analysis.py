"""Turn a brief's fields into index postings in the loader processes, not in the writer.

The one Whoosh writer (in the indexing process) spent most of a build analysing text: a
Token object passed through four generator filters for every word. Here the loader worker
analyses each field into the exact (term, frequency, weight, value) postings Whoosh would
make, and the writer (index/bulkwrite.py) only files them. For the stemmed text fields a
direct equivalent of Whoosh's StemmingAnalyzer runs about ten times faster; it is used only
when the field's analyzer is exactly the chain it reproduces (tests compare the two).
Queries are still analysed by Whoosh's analyzer from the schema, so both sides agree.
"""

from __future__ import annotations

import struct
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pickle import dumps

from whoosh.analysis import CompositeAnalyzer, LowercaseFilter, RegexTokenizer, StemFilter, StopFilter
from whoosh.fields import FieldType, Schema
from whoosh.formats import Positions

_PACK_UINT = struct.Struct("!I").pack
# Whoosh's default token pattern, without a capturing group so that findall() gives tokens.
_DEFAULT_PATTERN = r"[\w\*]+(\.?[\w\*]+)*"
_DEFAULT_NONCAPTURING = r"[\w\*]+(?:\.?[\w\*]+)*"


@dataclass
class Analysed:
    """A field already turned into postings (parallel lists), with its length for scoring."""

    terms: list[bytes]
    weights: list[float]
    values: list[bytes]
    length: int

    def __len__(self) -> int:
        return len(self.terms)


def analyse_fields(schema: Schema, doc: dict[str, object], skip: tuple[str, ...] = ()) -> dict[str, object]:
    """`doc` with each indexed field replaced by its postings (stored values kept aside)."""
    out: dict[str, object] = {}
    for name, value in doc.items():
        field = schema[name] if name in schema else None
        if name in skip or value is None or field is None or not field.indexed:
            out[name] = value
            continue
        out[name] = analyse(field, value)
        out[f"_stored_{name}"] = value
    return out


def analyse(field: FieldType, value: object) -> Analysed:
    """The postings Whoosh's field.index(value) gives, by the fast path when there is one."""
    fast = _fast_path(field)
    if fast is not None and isinstance(value, str):
        return fast(value)
    terms, weights, values = [], [], []
    length = 0
    for btext, freq, weight, vbytes in field.index(value):
        terms.append(btext)
        weights.append(weight)
        values.append(vbytes)
        length += freq
    return Analysed(terms, weights, values, length if field.scorable else 0)


_FAST: dict[int, Callable[[str], Analysed] | None] = {}


def _fast_path(field: FieldType) -> Callable[[str], Analysed] | None:
    key = id(field)
    if key not in _FAST:
        _FAST[key] = _make_fast(field)
    return _FAST[key]


class _StemCache(dict):  # type: ignore[type-arg]
    """word -> stem, computed once per word per process."""

    def __init__(self, stemfn: Callable[[str], str]):
        super().__init__()
        self.stemfn = stemfn

    def __missing__(self, word: str) -> str:
        stem = self[word] = self.stemfn(word)
        return stem


def _make_fast(field: FieldType) -> Callable[[str], Analysed] | None:
    """A fast equivalent for a Positions field whose analyzer is a RegexTokenizer, a
    LowercaseFilter, maybe a StopFilter and maybe a StemFilter (StemmingAnalyzer,
    StandardAnalyzer); None for anything else."""
    fmt = field.format
    ana = getattr(field, "analyzer", None)
    if type(fmt) is not Positions or not isinstance(ana, CompositeAnalyzer):
        return None
    items = list(ana.items)
    if [type(i) for i in items[:2]] != [RegexTokenizer, LowercaseFilter]:
        return None
    tokenizer, rest = items[0], items[2:]
    stops = rest.pop(0) if rest and type(rest[0]) is StopFilter else None
    stemmer = rest.pop(0) if rest and type(rest[0]) is StemFilter else None
    if rest or tokenizer.gaps:
        return None
    if stops is not None and not stops.renumber:
        return None
    if stemmer is not None and (stemmer.lang or stemmer.ignore):
        return None
    pattern = tokenizer.expression
    if pattern.pattern == _DEFAULT_PATTERN:
        import re

        findall = re.compile(_DEFAULT_NONCAPTURING, pattern.flags).findall
    elif pattern.groups == 0:
        findall = pattern.findall
    else:
        return None
    stoplist = stops.stops if stops else frozenset()
    minsize = stops.min if stops else 0
    maxsize = stops.max if stops else None
    stem = _StemCache(stemmer.stemfn).__getitem__ if stemmer else None
    boost = fmt.field_boost
    scorable = field.scorable

    def keep(word: str) -> bool:
        n = len(word)
        return n >= minsize and (maxsize is None or n <= maxsize) and word not in stoplist

    def analyse_text(text: str) -> Analysed:
        # Lower-casing the whole text gives the same tokens when each character maps to one
        # character and none depends on its neighbours (only capital sigma does: σ or ς).
        lowered = text.lower()
        if len(lowered) == len(text) and "\u03a3" not in text:
            words = findall(lowered)
        else:
            words = [w.lower() for w in findall(text)]
        first = 0
        if stops is None:
            kept = words
        else:
            if maxsize is None:
                kept = [w for w in words if w not in stoplist and len(w) >= minsize]
            else:
                kept = [w for w in words if keep(w)]
            # Whoosh's StopFilter renumbers: the first kept word keeps its own position
            # and each later one follows it, whatever was dropped in between.
            if kept:
                first = next(i for i, w in enumerate(words) if keep(w))
        positions: defaultdict[str, list[int]] = defaultdict(list)
        for pos, term in enumerate(map(stem, kept) if stem else kept, first):
            positions[term].append(pos)
        terms, weights, values = [], [], []
        for word, where in positions.items():
            terms.append(word.encode("utf-8"))
            weights.append(float(len(where)) * boost)
            values.append(positions_value(where))
        return Analysed(terms, weights, values, len(kept) if scorable else 0)

    return analyse_text


# Whoosh's Positions format: the count, then the pickle (protocol 2) of the first position
# and the gaps. A pickle.dumps call per posting was about a tenth of analysing a body; small
# numbers' pickle opcodes are looked up instead (tests compare the results with Whoosh's).
# The tables take ~8 ms to make, once per indexing process (the app does not import this).
_SMALL = 8192
_ONE = [_PACK_UINT(1) + dumps([p], 2) for p in range(_SMALL)]
_INT = [dumps(p, 2)[2:-1] for p in range(_SMALL)]  # K/M opcode and its bytes
_LIST, _END = dumps([0, 0], 2).split(_INT[0] + _INT[0])  # protocol, list, memo, mark | appends, stop
_BATCH = 1000  # pickle appends a list's items 1,000 at a time: longer lists take dumps()


def positions_value(where: list[int]) -> bytes:
    """The stored value of a term at these (ascending) positions, as Whoosh encodes it."""
    n = len(where)
    if n == 1:
        p = where[0]
        return _ONE[p] if 0 <= p < _SMALL else _PACK_UINT(1) + dumps(where, 2)
    gaps = [where[0]] + [b - a for a, b in zip(where, where[1:])]
    if n <= _BATCH and 0 <= min(gaps) and max(gaps) < _SMALL:
        return _PACK_UINT(n) + _LIST + b"".join(map(_INT.__getitem__, gaps)) + _END
    return _PACK_UINT(n) + dumps(gaps, 2)
