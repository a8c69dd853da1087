"""The reader: header, an always-visible marking banner, and the body with hits marked."""

from __future__ import annotations

import bisect
import re
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Static

from tui.safe import Span, highlighted, joined, safe_line

HIT_STYLE = "reverse"
CURRENT_STYLE = "bold reverse underline"
FOCUS_STYLE = "bold underline"
MAX_BLOCKS = 300
_PARAGRAPH = re.compile(r"\n[ \t]*\n\s*")


def blocks_of(body: str, limit: int = MAX_BLOCKS) -> list[tuple[int, int]]:
    """Paragraph ranges of `body`; merged so that a huge brief makes at most `limit` widgets."""
    ranges: list[tuple[int, int]] = []
    start = 0
    for m in _PARAGRAPH.finditer(body):
        if m.start() > start:
            ranges.append((start, m.start()))
        start = m.end()
    if start < len(body) or not ranges:
        ranges.append((start, len(body)))
    if len(ranges) > limit:
        step = -(-len(ranges) // limit)
        ranges = [(ranges[i][0], ranges[min(i + step, len(ranges)) - 1][1]) for i in range(0, len(ranges), step)]
    return ranges


class Page(VerticalScroll):
    """The scrolling part of the reader (focusable; j/k/g/G scroll)."""

    BINDINGS: list[BindingType] = [
        Binding("j", "scroll_down", "Down", show=False),
        Binding("k", "scroll_up", "Up", show=False),
        Binding("g", "scroll_home", "Top", show=False),
        Binding("G", "scroll_end", "End", show=False),
        Binding("space", "page_down", "Page", show=False),
    ]
    """| key | action |\n|---|---|\n| j / k | scroll |\n| g / G | top / end |\n| space | page down |"""


class Reader(Vertical):
    """One brief for reading. Body offsets (hits, facts) index `stored["body"]` directly."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.body = ""
        self.hits: list[Span] = []
        self.current = -1
        self.focus_span: Span | None = None
        self._ranges: list[tuple[int, int]] = []
        self._starts: list[int] = []

    def compose(self) -> ComposeResult:
        yield Static(id="marking")
        yield Static(id="title")
        with Page(id="page"):
            yield Static(Text("Type in the search box; Enter on a result opens it. ? lists the keys.", style="dim"), id="header")
        yield Static(id="reader-status")

    @property
    def page(self) -> Page:
        return self.query_one("#page", Page)

    async def show(self, stored: dict[str, Any], hits: list[Span]) -> None:
        """Show a brief: marking banner, title, header, body blocks with the hits marked."""
        self.body = stored.get("body", "") or ""
        self.hits = [(s, e) for s, e in hits if 0 <= s < e <= len(self.body)]
        self.current = -1
        self.focus_span = None
        self.query_one("#header", Static).update(self._header(stored))
        title = safe_line(stored.get("title") or "(untitled)", "bold")
        title.no_wrap, title.overflow = True, "ellipsis"
        self.query_one("#title", Static).update(title)
        marking = str((stored.get("meta") or {}).get("marking") or "")
        banner = self.query_one("#marking", Static)
        banner.update(safe_line(marking, "bold"))
        banner.display = bool(marking.strip())
        await self.page.remove_children(".block")
        self._ranges = blocks_of(self.body)
        self._starts = [s for s, _ in self._ranges]
        await self.page.mount_all([Static(self._block_text(i), classes="block") for i in range(len(self._ranges))])
        self.page.scroll_home(animate=False)
        self._status()

    def _header(self, stored: dict[str, Any]) -> Text:
        meta = stored.get("meta") or {}
        when = stored.get("date")
        lines: list[Text] = []
        byline = [safe_line(stored.get("source"))]
        if when:
            byline.append(Text(when.date().isoformat()))
        if stored.get("author"):
            byline.append(safe_line(stored["author"]))
        lines.append(joined(*[b for b in byline if b.plain], separator=" · "))
        if meta.get("url"):
            lines.append(safe_line(meta["url"], "underline"))
        if meta.get("tags"):
            lines.append(joined(Text("tags: "), safe_line(", ".join(str(t) for t in meta["tags"]))))
        return joined(*lines, separator="\n")

    def _block_of(self, offset: int) -> int:
        return max(0, bisect.bisect_right(self._starts, offset) - 1)

    def _block_text(self, index: int) -> Text:
        start, end = self._ranges[index]
        local = [(s - start, e - start) for s, e in self.hits if s < end and e > start]
        text = highlighted(self.body[start:end], local, HIT_STYLE)
        if self.focus_span and self.focus_span[0] < end and self.focus_span[1] > start:
            text.stylize(FOCUS_STYLE, max(0, self.focus_span[0] - start), self.focus_span[1] - start)
        if 0 <= self.current < len(self.hits):
            s, e = self.hits[self.current]
            if s < end and e > start:
                text.stylize(CURRENT_STYLE, max(0, s - start), e - start)
        return text

    def _rerender(self, *indexes: int) -> None:
        blocks = list(self.page.query(".block").results(Static))
        for i in set(indexes):
            if 0 <= i < len(blocks):
                blocks[i].update(self._block_text(i))

    def _scroll_to_offset(self, offset: int) -> None:
        """Scroll so that the line holding `offset` sits a third of the way down."""
        index = self._block_of(offset)
        blocks = list(self.page.query(".block").results(Static))
        if not 0 <= index < len(blocks):
            return
        block = blocks[index]
        start = self._ranges[index][0]
        width = max(1, block.content_region.width or self.page.size.width - 2)
        prefix = Text(self.body[start:offset] + "x")
        line = len(prefix.wrap(self.app.console, width)) - 1
        y = block.virtual_region.y + line
        self.page.scroll_to(y=max(0, y - self.page.size.height // 3), animate=False)

    def jump(self, step: int) -> None:
        """Move to the next (+1) or previous (-1) hit, wrapping around."""
        if not self.hits:
            self._status("no search hits in this brief")
            return
        old = self._block_of(self.hits[self.current][0]) if self.current >= 0 else -1
        if self.current < 0:
            self.current = 0 if step > 0 else len(self.hits) - 1
        else:
            self.current = (self.current + step) % len(self.hits)
        start = self.hits[self.current][0]
        self._rerender(old, self._block_of(start))
        self._scroll_to_offset(start)
        self._status()

    def show_span(self, start: int, end: int) -> None:
        """Highlight a range (a fact's sentence) and scroll to it."""
        old = self._block_of(self.focus_span[0]) if self.focus_span else -1
        self.focus_span = (start, end)
        self._rerender(old, self._block_of(start))
        self._scroll_to_offset(start)

    def _status(self, note: str = "") -> None:
        """The line under the page: the hit counter ("3 of 11") and keys."""
        if note:
            text = Text(note)
        elif self.hits and self.current < 0:
            text = Text(f"{len(self.hits)} hits · n: first hit")
        elif self.hits:
            text = Text(f"hit {self.current + 1} of {len(self.hits)} · n/N next/previous")
        elif self.body:
            text = Text("no search hits in this brief")
        else:
            text = Text("")
        self.query_one("#reader-status", Static).update(text)

    @property
    def hit_label(self) -> str:
        """The counter as shown, e.g. "3 of 11" ("" when there are no hits)."""
        return f"{self.current + 1} of {len(self.hits)}" if self.hits and self.current >= 0 else ""
