"""Background indexing and folder watching, with its progress on one line above the footer.

The widget owns the work: a thread worker drives an `index.background.IndexRun` (a child
process) and turns its JSON lines into messages; a timer asks `index.watch.fingerprint`
(in a thread) whether the corpus folders changed and starts a run when they did. After
each commit it posts `IndexChanged`, so the screen re-runs the search and the user sees
new and changed briefs without a restart. It hides itself when there is nothing to say.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.message import Message
from textual.widgets import Static
from textual.worker import get_current_worker

from tui.safe import safe_line

SHOW_SUMMARY_FOR = 6.0  # seconds the end-of-run summary stays before the line hides


@dataclass
class IndexChanged(Message):
    """The index has a new commit: searches and the open brief may show something new."""


@dataclass
class _Event(Message):
    event: dict[str, object] = field(default_factory=dict)


class IndexStatus(Static):
    """Runs indexing in the background and shows how it is going."""

    def __init__(
        self,
        index_dir: Path,
        folders: list[Path],
        max_file_bytes: int,
        watch_seconds: float = 10.0,
        *,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.index_dir = Path(index_dir)
        self.folders = list(folders)
        self.max_file_bytes = max_file_bytes
        self.watch_seconds = watch_seconds
        self.running = False
        self.again = False  # a change was seen while a run was going: run once more after
        self.last_print: str | None = None
        self.last_summary = ""
        self._run = None
        self._commit_pending = False
        self._hide_at = 0.0

    def on_mount(self) -> None:
        self.display = False
        if self.watch_seconds > 0 and self.folders:
            self.set_interval(self.watch_seconds, self._poll, name="watch")
            self.set_interval(1.0, self._maybe_hide, name="hide")

    # Starting runs -------------------------------------------------------------------

    def start(self) -> None:
        """Index the corpus folders now (or once more after the run in progress)."""
        if self.running:
            self.again = True
            return
        self.running = True
        self._show(Text("Indexing: scanning folders…"))
        self._index()

    def _poll(self) -> None:
        if not self.running:
            self._check_folders()

    @work(thread=True, exclusive=True, group="watch", exit_on_error=False)
    def _check_folders(self) -> None:
        from index.watch import fingerprint

        current = fingerprint(self.folders)
        if self.last_print is None:
            self.last_print = current
            return
        if current != self.last_print:
            self.last_print = current
            self.app.call_from_thread(self.start)

    @work(thread=True, exclusive=True, group="index", exit_on_error=False)
    def _index(self) -> None:
        from index.background import IndexRun
        from index.watch import fingerprint

        worker = get_current_worker()
        self.last_print = fingerprint(self.folders)  # what this run will see
        run = IndexRun(self.index_dir, self.folders, self.max_file_bytes)
        self._run = run
        try:
            for event in run.events():
                if worker.is_cancelled:
                    run.stop()
                    return
                self.post_message(_Event(event))
        finally:
            self._run = None

    def on_unmount(self) -> None:
        self.stop()

    def stop(self) -> None:
        """Stop a run in progress as Ctrl-C would (the app is closing)."""
        run = self._run
        if run is not None:
            run.stop(wait=3.0)

    # Showing progress ------------------------------------------------------------------

    @on(_Event)
    def _on_event(self, message: _Event) -> None:
        message.stop()
        event = message.event
        changed = any(event.get(key) for key in ("added", "updated", "removed"))
        if self._commit_pending or ("finished" in event and changed):
            self.post_message(IndexChanged())  # the batch before this event is committed
            self._commit_pending = False
        if "phase" in event:
            phase, done, total = str(event["phase"]), int(event["done"]), int(event["total"])  # type: ignore[call-overload]
            if phase == "committing":
                self._commit_pending = True
            if phase == "waiting":
                self._show(Text("Indexing: waiting for another brief process to finish writing the index…"))
            elif phase == "scanning" or not total:
                self._show(Text("Indexing: scanning folders…"))
            else:
                self._show(Text(f"Indexing: {done:,} of {total:,} briefs ({phase})"))
            return
        self.running = False
        if "finished" in event:
            self.last_summary = summary(event)
            style = "yellow" if event.get("failed") else ""
            self._show(safe_line(self.last_summary, style), hide_after=SHOW_SUMMARY_FOR)
        else:
            text = str(event.get("busy") or event.get("error") or "indexing stopped")
            self.last_summary = text
            self._show(safe_line(f"Indexing: {text}", "red"), hide_after=SHOW_SUMMARY_FOR * 2)
        if self.again:
            self.again = False
            self.start()

    def _show(self, text: Text, hide_after: float = 0.0) -> None:
        self.update(text)
        self.display = True
        self._hide_at = time.monotonic() + hide_after if hide_after else 0.0

    def _maybe_hide(self) -> None:
        if self._hide_at and time.monotonic() >= self._hide_at and not self.running:
            self._hide_at = 0.0
            self.display = False


def summary(event: dict[str, object]) -> str:
    """One line about a finished run: what changed, what failed (first failure named)."""
    parts = [
        f"{event.get(key)} {label}"
        for key, label in (("added", "new"), ("updated", "changed"), ("removed", "removed"))
        if event.get(key)
    ]
    text = "Index up to date" if not parts else "Indexed: " + ", ".join(parts)
    failed = int(event.get("failed") or 0)  # type: ignore[call-overload]
    if failed:
        first = event.get("failures") or []
        where = f" (first: {first[0][0]}: {first[0][1]})" if first else ""  # type: ignore[index]
        text += f"; {failed} could not be read{where}"
    notes = event.get("notes") or []
    if notes:
        text += f"; {notes[0]}"  # type: ignore[index]
    return f"{text} · {event.get('total', 0):,} briefs"
