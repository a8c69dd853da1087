"""The help screen: every key of the app, in one table."""

from __future__ import annotations

from collections.abc import Mapping

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from tui import keymap

KEYS: list[tuple[str, str]] = [
    ("typing", "search as you type (same syntax as `brief search`)"),
    ("Enter", "in the search box: go to the results; on a result: open it"),
    ("Tab / Shift-Tab", "next / previous pane"),
    ("{search}", "back to the search box"),
    ("{list_down} / {list_up}, ↓ / ↑", "move in a list"),
    ("{list_first} / {list_last}", "first / last item of a list"),
    ("{reader_down} / {reader_up}, {reader_top} / {reader_end}, {reader_page}",
     "in the reader: scroll, top / end, a page down (arrows, Home / End, Page Up / Down too)"),
    ("{next_hit} / {prev_hit}", "next / previous search hit in the brief (\"3 of 11\")"),
    ("{find_in_brief} in the reader", "find text in this brief: {find_next} / n / N next / previous match, "
                                      "{close_find} closes"),
    ("{open_link} then a number", "open that link in your browser (over SSH: copy it instead)"),
    ("{copy_link} then a number", "copy that link (numbers as in [3] after a link's words)"),
    ("{links_list} in the reader", "the brief's list of links"),
    ("{toggle_side}", "side pane: key facts, related briefs, or notes and highlights"),
    ("{toggle_pane}", "show / hide the side pane (narrow terminals: in place of the results)"),
    ("Enter on a fact", "scroll the reader to its sentence and highlight it"),
    ("{search_fact} on a fact", "search the whole corpus for it"),
    ("{recall_earlier} / {recall_later} in the search box", "earlier / later searches"),
    ("Enter on related", "open that brief"),
    ("{select_passage} in the reader", "select the sentence at the hit / match / fact (else the top of the view)"),
    ("{select_more} / {select_less}", "while selecting: end a sentence later / earlier"),
    ("{select_word_more} / {select_word_less}", "while selecting: end a word later / earlier"),
    ("{select_start_earlier} / {select_start_later}", "while selecting: start a sentence earlier / later"),
    ("{highlight_enter} or {highlight}", "highlight the selection, with an optional comment (Escape cancels); "
                                         "{select_cancel} drops the selection"),
    ("mouse drag, then {highlight}", "highlight the text selected with the mouse"),
    ("{add_note}", "add a note to the open brief ({note_save} saves, {note_close} asks before discarding)"),
    ("{editor_note}", "write a note in $EDITOR (the app's editor where that cannot run)"),
    ("{tags}", "tags of the open brief (comma-separated; → takes a suggested tag)"),
    ("{star} / {toggle_read}", "star or unstar / mark read or unread (opened briefs are read after 2 s)"),
    ("{notes_pane}", "the notes pane: Enter shows a highlight, {notes_edit} edits, {notes_editor_edit} in $EDITOR, "
                     "{notes_delete} deletes"),
    ("{export}", "export notes to Markdown: this brief, the search, starred, a tag, all with notes"),
    ("{back}", "back to the previous brief"),
    ("{forward}", "forward again"),
    ("{sort}", "sort results by relevance or date (the status line says which)"),
    ("{filter}", "filter by a source, tag, year or entity (of the results, or of every brief when the "
                 "search box is empty; added to the query)"),
    ("{clear_filters}", "clear the filters from the query"),
    ("{command_palette}", "command palette: open a brief by title, commands, earlier searches"),
    ("{help}", "this help"),
    ("{quit}, Ctrl-Q", "quit"),
    ("keys: in the config", "remap any of these keys (README, Keys); this table shows them as remapped"),
]
"""(keys, what they do); `{action}` stands for that action's keys as they are now (remapped
in the config or the defaults), so the table never names a key that does something else."""


def rows(keys: Mapping[str, list[str]]) -> list[tuple[str, str]]:
    """KEYS with every `{action}` replaced by its keys from `keys` (action -> key names; an
    action missing from it is a KeyError, so a misspelt placeholder fails every help test)."""
    table = {action: keymap.shown(found) for action, found in keys.items()}
    return [(key.format_map(table), what.format_map(table)) for key, what in KEYS]


def keys_table(keys: Mapping[str, list[str]]) -> Table:
    """The key table (our own strings, rendered as Rich objects, no markup)."""
    table = Table(box=None, show_header=False, padding=(0, 2, 0, 0))
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    for key, what in rows(keys):
        table.add_row(Text(key), Text(what))
    return table


class HelpScreen(ModalScreen[None]):
    """Lists the keys as they are now (remapped in the config or not); Escape, q or the help
    key close it."""

    BINDINGS: list[BindingType] = [
        Binding("escape,q", "dismiss", "Close"),
        Binding("question_mark", "dismiss", "Close", show=False, id="help"),
    ]
    """Escape, q or the help key (? unless remapped) close the help."""

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help"):
            yield Static(Text("Keys", style="bold"))
            yield Static(keys_table(keymap.effective(getattr(self.app, "user_keys", {}), keymap.actions())))
