"""The result list: title, date · source and a one-line snippet with the matched words marked."""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.widgets.option_list import Option

from index.search import Hit, Results
from tui.messages import OpenBrief
from tui.safe import highlighted, joined, safe_line
from tui.widgets.keylist import KeyList

HIT_STYLE = "bold reverse"
SNIPPET_CHARS = 64


def short_snippet(hit: Hit, width: int = SNIPPET_CHARS) -> tuple[str, list[tuple[int, int]]]:
    """The snippet cut to about two lines of the list, around its first marked word."""
    text, spans = hit.snippet, hit.highlights
    if len(text) <= width:
        return text, spans
    first = spans[0][0] if spans else 0
    start = max(0, min(first - width // 4, len(text) - width))
    while 0 < start < first and not text[start - 1].isspace():
        start += 1  # begin on a whole word
    piece = text[start:start + width]
    prefix = "…" if start else ""
    shift = len(prefix) - start
    kept = [(s + shift, e + shift) for s, e in spans if s >= start and e <= start + width]
    return prefix + piece.rstrip() + "…", kept


def hit_prompt(hit: Hit) -> Text:
    """Title, date · source, snippet: one `Text` built from cleaned text (never markup)."""
    title = highlighted(hit.title, hit.title_highlights, HIT_STYLE, base="bold", one_line=True)
    when = hit.date.isoformat() if hit.date else "undated"
    meta = joined(Text(when), safe_line(hit.source), separator=" · ")
    meta.stylize("dim")
    snippet = highlighted(*short_snippet(hit), HIT_STYLE, one_line=True)
    return joined(title, meta, snippet, separator="\n")


class ResultList(KeyList):
    """Search results; Enter (or a click) opens the brief."""

    BINDINGS: list[BindingType] = [Binding("enter", "select", "Open", show=True)]
    """Enter opens the highlighted result."""

    def show(self, results: Results) -> None:
        """Replace the list with these results, keeping the cursor at the top."""
        self.clear_options()
        options: list[Option | None] = []
        for hit in results.hits:
            options += [Option(hit_prompt(hit), id=hit.id), None]
        self.add_options(options[:-1])
        if results.hits:
            self.highlighted = 0

    def on_option_list_option_selected(self, event: KeyList.OptionSelected) -> None:
        """Ask the screen to open the chosen brief."""
        event.stop()
        if event.option.id:
            self.post_message(OpenBrief(event.option.id))
