"""The main screen's export: `x` (or the palette) opens the export dialog; the export runs
in a worker thread (it reads the index and writes files with fsync); a target that exists
is only overwritten after the analyst says yes. Mixed into `MainScreen` beside NotesActions.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.text import Text
from textual import work
from textual.message import Message

from briefs.notes.export import ExportError
from briefs.textsafe import clean_line
from tui.export_job import ExportChoice, TargetExists, run_export
from tui.safe import joined, safe_line
from tui.screens.dialogs import Confirm

if TYPE_CHECKING:
    from briefs.notes import BriefRef
    from tui.annotations import NotesHandle


@dataclass
class ExportFinished(Message):
    """An export ended: the result line, or an error, or a target that exists (ask first)."""

    choice: ExportChoice
    result: str = ""
    error: str = ""
    exists: bool = False


class ExportActions:
    """Mixed into MainScreen (which gives notes, notes_ref, current_id, query_text, index_dir)."""

    notes: NotesHandle
    notes_ref: BriefRef | None
    current_id: str | None
    query_text: str

    # Export -------------------------------------------------------------------------------

    def action_export(self) -> None:
        """x: the export dialog (scope, destination, facts)."""
        from tui.screens.export_dialog import ExportDialog

        if self.notes.store() is None:
            self.notify(clean_line(f"Notes unavailable: {self.notes.error}"), severity="warning", markup=False)  # type: ignore[attr-defined]
            return
        ref = self.notes_ref if self.notes_ref and self.notes_ref.id == self.current_id else None
        dialog = ExportDialog(ref.id if ref else None, ref.title if ref else "", self.query_text)
        self.app.push_screen(dialog, self._export_chosen)  # type: ignore[attr-defined]

    def _export_chosen(self, choice: ExportChoice | None) -> None:
        if choice is not None:
            self.run_export(choice)

    @work(thread=True, group="export", exit_on_error=False)
    def run_export(self, choice: ExportChoice) -> None:
        """Write the export in a thread (files, fsync); the screen shows the result."""
        store = self.notes.store()
        try:
            if store is None:
                raise ExportError(f"notes unavailable: {self.notes.error}")
            message = ExportFinished(choice, result=run_export(self.index_dir, store, choice))  # type: ignore[attr-defined]
        except TargetExists as exc:
            message = ExportFinished(choice, error=str(exc), exists=True)
        except ExportError as exc:
            message = ExportFinished(choice, error=str(exc))
        except Exception as exc:  # noqa: BLE001 - one line for the user, never a crash
            message = ExportFinished(choice, error=f"{type(exc).__name__}: {exc}")
        self.post_message(message)  # type: ignore[attr-defined]

    def on_export_finished(self, message: ExportFinished) -> None:
        if message.exists:
            question = joined(safe_line(message.error, "bold"), Text(". Overwrite it?"))
            self.app.push_screen(Confirm(question, "Overwrite", "Cancel"),  # type: ignore[attr-defined]
                                 lambda yes: self.run_export(message.choice.forced()) if yes else self._say("Nothing exported."))
        elif message.error:
            self.notify(clean_line(f"Export failed: {message.error}"), severity="error", markup=False)  # type: ignore[attr-defined]
        else:
            self.notify(clean_line(message.result), markup=False)  # type: ignore[attr-defined]
