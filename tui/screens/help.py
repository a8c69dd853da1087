"""The help screen: every key of the app, in one table."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

KEYS: list[tuple[str, str]] = [
    ("typing", "search as you type (same syntax as `brief search`)"),
    ("Enter", "in the search box: go to the results; on a result: open it"),
    ("Tab / Shift-Tab", "next / previous pane"),
    ("Escape", "back to the search box"),
    ("j / k, ↓ / ↑", "move in a list, scroll the reader"),
    ("g / G", "first / last (top / end in the reader)"),
    ("n / N", "next / previous search hit in the brief (\"3 of 11\")"),
    ("/ in the reader", "find text in this brief: Enter / n / N next / previous match, Escape closes"),
    ("o then a number", "open that link in your browser (over SSH: copy it instead)"),
    ("y then a number", "copy that link (numbers as in [3] after a link's words)"),
    ("L in the reader", "the brief's list of links"),
    ("t", "side pane: key facts, related briefs, or notes and highlights"),
    ("p", "show / hide the side pane (narrow terminals: in place of the results)"),
    ("Enter on a fact", "scroll the reader to its sentence and highlight it"),
    ("/ or f on a fact", "search the whole corpus for it"),
    ("↑ / ↓ in the search box", "earlier searches"),
    ("Enter on related", "open that brief"),
    ("v in the reader", "select the sentence at the hit / match / fact (else the top of the view)"),
    ("] / [ (J / K)", "while selecting: end a sentence later / earlier"),
    (") / (", "while selecting: end a word later / earlier"),
    ("{ / }", "while selecting: start a sentence earlier / later"),
    ("Enter or h", "highlight the selection, with an optional comment (Escape cancels)"),
    ("mouse drag, then h", "highlight the text selected with the mouse"),
    ("a", "add a note to the open brief (Ctrl-S saves, Escape asks before discarding)"),
    ("E", "write a note in $EDITOR (the app's editor where that cannot run)"),
    ("#", "tags of the open brief (comma-separated; → takes a suggested tag)"),
    ("* / r", "star or unstar / mark read or unread (opened briefs are read after 2 s)"),
    ("m", "the notes pane: Enter shows a highlight, e edits, E in $EDITOR, d deletes"),
    ("x", "export notes to Markdown: this brief, the search, starred, a tag, all with notes"),
    ("b / Backspace", "back to the previous brief"),
    ("B", "forward again"),
    ("s / Ctrl-S", "sort results by relevance or date (the status line says which)"),
    ("Ctrl-F", "filter by a source, tag, year or entity of the results (added to the query)"),
    ("Ctrl-R", "clear the filters from the query"),
    ("Ctrl-P", "command palette: open a brief by title, commands, earlier searches"),
    ("?", "this help"),
    ("q / Ctrl-Q", "quit"),
    ("keys: in the config", "remap any of these keys (README, Keys)"),
]


def keys_table() -> Table:
    """The key table (our own strings, rendered as Rich objects, no markup)."""
    table = Table(box=None, show_header=False, padding=(0, 2, 0, 0))
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    for key, what in KEYS:
        table.add_row(Text(key), Text(what))
    return table


class HelpScreen(ModalScreen[None]):
    """Lists the keys; Escape, q or ? closes it."""

    BINDINGS: list[BindingType] = [
        Binding("escape,q,question_mark", "dismiss", "Close"),
    ]
    """Escape, q or ? close the help."""

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help"):
            yield Static(Text("Keys", style="bold"))
            yield Static(keys_table())
