"""The notes database: its file, its schema (with a version that migrates forward), pragmas.

SQLite in WAL mode: readers never block the writer, a crash (even SIGKILL or power loss
with `synchronous=FULL`) leaves every committed change and none of a half-made one, and
two processes share it safely. A busy timeout makes a second writer wait, not fail.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

SCHEMA_VERSION = 1
BUSY_TIMEOUT_S = 30.0

# Each entry upgrades the schema from version N-1 to N; never edit one that has shipped.
MIGRATIONS: dict[int, str] = {
    1: """
CREATE TABLE brief (
    id TEXT PRIMARY KEY,
    path TEXT NOT NULL DEFAULT '',
    title TEXT NOT NULL DEFAULT '',
    hash TEXT NOT NULL DEFAULT '',
    starred INTEGER NOT NULL DEFAULT 0,
    read INTEGER NOT NULL DEFAULT 0,
    orphan INTEGER NOT NULL DEFAULT 0,
    seen TEXT NOT NULL DEFAULT '',
    changed TEXT NOT NULL DEFAULT ''
);
CREATE INDEX brief_path ON brief(path);
CREATE INDEX brief_hash ON brief(hash);
CREATE TABLE note (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    brief_id TEXT NOT NULL REFERENCES brief(id) ON UPDATE CASCADE,
    text TEXT NOT NULL,
    created TEXT NOT NULL,
    updated TEXT NOT NULL
);
CREATE INDEX note_brief ON note(brief_id);
CREATE TABLE highlight (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    brief_id TEXT NOT NULL REFERENCES brief(id) ON UPDATE CASCADE,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    text TEXT NOT NULL,
    before TEXT NOT NULL DEFAULT '',
    after TEXT NOT NULL DEFAULT '',
    comment TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'attached' CHECK (status IN ('attached', 'detached')),
    created TEXT NOT NULL,
    updated TEXT NOT NULL
);
CREATE INDEX highlight_brief ON highlight(brief_id);
CREATE TABLE tag (
    brief_id TEXT NOT NULL REFERENCES brief(id) ON UPDATE CASCADE,
    key TEXT NOT NULL,
    tag TEXT NOT NULL,
    created TEXT NOT NULL,
    PRIMARY KEY (brief_id, key)
);
CREATE INDEX tag_key ON tag(key);
""",
}


class NotesError(Exception):
    """The notes database cannot be used; the message says why, on one line."""


def notes_file(data_dir: Path, corpus: str) -> Path:
    """One database per corpus: ids are only unique within a corpus."""
    return Path(data_dir) / f"notes-{corpus}.sqlite"


def connect(path: Path) -> sqlite3.Connection:
    """Open (creating, private to the user) and migrate the notes database."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        if not path.exists():
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))
        # Autocommit mode: every change opens its own BEGIN IMMEDIATE ... COMMIT.
        db = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, isolation_level=None,
                             check_same_thread=False)
    except (OSError, sqlite3.Error) as exc:
        raise NotesError(f"{path}: cannot open the notes database: {exc}") from None
    try:
        db.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
        mode = db.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if str(mode).lower() != "wal":
            raise NotesError(f"{path}: the file system does not support SQLite's WAL mode")
        db.execute("PRAGMA synchronous = FULL")
        db.execute("PRAGMA foreign_keys = ON")
        migrate(db, path)
    except sqlite3.DatabaseError as exc:
        db.close()
        raise NotesError(f"{path}: not a usable notes database: {exc}") from None
    except BaseException:
        db.close()
        raise
    return db


def version(db: sqlite3.Connection) -> int:
    return int(db.execute("PRAGMA user_version").fetchone()[0])


def migrate(db: sqlite3.Connection, path: Path) -> None:
    """Bring the schema up to SCHEMA_VERSION, one version per transaction."""
    current = version(db)
    if current > SCHEMA_VERSION:
        raise NotesError(
            f"{path}: notes schema {current} is newer than this brief understands "
            f"({SCHEMA_VERSION}); upgrade brief")
    while current < SCHEMA_VERSION:
        db.execute("BEGIN IMMEDIATE")
        try:
            now = version(db)  # another process may have migrated meanwhile
            if now == current:
                for statement in _statements(MIGRATIONS[current + 1]):
                    db.execute(statement)
                db.execute(f"PRAGMA user_version = {current + 1}")
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
        current = version(db)


def _statements(script: str) -> list[str]:
    # executescript() would COMMIT first; run the statements inside our transaction instead.
    return [s.strip() for s in script.split(";") if s.strip()]
