"""The reader: header, an always-visible marking banner, and the body with hits marked.

A Markdown brief is rendered for reading (tui.markdown_text), other formats are shown as
they are; either way each piece of the body is rendered once when the brief opens, with a
map from body offsets to positions on screen (tui.textmap), so search hits, found text and
a fact's sentence are marked on the right words. `/` finds text in the brief; links are
numbered and copied or opened by number (tui.links, tui.widgets.reader_links). Passages
are selected and highlighted with the keyboard or the mouse (tui.widgets.selection).
"""

from __future__ import annotations

import bisect
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.events import Key
from textual.widgets import Input, Static

from tui import links as weblinks
from tui.bodyview import MAX_PIECES, Piece, blocks_of, link_marks, render_body
from tui.safe import Span, joined, safe_line
from tui.widgets.findbar import FindBar, Match, find_all
from tui.widgets.reader_links import LinkKeys, links_text
from tui.widgets.selection import SELECTION_BINDINGS, Selecting

__all__ = ["CURRENT_STYLE", "FOCUS_STYLE", "HIT_STYLE", "MAX_BLOCKS", "Page", "Reader", "blocks_of"]

HIT_STYLE = "reverse"
CURRENT_STYLE = "bold reverse underline"
FOCUS_STYLE = "bold underline"
MAX_BLOCKS = MAX_PIECES


class Page(VerticalScroll):
    """The scrolling part of the reader (focusable; j/k/g/G scroll)."""

    BINDINGS: list[BindingType] = [
        Binding("j", "scroll_down", "Down", show=False, id="reader_down"),
        Binding("k", "scroll_up", "Up", show=False, id="reader_up"),
        Binding("g", "scroll_home", "Top", show=False, id="reader_top"),
        Binding("G", "scroll_end", "End", show=False, id="reader_end"),
        Binding("space", "page_down", "Page", show=False, id="reader_page"),
    ]
    """| key | action |\n|---|---|\n| j / k | scroll |\n| g / G | top / end |\n| space | page down |"""


class Reader(Selecting, LinkKeys, Vertical):
    """One brief for reading. Body offsets (hits, facts) index `stored["body"]` directly."""

    DEFAULT_CSS = """
    Reader #links-list {
        display: none;
        margin-top: 1;
        padding-top: 1;
        border-top: solid $panel-lighten-1;
    }
    Reader #links-list.-shown {
        display: block;
    }
    """

    BINDINGS: list[BindingType] = [
        Binding("slash", "find", "Find", id="find_in_brief"),
        Binding("enter", "find_step(1)", "Next match", show=False, id="find_next"),
        Binding("escape", "close_find", "Close find", show=False, id="close_find"),
        Binding("o", "link('open')", "Open link", show=False, id="open_link"),
        Binding("y", "link('copy')", "Copy link", show=False, id="copy_link"),
        Binding("L", "links_list", "Links", show=False, id="links_list"),
        *SELECTION_BINDINGS,
    ]
    """| key | action |\n|---|---|\n| / | find text in this brief |\n| Enter / n / N | next / next / previous match while finding |\n| Escape | close the find bar (back to search hits) |\n| o then a number | open link n (over SSH: copy it) |\n| y then a number | copy link n |\n| L | the list of links |\n| v, h | select a passage, highlight it (tui.widgets.selection) |"""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.body = ""
        self.markdown = False
        self.hits: list[Span] = []
        self.current = -1
        self.focus_span: Span | None = None
        self.pieces: list[Piece] = []
        self._starts: list[int] = []
        self._hit_marks: list[Match | None] = []
        self.find_query = ""
        self.matches: list[Match] = []
        self.match = -1
        self.links: list[weblinks.Link] = []
        self.stored: dict[str, Any] = {}
        self.reset_selection()

    def compose(self) -> ComposeResult:
        yield Static(id="marking")
        yield Static(id="title")
        with Page(id="page"):
            yield Static(Text("Type in the search box; Enter on a result opens it. ? lists the keys.", style="dim"), id="header")
            yield Static(id="links-list")
        yield FindBar(placeholder="Find in this brief (Enter: next match, Escape: close)", id="find")
        yield Static(id="reader-status")

    @property
    def page(self) -> Page:
        return self.query_one("#page", Page)

    @property
    def finding(self) -> bool:
        """True while the find bar is open."""
        return self.query_one(FindBar).has_class("-shown")

    async def show(self, stored: dict[str, Any], hits: list[Span]) -> None:
        """Show a brief: marking banner, title, header, body pieces with the hits marked."""
        self.body = stored.get("body", "") or ""
        self.stored = stored
        self.reset_selection()
        meta = stored.get("meta") or {}
        self.markdown = str(meta.get("format") or "") == "markdown"
        self.hits = [(s, e) for s, e in hits if 0 <= s < e <= len(self.body)]
        self.current = -1
        self.focus_span = None
        self._close_find(focus=False)
        self.cancel_link_keys()
        self.links, numbers = weblinks.collect(stored)
        # Rules are drawn to the page's width, less room for a scrollbar.
        width = max(20, min((self.page.content_region.width or 62) - 2, 100))
        strong = meta.get("strong") or ()
        self.pieces = render_body(self.body, self.markdown, link_marks(numbers), width, strong=strong)
        self._starts = [p.start for p in self.pieces]
        self._hit_marks = [self._to_screen(s, e) for s, e in self.hits]
        self.query_one("#header", Static).update(self._header(stored))
        title = safe_line(stored.get("title") or "(untitled)", "bold")
        # Wraps (up to three lines, tui/app.tcss): a long title is the first thing an analyst reads.
        self.query_one("#title", Static).update(title)
        marking = str(meta.get("marking") or "")
        banner = self.query_one("#marking", Static)
        banner.update(safe_line(marking, "bold"))
        banner.display = bool(marking.strip())
        await self.page.remove_children(".block")
        listing = self.query_one("#links-list", Static)
        await self.page.mount_all([Static(self._block_text(i), classes="block") for i in range(len(self.pieces))], before=listing)
        listing.update(links_text(self.links))
        listing.set_class(bool(self.links), "-shown")
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
            url = safe_line(meta["url"], "underline")
            if self.links and self.links[0].url == weblinks.safe_url(meta["url"]):
                url.append(" [1]", style="dim")
            lines.append(url)
        if meta.get("tags"):
            lines.append(joined(Text("tags: "), safe_line(", ".join(str(t) for t in meta["tags"]))))
        return joined(*lines, separator="\n")

    # Body offsets to the screen ---------------------------------------------------------

    def _piece_of(self, offset: int) -> int:
        return max(0, bisect.bisect_right(self._starts, offset) - 1)

    def _to_screen(self, start: int, end: int) -> Match | None:
        """A body span as (piece, start, end) in that piece's rendered text."""
        if not self.pieces:
            return None
        index = self._piece_of(start)
        piece = self.pieces[index]
        span = piece.rendered.span(start, min(end, piece.end))
        return (index, *span) if span else None

    def _block_text(self, index: int) -> Text:
        text = self.pieces[index].rendered.text.copy()
        if self.finding:
            marks, current = self.matches, self.match
        elif self.selecting:  # the selection alone, so that its extent is plain to see
            marks, current = [], -1
        else:
            marks, current = [m for m in self._hit_marks if m], -1
            if 0 <= self.current < len(self._hit_marks):
                chosen = self._hit_marks[self.current]
                current = marks.index(chosen) if chosen in marks else -1
        for k, mark in enumerate(marks):
            if mark[0] == index:
                text.stylize(CURRENT_STYLE if k == current else HIT_STYLE, mark[1], mark[2])
        if self.focus_span:
            focus = self._to_screen(*self.focus_span)
            if focus and focus[0] == index:
                text.stylize(FOCUS_STYLE, focus[1], focus[2])
        self.annotate(text, index)
        return text

    def _rerender(self, *indexes: int) -> None:
        """Re-mark pieces; only styles change, so no layout pass (the slow part of a big brief)."""
        blocks = list(self.page.query(".block").results(Static))
        for i in set(indexes):
            if 0 <= i < len(blocks):
                blocks[i].update(self._block_text(i), layout=False)

    def _scroll_to(self, mark: Match | None) -> None:
        """Scroll so that the line holding a mark sits a third of the way down, unless it is
        on the screen already (then the page stays put, header included, as in a pager)."""
        if mark is None:
            return
        index, start, _ = mark
        blocks = list(self.page.query(".block").results(Static))
        if not 0 <= index < len(blocks):
            return
        block = blocks[index]
        width = max(1, block.content_region.width or self.page.size.width - 2)
        prefix = Text(self.pieces[index].rendered.plain[:start] + "x")
        line = len(prefix.wrap(self.app.console, width)) - 1
        y = block.virtual_region.y + line
        top, height = round(self.page.scroll_y), self.page.size.height
        if top <= y < top + height - 1:
            return
        self.page.scroll_to(y=max(0, y - height // 3), animate=False)

    # Search hits and a fact's sentence ----------------------------------------------------

    def jump(self, step: int) -> None:
        """Move to the next (+1) or previous (-1) hit (or found text), wrapping around."""
        if self.finding:
            self.action_find_step(step)
            return
        if not self.hits:
            self._status("no search hits in this brief")
            return
        old = self._hit_marks[self.current] if self.current >= 0 else None
        if self.current < 0:
            self.current = 0 if step > 0 else len(self.hits) - 1
        else:
            self.current = (self.current + step) % len(self.hits)
        new = self._hit_marks[self.current]
        self._rerender(*(m[0] for m in (old, new) if m))
        self._scroll_to(new)
        self._status()

    def show_span(self, start: int, end: int) -> None:
        """Highlight a range (a fact's sentence) and scroll to it."""
        old = self._to_screen(*self.focus_span) if self.focus_span else None
        self.focus_span = (start, end)
        new = self._to_screen(start, end)
        self._rerender(*(m[0] for m in (old, new) if m))
        self._scroll_to(new)

    # Finding text in the brief ------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Enter and Escape belong to the reader only while the find bar is open; the link
        keys only when the brief has links (otherwise the keys do what the screen says)."""
        if action in ("find_step", "close_find"):
            return self.finding
        if action in ("link", "links_list"):
            return bool(self.links)
        if action.startswith("select_"):
            return self.selection_allowed(action)
        return True

    def action_find(self) -> None:
        """/: open the find bar (or go back to it), its text selected."""
        bar = self.query_one(FindBar)
        if not self.pieces:
            return
        bar.add_class("-shown")
        bar.focus()
        bar.select_all()
        self._rerender(*range(len(self.pieces)))
        self._status()

    @on(Input.Changed, "#find")
    def _find_changed(self, event: Input.Changed) -> None:
        event.stop()
        old = {m[0] for m in self.matches}
        self.find_query = event.value
        self.matches = find_all([p.rendered.plain for p in self.pieces], event.value)
        self.match = self._first_in_view() if self.matches else -1
        self.query_one(FindBar).set_class(bool(event.value) and not self.matches, "-none")
        self._rerender(*(old | {m[0] for m in self.matches}))
        if self.match >= 0:
            self._scroll_to(self.matches[self.match])
        self._status()

    @on(Input.Submitted, "#find")
    def _find_submitted(self, event: Input.Submitted) -> None:
        """Enter in the bar: keep the matches and go to the page (Enter / n / N move)."""
        event.stop()
        self.page.focus()
        self._status()

    def _first_in_view(self) -> int:
        """The first match at or below the top of the view (the first one otherwise)."""
        blocks = list(self.page.query(".block").results(Static))
        top = self.page.scroll_y
        for k, (index, _, _) in enumerate(self.matches):
            if index < len(blocks) and blocks[index].virtual_region.bottom > top:
                return k
        return 0

    def action_find_step(self, step: int) -> None:
        """Enter / n: next match; N: previous (wrapping)."""
        if not self.matches:
            self._status()
            return
        old = self.matches[self.match][0] if self.match >= 0 else -1
        self.match = (self.match + step) % len(self.matches) if self.match >= 0 else 0
        self._rerender(old, self.matches[self.match][0])
        self._scroll_to(self.matches[self.match])
        self._status()

    def action_close_find(self) -> None:
        """Escape: close the find bar and show the search hits again."""
        self._close_find(focus=True)
        self._status()

    def _close_find(self, focus: bool) -> None:
        bar = self.query_one(FindBar)
        was = bar.has_class("-shown")
        bar.remove_class("-shown", "-none")
        bar.value = ""
        self.find_query, self.matches, self.match = "", [], -1
        if was:
            self._rerender(*range(len(self.pieces)))
        if focus:
            self.page.focus()

    # The status line ------------------------------------------------------------------------

    def _status(self, note: str = "") -> None:
        """The line under the page: the hit or match counter ("3 of 11") and keys."""
        if note:
            text = Text(note)
        elif self.finding:
            if not self.find_query:
                text = Text("find: type the text to find · Esc closes")
            elif not self.matches:
                text = joined(Text("find: no match for "), safe_line(self.find_query, "bold"), Text(" · Esc closes"))
            else:
                text = joined(
                    Text(f"{self.match + 1} of {len(self.matches)}", style="bold"),
                    Text(" matches for "), safe_line(self.find_query, "bold"),
                    Text(" · Enter/n/N · Esc closes"),
                )
        elif self.selecting:
            text = self.selection_status()
        elif self.hits and self.current < 0:
            text = Text(f"{len(self.hits)} hits · n: first hit")
        elif self.hits:
            text = Text(f"hit {self.current + 1} of {len(self.hits)} · n/N next/previous")
        elif self.body:
            text = Text("no search hits in this brief")
        else:
            text = Text("")
        self.query_one("#reader-status", Static).update(text, layout=False)  # one line, fixed height

    @property
    def hit_label(self) -> str:
        """The counter as shown, e.g. "3 of 11" ("" when there are no hits)."""
        return f"{self.current + 1} of {len(self.hits)}" if self.hits and self.current >= 0 else ""

    @property
    def match_label(self) -> str:
        """The find counter, e.g. "3 of 11" ("" when nothing is found)."""
        return f"{self.match + 1} of {len(self.matches)}" if self.matches and self.match >= 0 else ""

    async def on_key(self, event: Key) -> None:
        """Digits after `o` / `y` choose a link (see LinkKeys)."""
        if self.link_keys_pending and self.link_key(event.key):
            event.stop()
            event.prevent_default()
