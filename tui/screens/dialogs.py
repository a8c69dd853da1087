"""Small modal dialogs: a yes/no question, and one line of input (a comment, tags).

Questions and headings are `Text` (they may quote a brief's title or a file name); what
the analyst types stays in the `Input`, which never reads it as markup.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.suggester import Suggester
from textual.widgets import Button, Input, Static


class Confirm(ModalScreen[bool]):
    """A yes/no question: y says yes, n or Escape says no (Enter does nothing: a question
    before deleting or overwriting is answered on purpose)."""

    BINDINGS: list[BindingType] = [
        Binding("y", "answer(True)", "Yes"),
        Binding("n,escape", "answer(False)", "No"),
    ]
    """y: yes; n / Escape: no."""

    def __init__(self, question: Text, yes: str = "Yes", no: str = "No") -> None:
        super().__init__()
        self.question = question
        self.labels = (yes, no)

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm", classes="dialog"):
            yield Static(self.question, id="confirm-question")
            with Horizontal(id="confirm-buttons"):
                yes = Button(Text(f"{self.labels[0]} (y)"), id="yes", variant="warning", compact=True)
                no = Button(Text(f"{self.labels[1]} (n)"), id="no", compact=True)
                yes.can_focus = no.can_focus = False  # keys decide; the buttons are for the mouse
                yield yes
                yield no

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)


class LineInput(ModalScreen[str | None]):
    """One line to type: Enter returns it, Escape returns None (nothing changes)."""

    BINDINGS: list[BindingType] = [Binding("escape", "cancel", "Cancel")]
    """Enter saves; Escape cancels."""

    HOLDS_INPUT = True
    """The palette (ctrl+p) does not close this dialog (see BriefApp.action_command_palette)."""

    def __init__(self, heading: Text, value: str = "", placeholder: str = "", hint: str = "",
                 suggester: Suggester | None = None) -> None:
        super().__init__()
        self.heading = heading
        self.value = value
        self.placeholder = placeholder
        self.hint = hint or "Enter: save · Escape: cancel"
        self.suggester = suggester

    def compose(self) -> ComposeResult:
        with Vertical(id="line-input", classes="dialog"):
            yield Static(self.heading, id="line-input-heading")
            yield Input(self.value, placeholder=self.placeholder, suggester=self.suggester, id="line-input-box")
            yield Static(Text(self.hint, style="dim"), id="line-input-hint")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)


class TagSuggester(Suggester):
    """Completes the tag being typed (after the last comma) from the tags already in use."""

    def __init__(self, tags: list[str]) -> None:
        super().__init__(use_cache=False, case_sensitive=True)
        self.tags = tags

    async def get_suggestion(self, value: str) -> str | None:
        head, _, last = value.rpartition(",")
        typed = last.lstrip()
        if not typed:
            return None
        word = typed.lstrip("#")
        folded = word.casefold()
        taken = {t.strip().lstrip("#").casefold() for t in head.split(",")}
        for tag in self.tags:
            if tag.casefold().startswith(folded) and tag.casefold() != folded and tag.casefold() not in taken:
                return value[: len(value) - len(word)] + tag  # the tag as it was first written
        return None
