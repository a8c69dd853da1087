"""The in-app note editor: a TextArea in a modal; Ctrl-S saves, Escape asks before
discarding what was typed. Notes are Markdown, kept exactly as typed."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static, TextArea

from tui.screens.dialogs import Confirm

HINT = "Ctrl-S: save · Escape: close (asks first if you typed something) · Markdown"


class NoteEditor(ModalScreen[str | None]):
    """Write or change a note; dismisses with the text (saved) or None (nothing changes)."""

    BINDINGS: list[BindingType] = [
        Binding("ctrl+s", "save", "Save", id="note_save"),
        Binding("escape", "close", "Close", id="note_close"),
    ]
    """Ctrl-S saves the note; Escape closes (asking first when the text changed)."""

    HOLDS_INPUT = True
    """The palette (ctrl+p) does not close the editor (see BriefApp.action_command_palette)."""

    def __init__(self, heading: Text, text: str = "") -> None:
        super().__init__()
        self.heading = heading
        self.initial = text

    def compose(self) -> ComposeResult:
        with Vertical(id="note-editor", classes="dialog"):
            yield Static(self.heading, id="note-editor-heading")
            yield TextArea(self.initial, id="note-text", soft_wrap=True, show_line_numbers=False)
            yield Static(Text(HINT, style="dim"), id="note-editor-hint")

    def on_mount(self) -> None:
        area = self.query_one(TextArea)
        area.focus()
        area.move_cursor(area.document.end)

    @property
    def text(self) -> str:
        return self.query_one(TextArea).text

    @property
    def changed(self) -> bool:
        """True when closing now would lose words the analyst typed."""
        return self.text != self.initial and bool(self.text.strip())

    def action_save(self) -> None:
        """Ctrl-S: save (an empty note is not saved: say so and stay)."""
        text = self.text.strip("\n")
        if not text.strip():
            self.notify("The note is empty: type something, or Escape to close.", markup=False)
            return
        self.dismiss(text)

    def action_close(self) -> None:
        """Escape: close; a note with new words is only dropped after a question."""
        if not self.changed:
            self.dismiss(None)
            return
        self.app.push_screen(Confirm(Text("Discard this note? What you typed will be lost."), "Discard", "Keep writing"),
                             self._discard)

    def _discard(self, yes: bool | None) -> None:
        if yes:
            self.dismiss(None)

    def ask_before_quit(self) -> bool:
        """Quitting the app with new words here asks first (True: the question is shown)."""
        if not self.changed:
            return False
        self.app.push_screen(Confirm(Text("Quit and discard the note you are writing?"), "Quit", "Keep writing"),
                             lambda yes: self.app.exit() if yes else None)
        return True
