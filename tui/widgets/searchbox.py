"""The search box, with up/down to recall earlier searches (kept across sessions)."""

from __future__ import annotations

import json
from pathlib import Path

from textual.binding import Binding, BindingType
from textual.widgets import Input

from briefs.safewrite import write_atomic
from briefs.textsafe import clean_line

MAX_REMEMBERED = 100


class SearchBox(Input):
    """An Input whose up and down keys walk through earlier searches."""

    BINDINGS: list[BindingType] = [
        Binding("up", "recall(-1)", "Earlier search", show=False, id="recall_earlier"),
        Binding("down", "recall(1)", "Later search", show=False, id="recall_later"),
    ]
    """| key | does |\n|---|---|\n| up | the previous search |\n| down | the next search |"""

    def __init__(self, history_file: Path | None = None, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.history_file = history_file
        self.past: list[str] = self._load()
        self._cursor = len(self.past)

    def _load(self) -> list[str]:
        if self.history_file is None:
            return []
        try:
            data = json.loads(self.history_file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return []
        return [clean_line(q) for q in data if isinstance(q, str) and clean_line(q)][-MAX_REMEMBERED:]

    def remember(self, query: str) -> None:
        """Keep a search the user committed to (Enter, or opening a result)."""
        query = clean_line(query)
        if not query:
            return
        if query in self.past:
            self.past.remove(query)
        self.past.append(query)
        self.past = self.past[-MAX_REMEMBERED:]
        self._cursor = len(self.past)
        if self.history_file is not None:
            try:
                self.history_file.parent.mkdir(parents=True, exist_ok=True)
                write_atomic(self.history_file, json.dumps(self.past).encode("utf-8"))
            except OSError:
                pass  # history is a convenience; never fail a search over it

    def action_recall(self, step: int) -> None:
        if not self.past:
            return
        self._cursor = max(0, min(len(self.past), self._cursor + step))
        self.value = self.past[self._cursor] if self._cursor < len(self.past) else ""
        self.cursor_position = len(self.value)
