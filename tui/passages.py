"""Passages of a brief's body for highlighting: sentences and words as body offsets, and the
way back from a position on screen (a mouse selection) to the body.

A keyboard selection grows and shrinks by whole sentences and words of the stored body, so
that what is saved is what the analyst saw marked. A mouse selection arrives as (column,
line) positions in a block's text on screen; `tui.textmap.Rendered` maps body offsets to
those positions, and `body_start` / `body_end` here map them back.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from tui.textmap import Rendered

Span = tuple[int, int]

# A sentence ends after . ! ? (and closing quotes or brackets) before a space, at a blank
# line, before a line that starts a list item, heading, quote or table row, and after a
# heading line. A single line break inside a paragraph does not end a sentence.
_PUNCT = re.compile(r"[.!?…]+[\"'”’)\]*_]*(?=\s|$)")
_PARAGRAPH = re.compile(r"\n[ \t]*\n")
_BLOCK_LINE = re.compile(r"^[ \t]*(?:#{1,6}[ \t]|[-*+•][ \t]|\d{1,3}[.)][ \t]|>|\|)", re.M)
_HEADING_LINE = re.compile(r"^[ \t]*#{1,6}[ \t].*$", re.M)
_WORD = re.compile(r"\S+")
# A full stop after these does not end a sentence ("U.S. Army", "Lt. Gen. Calloway", "e.g. this").
_ABBREVIATION = re.compile(
    r"(?:^|[\s(\[\"'“])(?:(?:[A-Za-z]\.)*[A-Za-z]|Mr|Mrs|Ms|Dr|Prof|Gen|Lt|Col|Capt|Cdr|Maj|Sgt|Adm|"
    r"Rep|Sen|Gov|Jr|Sr|St|No|Nos|Inc|Corp|Ltd|Co|vs|etc|approx|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|"
    r"Oct|Nov|Dec|Fig|ca)$")


def sentences(body: str) -> list[Span]:
    """Every sentence of `body` as (start, end), trimmed of spaces, in order, none blank."""
    cuts = {0, len(body)}
    cuts.update(m.end() for m in _PUNCT.finditer(body) if _ends_sentence(body, m))
    cuts.update(m.start() for m in _PARAGRAPH.finditer(body))
    cuts.update(m.start() for m in _BLOCK_LINE.finditer(body))
    cuts.update(m.end() for m in _HEADING_LINE.finditer(body))
    ordered = sorted(cuts)
    out: list[Span] = []
    for a, b in zip(ordered, ordered[1:]):
        while a < b and body[a].isspace():
            a += 1
        while b > a and body[b - 1].isspace():
            b -= 1
        if a < b:
            out.append((a, b))
    return out


def _ends_sentence(body: str, m: re.Match[str]) -> bool:
    """False for the full stop of an abbreviation, or one followed by a lower-case word."""
    rest = body[m.end():m.end() + 40].lstrip()
    if rest[:1].islower():
        return False
    return m.group()[0] != "." or not _ABBREVIATION.search(body, max(0, m.start() - 24), m.start())


def sentence_at(spans: Sequence[Span], offset: int) -> int:
    """Index of the sentence holding `offset` (or the next one after it; the last at the end)."""
    if not spans:
        return -1
    i = bisect.bisect_right([s for s, _ in spans], offset) - 1
    if i < 0:
        return 0
    if offset >= spans[i][1] and i + 1 < len(spans):
        return i + 1
    return i


def move_end_by_sentence(spans: Sequence[Span], start: int, end: int, step: int) -> int:
    """The selection's end one sentence later (step 1) or earlier (-1), never before `start`."""
    ends = [e for _, e in spans]
    if step > 0:
        i = bisect.bisect_right(ends, end)
        return ends[i] if i < len(ends) else end
    i = bisect.bisect_left(ends, end) - 1
    return ends[i] if i >= 0 and ends[i] > start else end


def move_start_by_sentence(spans: Sequence[Span], start: int, end: int, step: int) -> int:
    """The selection's start one sentence earlier (step -1) or later (1), never past `end`."""
    starts = [s for s, _ in spans]
    if step < 0:
        i = bisect.bisect_left(starts, start) - 1
        return starts[i] if i >= 0 else start
    i = bisect.bisect_right(starts, start)
    return starts[i] if i < len(starts) and starts[i] < end else start


def move_end_by_word(body: str, start: int, end: int, step: int) -> int:
    """The selection's end one word later or earlier (a word: anything between spaces)."""
    if step > 0:
        m = _WORD.search(body, end)
        return m.end() if m else end
    i = end
    while i > start and not body[i - 1].isspace():
        i -= 1
    while i > start and body[i - 1].isspace():
        i -= 1
    return i if i > start else end


def trimmed(body: str, start: int, end: int) -> Span | None:
    """The span without spaces at either end (None when nothing but spaces is left)."""
    start, end = max(0, start), min(len(body), end)
    while start < end and body[start].isspace():
        start += 1
    while end > start and body[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None


# From the screen back to the body ----------------------------------------------------------


def body_start(rendered: Rendered, pos: int) -> int | None:
    """Body offset of the first copied character at or after rendered position `pos`."""
    i = bisect.bisect_right(rendered.dst, pos) - 1
    if i >= 0 and pos < rendered.dst[i] + rendered.size[i]:
        return rendered.src[i] + pos - rendered.dst[i]
    return rendered.src[i + 1] if i + 1 < len(rendered.src) else None


def body_end(rendered: Rendered, pos: int) -> int | None:
    """Body offset just after the last copied character before rendered position `pos`."""
    i = bisect.bisect_right(rendered.dst, pos - 1) - 1
    if i < 0:
        return None
    if pos - 1 < rendered.dst[i] + rendered.size[i]:
        return rendered.src[i] + pos - rendered.dst[i]
    return rendered.src[i] + rendered.size[i]


def position(plain: str, column: int, line: int) -> int:
    """Offset in `plain` of (column, line), lines split at newlines as Textual counts them."""
    lines = plain.split("\n")
    line = max(0, min(line, len(lines) - 1))
    before = sum(len(x) + 1 for x in lines[:line])
    return before + max(0, min(column, len(lines[line])))
