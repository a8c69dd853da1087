"""The app's side of the notes store (briefs/notes): opening it, the brief as the store sees
it, the one-line summary in the reader's header, and writing a note in $EDITOR.

Everything the analyst typed (tags, notes, comments) is shown as `Text` built from cleaned
strings, never as markup (HAZARDS.md, "Textual and Rich").
"""

from __future__ import annotations

import os
import shlex
import subprocess
import tempfile
import threading
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.text import Text

from briefs.notes import Annotations, BriefRef, NotesError, NotesStore
from tui.safe import joined, safe_line

if TYPE_CHECKING:
    from textual.app import App

    from briefs.config import Settings

STAR = "★"


def ref_of(stored: Mapping[str, Any]) -> BriefRef:
    """The open brief as the notes store knows it (with its text, to place highlights)."""
    return BriefRef(str(stored["id"]), str(stored.get("path") or ""), str(stored.get("title") or ""),
                    str(stored.get("body") or ""))


class NotesHandle:
    """The notes store of the app's corpus, opened on first use (from any thread), once."""

    def __init__(self, settings: Settings | None) -> None:
        self.settings = settings
        self.error = "" if settings is not None else "notes need the app's settings (run `brief`)"
        self._store: NotesStore | None = None
        self._lock = threading.Lock()

    def store(self) -> NotesStore | None:
        """The store, or None when it cannot be opened (`error` says why, in one line)."""
        with self._lock:
            if self._store is None and self.settings is not None and not self.error:
                try:
                    self._store = NotesStore.open(self.settings.data_dir, self.settings.corpus)
                except NotesError as exc:
                    self.error = str(exc)
            return self._store

    @property
    def opened(self) -> NotesStore | None:
        """The store if it is already open (never opens it: safe on the UI thread)."""
        return self._store

    def close(self) -> None:
        with self._lock:
            if self._store is not None:
                self._store.close()
                self._store = None


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def summary(ann: Annotations) -> Text:
    """`★ starred · read · your tags: a, b · 2 notes · 3 highlights (1 detached)`."""
    parts: list[Text] = []
    if ann.state.starred:
        parts.append(Text(f"{STAR} starred", style="bold"))
    parts.append(Text("read" if ann.state.read else "unread", style="dim"))
    if ann.tags:
        parts.append(joined(Text("your tags: "), safe_line(", ".join(ann.tags), "bold")))
    parts.append(Text(plural(len(ann.notes), "note")))
    detached = sum(1 for h in ann.highlights if not h.attached)
    marks = plural(len(ann.highlights), "highlight") + (f" ({detached} detached)" if detached else "")
    parts.append(Text(marks))
    return joined(*parts, separator=" · ")


def parse_tags(text: str) -> list[str]:
    """Tags as typed in the tag box: separated by commas (a tag may hold spaces)."""
    return [t.strip() for t in text.split(",") if t.strip().lstrip("#").strip()]


# Writing a note in $EDITOR ------------------------------------------------------------------


def editor_command(env: Mapping[str, str] | None = None) -> list[str] | None:
    """$VISUAL or $EDITOR as a command (`code --wait` works), or None when neither is set."""
    env = os.environ if env is None else env
    for name in ("VISUAL", "EDITOR"):
        value = (env.get(name) or "").strip()
        if value:
            try:
                parts = shlex.split(value)
            except ValueError:
                parts = [value]
            if parts:
                return parts
    return None


class EditorFailed(Exception):
    """The editor could not run (`missing`), or was left without saving (one line)."""

    def __init__(self, message: str, missing: bool = False) -> None:
        super().__init__(message)
        self.missing = missing


def edit_in_editor(app: App[Any], command: list[str], text: str) -> str:
    """Suspend the app, run the editor on a private temporary file holding `text`, and
    return what it saved. Raises SuspendNotSupported (from Textual) where the terminal
    cannot be handed over, and EditorFailed when the editor is missing or exits non-zero
    (vim's `:cq` means "don't save")."""
    fd, name = tempfile.mkstemp(prefix="brief-note-", suffix=".md")  # 0600: notes are private
    path = Path(name)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        with app.suspend():
            try:
                code = subprocess.call([*command, str(path)])
            except OSError as exc:
                raise EditorFailed(f"cannot run {command[0]}: {exc.strerror or exc}", missing=True) from None
        if code != 0:
            raise EditorFailed(f"{command[0]} exited with status {code}: nothing saved")
        return path.read_text(encoding="utf-8", errors="replace")
    finally:
        path.unlink(missing_ok=True)
