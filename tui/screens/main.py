"""The one screen: search box, results, reader, and the facts / related / notes pane."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.events import Resize
from textual.screen import Screen
from textual.widgets import ContentSwitcher, Input, Static
from textual.worker import get_current_worker

from briefs.textsafe import clean_line
from tui import facets, keymap
from tui.messages import BriefLoaded, OpenBrief, RelatedLoaded, ResultsReady, SearchFor, ShowSpan
from tui.safe import joined, safe_line
from tui.screens import loaders
from tui.screens.export_actions import ExportActions
from tui.screens.notes_actions import NOTE_BINDINGS, NotesActions
from tui.widgets.facts import FactsPane
from tui.widgets.footer import QuietFooter
from tui.widgets.indexstatus import IndexChanged, IndexStatus
from tui.widgets.notespane import NotesPane
from tui.widgets.reader import Reader
from tui.widgets.related import RelatedPane
from tui.widgets.results import ResultList
from tui.widgets.searchbox import SearchBox

if TYPE_CHECKING:
    from briefs.config import Settings

NARROW = 110  # below this many columns the side pane replaces the result list when shown
SIDE = {"facts": ("related", "Key facts"), "related": ("notes", "Related briefs"), "notes": ("facts", "Notes & highlights")}
"""Each view of the side pane: the one `t` shows next, and its title."""


class MainScreen(NotesActions, ExportActions, Screen[None]):
    """Search, read, follow facts and related briefs, and annotate, all from the keyboard."""

    BINDINGS: list[BindingType] = [
        # Help and Quit first: the footer cuts off what does not fit at 80 columns.
        Binding("question_mark", "help", "Help", id="help"),
        Binding("q", "app.quit", "Quit", id="quit"),
        Binding("escape", "focus_search", "Search", show=False, id="search"),
        Binding("n", "hit(1)", "Hit", id="next_hit"),
        Binding("N", "hit(-1)", "Prev hit", show=False, id="prev_hit"),
        Binding("t", "toggle_side", "Side", id="toggle_side"),
        Binding("p", "toggle_pane", "Pane", id="toggle_pane"),
        Binding("b,backspace", "back", "Back", id="back"),
        Binding("B", "forward", "Forward", show=False, id="forward"),
        Binding("s,ctrl+s", "sort", "Sort", id="sort"),
        Binding("ctrl+f", "filter", "Filter", id="filter"),
        Binding("ctrl+r", "clear_filters", "Clear filters", show=False, id="clear_filters"),
        *NOTE_BINDINGS,
    ]
    """Keys of the main screen (see `tui.screens.help` for the full table)."""

    def __init__(self, index_dir: Path, history_file: Path | None = None, settings: Settings | None = None) -> None:
        super().__init__()
        self.index_dir = Path(index_dir)
        self.history_file = history_file
        self.settings = settings
        self.query_text = ""
        self.sort = "relevance"
        self.current_id: str | None = None
        self.history: list[str] = []
        self.forward: list[str] = []
        self._search_serial = 0
        self._open_serial = 0
        self.side_shown = True
        self.init_notes(settings)

    def compose(self) -> ComposeResult:
        yield SearchBox(
            self.history_file,
            placeholder="Search briefs: words, \"a phrase\", source:…, tag:…, date:… (↑ earlier searches)",
            id="search",
        )
        yield Static(id="status")
        with Horizontal(id="panes"):
            yield ResultList(id="results")
            yield Reader(id="reader")
            with Vertical(id="side"):
                yield Static(id="side-title")
                with ContentSwitcher(initial="facts", id="side-switch"):
                    yield FactsPane(id="facts")
                    yield RelatedPane(id="related")
                    yield NotesPane(id="notes")
        settings = self.settings
        background = settings is not None and not settings.uses_samples
        yield IndexStatus(
            self.index_dir,
            settings.folders if settings else [],
            settings.max_file_bytes if settings else 0,
            watch_seconds=settings.watch_seconds if background and settings else 0,
            id="index-status",
        )
        yield QuietFooter(compact=True)

    def on_mount(self) -> None:
        keymap.bind_now(self, getattr(self.app, "user_keys", {}))  # remapped keys work in the search box too
        narrow = self.app.size.width < NARROW
        self.set_class(narrow, "-narrow")
        self._set_side(not narrow)
        self._side_title()
        self.query_one("#search", Input).focus()
        self.start_notes()
        if self.settings is not None and not self.settings.uses_samples and self.settings.folders:
            self.query_one(IndexStatus).start()  # pick up what changed while the app was closed

    def on_resize(self, event: Resize) -> None:
        """Switch to the narrow layout below NARROW columns (side pane hidden until asked)."""
        narrow = event.size.width < NARROW
        if narrow != self.has_class("-narrow"):
            self.set_class(narrow, "-narrow")
            self._set_side(not narrow)

    # Searching -------------------------------------------------------------------------

    @on(IndexChanged)
    def _index_changed(self) -> None:
        """A background commit: search again so new and changed briefs show up."""
        if self.query_text.strip():
            self._start_search()

    @on(Input.Changed, "#search")
    def _typed(self, event: Input.Changed) -> None:
        self.query_text = event.value
        if self.has_class("-narrow") and self.side_shown and self.query_one("#search").has_focus:
            self._set_side(False)  # a narrow side pane stands in the results' place: show them
        self._start_search()

    @on(Input.Submitted, "#search")
    def _submitted(self) -> None:
        self.query_one(SearchBox).remember(self.query_text)
        results = self.query_one(ResultList)
        if results.option_count:
            results.focus()

    def _start_search(self) -> None:
        self._search_serial += 1
        text = self.query_text.strip()
        if not text:
            self.workers.cancel_group(self, "search")
            self.query_one(ResultList).clear_options()
            self.query_one("#status", Static).update(Text(""))
            return
        self.run_search(self._search_serial, text, self.sort)

    @work(thread=True, exclusive=True, group="search", exit_on_error=False)
    def run_search(self, serial: int, text: str, sort: str) -> None:
        """Search in a thread; a newer search cancels this one (its result is dropped)."""
        worker = get_current_worker()
        try:
            message = ResultsReady(serial, text, results=loaders.search_once(self.index_dir, text, sort, self.notes))
        except Exception as exc:  # QueryError, IndexMissing, or a fault: one line in place
            message = ResultsReady(serial, text, error=loaders.describe(exc))
        if not worker.is_cancelled:
            self.post_message(message)

    @on(ResultsReady)
    def _results(self, message: ResultsReady) -> None:
        if message.serial != self._search_serial:
            return
        status = self.query_one("#status", Static)
        status.set_class(bool(message.error), "-error")
        if message.error or message.results is None:
            status.update(safe_line(message.error or "search failed"))
            return
        results = message.results
        self.query_one(ResultList).show(results)
        noun = "brief" if results.total == 1 else "briefs"
        line = Text(f"{results.total} {noun}" + (" (partial: time limit)" if results.partial else ""))
        line.append(f" · by {results.sort}", style="dim")
        if results.suggestion:
            line = joined(line, Text(" · did you mean: ", style="bold"), safe_line(results.suggestion, "italic"))
        status.update(line)

    # Opening briefs -------------------------------------------------------------------

    @on(OpenBrief)
    def _open_requested(self, message: OpenBrief) -> None:
        message.stop()
        self.open_brief(message.brief_id)

    def open_brief(self, brief_id: str, record: bool = True) -> None:
        """Open a brief in the reader; `record` puts the current one on the back stack."""
        if record and self.current_id and self.current_id != brief_id:
            self.history.append(self.current_id)
            self.forward.clear()
        self.current_id = brief_id
        self.refresh_bindings()
        self._open_serial += 1
        self.load_brief(self._open_serial, brief_id, self.query_text)

    @work(thread=True, exclusive=True, group="open", exit_on_error=False)
    def load_brief(self, serial: int, brief_id: str, query: str) -> None:
        """Load the brief, then its related briefs (slower), posting each when ready."""
        worker = get_current_worker()
        try:
            stored, hits, facts = loaders.load_brief(self.index_dir, brief_id, query)
        except Exception as exc:
            self.post_message(BriefLoaded(serial, {}, error=loaders.describe(exc)))
            return
        if worker.is_cancelled:
            return
        self.post_message(BriefLoaded(serial, stored, hits, facts))
        if not worker.is_cancelled:  # the analyst's notes on it: highlights, tags, star
            self.post_message(self.annotations_for(serial, stored))
        try:
            items, error = loaders.load_related(self.index_dir, brief_id), ""
        except Exception as exc:
            items, error = [], loaders.describe(exc)
        if not worker.is_cancelled:
            self.post_message(RelatedLoaded(brief_id, items, error))

    @on(BriefLoaded)
    async def _loaded(self, message: BriefLoaded) -> None:
        if message.serial != self._open_serial:
            return
        if message.error:
            # markup=False: the message may name paths or ids from briefs (HAZARDS.md).
            self.notify(clean_line(message.error), severity="error", markup=False)
            return
        await self.query_one(Reader).show(message.stored, message.hits)
        self.query_one(FactsPane).show(message.facts, message.stored.get("body", "") or "")
        self.query_one(RelatedPane).show([], "Finding related briefs…")

    @on(RelatedLoaded)
    def _related(self, message: RelatedLoaded) -> None:
        if message.brief_id == self.current_id:
            self.query_one(RelatedPane).show(message.items, message.error)

    @on(SearchFor)
    def _search_for(self, message: SearchFor) -> None:
        """A fact became a search: put it in the search box and run it."""
        self.run_query(message.query)
        self.query_one(SearchBox).focus()

    @on(ShowSpan)
    def _show_span(self, message: ShowSpan) -> None:
        message.stop()
        self.query_one(Reader).show_span(message.start, message.end)

    # Actions ---------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Keys that would do nothing now are left out of the footer (and do nothing)."""
        if action == "hit":
            return self.current_id is not None
        if action == "back":
            return bool(self.history)
        if action == "forward":
            return bool(self.forward)
        return self.check_notes_action(action)

    def action_focus_search(self) -> None:
        """Escape: back to the search box."""
        self.query_one("#search", Input).focus()

    def action_hit(self, step: int) -> None:
        """n / N: next or previous search hit in the open brief."""
        self.query_one(Reader).jump(step)

    def action_back(self) -> None:
        """b / Backspace: the brief opened before this one."""
        if self.history:
            if self.current_id:
                self.forward.append(self.current_id)
            self.open_brief(self.history.pop(), record=False)

    def action_forward(self) -> None:
        """B: undo a Back."""
        if self.forward:
            if self.current_id:
                self.history.append(self.current_id)
            self.open_brief(self.forward.pop(), record=False)

    def action_toggle_side(self) -> None:
        """t: key facts, related briefs, or notes in the side pane (showing the pane if hidden)."""
        switch = self.query_one(ContentSwitcher)
        if self.side_shown:
            switch.current = SIDE[switch.current or "facts"][0]
        self._set_side(True)
        self._side_title()
        self.query_one(f"#{switch.current}").focus()

    def show_side(self, which: str) -> None:
        """Show "facts", "related" or "notes" in the side pane and focus it (palette, m)."""
        self.query_one(ContentSwitcher).current = which
        self._set_side(True)
        self._side_title()
        self.query_one(f"#{which}").focus()

    def action_toggle_pane(self) -> None:
        """p: show or hide the side pane (in a narrow terminal it takes the result list's place)."""
        self._set_side(not self.side_shown)
        if self.side_shown:
            self.query_one(f"#{self.query_one(ContentSwitcher).current}").focus()

    def action_sort(self) -> None:
        """s / ctrl+s: sort results by relevance or by date (newest first)."""
        self.set_sort("date" if self.sort == "relevance" else "relevance")

    def set_sort(self, sort: str) -> None:
        """Sort by "relevance" or "date" and search again (the status line says which)."""
        self.sort = sort
        self._start_search()

    def action_filter(self) -> None:
        """ctrl+f: pick a source, tag, year or entity of the results (of every brief when the
        search box is empty) to filter by."""
        from tui.screens.filters import FilterScreen

        self.app.push_screen(FilterScreen(self.index_dir, self.query_text, self.sort), self._filter_chosen)

    def _filter_chosen(self, clause: str | None) -> None:
        from tui.screens.filters import CLEAR

        if clause == CLEAR:
            self.action_clear_filters()
        elif clause:
            self.run_query(facets.add_clause(self.query_text, clause))

    def action_clear_filters(self) -> None:
        """ctrl+r: remove the source, tag, date and entity clauses from the query."""
        if facets.has_filters(self.query_text):
            self.run_query(facets.remove_filters(self.query_text))
        else:
            self.notify("No filters to clear (source:, tag:, date:, person:, org:, place:, programme:).", markup=False)

    def run_query(self, text: str) -> None:
        """Put a query in the search box (it runs at once) and remember it."""
        box = self.query_one(SearchBox)
        box.value = text
        box.cursor_position = len(text)
        box.remember(text)

    def action_help(self) -> None:
        """?: the help screen."""
        from tui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen())

    def _set_side(self, shown: bool) -> None:
        self.side_shown = shown
        self.set_class(shown, "-side-shown")
        focused = self.focused
        if not shown and focused is not None and self.query_one("#side") in focused.ancestors_with_self:
            self.query_one("#page").focus()
        if shown and self.has_class("-narrow") and focused is self.query_one(ResultList):
            self.query_one("#page").focus()

    def _side_title(self) -> None:
        label = SIDE[self.query_one(ContentSwitcher).current or "facts"][1]
        self.query_one("#side-title", Static).update(Text(f"{label} · t: switch", style="bold"))
