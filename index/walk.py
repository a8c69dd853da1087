"""Find the brief files under corpus folders without hanging, looping or leaving them."""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

from briefs.load import SUPPORTED_SUFFIXES

MAX_FILES = 500_000


@dataclass(frozen=True)
class Found:
    """A candidate brief file: where it is, which folder it belongs to, and its stat."""

    path: str
    root: str
    rel: str
    size: int
    mtime_ns: int


@dataclass(frozen=True)
class Skipped:
    """A file or folder that cannot be indexed, with the reason in words."""

    path: str
    reason: str


def walk(roots: list[Path], max_files: int = MAX_FILES) -> tuple[list[Found], list[Skipped]]:
    """All brief files under `roots` (folders or single files), sorted by path.

    Directory symlinks are followed only when they resolve inside one of the roots and
    lead somewhere not yet visited (no loops); file symlinks must resolve inside a root.
    Hidden files and folders (names starting with '.') are not briefs. Non-regular files
    (pipes, devices) with a brief's extension are reported, never opened.
    """
    allowed = [os.path.realpath(r) for r in roots]
    found: dict[str, Found] = {}
    skipped: list[Skipped] = []
    visited: set[tuple[int, int]] = set()

    def inside(real: str) -> bool:
        return any(real == a or real.startswith(a.rstrip(os.sep) + os.sep) for a in allowed)

    for root in roots:
        root_s = os.path.abspath(root)
        try:
            st = os.stat(root_s)
        except FileNotFoundError:
            skipped.append(Skipped(root_s, "folder not found"))
            continue
        except OSError as exc:
            skipped.append(Skipped(root_s, f"cannot access: {exc.strerror or exc}"))
            continue
        if stat.S_ISREG(st.st_mode):
            if _is_brief_name(root_s):
                parent = os.path.dirname(root_s)
                found[root_s] = Found(root_s, parent, os.path.basename(root_s), st.st_size, st.st_mtime_ns)
            else:
                skipped.append(Skipped(root_s, "not a brief file type (" + ", ".join(SUPPORTED_SUFFIXES) + ")"))
            continue
        if not stat.S_ISDIR(st.st_mode):
            skipped.append(Skipped(root_s, "not a folder or a regular file"))
            continue
        prefix = root_s.rstrip(os.sep) + os.sep
        stack = [root_s]
        while stack:
            folder = stack.pop()
            try:
                fst = os.stat(folder)
            except OSError as exc:
                skipped.append(Skipped(folder, f"cannot access: {exc.strerror or exc}"))
                continue
            ident = (fst.st_dev, fst.st_ino)
            if ident in visited:
                continue
            visited.add(ident)
            try:
                entries = list(os.scandir(folder))
            except PermissionError:
                skipped.append(Skipped(folder, "permission denied (folder)"))
                continue
            except OSError as exc:
                skipped.append(Skipped(folder, f"cannot list folder: {exc.strerror or exc}"))
                continue
            for entry in entries:
                if entry.name.startswith("."):
                    continue
                path = entry.path
                try:
                    is_link = entry.is_symlink()
                    if entry.is_dir(follow_symlinks=False):
                        stack.append(path)
                        continue
                except OSError:
                    is_link = False
                if is_link:
                    real = os.path.realpath(path)
                    try:
                        target = os.stat(path)
                    except OSError:
                        if _is_brief_name(path):
                            skipped.append(Skipped(path, "broken symlink"))
                        continue
                    if stat.S_ISDIR(target.st_mode):
                        if inside(real):
                            stack.append(path)
                        else:
                            skipped.append(Skipped(path, "symlink to a folder outside the corpus folders; not followed"))
                        continue
                    if not _is_brief_name(path):
                        continue
                    if not inside(real):
                        skipped.append(Skipped(path, "symlink points outside the corpus folders; not indexed"))
                        continue
                    st2 = target
                else:
                    if not _is_brief_name(path):
                        continue
                    try:
                        st2 = entry.stat(follow_symlinks=False)
                    except OSError as exc:
                        skipped.append(Skipped(path, f"cannot access: {exc.strerror or exc}"))
                        continue
                if not stat.S_ISREG(st2.st_mode):
                    kind = "a named pipe" if stat.S_ISFIFO(st2.st_mode) else "not a regular file"
                    skipped.append(Skipped(path, f"not a regular file ({kind})"))
                    continue
                if not _utf8(path):
                    skipped.append(Skipped(path, "file name is not valid UTF-8; rename it"))
                    continue
                # Paths here are the root joined with names: cutting the root off is
                # os.path.relpath without its cost (a tenth of a re-index at 10,000 files).
                rel = path[len(prefix):] if path.startswith(prefix) else os.path.relpath(path, root_s)
                found.setdefault(path, Found(path, root_s, rel, st2.st_size, st2.st_mtime_ns))
                if len(found) >= max_files:
                    skipped.append(Skipped(root_s, f"stopped after {max_files:,} files (the limit)"))
                    return sorted(found.values(), key=lambda f: f.path), skipped
    return sorted(found.values(), key=lambda f: f.path), skipped


def _is_brief_name(path: str) -> bool:
    return os.path.splitext(path)[1].lower() in SUPPORTED_SUFFIXES


def _utf8(path: str) -> bool:
    """False for a name holding bytes that are not UTF-8 (decoded as lone surrogates)."""
    if path.isascii():
        return True
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
