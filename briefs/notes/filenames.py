"""File names for exported briefs that stay inside the destination folder, whatever the
title: no separators, no `..`, no control or invisible characters, no reserved device
names, no leading dash or dot, capped in bytes (HAZARDS.md, "Files and parsers")."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from briefs.textsafe import clean_line

MAX_STEM_BYTES = 180          # the id, the suffix and a counter still fit in 255 bytes
_UNSAFE = re.compile(r'[/\\:*?"<>|\ufffd]')
_RUNS = re.compile(r"[\s\-]*-[\s\-]*|\s+")
_RESERVED = {"CON", "PRN", "AUX", "NUL"} | {f"{p}{n}" for p in ("COM", "LPT") for n in range(1, 10)}


class UnsafeName(ValueError):
    """A file name that would land outside the destination folder."""


def safe_stem(text: str, max_bytes: int = MAX_STEM_BYTES) -> str:
    """A readable, portable file name stem from a title ('' when nothing usable is left)."""
    text = unicodedata.normalize("NFC", clean_line(text))
    text = "".join(" " if unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp") else c for c in text)
    text = _UNSAFE.sub("-", text)
    text = _RUNS.sub(lambda m: "-" if "-" in m.group() else " ", text).strip()
    text = text.lstrip(".-_ ").rstrip(". ")
    encoded = text.encode("utf-8")
    if len(encoded) > max_bytes:
        text = encoded[:max_bytes].decode("utf-8", "ignore").rstrip(".- ")
    if text.split(".")[0].strip().upper() in _RESERVED:
        text = "_" + text
    return text


def brief_file_name(title: str, brief_id: str, suffix: str = ".md") -> str:
    """`<title>-<id>.md`: readable, and unique even when two briefs share a title."""
    stem = safe_stem(title) or "untitled"
    return f"{stem}-{safe_stem(brief_id, 40) or 'brief'}{suffix}"


def named(text: str, suffix: str = ".md") -> str:
    """A name a user template produced, made safe (its own suffix kept if it gives one)."""
    text = clean_line(text)
    if text.lower().endswith(suffix):
        text = text[: -len(suffix)]
    stem = safe_stem(text)
    if not stem:
        raise UnsafeName(f"the name template gave {text[:60]!r}, which leaves no usable file name")
    return stem + suffix


def inside(folder: Path, name: str) -> Path:
    """folder/name, after checking that it is a plain name that stays in the folder."""
    if not name or name in (".", "..") or "/" in name or "\\" in name or "\x00" in name:
        raise UnsafeName(f"{name!r} is not a plain file name")
    base = Path(folder).resolve()
    target = (base / name).resolve()
    if target.parent != base:
        raise UnsafeName(f"{name!r} would be written outside {base}")
    return base / name
