"""The main screen's notes keys: highlights, notes (in the app or in $EDITOR), tags, star,
read marks, the notes pane and the export dialog. Mixed into `MainScreen`.

The store (briefs/notes, SQLite) is opened by the worker that loads the first brief. A
change is one small transaction (about a millisecond), so changes run on the UI thread;
loading a brief's notes (which may re-anchor highlights of an edited brief) and exports run
in workers. Every two seconds the screen asks SQLite whether another process (a second
SSH session) changed the notes (`PRAGMA data_version`, a cheap read) and shows the change.

A brief is marked read once it has stayed open for MARK_READ_AFTER seconds: flicking
through results (Enter, b, Enter) does not mark every brief passed over, and `r` marks it
read or unread by hand at any time (which also stops the automatic mark).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.app import SuspendNotSupported
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.timer import Timer

from briefs.notes import Annotations, BriefRef, Highlight, NotesError, NotesStore
from briefs.notes.anchor import locate
from briefs.notes.tags import tag_key
from briefs.textsafe import clean_line
from tui.annotations import EditorFailed, NotesHandle, edit_in_editor, editor_command, parse_tags, ref_of
from tui.safe import joined, safe_line
from tui.screens.dialogs import Confirm, LineInput, TagSuggester
from tui.screens.note_editor import NoteEditor
from tui.widgets.notespane import NoteItem, NotesPane
from tui.widgets.reader import Reader
from tui.widgets.selection import HighlightRequested

if TYPE_CHECKING:
    from briefs.config import Settings

NOTE_BINDINGS: list[BindingType] = [
    Binding("a", "add_note", "Note", show=False, id="add_note"),
    Binding("E", "editor_note", "Note in $EDITOR", show=False, id="editor_note"),
    Binding("number_sign", "tags", "Tags", show=False, id="tags"),
    Binding("asterisk", "star", "Star", show=False, id="star"),
    Binding("r", "toggle_read", "Read/unread", show=False, id="toggle_read"),
    Binding("m", "notes_pane", "Notes", show=False, id="notes_pane"),
    Binding("x", "export", "Export", show=False, id="export"),
]
"""a: add a note · E: a note in $EDITOR · #: tags · *: star · r: read/unread · m: the notes
pane · x: export (see tui.screens.help)."""

NEEDS_BRIEF = {"add_note", "editor_note", "tags", "star", "toggle_read"}


@dataclass
class AnnotationsLoaded(Message):
    """The notes of the brief opened with this serial (or why they could not be read)."""

    serial: int
    ref: BriefRef | None
    annotations: Annotations | None
    error: str = ""


class NotesActions:
    """Mixed into MainScreen (which gives current_id, query_text, index_dir, _open_serial)."""

    MARK_READ_AFTER = 2.0
    POLL_SECONDS = 2.0

    current_id: str | None
    query_text: str
    _open_serial: int

    def init_notes(self, settings: Settings | None) -> None:
        self.notes = NotesHandle(settings)
        self.notes_ref: BriefRef | None = None
        self.notes_ann: Annotations | None = None
        self._notes_version = -1
        self._read_timer: Timer | None = None
        self._notes_warned = False

    def start_notes(self) -> None:
        """Watch for other instances' changes (started when the screen mounts)."""
        self.set_interval(self.POLL_SECONDS, self._poll_notes)  # type: ignore[attr-defined]

    def on_unmount(self) -> None:
        self.notes.close()

    # Loading ------------------------------------------------------------------------------

    def annotations_for(self, serial: int, stored: dict[str, Any]) -> AnnotationsLoaded:
        """In the loading worker: sync the brief's notes with its text, then read them."""
        store = self.notes.store()
        if store is None:  # (without settings the app has no notes: said when a key asks)
            return AnnotationsLoaded(serial, None, None, self.notes.error if self.notes.settings else "")
        ref = ref_of(stored)
        try:
            store.sync(ref)
            return AnnotationsLoaded(serial, ref, store.annotations(ref.id))
        except (NotesError, sqlite3.Error) as exc:
            return AnnotationsLoaded(serial, ref, None, str(exc))

    def on_annotations_loaded(self, message: AnnotationsLoaded) -> None:
        if message.serial != self._open_serial:
            return
        if message.error and not self._notes_warned:
            self._notes_warned = True  # once: the same reason would repeat on every brief
            self.notify(clean_line(f"Notes unavailable: {message.error}"), severity="warning", markup=False)  # type: ignore[attr-defined]
        self.notes_ref = message.ref if message.annotations is not None else None
        self._show_annotations(message.annotations)
        store = self.notes.opened
        if store is not None and self._notes_version < 0:
            self._notes_version = store.data_version()
        if self._read_timer is not None:
            self._read_timer.stop()
            self._read_timer = None
        ann = message.annotations
        if ann is not None and message.ref is not None and not ann.state.read:
            self._read_timer = self.set_timer(self.MARK_READ_AFTER, partial(self._auto_read, message.ref.id))  # type: ignore[attr-defined]

    def _show_annotations(self, ann: Annotations | None) -> None:
        self.notes_ann = ann
        reader = self.query_one(Reader)  # type: ignore[attr-defined]
        reader.set_annotations(ann)
        self.query_one(NotesPane).show(ann, reader.body, "" if ann is not None else self.notes.error)  # type: ignore[attr-defined]

    def _reload_notes(self) -> None:
        """Read the open brief's notes again (after a change here or in another process)."""
        store, ref = self.notes.opened, self.notes_ref
        if store is None or ref is None or ref.id != self.current_id:
            return
        try:
            self._show_annotations(store.annotations(ref.id))
        except (NotesError, sqlite3.Error) as exc:
            self.notify(clean_line(f"Notes: {exc}"), severity="error", markup=False)  # type: ignore[attr-defined]

    def _poll_notes(self) -> None:
        store = self.notes.opened
        if store is None:
            return
        try:
            version = store.data_version()
        except sqlite3.Error:
            return
        if version != self._notes_version:
            self._notes_version = version
            self._reload_notes()

    def _auto_read(self, brief_id: str) -> None:
        self._read_timer = None
        target = self._target(quiet=True)
        if target is not None and target[1].id == brief_id and self.notes_ann and not self.notes_ann.state.read:
            self._change(target[0].set_read, target[1], True)

    # Helpers ------------------------------------------------------------------------------

    def _target(self, quiet: bool = False) -> tuple[NotesStore, BriefRef] | None:
        """The store and the open brief, or None (and a line saying why)."""
        store = self.notes.opened or self.notes.store()
        ref = self.notes_ref
        why = ""
        if store is None:
            why = f"Notes unavailable: {self.notes.error}"
        elif ref is None or ref.id != self.current_id:
            why = "Open a brief first (its notes are loading, or none is open)."
        if why:
            if not quiet:
                self.notify(clean_line(why), severity="warning", markup=False)  # type: ignore[attr-defined]
            return None
        assert store is not None and ref is not None
        return store, ref

    def _change(self, fn: Any, *args: Any) -> Any:
        """Run one store change, show the brief's notes again; None (and a line) on failure."""
        try:
            result = fn(*args)
        except (NotesError, sqlite3.Error, ValueError, KeyError) as exc:
            self.notify(clean_line(f"Not saved: {exc}"), severity="error", markup=False)  # type: ignore[attr-defined]
            return None
        self._reload_notes()
        return True if result is None else result

    def _say(self, line: str) -> None:
        self.notify(clean_line(line), markup=False)  # type: ignore[attr-defined]

    def _about(self, words: str) -> Text:
        ref = self.notes_ref
        return joined(Text(words, style="bold"), safe_line(ref.title if ref else "", "italic"))

    def check_notes_action(self, action: str) -> bool | None:
        """Keys that need an open brief are off (and out of the footer) without one."""
        return self.current_id is not None if action in NEEDS_BRIEF else True

    # Highlights ---------------------------------------------------------------------------

    def on_highlight_requested(self, message: HighlightRequested) -> None:
        message.stop()
        target = self._target()
        if target is None:
            return
        store, ref = target
        passage = " ".join((ref.body or "")[message.start:message.end].split())
        heading = joined(Text("Highlight “", style="bold"), safe_line(passage[:100] + ("…" if len(passage) > 100 else ""), "italic"),
                         Text("”", style="bold"), Text("\nA comment (optional):"))
        self.app.push_screen(  # type: ignore[attr-defined]
            LineInput(heading, placeholder="Why it matters (optional)", hint="Enter: save the highlight · Escape: cancel"),
            partial(self._save_highlight, ref, message.start, message.end))

    def _save_highlight(self, ref: BriefRef, start: int, end: int, comment: str | None) -> None:
        if comment is None or ref.id != self.current_id:
            return
        target = self._target()
        if target is None or self._change(target[0].add_highlight, ref, start, end, comment.strip()) is None:
            return
        self.query_one(Reader).action_select_cancel()  # type: ignore[attr-defined]
        self.clear_selection()  # type: ignore[attr-defined]
        self._say(f"Highlighted {locate(ref.body or '', start, end).describe()}")

    def on_text_selected(self) -> None:
        """A mouse selection ended: say how to highlight it."""
        reader = self.query_one(Reader)  # type: ignore[attr-defined]
        if reader.mouse_selection():
            reader._status("h: highlight the selected text (you can add a comment)")

    # Notes --------------------------------------------------------------------------------

    def action_add_note(self) -> None:
        """a: write a note on the open brief in the app's editor."""
        if self._target() is not None:
            self.app.push_screen(NoteEditor(self._about("New note on "), ""), self._save_new_note)  # type: ignore[attr-defined]

    def action_editor_note(self) -> None:
        """E: write a note in $EDITOR (the app's editor where that cannot be done)."""
        if self._target() is not None:
            self._write(self._about("New note on "), "", self._save_new_note)

    def _save_new_note(self, text: str | None) -> None:
        target = self._target() if text else None
        if target is not None and self._change(target[0].add_note, target[1], text) is not None:
            self._say("Note saved")

    def _write(self, heading: Text, text: str, save: Any) -> None:
        """$EDITOR through App.suspend(); the in-app editor when it is unset or cannot run."""
        command = editor_command()
        why = "$EDITOR is not set"
        if command is not None:
            try:
                written = edit_in_editor(self.app, command, text)  # type: ignore[attr-defined]
            except SuspendNotSupported:
                why = "this terminal cannot hand over to $EDITOR"
            except EditorFailed as exc:
                self.notify(clean_line(str(exc)), severity="warning", markup=False)  # type: ignore[attr-defined]
                if not exc.missing:
                    return
                why = "the editor could not run"
            else:
                written = written.strip("\n")
                if not written.strip():
                    self._say("No note saved (the editor was closed without text).")
                elif written == text:
                    self._say("The note is unchanged.")
                else:
                    save(written)
                return
        self._say(f"{why}: writing in the app's editor instead.")
        self.app.push_screen(NoteEditor(heading, text), save)  # type: ignore[attr-defined]

    def on_note_item(self, message: NoteItem) -> None:
        """e / E / d / Enter in the notes pane."""
        message.stop()
        ann = self.notes_ann
        if ann is None or self._target() is None:
            return
        items = ann.notes if message.kind == "note" else ann.highlights
        item = next((i for i in items if i.id == message.item_id), None)
        if item is None:
            return
        if message.action == "delete":
            self._ask_delete(item)
        elif isinstance(item, Highlight):
            self.app.push_screen(LineInput(Text("Comment on the highlight:", style="bold"), item.comment,  # type: ignore[attr-defined]
                                           placeholder="Why it matters (empty: no comment)"),
                                 partial(self._save_comment, item.id))
        elif message.action == "editor":
            self._write(self._about("Note on "), item.text, partial(self._save_edit, item.id))
        else:
            self.app.push_screen(NoteEditor(self._about("Note on "), item.text), partial(self._save_edit, item.id))  # type: ignore[attr-defined]

    def _save_edit(self, note_id: int, text: str | None) -> None:
        target = self._target() if text else None
        if target is not None and self._change(target[0].edit_note, note_id, text) is not None:
            self._say("Note saved")

    def _save_comment(self, highlight_id: int, comment: str | None) -> None:
        target = self._target() if comment is not None else None
        if target is not None and self._change(target[0].set_comment, highlight_id, (comment or "").strip()) is not None:
            self._say("Comment saved")

    def _ask_delete(self, item: Any) -> None:
        kind = "note" if not isinstance(item, Highlight) else "highlight"
        words = " ".join(item.text.split())
        question = joined(Text(f"Delete this {kind}? ", style="bold"),
                          safe_line(words[:80] + ("…" if len(words) > 80 else ""), "italic"))
        self.app.push_screen(Confirm(question, "Delete", "Keep"), partial(self._delete, kind, item.id))  # type: ignore[attr-defined]

    def _delete(self, kind: str, item_id: int, yes: bool | None) -> None:
        target = self._target() if yes else None
        if target is None:
            return
        fn = target[0].delete_note if kind == "note" else target[0].delete_highlight
        if self._change(fn, item_id) is not None:
            self._say(f"Deleted the {kind}")

    # Tags, star, read ---------------------------------------------------------------------

    def action_tags(self) -> None:
        """#: the brief's tags, comma-separated, to change (completion from tags in use)."""
        target = self._target()
        if target is None:
            return
        store, ref = target
        tags = store.tags(ref.id)
        known = [t for t, _ in store.all_tags()]
        value = ", ".join(tags) + (", " if tags else "")
        self.app.push_screen(  # type: ignore[attr-defined]
            LineInput(self._about("Tags of "), value, placeholder="tags, separated by commas",
                      hint="Enter: save · Escape: cancel · → accepts the suggested tag · remove a tag by deleting it",
                      suggester=TagSuggester(known)),
            partial(self._save_tags, ref.id, tags))

    def _save_tags(self, brief_id: str, before: list[str], text: str | None) -> None:
        target = self._target() if text is not None else None
        if target is None or target[1].id != brief_id:
            return
        store, ref = target
        wanted = parse_tags(text or "")
        keys = {tag_key(t) for t in wanted}
        had = {tag_key(t) for t in before}
        removed = [t for t in before if tag_key(t) not in keys]
        added = [t for t in wanted if tag_key(t) not in had]
        if removed and self._change(store.untag, ref.id, removed) is None:
            return
        if added and self._change(store.tag, ref, added) is None:
            return
        now = self.notes_ann.tags if self.notes_ann else []
        self._say(f"Tags: {', '.join(now)}" if now else "No tags")

    def action_star(self) -> None:
        """*: star the brief, or take its star away."""
        target = self._target()
        if target is not None and self.notes_ann is not None:
            starred = not self.notes_ann.state.starred
            if self._change(target[0].set_starred, target[1], starred) is not None:
                self._say("Starred" if starred else "Star removed")

    def action_toggle_read(self) -> None:
        """r: mark the brief read, or unread again (the automatic mark is then off)."""
        if self._read_timer is not None:
            self._read_timer.stop()
            self._read_timer = None
        target = self._target()
        if target is not None and self.notes_ann is not None:
            read = not self.notes_ann.state.read
            if self._change(target[0].set_read, target[1], read) is not None:
                self._say("Marked read" if read else "Marked unread")

    def action_notes_pane(self) -> None:
        """m: the notes pane (the side pane's third view)."""
        self.show_side("notes")  # type: ignore[attr-defined]
