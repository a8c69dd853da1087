"""Open the index folder safely: private, retried, and rebuilt when it is damaged.

The index is a cache. Whoosh never fsyncs and keeps no older commit, so a damaged index
is set aside (one line says so) and rebuilt from the briefs; nothing the user wrote
lives in it. Its table of contents is a pickle, so the folder must be private.
"""

from __future__ import annotations

import json
import os
import pickle
import shutil
import stat
import struct
import time
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.index import EmptyIndexError

from index.schema import SCHEMA_VERSION, build_schema

VERSION_FILE = "brief-schema.json"
# What a damaged table of contents or segment raises when opened or read (HAZARDS.md).
DAMAGE = (
    TypeError, pickle.UnpicklingError, EOFError, FileNotFoundError, ValueError,
    IndexError, KeyError, AttributeError, struct.error, EmptyIndexError, OSError,
)


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
    the table of contents: retried. Any other error means damage: the folder is set aside
    and a new, empty index created (the caller then rebuilds it).
    """
    ensure_private_dir(path)
    # Not whoosh's exists_in(): it unpickles the table of contents and raises on damage.
    if not any(path.glob("_MAIN_*.toc")):
        if not create:
            return None, ""
        if any(p.name.startswith("MAIN_") and p.suffix == ".seg" for p in path.iterdir()):
            aside = set_aside(path)
            ensure_private_dir(path)
            return _create(path), f"index at {path} was unreadable (no table of contents); set aside as {aside.name}, rebuilding"
        return _create(path), ""
    if not _version_ok(path):
        if not create:
            return None, f"index at {path} is from another version of brief; run `brief index`"
        aside = set_aside(path)
        ensure_private_dir(path)
        shutil.rmtree(aside, ignore_errors=True)
        return _create(path), "index format changed; rebuilding"
    last: BaseException | None = None
    for attempt in range(retries):
        try:
            ix = whoosh_index.open_dir(str(path))
            with ix.searcher() as s:
                s.doc_count()
            return ix, ""
        except FileNotFoundError as exc:  # a commit in another process; try again
            last = exc
            time.sleep(0.02 * (attempt + 1))
        except DAMAGE as exc:
            last = exc
            break
    if not create:
        return None, f"index at {path} is unreadable ({type(last).__name__})"
    aside = set_aside(path)
    ensure_private_dir(path)
    return (
        _create(path),
        f"index at {path} was unreadable ({type(last).__name__}); set aside as {aside.name}, rebuilding",
    )
