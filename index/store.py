"""Open the index folder safely: private, retried, and rebuilt when it is damaged.

The index is a cache. Whoosh never fsyncs and keeps no older commit, so a damaged index
is set aside (one line says so) and rebuilt from the briefs; nothing the user wrote
lives in it. Its table of contents is a pickle, so the folder must be private.
"""

from __future__ import annotations

import json
import os
import pickle
import re
import shutil
import sqlite3
import stat
import struct
import time
import zlib
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.index import EmptyIndexError

from index.factstore import FACTS_DB
from index.schema import SCHEMA_VERSION, build_schema
from index.zerocopy import install as _read_segments_in_place

_read_segments_in_place()  # each searcher held a private copy of every segment (zerocopy.py)

VERSION_FILE = "brief-schema.json"
# Written when a search meets damage that opening did not show (a corrupt block inside a
# segment): the next open treats the index as unreadable, so the next run rebuilds it.
DAMAGED_FILE = "brief-damaged.txt"
_TOC = re.compile(r"_MAIN_(\d+)\.toc")
# What a damaged table of contents or segment raises when opened or read (HAZARDS.md);
# zlib.error comes from a corrupt compressed block of stored fields or postings.
DAMAGE = (
    TypeError, pickle.UnpicklingError, EOFError, FileNotFoundError, ValueError,
    IndexError, KeyError, AttributeError, struct.error, EmptyIndexError, OSError,
    zlib.error,
)
# What only damaged data raises (bad compressed blocks, cut or garbled records).
CORRUPTION = (zlib.error, struct.error, EOFError, pickle.UnpicklingError)


class IndexUnsafe(Exception):
    """The index folder could be tampered with by someone else; we refuse to open it."""


def ensure_private_dir(path: Path) -> None:
    """Create the index folder 0700, or check that an existing one is ours alone."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        path.mkdir(mode=0o700)
    except FileExistsError:
        pass
    st = os.stat(path)
    if not stat.S_ISDIR(st.st_mode):
        raise IndexUnsafe(f"{path}: index location exists and is not a folder")
    if hasattr(os, "getuid") and st.st_uid != os.getuid():
        raise IndexUnsafe(
            f"{path}: index folder is owned by another user (uid {st.st_uid}); refusing to "
            "open it (Whoosh unpickles its contents). Choose another --index-dir."
        )
    if st.st_mode & 0o022:
        raise IndexUnsafe(
            f"{path}: index folder is writable by other users (mode {stat.S_IMODE(st.st_mode):o}); "
            f"refusing to open it (Whoosh unpickles its contents). Run: chmod 700 '{path}'"
        )


def _version_ok(path: Path) -> bool:
    try:
        data = json.loads((path / VERSION_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(data, dict) and data.get("schema") == SCHEMA_VERSION


def _create(path: Path) -> whoosh_index.Index:
    ix = whoosh_index.create_in(str(path), build_schema())
    (path / VERSION_FILE).write_text(json.dumps({"schema": SCHEMA_VERSION}), encoding="utf-8")
    return ix


def describe(exc: BaseException) -> str:
    """An exception's name for a one-line note ("struct.error", not the bare "error")."""
    name = type(exc).__name__
    if name == "error":
        return f"{type(exc).__module__}.{name}"
    return name


def mark_damaged(path: Path, exc: BaseException) -> bool:
    """Remember that reading this index met corruption, so that the next open refuses it
    and the next run rebuilds; True if `exc` was taken as such.

    For a searcher's `except DAMAGE`: only CORRUPTION counts. A FileNotFoundError is a
    commit in another process, and a ValueError can come from the query itself (a stray
    byte such as 0xFF in a prefix query fails to encode), neither of which a rebuild cures.
    """
    if not isinstance(exc, CORRUPTION):
        return False
    try:
        (Path(path) / DAMAGED_FILE).write_text(describe(exc) + "\n", encoding="utf-8")
    except OSError:
        return False
    return True


def _marked_damaged(path: Path) -> str | None:
    try:
        text = (path / DAMAGED_FILE).read_text(encoding="utf-8", errors="replace")
    except FileNotFoundError:
        return None
    except OSError:
        return "damage marker unreadable"
    return " ".join(text.split())[:80] or "damaged"


def _facts_missing(path: Path, ix: whoosh_index.Index) -> bool:
    """An index with briefs but no facts database (deleted, or lost with its folder's
    last writes): searches work but facts, entities and related briefs are all empty, and
    no later run would notice, since every file looks unchanged."""
    db_path = path / FACTS_DB
    with ix.searcher() as s:
        if s.doc_count_all() == 0:
            return False
    if not db_path.exists():
        return True
    try:
        # Read-write, as the indexer opens it: a killed writer's WAL is recovered, not
        # mistaken for a missing table.
        db = sqlite3.connect(db_path, timeout=5.0)
        try:
            row = db.execute(
                "SELECT 1 FROM sqlite_master WHERE type='table' AND name='brief'"
            ).fetchone()
        finally:
            db.close()
    except sqlite3.OperationalError:  # locked, or an I/O error: not evidence of loss
        return False
    except sqlite3.DatabaseError:  # "file is not a database"
        return True
    return row is None


def clean_leftovers(path: Path, ix: whoosh_index.Index) -> None:
    """Remove what failed or killed writers left behind (segment files no table of contents
    names, the writer's temporary folder): on a full disk they keep it full.

    Only while holding the write lock, without waiting: a writer at work owns such files.
    """
    lock = ix.lock("WRITELOCK")
    try:
        if not lock.acquire(blocking=False):
            return
    except OSError:
        return
    try:
        whoosh_index.clean_files(ix.storage, ix.indexname, ix.latest_generation(), ix._segments())
        shutil.rmtree(path / f"{ix.indexname}.tmp", ignore_errors=True)
    except DAMAGE:
        pass
    finally:
        lock.release()


def write_error_message(index_dir: Path, exc: BaseException) -> str:
    """One line for a failed write to the index (OSError or sqlite3.Error), saying when
    the disk is full, whatever words the failing layer used ("disk I/O error")."""
    reason = getattr(exc, "strerror", None) or str(exc) or describe(exc)
    try:
        where = Path(index_dir) if Path(index_dir).exists() else Path(index_dir).parent
        free = shutil.disk_usage(where).free
    except OSError:
        free = None
    if free is not None and free < 1 << 20 and "space" not in reason.lower():
        reason += " (the disk holding the index is full)"
    return f"{index_dir}: cannot write the index: {reason}"


def set_aside(path: Path) -> Path:
    """Move a damaged index out of the way (keeping only the latest such copy)."""
    for old in path.parent.glob(path.name + ".damaged-*"):
        shutil.rmtree(old, ignore_errors=True)
    aside = path.with_name(f"{path.name}.damaged-{time.strftime('%Y%m%d-%H%M%S')}")
    os.replace(path, aside)
    return aside


def open_index(path: Path, create: bool = True, retries: int = 8) -> tuple[whoosh_index.Index | None, str]:
    """(index, note). The note is one line for the user when something had to be done.

    Opening while another process commits fails now and then with FileNotFoundError on
    the table of contents: retried. Any other error means damage, as do segments without
    a table of contents, a damage mark left by a searcher (`mark_damaged`) and, when
    opening to write, briefs without their facts database: the folder is set aside and a
    new, empty index created (the caller then rebuilds it). Opening to write also clears
    what failed writers left behind.
    """
    ensure_private_dir(path)
    # Not whoosh's exists_in(): it unpickles the table of contents and raises on damage.
    if not any(path.glob("_MAIN_*.toc")):
        torn = any(p.name.startswith("MAIN_") and p.suffix == ".seg" for p in path.iterdir())
        if not torn:
            return (_create(path), "") if create else (None, "")
        problem = "unreadable (no table of contents)"
    elif not _version_ok(path):
        if not create:
            return None, f"index at {path} is from another version of brief; run `brief index`"
        aside = set_aside(path)
        ensure_private_dir(path)
        shutil.rmtree(aside, ignore_errors=True)
        return _create(path), "index format changed; rebuilding"
    else:
        ix, problem = _open_checked(path, create, retries)
        if ix is not None:
            return ix, ""
    if not create:
        return None, f"index at {path} is {problem}"
    aside = set_aside(path)
    ensure_private_dir(path)
    return _create(path), f"index at {path} was {problem}; set aside as {aside.name}, rebuilding"


def _open_checked(path: Path, create: bool, retries: int) -> tuple[whoosh_index.Index | None, str]:
    """(index, "") or (None, "unreadable (why)"). For writing (`create`), also check that
    the facts database is there, and clear what failed writers left behind."""
    marked = _marked_damaged(path)
    if marked is not None:
        return None, f"unreadable ({marked})"
    ix, problem = _open_existing(path, retries)
    if ix is None:
        return None, f"unreadable ({problem})"
    if create:
        try:
            if _facts_missing(path, ix):
                return None, "incomplete (facts database missing)"
        except DAMAGE as exc:
            return None, f"unreadable ({describe(exc)})"
        clean_leftovers(path, ix)
    return ix, ""


def _open_existing(path: Path, retries: int) -> tuple[whoosh_index.Index | None, str]:
    """(index, "") or (None, what was wrong).

    FileNotFoundError is a commit in another process (it deletes the files of the
    generation we were opening) only if a newer generation appeared meanwhile: then try
    again. If not, a file of the current generation is missing: damage, said at once
    (Whoosh's reader already retried for half a second).
    """
    last: BaseException | None = None
    for attempt in range(retries):
        generation = _generation(path)
        try:
            ix = whoosh_index.open_dir(str(path))
            with ix.searcher() as s:
                s.doc_count()
            return ix, ""
        except FileNotFoundError as exc:
            last = exc
            if _generation(path) == generation:
                break
            time.sleep(0.02 * (attempt + 1))
        except DAMAGE as exc:
            last = exc
            break
    return None, describe(last) if last is not None else "unknown error"


def _generation(path: Path) -> int:
    """The newest table of contents' generation (-1 for none)."""
    found = (_TOC.fullmatch(p.name) for p in path.glob("_MAIN_*.toc"))
    return max((int(m.group(1)) for m in found if m), default=-1)
