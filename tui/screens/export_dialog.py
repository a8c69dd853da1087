"""The export dialog: which briefs (this one, the current search, starred, a tag, every
brief with notes), where to (a file, or a folder with one file per brief), and whether to
add the key facts. It returns an `ExportChoice`; the screen runs the export in a worker and
asks before overwriting anything."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, RadioButton, RadioSet, Static

from briefs.notes.filenames import brief_file_name
from tui.export_job import ExportChoice
from tui.safe import joined, safe_line

FOLDER = "brief-notes"
ONE_FILE = "brief-notes.md"


class ExportDialog(ModalScreen[ExportChoice | None]):
    """Choose what to export and where; Enter (or the Export button) exports."""

    BINDINGS: list[BindingType] = [
        Binding("escape", "cancel", "Cancel", id="export_cancel"),
        Binding("ctrl+s", "export", "Export", id="export_go"),
    ]
    """Tab moves between the fields; Enter in the destination (or Ctrl-S) exports; Escape
    closes without writing anything."""

    HOLDS_INPUT = True
    """The palette (ctrl+p) does not close this dialog (see BriefApp.action_command_palette)."""

    def __init__(self, brief_id: str | None, title: str, query: str, folder: Path | None = None) -> None:
        super().__init__()
        self.brief_id = brief_id
        self.brief_title = title
        self.query_text = query
        self.folder = folder or Path.cwd()
        self._typed_path = False

    def compose(self) -> ComposeResult:
        first = "brief" if self.brief_id else "notes"
        with VerticalScroll(id="export-dialog", classes="dialog"):  # scrolls in a short terminal
            yield Static(Text("Export notes and highlights to Markdown", style="bold"))
            with RadioSet(id="export-scope", compact=True):
                yield RadioButton(joined(Text("This brief: "), safe_line(self.brief_title or "(none open)", "italic")),
                                  value=first == "brief", disabled=not self.brief_id, id="scope-brief")
                yield RadioButton(joined(Text("The current search: "), safe_line(self.query_text or "(none)", "italic")),
                                  disabled=not self.query_text.strip(), id="scope-query")
                yield RadioButton(Text("Starred briefs"), id="scope-starred")
                yield RadioButton(Text("Briefs with the tag below"), id="scope-tag")
                yield RadioButton(Text("Every brief with notes"), value=first == "notes", id="scope-notes")
            yield Input(placeholder="Tag (for “Briefs with the tag below”)", id="export-tag", compact=True)
            yield Static(Text("Destination (a file; a folder with one file per brief):"))
            yield Input(str(self._default_path(False)), id="export-path", compact=True)
            yield Checkbox(Text("One file per brief (the destination is a folder)"), id="export-per-brief", compact=True)
            yield Checkbox(Text("Include each brief's key facts"), id="export-facts", compact=True)
            yield Static(id="export-error")
            with Horizontal(id="export-buttons"):
                yield Button(Text("Export"), id="export-go", variant="primary", compact=True)
                yield Button(Text("Cancel"), id="export-cancel", compact=True)
            yield Static(Text("Tab: next field · Enter in the destination or Ctrl-S: export · Escape: cancel", style="dim"))

    def on_mount(self) -> None:
        self.query_one(RadioSet).focus()

    def _default_path(self, per_brief: bool) -> Path:
        if per_brief:
            return self.folder / FOLDER
        if self.brief_id and self._scope() == "brief":
            return self.folder / brief_file_name(self.brief_title, self.brief_id)
        return self.folder / ONE_FILE

    def _scope(self) -> str:
        try:
            pressed = self.query_one(RadioSet).pressed_button
        except Exception:  # noqa: BLE001 - before the dialog is composed
            return "brief" if self.brief_id else "notes"
        return (pressed.id or "scope-notes").removeprefix("scope-") if pressed else "notes"

    @on(Input.Changed, "#export-path")
    def _path_typed(self, event: Input.Changed) -> None:
        defaults = {str(self._default_path(True)), str(self._default_path(False)), str(self.folder / ONE_FILE)}
        self._typed_path = event.value not in defaults

    @on(Checkbox.Changed, "#export-per-brief")
    @on(RadioSet.Changed)
    def _defaults_follow(self) -> None:
        """Until the analyst types a destination, it follows the scope and the per-brief box."""
        if not self._typed_path:
            box = self.query_one("#export-path", Input)
            box.value = str(self._default_path(self.query_one("#export-per-brief", Checkbox).value))
            self._typed_path = False

    @on(Input.Changed, "#export-tag")
    def _tag_typed(self, event: Input.Changed) -> None:
        if event.value.strip():
            self.query_one("#scope-tag", RadioButton).value = True

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id == "export-path":
            self.action_export()
        else:
            self.focus_next()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "export-go":
            self.action_export()
        else:
            self.dismiss(None)

    def action_export(self) -> None:
        """Check the fields and close with the choice (nothing is written here)."""
        scope = self._scope()
        raw = self.query_one("#export-path", Input).value.strip()
        tag = self.query_one("#export-tag", Input).value.strip()
        problem = ""
        if not raw:
            problem = "Give a destination: a file name (or a folder, one file per brief)."
        elif scope == "tag" and not tag.lstrip("#").strip():
            problem = "Type the tag to export."
        if problem:
            self.query_one("#export-error", Static).update(Text(problem, style="bold"))
            return
        path = Path(raw).expanduser()
        path = path if path.is_absolute() else self.folder / path
        value = {"brief": self.brief_id or "", "query": self.query_text, "tag": tag}.get(scope, "")
        self.dismiss(ExportChoice(scope, path, self.query_one("#export-per-brief", Checkbox).value,
                                  self.query_one("#export-facts", Checkbox).value, value))

    def action_cancel(self) -> None:
        self.dismiss(None)
