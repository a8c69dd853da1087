"""`NotesStore`: the analyst's notes, highlights, tags, stars and read marks, in SQLite.

Every change is one `BEGIN IMMEDIATE` transaction: it happens whole or not at all, and a
second process (another SSH session) waits for it (busy timeout) instead of failing. Notes
are keyed by the brief's stable id and never live in the index, so deleting or rebuilding
the index leaves them alone. See briefs/notes/schema.py for the file and its pragmas.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from briefs.notes import anchor
from briefs.notes.filters import Filters
from briefs.notes.model import (
    ATTACHED, DETACHED, Annotations, BriefRef, BriefState, Highlight, Note,
)
from briefs.notes.schema import NotesError, connect, notes_file
from briefs.notes.tags import clean_tag, tag_key

_NOTE = "id, brief_id, text, created, updated"
_HIGHLIGHT = "id, brief_id, start, end, text, before, after, comment, status, created, updated"
_STATE = "id, path, title, hash, starred, read, orphan, seen"


def _utc_now() -> datetime:
    return datetime.now(timezone.utc)


@dataclass
class SyncReport:
    """What syncing a brief's notes with its current text did."""

    reanchored: list[int] = field(default_factory=list)   # highlights moved or reworded
    detached: list[int] = field(default_factory=list)     # highlights no longer found
    reattached: list[int] = field(default_factory=list)   # detached ones found again


class NotesStore(Filters):
    """One connection to a notes database; safe to share between threads (one lock)."""

    def __init__(self, path: str | os.PathLike[str], clock: Callable[[], datetime] = _utc_now):
        self.path = Path(path)
        self._clock = clock
        self._lock = threading.RLock()
        self._db = connect(self.path)

    @classmethod
    def open(cls, data_dir: Path, corpus: str) -> NotesStore:
        """The store of a corpus, in the user's data folder (never the index folder)."""
        return cls(notes_file(data_dir, corpus))

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def __enter__(self) -> NotesStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _now(self) -> str:
        return self._clock().astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")

    @contextlib.contextmanager
    def _change(self) -> Iterator[sqlite3.Connection]:
        """One write transaction; IMMEDIATE so that a busy database waits, never deadlocks."""
        with self._lock:
            try:
                self._db.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError as exc:
                raise NotesError(f"{self.path}: notes database busy: {exc}") from None
            try:
                yield self._db
                self._db.execute("COMMIT")
            except BaseException:
                if self._db.in_transaction:
                    self._db.execute("ROLLBACK")
                raise

    def _rows(self, sql: str, params: tuple[object, ...] = ()) -> list[tuple]:  # type: ignore[type-arg]
        with self._lock:
            return self._db.execute(sql, params).fetchall()

    def data_version(self) -> int:
        """Changes whenever another connection commits: poll it to see other instances' edits."""
        return int(self._rows("PRAGMA data_version")[0][0])

    # -- reading ---------------------------------------------------------------------------

    def state(self, brief_id: str) -> BriefState | None:
        rows = self._rows(f"SELECT {_STATE} FROM brief WHERE id = ?", (brief_id,))
        return _state(rows[0]) if rows else None

    def notes(self, brief_id: str) -> list[Note]:
        return [Note(*r) for r in self._rows(
            f"SELECT {_NOTE} FROM note WHERE brief_id = ? ORDER BY created, id", (brief_id,))]

    def note(self, note_id: int) -> Note | None:
        rows = self._rows(f"SELECT {_NOTE} FROM note WHERE id = ?", (note_id,))
        return Note(*rows[0]) if rows else None

    def highlights(self, brief_id: str) -> list[Highlight]:
        return [Highlight(*r) for r in self._rows(
            f"SELECT {_HIGHLIGHT} FROM highlight WHERE brief_id = ? ORDER BY start, id", (brief_id,))]

    def highlight(self, highlight_id: int) -> Highlight | None:
        rows = self._rows(f"SELECT {_HIGHLIGHT} FROM highlight WHERE id = ?", (highlight_id,))
        return Highlight(*rows[0]) if rows else None

    def tags(self, brief_id: str) -> list[str]:
        return [r[0] for r in self._rows(
            "SELECT tag FROM tag WHERE brief_id = ? ORDER BY created, rowid", (brief_id,))]

    def annotations(self, brief_id: str) -> Annotations:
        """Everything on one brief, read in one snapshot (empty if nothing yet)."""
        with self._lock:
            own = not self._db.in_transaction
            if own:
                self._db.execute("BEGIN")
            try:
                state = self.state(brief_id) or BriefState(brief_id)
                return Annotations(state, self.notes(brief_id), self.highlights(brief_id),
                                   self.tags(brief_id))
            finally:
                if own:
                    self._db.execute("COMMIT")

    def briefs(self) -> list[Annotations]:
        """Every brief that has notes, highlights, tags, a star or a read mark."""
        ids = [r[0] for r in self._rows("SELECT id FROM brief ORDER BY title, id")]
        found = [self.annotations(i) for i in ids]
        return [a for a in found if not a.empty]

    def orphans(self) -> list[BriefState]:
        return [_state(r) for r in self._rows(
            f"SELECT {_STATE} FROM brief WHERE orphan = 1 ORDER BY title, id")]

    # -- writing ---------------------------------------------------------------------------

    def _touch(self, db: sqlite3.Connection, ref: BriefRef) -> None:
        """Make sure the brief has a row, and record where it is and what it is called."""
        now = self._now()
        db.execute(
            "INSERT INTO brief (id, path, title, hash, seen, changed) VALUES (?, ?, ?, ?, ?, ?) "
            "ON CONFLICT(id) DO UPDATE SET path = coalesce(nullif(excluded.path, ''), path), "
            "title = coalesce(nullif(excluded.title, ''), title), seen = excluded.seen, "
            "changed = excluded.changed",
            (ref.id, ref.path, ref.title, ref.hash, now, now),
        )

    def add_note(self, ref: BriefRef, text: str) -> Note:
        if not text.strip():
            raise ValueError("a note needs some text")
        with self._change() as db:
            self._touch(db, ref)
            now = self._now()
            cur = db.execute("INSERT INTO note (brief_id, text, created, updated) VALUES (?, ?, ?, ?)",
                             (ref.id, text, now, now))
            return Note(int(cur.lastrowid or 0), ref.id, text, now, now)

    def edit_note(self, note_id: int, text: str) -> Note:
        if not text.strip():
            raise ValueError("a note needs some text (delete it instead)")
        with self._change() as db:
            now = self._now()
            if db.execute("UPDATE note SET text = ?, updated = ? WHERE id = ?",
                          (text, now, note_id)).rowcount == 0:
                raise KeyError(f"no note {note_id}")
            return Note(*db.execute(f"SELECT {_NOTE} FROM note WHERE id = ?", (note_id,)).fetchone())

    def delete_note(self, note_id: int) -> Note:
        with self._change() as db:
            row = db.execute(f"SELECT {_NOTE} FROM note WHERE id = ?", (note_id,)).fetchone()
            if row is None:
                raise KeyError(f"no note {note_id}")
            db.execute("DELETE FROM note WHERE id = ?", (note_id,))
            return Note(*row)

    def add_highlight(self, ref: BriefRef, start: int, end: int, comment: str = "") -> Highlight:
        """Highlight body[start:end] of the brief (ref.body is required)."""
        body = ref.body
        if body is None:
            raise ValueError("highlighting needs the brief's text")
        if not (0 <= start < end <= len(body)) or not body[start:end].strip():
            raise ValueError(f"characters {start}–{end} are not a passage of this brief")
        before, after = anchor.context(body, start, end)
        with self._change() as db:
            self._sync_in(db, ref, SyncReport())
            now = self._now()
            cur = db.execute(
                "INSERT INTO highlight (brief_id, start, end, text, before, after, comment, status, "
                "created, updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (ref.id, start, end, body[start:end], before, after, comment, ATTACHED, now, now))
            return Highlight(int(cur.lastrowid or 0), ref.id, start, end, body[start:end], before,
                             after, comment, ATTACHED, now, now)

    def set_comment(self, highlight_id: int, comment: str) -> Highlight:
        with self._change() as db:
            if db.execute("UPDATE highlight SET comment = ?, updated = ? WHERE id = ?",
                          (comment, self._now(), highlight_id)).rowcount == 0:
                raise KeyError(f"no highlight {highlight_id}")
            return Highlight(*db.execute(f"SELECT {_HIGHLIGHT} FROM highlight WHERE id = ?",
                                         (highlight_id,)).fetchone())

    def delete_highlight(self, highlight_id: int) -> Highlight:
        with self._change() as db:
            row = db.execute(f"SELECT {_HIGHLIGHT} FROM highlight WHERE id = ?", (highlight_id,)).fetchone()
            if row is None:
                raise KeyError(f"no highlight {highlight_id}")
            db.execute("DELETE FROM highlight WHERE id = ?", (highlight_id,))
            return Highlight(*row)

    def tag(self, ref: BriefRef, tags: list[str]) -> list[str]:
        """Add tags (case and a leading '#' ignored); returns those that were new."""
        cleaned = [clean_tag(t) for t in tags]
        if not all(cleaned) or not all(tag_key(t) for t in cleaned):
            raise ValueError("a tag needs a letter or a digit")
        added = []
        with self._change() as db:
            self._touch(db, ref)
            for tag in cleaned:
                cur = db.execute("INSERT OR IGNORE INTO tag (brief_id, key, tag, created) VALUES (?, ?, ?, ?)",
                                 (ref.id, tag_key(tag), tag, self._now()))
                if cur.rowcount:
                    added.append(tag)
        return added

    def untag(self, brief_id: str, tags: list[str]) -> list[str]:
        """Remove tags; returns those that were there (as they were written)."""
        removed = []
        with self._change() as db:
            for tag in tags:
                row = db.execute("SELECT tag FROM tag WHERE brief_id = ? AND key = ?",
                                 (brief_id, tag_key(tag))).fetchone()
                if row:
                    db.execute("DELETE FROM tag WHERE brief_id = ? AND key = ?", (brief_id, tag_key(tag)))
                    removed.append(row[0])
        return removed

    def set_starred(self, ref: BriefRef, starred: bool = True) -> None:
        with self._change() as db:
            self._touch(db, ref)
            db.execute("UPDATE brief SET starred = ? WHERE id = ?", (int(starred), ref.id))

    def set_read(self, ref: BriefRef, read: bool = True) -> None:
        with self._change() as db:
            self._touch(db, ref)
            db.execute("UPDATE brief SET read = ? WHERE id = ?", (int(read), ref.id))

    def forget(self, brief_id: str) -> Annotations:
        """Delete everything on a brief (an orphan the analyst no longer wants); returns it."""
        gone = self.annotations(brief_id)
        with self._change() as db:
            for table in ("note", "highlight", "tag"):
                db.execute(f"DELETE FROM {table} WHERE brief_id = ?", (brief_id,))  # noqa: S608
            db.execute("DELETE FROM brief WHERE id = ?", (brief_id,))
        return gone

    # -- keeping up with the corpus --------------------------------------------------------

    def sync(self, ref: BriefRef) -> SyncReport:
        """Record that the brief is present as `ref`; when its text changed (ref.body given),
        re-anchor its highlights. Cheap (one read) when nothing changed; a brief with no
        notes gets no row."""
        report = SyncReport()
        current = self.state(ref.id)
        if current is None:
            return report
        text_changed = ref.body is not None and current.hash != ref.hash
        moved = bool(ref.path and current.path != ref.path) or bool(ref.title and current.title != ref.title)
        if not (text_changed or moved or current.orphan):
            return report
        with self._change() as db:
            self._sync_in(db, ref, report)
        return report

    def _sync_in(self, db: sqlite3.Connection, ref: BriefRef, report: SyncReport) -> None:
        """Inside a change: re-anchor when the text changed, then record the brief."""
        row = db.execute("SELECT hash FROM brief WHERE id = ?", (ref.id,)).fetchone()
        if ref.body is not None and row is not None and row[0] != ref.hash:
            self._reanchor(db, ref, report)
        self._touch(db, ref)
        db.execute("UPDATE brief SET orphan = 0 WHERE id = ?", (ref.id,))
        if ref.body is not None:
            db.execute("UPDATE brief SET hash = ? WHERE id = ?", (ref.hash, ref.id))

    def _reanchor(self, db: sqlite3.Connection, ref: BriefRef, report: SyncReport) -> None:
        body = ref.body or ""
        now = self._now()
        rows = db.execute(f"SELECT {_HIGHLIGHT} FROM highlight WHERE brief_id = ?", (ref.id,)).fetchall()
        for h in (Highlight(*r) for r in rows):
            place = anchor.relocate(body, h.start, h.end, h.text, h.before, h.after)
            if not place.found:
                if h.attached:
                    db.execute("UPDATE highlight SET status = ?, updated = ? WHERE id = ?",
                               (DETACHED, now, h.id))
                    report.detached.append(h.id)
                continue
            if not h.attached:
                report.reattached.append(h.id)
            elif (place.start, place.end, place.text) != (h.start, h.end, h.text):
                report.reanchored.append(h.id)
            db.execute(
                "UPDATE highlight SET start = ?, end = ?, text = ?, before = ?, after = ?, status = ?, "
                "updated = CASE WHEN text = ? AND status = ? THEN updated ELSE ? END WHERE id = ?",
                (place.start, place.end, place.text, place.before, place.after, ATTACHED,
                 place.text, ATTACHED, now, h.id))

    def mark_orphan(self, brief_id: str, orphan: bool = True) -> None:
        with self._change() as db:
            db.execute("UPDATE brief SET orphan = ? WHERE id = ?", (int(orphan), brief_id))

    def reattach(self, old_id: str, ref: BriefRef) -> SyncReport:
        """Move everything on brief `old_id` to the brief `ref` (a brief that came back with
        a new id), merging with what `ref` already has; then re-anchor against its text."""
        if old_id == ref.id:
            return self.sync(ref)
        with self._change() as db:
            old = db.execute("SELECT starred, read, hash FROM brief WHERE id = ?", (old_id,)).fetchone()
            if old is None:
                raise KeyError(f"no notes on {old_id}")
            exists = db.execute("SELECT 1 FROM brief WHERE id = ?", (ref.id,)).fetchone()
            self._touch(db, BriefRef(ref.id, ref.path, ref.title))
            if not exists:
                db.execute("UPDATE brief SET hash = ? WHERE id = ?", (old[2], ref.id))
            db.execute("UPDATE brief SET starred = max(starred, ?), read = max(read, ?) WHERE id = ?",
                       (old[0], old[1], ref.id))
            for table in ("note", "highlight"):
                db.execute(f"UPDATE {table} SET brief_id = ? WHERE brief_id = ?", (ref.id, old_id))  # noqa: S608
            db.execute("INSERT OR IGNORE INTO tag (brief_id, key, tag, created) "
                       "SELECT ?, key, tag, created FROM tag WHERE brief_id = ?", (ref.id, old_id))
            db.execute("DELETE FROM tag WHERE brief_id = ?", (old_id,))
            db.execute("DELETE FROM brief WHERE id = ?", (old_id,))
            if exists:  # highlights from the old id must be checked against this text
                db.execute("UPDATE brief SET hash = '' WHERE id = ?", (ref.id,))
        return self.sync(ref)

    def backup(self, dest: str | os.PathLike[str]) -> None:
        """A consistent copy of the database (while other processes write), made atomically."""
        target = Path(dest)
        tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        try:
            os.close(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600))
            copy = sqlite3.connect(tmp)
            try:
                with self._lock:
                    self._db.backup(copy)
            finally:
                copy.close()
            with open(tmp, "rb+") as fh:
                os.fsync(fh.fileno())
            os.replace(tmp, target)
        finally:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)


def _state(row: tuple) -> BriefState:  # type: ignore[type-arg]
    i, path, title, digest, starred, read, orphan, seen = row
    return BriefState(i, path, title, digest, bool(starred), bool(read), bool(orphan), seen)
