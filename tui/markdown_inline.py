"""Inline Markdown (emphasis, strong, code, strikethrough, escapes) for the reader.

The scan follows CommonMark's delimiter rules closely enough for briefs: `*` and `_` runs
open and close by their flanking, `_` never inside a word (`snake_case`), a closer matches
the nearest opener of the same character, two characters make strong when both sides have
two. Code spans and bare URLs are opaque. Nothing is interpreted as markup: the result is
only which body characters to drop and which body ranges to style.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from tui.textmap import Builder

EMPHASIS = "italic"
STRONG = "bold"
STRIKE = "strike"
CODE = "bold cyan"

_URL = re.compile(r"https?://[^\s<>\"'`]+")
_SPECIAL = re.compile(r"[\\`*_~]|https?://")
_ESCAPABLE = set("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
_SOFT_BREAK = re.compile(r"[ \t]*\n[ \t]*")
_HARD_BREAK = re.compile(r"(?: {2,}|\\)\n[ \t]*")


def _punct(ch: str) -> bool:
    return ch in _ESCAPABLE or unicodedata.category(ch).startswith(("P", "S"))


@dataclass
class _Run:
    char: str
    start: int  # where the unconsumed part of the run begins
    length: int  # unconsumed characters
    original: int
    can_open: bool
    can_close: bool


@dataclass
class Inline:
    """What a scan found: body ranges to drop, ranges to style, and breaks to keep."""

    drops: list[tuple[int, int]]
    styles: list[tuple[int, int, str]]
    breaks: list[tuple[int, int]]  # hard line breaks (dropped, a newline inserted)


def scan(body: str, start: int, end: int) -> Inline:
    """Delimiters and styles of the inline text body[start:end] (may span lines)."""
    drops: list[tuple[int, int]] = []
    styles: list[tuple[int, int, str]] = []
    runs: list[_Run] = []
    i = start
    while i < end:
        found = _SPECIAL.search(body, i, end)
        if found is None:
            break
        i = found.start()
        ch = body[i]
        if ch == "\\" and i + 1 < end and body[i + 1] in _ESCAPABLE:
            drops.append((i, i + 1))
            i += 2
            continue
        if ch == "`":
            j = i
            while j < end and body[j] == "`":
                j += 1
            fence = body[i:j]
            close = _closing_ticks(body, j, end, fence)
            if close >= 0:
                drops += [(i, j), (close, close + len(fence))]
                styles.append((j, close, CODE))
                i = close + len(fence)
            else:
                i = j
            continue
        if ch == "h":  # a bare URL: its `_` and `*` are not emphasis
            m = _URL.match(body, i, end)
            i = m.end() if m and (i == start or not body[i - 1].isalnum()) else i + 1
            continue
        if ch in "*_~":
            j = i
            while j < end and body[j] == ch:
                j += 1
            runs.append(_delimiter(body, start, end, i, j))
            i = j
            continue
        i += 1
    _match(runs, drops, styles)
    breaks = [(m.start(), m.end()) for m in _HARD_BREAK.finditer(body, start, end)]
    return Inline(drops, styles, breaks)


def _closing_ticks(body: str, pos: int, end: int, fence: str) -> int:
    """Start of the next backtick run exactly as long as `fence`, or -1."""
    while True:
        k = body.find(fence, pos, end)
        if k < 0:
            return -1
        j = k + len(fence)
        if (k == 0 or body[k - 1] != "`") and (j >= end or body[j] != "`"):
            return k
        while j < end and body[j] == "`":
            j += 1
        pos = j


def _delimiter(body: str, start: int, end: int, i: int, j: int) -> _Run:
    ch = body[i]
    before = body[i - 1] if i > start else " "
    after = body[j] if j < end else " "
    left = not after.isspace() and (not _punct(after) or before.isspace() or _punct(before))
    right = not before.isspace() and (not _punct(before) or after.isspace() or _punct(after))
    if ch == "_":
        can_open = left and (not right or _punct(before))
        can_close = right and (not left or _punct(after))
    elif ch == "~":
        can_open = can_close = False
        if j - i == 2:
            can_open, can_close = left, right
    else:
        can_open, can_close = left, right
    return _Run(ch, i, j - i, j - i, can_open, can_close)


def _match(runs: list[_Run], drops: list[tuple[int, int]], styles: list[tuple[int, int, str]]) -> None:
    """Pair closers with openers (CommonMark's "process emphasis", without links)."""
    openers: list[_Run] = []
    for run in runs:
        while run.can_close and run.length:
            k = _opener_for(openers, run)
            if k < 0:
                break
            opener = openers[k]
            use = 2 if opener.length >= 2 and run.length >= 2 else 1
            inner_start = opener.start + opener.length
            drops.append((inner_start - use, inner_start))
            drops.append((run.start, run.start + use))
            style = STRIKE if run.char == "~" else (STRONG if use == 2 else EMPHASIS)
            styles.append((inner_start, run.start, style))
            opener.length -= use
            run.start += use
            run.length -= use
            del openers[k + 1 :]
            if not opener.length:
                del openers[k]
        if run.can_open and run.length:
            openers.append(run)


def _opener_for(openers: list[_Run], closer: _Run) -> int:
    for k in range(len(openers) - 1, -1, -1):
        opener = openers[k]
        if opener.char != closer.char:
            continue
        if closer.char == "~" and opener.length != closer.length:
            continue
        both = opener.can_close or closer.can_open
        if both and (opener.original + closer.original) % 3 == 0 and (opener.original % 3 or closer.original % 3):
            continue  # CommonMark's "rule of 3": *a**b* is not *a* then b*
        return k
    return -1


def render_inline(out: Builder, start: int, end: int, style: str = "", soft: bool = True) -> None:
    """body[start:end] into `out`: delimiters dropped, emphasis styled, lines joined.

    With `soft`, a single newline (and the indentation around it) shows as one space, as
    Markdown reads it; a hard break (two spaces or a backslash before it) stays a newline.
    """
    body = out.body
    found = scan(body, start, end)
    cuts: list[tuple[int, int, str]] = [(s, e, "") for s, e in found.drops]
    if soft:
        cuts += [(s, e, "\n") for s, e in found.breaks]
        hard = {e for _, e in found.breaks}
        for m in _SOFT_BREAK.finditer(body, start, end):
            if m.group() != "\n" and m.end() not in hard:
                cuts.append((m.start(), m.end(), " "))
    cuts.sort()
    pos = start
    for s, e, insert in cuts:
        if s < pos:  # overlapping cuts (a break inside a dropped run): keep the first
            continue
        out.copy(pos, s, style, soft)
        out.reach(e)
        out.insert(insert, style)
        pos = e
    out.copy(pos, end, style, soft)
    for s, e, extra in found.styles:
        out.stylize(s, e, f"{style} {extra}".strip())
