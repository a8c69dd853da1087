"""Snippets with the matched words marked, computed from stored text without re-indexing it.

Whoosh's highlighter re-analyses the whole stored text of every hit, which dominated
query time. Here a regex of candidate word starts (C speed) finds possible matches, and
only those few words are stemmed and checked against the query's terms.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from whoosh import query as wq
from whoosh.lang.porter import stem as porter_stem

from index.query import WORD_FIELDS

SNIPPET_CHARS = 220

_WORD = re.compile(r"\w+")
_WORD_CHAR = re.compile(r"\w")
_MARKUP_LINE_START = re.compile(r"(?m)^\s*(?:#{1,6}|[|>*-]|\d+\.)\s+")
_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    return porter_stem(word)


@dataclass
class QueryTerms:
    """The words of a query that a hit's text should show marked."""

    stems: set[str] = field(default_factory=set)
    prefixes: list[str] = field(default_factory=list)
    fuzzy: list[tuple[str, int]] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.stems or self.prefixes or self.fuzzy)


def query_terms(q: wq.Query) -> QueryTerms:
    """Terms to mark, from a parsed query (words under NOT are left unmarked)."""
    terms = QueryTerms()

    def visit(node: wq.Query) -> None:
        if isinstance(node, wq.Not):
            return
        fieldname = getattr(node, "fieldname", None)
        if isinstance(node, wq.FuzzyTerm) and fieldname in WORD_FIELDS:
            terms.fuzzy.append((str(node.text), int(node.maxdist)))
        elif isinstance(node, (wq.Prefix, wq.Wildcard)) and fieldname in WORD_FIELDS:
            head = re.split(r"[*?]", str(node.text), maxsplit=1)[0]
            if head:
                terms.prefixes.append(head.lower())
        elif isinstance(node, wq.Term) and fieldname in WORD_FIELDS:
            terms.stems.add(str(node.text))
        elif isinstance(node, wq.Phrase) and fieldname in WORD_FIELDS:
            terms.stems.update(str(w) for w in node.words)
        for child in node.children():
            visit(child)

    visit(q)
    return terms


class Marker:
    """Finds the spans of a text's words that match the query terms."""

    def __init__(self, terms: QueryTerms):
        self.terms = terms
        starts = {s[: max(3, len(s) - 1)] if len(s) > 3 else s for s in terms.stems}
        starts.update(terms.prefixes)
        starts.update(w[:1] for w, _ in terms.fuzzy)
        alternatives = "|".join(sorted((re.escape(s) for s in starts if s), key=len, reverse=True))
        self._candidates = re.compile(rf"\b(?:{alternatives})\w*", re.I) if alternatives else None
        # The same without \b or re.I, run on lower-cased text: twice as fast (the regex
        # engine can skip ahead to a first letter); a match inside a word is dropped after.
        lowered = "|".join(sorted((re.escape(s.lower()) for s in starts if s), key=len, reverse=True))
        self._lower = re.compile(rf"(?:{lowered})\w*") if lowered else None

    def spans(self, text: str, limit: int = 400) -> list[tuple[int, int]]:
        if self._candidates is None or self._lower is None:
            return []
        low = text.lower()
        if len(low) != len(text):  # a letter whose lower case is longer: offsets would move
            return self._spans_slow(text, limit)
        out: list[tuple[int, int]] = []
        for m in self._lower.finditer(low):
            start = m.start()
            if start and _WORD_CHAR.match(low, start - 1):
                continue  # not the start of a word
            if self.matches(m.group()):
                out.append(m.span())
                if len(out) >= limit:
                    break
        return out

    def _spans_slow(self, text: str, limit: int) -> list[tuple[int, int]]:
        out: list[tuple[int, int]] = []
        for m in self._candidates.finditer(text):  # type: ignore[union-attr]
            if self.matches(m.group().lower()):
                out.append(m.span())
                if len(out) >= limit:
                    break
        return out

    def matches(self, word: str) -> bool:
        t = self.terms
        if word in t.stems or stem(word) in t.stems:
            return True
        if any(word.startswith(p) for p in t.prefixes):
            return True
        return any(_within(word, w, d) for w, d in t.fuzzy)


def _within(a: str, b: str, maxdist: int) -> bool:
    """Damerau-free Levenshtein distance <= maxdist, with early exit (words are short)."""
    if abs(len(a) - len(b)) > maxdist:
        return False
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        if min(current) > maxdist:
            return False
        previous = current
    return previous[-1] <= maxdist or stem(a) == b


def readable(text: str) -> str:
    """Snippet text on one line: Markdown line markers dropped, whitespace collapsed."""
    return _SPACES.sub(" ", _MARKUP_LINE_START.sub("", text)).strip()


def make_snippet(text: str, marker: Marker, width: int = SNIPPET_CHARS) -> tuple[str, list[tuple[int, int]]]:
    """(snippet, spans of marked words within it) for the densest window of matches."""
    spans = marker.spans(text)
    if not spans:
        return opening(text, width), []
    best, best_score = 0, -1
    for i, (s, _) in enumerate(spans[:200]):
        seen = set()
        for s2, e2 in spans[i:]:
            if s2 - s > width * 0.8:
                break
            seen.add(text[s2:e2].lower())
        score = len(seen) * 10 + sum(1 for s2, _ in spans[i:] if s2 - s <= width * 0.8)
        if score > best_score:
            best, best_score = i, score
    anchor = spans[best][0]
    start = max(0, anchor - width // 4)
    sentence = max(text.rfind(". ", start - 60, anchor), text.rfind("\n", start - 60, anchor))
    if sentence != -1 and anchor - sentence < width // 2:
        start = sentence + 1
    else:
        while start > 0 and text[start - 1].isalnum():
            start -= 1
    raw = text[start : start + width + 80]
    piece = readable(raw)
    prefix = "…" if start > 0 else ""
    piece = _trim(piece, width)
    snippet = prefix + piece
    return snippet, marker.spans(snippet, limit=50)


def opening(text: str, width: int = SNIPPET_CHARS) -> str:
    """The start of the first paragraph that reads like prose, unmarked: the snippet of a
    brief where no query word shows, or of one past the search's time limit (no word is
    looked for, which costs next to nothing)."""
    start = _first_paragraph(text) or 0
    piece = readable(text[start : start + width * 2])[:width]
    return _trim(piece, width)


def _trim(piece: str, width: int) -> str:
    if len(piece) <= width:
        return piece
    cut = piece.rfind(" ", 0, width)
    return piece[: cut if cut > width // 2 else width].rstrip(",;: ") + "…"


def _first_paragraph(text: str) -> int | None:
    """Offset of the first line that reads like prose (skips headings and short lines)."""
    pos = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if len(stripped) > 60 and not stripped.startswith(("#", "|", "-", "*")):
            return pos
        pos += len(line) + 1
    return None
