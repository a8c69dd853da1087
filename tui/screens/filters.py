"""The filter picker: values of source, tag, year and entity with counts for the query
(every brief it finds; for an empty query, every brief).

Choosing a value closes the picker with its query clause (the main screen adds it to the
search box); `x` closes it asking for every filter to be cleared.
"""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from tui import facets
from tui.messages import FacetsReady
from tui.safe import joined, safe_line
from tui.screens import loaders
from tui.widgets.keylist import KeyList

CLEAR = "\x00clear"
"""What the picker returns for "clear every filter" (never a query clause)."""
HEADINGS = {"source": "Source", "tag": "Tag", "year": "Year", "entity": "Entity"}


class FilterScreen(ModalScreen[str]):
    """Pick a facet value to filter the results by; Escape leaves the query as it was."""

    BINDINGS: list[BindingType] = [
        Binding("escape,q", "close", "Close"),
        Binding("x", "clear", "Clear filters"),
        Binding("s", "jump('source')", "Sources", show=False),
        Binding("t", "jump('tag')", "Tags", show=False),
        Binding("y", "jump('year')", "Years", show=False),
        Binding("e", "jump('entity')", "Entities", show=False),
    ]
    """Enter filters by the value; s, t, y, e go to sources, tags, years, entities; x clears
    every filter; Escape (or q) closes."""

    def __init__(self, index_dir: Path, query: str, sort: str) -> None:
        super().__init__()
        self.index_dir = Path(index_dir)
        self.query_text = query
        self.sort = sort
        self.values: list[facets.Value] = []
        self.sections: dict[str, int] = {}

    def compose(self) -> ComposeResult:
        with Vertical(id="filters"):
            title = safe_line(self.query_text, "italic")
            if not self.query_text.strip():
                title = Text("every brief", style="italic")
            yield Static(joined(Text("Filter ", style="bold"), title), id="filters-title")
            yield KeyList(id="filter-values")
            yield Static(Text("Counting…", style="dim"), id="filters-hint")

    def on_mount(self) -> None:
        self.query_one(KeyList).focus()
        self.load(self.query_text, self.sort)

    @work(thread=True, exclusive=True, group="facets", exit_on_error=False)
    def load(self, query: str, sort: str) -> None:
        """Count the facet values in a thread, then hand them to the screen."""
        worker = get_current_worker()
        try:
            message = FacetsReady(facets.count(self.index_dir, query, sort))
        except Exception as exc:  # a malformed query or a missing index: say it in the picker
            message = FacetsReady(error=loaders.describe(exc))
        if not worker.is_cancelled:
            self.post_message(message)

    @on(FacetsReady)
    def _ready(self, message: FacetsReady) -> None:
        hint = self.query_one("#filters-hint", Static)
        if message.error or message.counts is None:
            hint.update(safe_line(message.error or "could not count", "bold"))
            return
        counts = message.counts
        listing = self.query_one(KeyList)
        options: list[Option] = []
        for kind in facets.KINDS:
            found = counts.values.get(kind, [])
            if not found:
                continue
            self.sections[kind] = len(options)
            options.append(Option(Text(f"{HEADINGS[kind]} ({kind[0]})", style="bold underline"), disabled=True))
            for value in found:
                options.append(Option(_row(value), id=str(len(self.values))))
                self.values.append(value)
        listing.add_options(options)
        if self.values:
            listing.highlighted = 1
        found = f"{counts.total} {'brief' if counts.total == 1 else 'briefs'}"
        if not self.query_text.strip():
            found = f"every brief ({counts.total})"
        if counts.partial:
            found += " (partial: time limit)"
        hint.update(Text(
            f"{found} · Enter: filter · x: clear filters · Esc: close", style="dim",
        ) if self.values else Text("No values to filter by.  Esc: close", style="dim"))

    @on(KeyList.OptionSelected)
    def _chosen(self, event: KeyList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.dismiss(self.values[int(event.option.id)].clause)

    def action_close(self) -> None:
        """Escape: leave the query as it was."""
        self.dismiss("")

    def action_clear(self) -> None:
        """x: ask for every filter to be removed from the query."""
        self.dismiss(CLEAR)

    def action_jump(self, kind: str) -> None:
        """s / t / y / e: the first value of that facet."""
        if kind in self.sections:
            self.query_one(KeyList).highlighted = self.sections[kind] + 1


def _row(value: facets.Value) -> Text:
    """A value and its count: the value is brief text, so it is cleaned and never markup."""
    return joined(safe_line(value.label), Text(f"  {value.count}", style="bold"))
