"""Find a highlighted passage again after its brief was edited, and say where it is.

A highlight keeps its text, a little context on each side and its last offsets. When the
brief's body changes, `relocate` looks for it in this order: the same place; the exact text
(or the same words re-wrapped), taking the copy whose context agrees best and then the one
nearest the old offset; the text between the old context on both sides; and last a fuzzy
match (difflib) around places that share words with the passage or its context. A passage
found by none of these is reported lost: the caller keeps it, detached.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from difflib import SequenceMatcher

CONTEXT = 48            # characters of context kept on each side of a highlight
MIN_FUZZY = 0.8         # word similarity a re-worded passage needs to stay attached,
MIN_FUZZY_IN_CONTEXT = 0.7   # ... or this much, with its old context mostly around it
MIN_FUZZY_WORDS = 4     # shorter passages must be found exactly or between their context
MIN_BETWEEN = 0.45      # character similarity, when the context on both sides is intact
_MAX_OCCURRENCES = 2000
_WORD = re.compile(r"\w{4,}")
_WORDS = re.compile(r"\w+")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")


@dataclass(frozen=True)
class Placement:
    """Where a highlight now is, and how it was found (same, exact, moved, fuzzy or lost)."""

    start: int
    end: int
    text: str
    before: str
    after: str
    how: str

    @property
    def found(self) -> bool:
        return self.how != "lost"


@dataclass(frozen=True)
class Location:
    """A human description of a span: paragraph and line (1-based) and character offsets."""

    paragraph: int
    line: int
    column: int
    start: int
    end: int

    def describe(self) -> str:
        return (f"paragraph {self.paragraph}, line {self.line}, "
                f"characters {self.start}–{self.end}")


def context(body: str, start: int, end: int) -> tuple[str, str]:
    """The context kept around body[start:end]."""
    return body[max(0, start - CONTEXT) : start], body[end : end + CONTEXT]


def locate(body: str, start: int, end: int) -> Location:
    """Paragraph (blocks separated by blank lines), line and column of a span."""
    start = max(0, min(start, len(body)))
    paragraph = len(_PARAGRAPH_BREAK.findall(body, 0, start)) + 1
    line = body.count("\n", 0, start) + 1
    column = start - (body.rfind("\n", 0, start) + 1) + 1
    return Location(paragraph, line, column, start, end)


def find_passage(body: str, passage: str) -> list[tuple[int, int]]:
    """Every place `passage` occurs: exactly, else with any whitespace between its words,
    else ignoring case as well. An empty or blank passage occurs nowhere."""
    if not passage.strip():
        return []
    spans = _exact(body, passage)
    if spans:
        return spans
    pattern = _loose(passage)
    spans = [(m.start(), m.end()) for m in pattern.finditer(body)]
    if spans:
        return spans[:_MAX_OCCURRENCES]
    pattern = re.compile(pattern.pattern, re.IGNORECASE)
    return [(m.start(), m.end()) for m in pattern.finditer(body)][:_MAX_OCCURRENCES]


def relocate(
    body: str, start: int, end: int, text: str, before: str = "", after: str = ""
) -> Placement:
    """Where the highlighted `text` (last at start:end, between before/after) now is."""
    if not text:
        return _lost(start, end, text, before, after)
    if 0 <= start <= end <= len(body) and body[start:end] == text:
        return _placed(body, start, end, "same")
    spans = _exact(body, text) or [(m.start(), m.end()) for m in _loose(text).finditer(body)]
    if spans:
        best = max(spans, key=lambda s: (_agreement(body, s, before, after), -abs(s[0] - start)))
        return _placed(body, best[0], best[1], "exact" if len(spans) == 1 else "moved")
    between = _between(body, text, start, before, after)
    if between is not None:
        return _placed(body, between[0], between[1], "fuzzy")
    fuzzy = _fuzzy(body, text, start, before, after)
    if fuzzy is not None:
        return _placed(body, fuzzy[0], fuzzy[1], "fuzzy")
    return _lost(start, end, text, before, after)


def _placed(body: str, start: int, end: int, how: str) -> Placement:
    before, after = context(body, start, end)
    return Placement(start, end, body[start:end], before, after, how)


def _lost(start: int, end: int, text: str, before: str, after: str) -> Placement:
    return Placement(start, end, text, before, after, "lost")


def _exact(body: str, text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    i = body.find(text)
    while i != -1 and len(spans) < _MAX_OCCURRENCES:
        spans.append((i, i + len(text)))
        i = body.find(text, i + 1)
    return spans


def _loose(text: str) -> re.Pattern[str]:
    """The passage's words with any run of whitespace between them (a re-wrapped line)."""
    return re.compile(r"\s+".join(re.escape(w) for w in text.split()))


def _common_suffix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(reversed(a), reversed(b)):
        if x != y:
            break
        n += 1
    return n


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b):
        if x != y:
            break
        n += 1
    return n


def _agreement(body: str, span: tuple[int, int], before: str, after: str) -> int:
    s, e = span
    return (_common_suffix(before, body[max(0, s - len(before)) : s])
            + _common_prefix(after, body[e : e + len(after)]))


def _similarity(a: str, b: str) -> float:
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


def _word_similarity(a: str, b: str) -> float:
    return SequenceMatcher(None, _WORDS.findall(a.lower()), _WORDS.findall(b.lower()),
                           autojunk=False).ratio()


def _between(body: str, text: str, old: int, before: str, after: str) -> tuple[int, int] | None:
    """The span between the old context on both sides, when both are still there."""
    if len(before.strip()) < 12 or len(after.strip()) < 12:
        return None
    best: tuple[float, int, tuple[int, int]] | None = None
    for b in _exact(body, before)[:50]:
        s = b[1]
        e = body.find(after, s)
        if e == -1 or e - s > 2 * len(text) + 40:
            continue
        span = (s + (len(body[s:e]) - len(body[s:e].lstrip())), e - (len(body[s:e]) - len(body[s:e].rstrip())))
        if span[1] <= span[0]:
            continue
        score = _similarity(text, body[span[0] : span[1]])
        if score >= MIN_BETWEEN and (best is None or (score, -abs(s - old)) > best[:2]):
            best = (score, -abs(s - old), span)
    return best[2] if best else None


def _seeds(body: str, text: str, before: str, after: str) -> Counter[int]:
    """Votes for where the passage starts, from words it (and its context) share with body."""
    votes: Counter[int] = Counter()
    probes = [(m.start(), m.group()) for m in _WORD.finditer(text)]
    probes += [(m.start() - len(before), m.group()) for m in _WORD.finditer(before)]
    probes += [(len(text) + m.start(), m.group()) for m in _WORD.finditer(after)]
    seen: set[str] = set()
    for offset, word in probes[:60]:
        if word in seen:
            continue
        seen.add(word)
        pattern = re.compile(r"\b" + re.escape(word) + r"\b")
        for n, m in enumerate(pattern.finditer(body)):
            if n >= 200:
                break
            votes[(m.start() - offset) // 8 * 8] += 1
    return votes


def _fuzzy(body: str, text: str, old: int, before: str, after: str) -> tuple[int, int] | None:
    if len(_WORDS.findall(text)) < MIN_FUZZY_WORDS:
        return None
    votes = _seeds(body, text, before, after)
    n = len(text)
    slack = max(24, n // 2)
    candidates = sorted(votes, key=lambda s: (-votes[s], abs(s - old)))[:20]
    best: tuple[float, int, tuple[int, int]] | None = None
    for guess in candidates:
        lo, hi = max(0, guess - slack), min(len(body), guess + n + slack)
        span = _align(text, body, lo, hi)
        if span is None:
            continue
        similar = _word_similarity(text, body[span[0] : span[1]])
        if similar < MIN_FUZZY_IN_CONTEXT:
            continue
        ctx = _similarity(before + after, body[max(0, span[0] - len(before)) : span[0]]
                          + body[span[1] : span[1] + len(after)])
        if similar < MIN_FUZZY and ctx < 0.6:
            continue
        score = 0.7 * similar + 0.3 * ctx
        if best is None or (score, -abs(span[0] - old)) > best[:2]:
            best = (score, -abs(span[0] - old), span)
    return best[2] if best else None


def _align(text: str, body: str, lo: int, hi: int) -> tuple[int, int] | None:
    """The span of body[lo:hi] that lines up with `text` (difflib matching blocks)."""
    region = body[lo:hi]
    least = 3 if len(text) >= 12 else 1
    blocks = [b for b in SequenceMatcher(None, text, region, autojunk=False).get_matching_blocks()
              if b.size >= least]
    if not blocks:
        return None
    first, last = blocks[0], blocks[-1]
    start = lo + max(0, first.b - min(first.a, 3))
    end = lo + min(len(region), last.b + last.size + min(len(text) - last.a - last.size, 3))
    start, end = _words(body, start, end)
    return (start, end) if end > start else None


def _words(body: str, start: int, end: int) -> tuple[int, int]:
    """Widen a span to whole words and trim the whitespace at its edges."""
    while start > 0 and body[start - 1].isalnum() and body[start].isalnum():
        start -= 1
    while end < len(body) and end > 0 and body[end - 1].isalnum() and body[end].isalnum():
        end += 1
    while start < end and body[start].isspace():
        start += 1
    while end > start and body[end - 1].isspace():
        end -= 1
    return start, end
