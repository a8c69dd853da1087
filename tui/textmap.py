"""Text built from a brief's body, with an exact map from body offsets to rendered positions.

Hits, facts and "jump to a sentence" are character offsets into the stored body. Once the
reader renders Markdown (markers dropped, bullets, rules and link numbers inserted), those
offsets no longer index the text on screen; the map built here turns them into positions in
the rendered `Text`, so a mark lands on the same words whatever the rendering did around them.

Every character on screen is either copied from the body (recorded as a run: body offset,
rendered offset, length) or inserted by us (bullets, padding, link numbers). Body characters
that are not copied (`**`, `#`, `|`) have no position of their own: a span that starts on
one begins at the next copied character, a span that ends on one ends after the last copied
character before it.
"""

from __future__ import annotations

import bisect
from collections.abc import Mapping
from dataclasses import dataclass, field

from rich.text import Span, Text

from briefs.textsafe import clean_text

MARK_STYLE = "dim"


class MarkQueue:
    """Texts to insert right after given body offsets (link numbers after a link's words).

    Shared by a builder and its sub-builders (table cells), so each mark is emitted once,
    in body order, even when the character it follows is dropped from the rendering.
    """

    def __init__(self, marks: Mapping[int, str] | None = None, start: int = 0) -> None:
        self.marks = dict(marks or {})
        self.keys = sorted(self.marks)
        self.index = bisect.bisect_left(self.keys, start + 1)

    def next_key(self) -> int | None:
        return self.keys[self.index] if self.index < len(self.keys) else None


@dataclass
class Rendered:
    """One rendered piece of a body and the map back to it."""

    text: Text
    src: list[int] = field(default_factory=list)
    dst: list[int] = field(default_factory=list)
    size: list[int] = field(default_factory=list)
    length: int = -1

    def __post_init__(self) -> None:
        if self.length < 0:
            self.length = len(self.text.plain)

    @property
    def plain(self) -> str:
        return self.text.plain

    def start_of(self, offset: int) -> int:
        """Rendered position of the first copied body character at or after `offset`."""
        i = bisect.bisect_right(self.src, offset) - 1
        if i >= 0 and offset < self.src[i] + self.size[i]:
            return self.dst[i] + offset - self.src[i]
        return self.dst[i + 1] if i + 1 < len(self.src) else self.length

    def end_of(self, offset: int) -> int:
        """Rendered position just after the last copied body character before `offset`."""
        i = bisect.bisect_right(self.src, offset - 1) - 1
        if i < 0:
            return 0
        if offset - 1 < self.src[i] + self.size[i]:
            return self.dst[i] + offset - self.src[i]
        return self.dst[i] + self.size[i]

    def span(self, start: int, end: int) -> tuple[int, int] | None:
        """A body span on screen, or None when none of its characters is shown."""
        s, e = self.start_of(start), self.end_of(end)
        return (s, e) if s < e else None


class Builder:
    """Appends copied and inserted pieces, keeping the run map and the style spans."""

    def __init__(self, body: str, marks: MarkQueue | None = None, mark_style: str = MARK_STYLE) -> None:
        self.body = body
        self.queue = marks if marks is not None else MarkQueue()
        self.mark_style = mark_style
        self.parts: list[str] = []
        self.length = 0
        self.spans: list[Span] = []
        self.src: list[int] = []
        self.dst: list[int] = []
        self.size: list[int] = []

    def sub(self) -> Builder:
        """A builder for a piece measured before it is placed (a table cell); same marks."""
        return Builder(self.body, self.queue, self.mark_style)

    @property
    def plain(self) -> str:
        return "".join(self.parts)

    def insert(self, text: str, style: str = "") -> None:
        """Text of ours (never from the brief): bullets, rules, padding, separators."""
        if not text:
            return
        if style:
            self.spans.append(Span(self.length, self.length + len(text), style))
        self.parts.append(text)
        self.length += len(text)

    def reach(self, offset: int) -> None:
        """Emit the marks that follow body characters before `offset` (dropped or copied)."""
        queue = self.queue
        while (key := queue.next_key()) is not None and key <= offset:
            self.insert(queue.marks[key], self.mark_style)
            queue.index += 1

    def copy(self, start: int, end: int, style: str = "", soft: bool = False) -> None:
        """Body[start:end] on screen (cleaned); with `soft`, newlines become spaces."""
        if start >= end:
            return
        self.reach(start)
        queue = self.queue
        while (key := queue.next_key()) is not None and key <= end:
            self._copy(start, key, style, soft)
            start = key
            self.reach(key)
        self._copy(start, end, style, soft)

    def _copy(self, start: int, end: int, style: str, soft: bool) -> None:
        if start >= end:
            return
        text = clean_text(self.body[start:end])
        if soft:
            text = text.replace("\n", " ")
        if style:
            self.spans.append(Span(self.length, self.length + len(text), style))
        if self.src and self.src[-1] + self.size[-1] == start and self.dst[-1] + self.size[-1] == self.length:
            self.size[-1] += end - start
        else:
            self.src.append(start)
            self.dst.append(self.length)
            self.size.append(end - start)
        self.parts.append(text)
        self.length += len(text)

    def extend(self, other: Builder) -> None:
        """Place a sub-builder's pieces here (its map and spans shifted)."""
        shift = self.length
        for s, d, n in zip(other.src, other.dst, other.size):
            if self.src and self.src[-1] + self.size[-1] == s and self.dst[-1] + self.size[-1] == d + shift:
                self.size[-1] += n
            else:
                self.src.append(s)
                self.dst.append(d + shift)
                self.size.append(n)
        self.spans.extend(Span(sp.start + shift, sp.end + shift, sp.style) for sp in other.spans)
        self.parts.extend(other.parts)
        self.length += other.length

    def stylize(self, start: int, end: int, style: str) -> None:
        """Style the rendered form of body[start:end] (emphasis found after copying)."""
        span = self.view().span(start, end)
        if span:
            self.spans.append(Span(span[0], span[1], style))

    def view(self) -> Rendered:
        """The map so far (no text): for `stylize` while building."""
        return Rendered(Text(), self.src, self.dst, self.size, self.length)

    def done(self, end: int | None = None) -> Rendered:
        if end is not None:
            self.reach(end)
        text = Text("".join(self.parts), end="")
        text.spans = list(self.spans)
        return Rendered(text, self.src, self.dst, self.size)
