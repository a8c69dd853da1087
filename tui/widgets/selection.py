"""The reader's passages: a keyboard selection, a mouse selection, and saved highlights.

`v` selects the sentence at the current hit, find match or fact (else the first one in
view); `]` / `[` (or J / K) move its end by a sentence, `)` / `(` by a word, `{` / `}` move
its start by a sentence; Enter or `h` saves it as a highlight (the screen asks for an
optional comment), Escape drops it. With the mouse, drag over the text (Textual's own
selection) and press `h`. Saved highlights are underlined (on a colour where there is
colour), and the blocks that hold one carry a bar in the left margin: both show without
colour (NO_COLOR). Mixed into `tui.widgets.reader.Reader`.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import Any

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import Static

from briefs.notes import Annotations, Highlight
from tui import passages
from tui.annotations import STAR, summary
from tui.safe import joined, safe_line

HIGHLIGHT_STYLE = "underline on yellow4"
SELECTION_STYLE = "italic reverse"
MARKED_CLASS = "-marked"
KEYS = "Enter or h: highlight · Esc: cancel · ]/[ sentence · )/( word · {/} start"

SELECTION_BINDINGS: list[BindingType] = [
    Binding("v", "select_start", "Select", id="select_passage"),
    Binding("h", "select_save", "Highlight", show=False, id="highlight"),
    Binding("enter", "select_enter", "Highlight", show=False, id="highlight_enter"),
    Binding("escape", "select_cancel", "Cancel", show=False, id="select_cancel"),
    Binding("right_square_bracket,J", "select_move('end', 1)", "Longer", show=False, id="select_more"),
    Binding("left_square_bracket,K", "select_move('end', -1)", "Shorter", show=False, id="select_less"),
    Binding("right_parenthesis", "select_move('word', 1)", "Word more", show=False, id="select_word_more"),
    Binding("left_parenthesis", "select_move('word', -1)", "Word less", show=False, id="select_word_less"),
    Binding("left_curly_bracket", "select_move('start', -1)", "Start earlier", show=False, id="select_start_earlier"),
    Binding("right_curly_bracket", "select_move('start', 1)", "Start later", show=False, id="select_start_later"),
]
"""| key | action |\n|---|---|\n| v | select the current sentence (again: cancel) |\n| ] / [ (J / K) | end a sentence later / earlier |\n| ) / ( | end a word later / earlier |\n| { / } | start a sentence earlier / later |\n| Enter or h | highlight the selection (keyboard or mouse) |\n| Escape | cancel the selection |"""


@dataclass
class HighlightRequested(Message):
    """The reader asks for body[start:end] to be saved as a highlight."""

    start: int
    end: int


class Selecting:
    """Mixed into the Reader: selection state, highlight marks, and the header's summary."""

    body: str
    pieces: list[Any]
    hits: list[tuple[int, int]]
    current: int
    focus_span: tuple[int, int] | None
    matches: list[tuple[int, int, int]]
    match: int
    finding: bool
    stored: dict[str, Any]
    _starts: list[int]

    def reset_selection(self) -> None:
        """A new brief: no selection, no highlights, no summary yet."""
        self.selection: tuple[int, int] | None = None
        self.saved: list[Highlight] = []
        self._saved_marks: list[tuple[int, int, int]] = []
        self.annotations: Annotations | None = None
        self._sentences: list[tuple[int, int]] | None = None

    @property
    def selecting(self) -> bool:
        return self.selection is not None

    def selection_allowed(self, action: str) -> bool:
        """Moving, saving with Enter and cancelling only while a keyboard selection is on."""
        if action == "select_start":
            return bool(self.body)
        if action == "select_save":
            return self.selecting or bool(self.body)
        return self.selecting

    # Screen marks ------------------------------------------------------------------------

    def screen_spans(self, start: int, end: int) -> list[tuple[int, int, int]]:
        """A body span as (piece, start, end) marks, one per piece it crosses."""
        out: list[tuple[int, int, int]] = []
        if not self.pieces:
            return out
        index = max(0, bisect.bisect_right(self._starts, start) - 1)
        while index < len(self.pieces) and self.pieces[index].start < end:
            piece = self.pieces[index]
            span = piece.rendered.span(max(start, piece.start), min(end, piece.end))
            if span:
                out.append((index, *span))
            index += 1
        return out

    def annotate(self, text: Text, index: int) -> None:
        """Style a block's text with the saved highlights and the selection."""
        for block, s, e in self._saved_marks:
            if block == index:
                text.stylize(HIGHLIGHT_STYLE, s, e)
        if self.selection:
            for block, s, e in self.screen_spans(*self.selection):
                if block == index:
                    text.stylize(SELECTION_STYLE, s, e)

    def _blocks_of(self, span: tuple[int, int] | None) -> set[int]:
        return {m[0] for m in self.screen_spans(*span)} if span else set()

    def _marked_blocks(self) -> set[int]:
        return {m[0] for m in self._saved_marks}

    # Highlights and the header -------------------------------------------------------------

    def set_annotations(self, ann: Annotations | None) -> None:
        """Show the brief's highlights, and its star, tags and counts in the header."""
        before = self._marked_blocks()
        self.annotations = ann
        body = self.body
        self.saved = [h for h in (ann.highlights if ann else [])  # (marked where the text is)
                      if h.attached and 0 <= h.start < h.end <= len(body) and body[h.start:h.end] == h.text]
        self._saved_marks = [m for h in self.saved for m in self.screen_spans(h.start, h.end)]
        after = self._marked_blocks()
        blocks = list(self.page.query(".block").results(Static))  # type: ignore[attr-defined]
        for i, block in enumerate(blocks):
            block.set_class(i in after, MARKED_CLASS)
        self._rerender(*(before | after))  # type: ignore[attr-defined]
        self.refresh_header()

    def refresh_header(self) -> None:
        """Title (with a star) and header (with the summary line) of the open brief."""
        if not self.stored:
            return
        ann = self.annotations
        title = safe_line(self.stored.get("title") or "(untitled)", "bold")
        if ann is not None and ann.state.starred:
            title = joined(Text(f"{STAR} ", style="bold"), title)
        title.no_wrap, title.overflow = True, "ellipsis"
        self.query_one("#title", Static).update(title)  # type: ignore[attr-defined]
        header = self._header(self.stored)  # type: ignore[attr-defined]
        if ann is not None:
            header = joined(header, Text("\n"), summary(ann))
        self.query_one("#header", Static).update(header)  # type: ignore[attr-defined]

    # The keyboard selection ----------------------------------------------------------------

    def _sentence_spans(self) -> list[tuple[int, int]]:
        if self._sentences is None:
            self._sentences = passages.sentences(self.body)
        return self._sentences

    def _anchor(self) -> int:
        """Where `v` starts: the find match, the current hit, the fact shown, else the view."""
        if self.finding and 0 <= self.match < len(self.matches):
            block, s, _ = self.matches[self.match]
            found = passages.body_start(self.pieces[block].rendered, s)
            if found is not None:
                return found
        if 0 <= self.current < len(self.hits):
            return self.hits[self.current][0]
        if self.focus_span:
            return self.focus_span[0]
        return self._top_in_view()

    def _top_in_view(self) -> int:
        """Body offset of the first line at the top of the page's view."""
        page = self.page  # type: ignore[attr-defined]
        top = page.scroll_y
        for i, block in enumerate(page.query(".block").results(Static)):
            region = block.virtual_region
            if region.bottom <= top:
                continue
            rendered = self.pieces[i].rendered
            skip = max(0, int(top) - region.y)
            pos = 0
            if skip:
                width = max(1, block.content_region.width or page.size.width - 2)
                lines = rendered.text.wrap(self.app.console, width)  # type: ignore[attr-defined]
                pos = min(len(rendered.plain), sum(len(line.plain) + 1 for line in lines[:skip]))
            return passages.body_start(rendered, pos) or self.pieces[i].start
        return 0

    def action_select_start(self) -> None:
        """v: select the sentence at the current hit, match or fact (or the top of the view)."""
        if self.selecting:
            self.action_select_cancel()
            return
        spans = self._sentence_spans()
        if not spans:
            return
        anchor = self._anchor()
        if self.finding:
            self._close_find(focus=True)  # type: ignore[attr-defined]
        self._set_selection(spans[passages.sentence_at(spans, anchor)])

    def action_select_move(self, what: str, step: int) -> None:
        """Grow or shrink the selection by a sentence or a word."""
        if self.selection is None:
            return
        start, end = self.selection
        spans = self._sentence_spans()
        if what == "end":
            end = passages.move_end_by_sentence(spans, start, end, step)
        elif what == "word":
            end = passages.move_end_by_word(self.body, start, end, step)
        else:
            start = passages.move_start_by_sentence(spans, start, end, step)
        self._set_selection((start, end))

    def action_select_cancel(self) -> None:
        """Escape: drop the selection."""
        self._set_selection(None)

    def action_select_save(self) -> None:
        """Enter or h: save the keyboard selection, else the text selected with the mouse."""
        span = self.selection or self.mouse_selection()
        span = passages.trimmed(self.body, *span) if span else None
        if span is None:
            self._status("select a passage first: v (then ] [ ) ( to adjust), or drag with the mouse")  # type: ignore[attr-defined]
            return
        self.post_message(HighlightRequested(*span))  # type: ignore[attr-defined]

    def action_select_enter(self) -> None:
        """Enter while selecting: save the selection."""
        self.action_select_save()

    def _set_selection(self, span: tuple[int, int] | None) -> None:
        old = self._blocks_of(self.selection)
        self.selection = span
        changed = old | self._blocks_of(span)
        if span is not None and not old:  # hits are hidden while selecting: redraw them all
            changed = set(range(len(self.pieces)))
        elif span is None:
            changed = set(range(len(self.pieces)))
        self._rerender(*changed)  # type: ignore[attr-defined]
        if span is not None:
            marks = self.screen_spans(*span)
            if marks:
                self._scroll_to(marks[-1])  # type: ignore[attr-defined]
        self._status()  # type: ignore[attr-defined]

    def selection_status(self) -> Text:
        """The status line while selecting: how much, and the keys."""
        assert self.selection is not None
        start, end = self.selection
        words = len(self.body[start:end].split())
        return joined(Text(f"selected {words} word{'s' if words != 1 else ''}", style="bold"), Text(f" · {KEYS}"))

    # The mouse selection -------------------------------------------------------------------

    def mouse_selection(self) -> tuple[int, int] | None:
        """The body span under Textual's text selection in the reader's blocks, if any."""
        chosen = self.screen.selections  # type: ignore[attr-defined]
        if not chosen:
            return None
        spans: list[tuple[int, int]] = []
        for i, block in enumerate(self.page.query(".block").results(Static)):  # type: ignore[attr-defined]
            selection = chosen.get(block)
            if selection is None:
                continue
            rendered = self.pieces[i].rendered  # the block shows this text, restyled only
            plain = rendered.plain
            a = 0 if selection.start is None else passages.position(plain, *selection.start)
            b = len(plain) if selection.end is None else passages.position(plain, *selection.end)
            start, end = passages.body_start(rendered, a), passages.body_end(rendered, b)
            if start is not None and end is not None and start < end:
                spans.append((start, end))
        if not spans:
            return None
        return min(s for s, _ in spans), max(e for _, e in spans)
