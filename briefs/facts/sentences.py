"""Split a brief's body into sentences with their offsets (no model, no downloads)."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Words after which a full stop does not end a sentence.
ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof sen rep gen lt col maj capt cmdr adm sgt cpl pvt gov pres sec
    st jr sr inc ltd co corp dept est fig figs no nos vol vols pp p ed eds approx vs etc
    jan feb mar apr jun jul aug sep sept oct nov dec u.s u.k e.g i.e a.m p.m al
    brig rear vice ret div bn cdr lcdr hon mt ft cf viz govt univ a.k.a""".split()
)

# A sentence ends at ., ! or ? (with any closing quotes or brackets) before a capital or a
# digit, at a blank line, or at a line break before a list item or a Markdown heading. (Each
# branch starts with its own literal, so that `re` skips through plain text quickly.)
_END = r"[.!?]*[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])"
_BOUNDARY = re.compile(
    rf"\.{_END}|!{_END}|\?{_END}|\n\s*\n"
    r"|\n(?=[ \t]*(?:[-*•▪][ \t]|\d{1,3}[.)][ \t]|#{1,6}[ \t]))"
)
# "1." or "A." opening a line is a list marker, not the end of a sentence.
_LIST_MARKER = re.compile(r"(?:^|\n)[ \t]*(?:\d{1,3}|[A-Za-z]|[ivxIVX]{1,4})$")
_LAST_WORD = re.compile(r"([\w.]+)$")


@dataclass(frozen=True)
class Sentence:
    """A sentence: its text and where it sits in the body."""

    start: int
    end: int
    text: str


def split(body: str) -> list[Sentence]:
    """Sentences of `body` in order; body[s.start:s.end] == s.text, whitespace trimmed."""
    out: list[Sentence] = []
    start = 0
    for m in _BOUNDARY.finditer(body):
        end = m.end()
        dot = m.start()
        if m.group().startswith(".") and (
            _is_abbreviation(body, dot) or _LIST_MARKER.search(body, max(0, dot - 8), dot)
        ):
            continue
        _add(body, start, end, out)
        start = end
    _add(body, start, len(body), out)
    return out


def _is_abbreviation(body: str, dot: int) -> bool:
    word = _LAST_WORD.search(body[max(0, dot - 12) : dot])
    if not word:
        return False
    w = word.group(1).lower()
    return w in ABBREVIATIONS or (len(w) == 1 and w.isalpha())


def _add(body: str, start: int, end: int, out: list[Sentence]) -> None:
    while start < end and body[start].isspace():
        start += 1
    while end > start and body[end - 1].isspace():
        end -= 1
    if end > start:
        out.append(Sentence(start, end, body[start:end]))


def sentence_at(sentences: list[Sentence], offset: int) -> Sentence | None:
    """The sentence that contains `offset` (binary search)."""
    lo, hi = 0, len(sentences) - 1
    while lo <= hi:
        mid = (lo + hi) // 2
        s = sentences[mid]
        if offset < s.start:
            hi = mid - 1
        elif offset >= s.end:
            lo = mid + 1
        else:
            return s
    return None
