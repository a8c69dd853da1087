"""A brief's body cut into the reader's pieces, each rendered once with its offset map.

A Markdown body is rendered (tui.markdown_text); plain-text, HTML and feed bodies are shown
as they are, paragraph by paragraph. Either way every piece carries the map from body
offsets to its rendered text (tui.textmap), and link numbers (`[3]`) are inserted after
the words of each link.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from tui.markdown_inline import STRONG
from tui.markdown_text import blocks, render_block
from tui.textmap import Builder, MarkQueue, Rendered

# Widgets in the reader: a long brief merges neighbouring blocks to stay under this. Every
# layout pass (even a keystroke in an input) visits each widget: at 50 KB, 207 widgets made
# opening take ~1.1 s and a keystroke ~90 ms on a loaded 2-core machine, 52 widgets ~0.7 s
# and ~65 ms (scripts/bench_reader.py); the text on screen is the same.
MAX_PIECES = 60
_PARAGRAPH = re.compile(r"\n[ \t]*\n\s*")


@dataclass
class Piece:
    """A run of the body shown by one widget: body[start:end] and its rendering."""

    start: int
    end: int
    rendered: Rendered


def blocks_of(body: str, limit: int = MAX_PIECES) -> list[tuple[int, int]]:
    """Paragraph ranges of `body`; merged so that a huge brief makes at most `limit` widgets."""
    ranges: list[tuple[int, int]] = []
    start = 0
    for m in _PARAGRAPH.finditer(body):
        if m.start() > start:
            ranges.append((start, m.start()))
        start = m.end()
    if start < len(body) or not ranges:
        ranges.append((start, len(body)))
    return [(ranges[i][0], ranges[j - 1][1]) for i, j in _groups(len(ranges), limit)]


def _groups(count: int, limit: int) -> list[tuple[int, int]]:
    """Index ranges [i, j) cutting `count` consecutive items into at most `limit` groups."""
    step = max(1, -(-count // limit))
    return [(i, min(i + step, count)) for i in range(0, count, step)]


def link_marks(numbers: Mapping[int, int]) -> dict[int, str]:
    """{body offset: "[n]"} for the link numbers shown after a link's words."""
    return {offset: f"[{n}]" for offset, n in numbers.items()}


def render_body(
    body: str, markdown: bool, marks: Mapping[int, str] | None = None, width: int = 60,
    limit: int = MAX_PIECES, strong: Sequence[Sequence[int]] = (),
) -> list[Piece]:
    """The body's pieces, in order; at least one (possibly empty). `strong`: body spans
    shown bold (the loader took their `**` out of the body)."""
    queue = MarkQueue(marks)
    pieces: list[Piece] = []
    if markdown:
        found = blocks(body)
        for i, j in _groups(len(found), limit):
            group = found[i:j]
            out = Builder(body, queue)
            for k, block in enumerate(group):
                if k:
                    out.insert("\n\n")
                render_block(out, block, width)
            pieces.append(Piece(group[0].start, group[-1].end, out.done(group[-1].end)))
    else:
        for start, end in blocks_of(body, limit):
            out = Builder(body, queue)
            out.copy(start, end)
            pieces.append(Piece(start, end, out.done(end)))
    if not pieces:
        pieces.append(Piece(0, len(body), Builder(body, queue).done(len(body))))
    if strong:
        _embolden(pieces, strong)
    return pieces


def _embolden(pieces: list[Piece], strong: Sequence[Sequence[int]]) -> None:
    starts = [p.start for p in pieces]
    for span in strong:
        if len(span) != 2 or not all(isinstance(x, int) for x in span) or not 0 <= span[0] < span[1]:
            continue  # stored data: never trusted to be well formed
        i = max(0, bisect.bisect_right(starts, span[0]) - 1)
        while i < len(pieces) and pieces[i].start < span[1]:
            rendered = pieces[i].rendered
            shown = rendered.span(max(span[0], pieces[i].start), min(span[1], pieces[i].end))
            if shown is not None and shown[0] < shown[1]:
                rendered.text.stylize(STRONG, shown[0], shown[1])
            i += 1
