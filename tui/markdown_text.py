"""A Markdown brief's body rendered for reading, as `rich.text.Text` with a map back to it.

Never Textual's `Markdown` widget (it opens links on the machine it runs on, HAZARDS.md) and
never Rich markup: the body is cut into blocks (headings, paragraphs, lists, block quotes,
fenced code, tables, rules), each block's characters are copied or dropped, and our own
bullets, gutters, rules and padding are inserted. `tui.textmap` keeps the exact map from
body offsets to positions on screen, so hits and facts still land on their words.

The body is what the loader stored: link targets and `**` runs are already gone
(briefs/loaders/markdown.py); what is left of the Markdown is rendered here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rich.cells import cell_len

from tui.markdown_inline import render_inline
from tui.textmap import Builder

HEADING_STYLES = {1: "bold", 2: "bold", 3: "bold", 4: "bold italic", 5: "bold italic", 6: "italic"}
HEADING_RULES = {1: "━", 2: "─"}
GUTTER = "dim"
CODE_BLOCK = "cyan"
BULLETS = "•◦▪"
CELL_CAP = 32  # table columns are padded up to this many cells; wider cells just flow

_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})[ \t]*(.*?)[ \t]*$")
_RULE = re.compile(r" {0,3}([-*_])[ \t]*(?:\1[ \t]*){2,}$")
_ATX = re.compile(r" {0,3}(#{1,6})(?:[ \t]+|$)")
_ATX_CLOSE = re.compile(r"[ \t]+#+[ \t]*$|^#+[ \t]*$")
_SETEXT = re.compile(r" {0,3}(=+|-+)[ \t]*$")
_QUOTE = re.compile(r" {0,3}> ?")
_ITEM = re.compile(r"([ \t]*)([-*+]|\d{1,9}[.)])(?:([ \t]+)(\[[ xX]\][ \t]+)?|$)")
_TABLE_SEP = re.compile(r"[ \t]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$")
_STARTER = re.compile(r"[ \t]*[-#`~*_>|+\d]")
_SEP_CELL = re.compile(r"[ \t]*(:?)-+(:?)[ \t]*$")


@dataclass
class Block:
    """A block of the body: its kind and the (start, end) offsets of its lines."""

    kind: str  # heading, setext, para, list, quote, code, table, rule
    lines: list[tuple[int, int]]

    @property
    def start(self) -> int:
        return self.lines[0][0]

    @property
    def end(self) -> int:
        return self.lines[-1][1]


def _lines(body: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for line in body.split("\n"):
        out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def _is_item(text: str, interrupting: bool) -> bool:
    m = _ITEM.match(text)
    if not m or not text[m.end():].strip():
        return False
    return not interrupting or not m.group(2)[0].isdigit() or m.group(2)[:-1] == "1"


def _starts_block(text: str) -> bool:
    """Lines that end a paragraph: headings, fences, rules, quotes, list items, tables."""
    if not _STARTER.match(text):
        return False
    return bool(
        _ATX.match(text) or _FENCE.match(text) or _RULE.match(text) or _QUOTE.match(text)
        or _is_item(text, True) or text.lstrip().startswith("|")
    )


def blocks(body: str) -> list[Block]:
    """The body's Markdown blocks, in order (blank lines belong to none)."""
    lines = _lines(body)
    out: list[Block] = []
    i, n = 0, len(lines)
    while i < n:
        s, e = lines[i]
        text = body[s:e]
        if not text.strip():
            i += 1
            continue
        fence = _FENCE.match(text)
        if fence:
            mark = fence.group(1)
            j = i + 1
            while j < n:
                closing = _FENCE.match(body[lines[j][0]:lines[j][1]])
                if closing and closing.group(1)[0] == mark[0] and len(closing.group(1)) >= len(mark) and not closing.group(2):
                    j += 1
                    break
                j += 1
            out.append(Block("code", lines[i:j]))
            i = j
            continue
        if _ATX.match(text):
            out.append(Block("heading", [lines[i]]))
            i += 1
            continue
        if _RULE.match(text):
            out.append(Block("rule", [lines[i]]))
            i += 1
            continue
        if _QUOTE.match(text):
            j = i
            while j < n and _QUOTE.match(body[lines[j][0]:lines[j][1]]):
                j += 1
            out.append(Block("quote", lines[i:j]))
            i = j
            continue
        if _is_table_start(body, lines, i):
            j = i + 1
            piped = text.lstrip().startswith("|")
            while j < n:
                row = body[lines[j][0]:lines[j][1]]
                if not row.strip() or ("|" not in row) or (piped and not row.lstrip().startswith("|")):
                    break
                j += 1
            out.append(Block("table", lines[i:j]))
            i = j
            continue
        if _is_item(text, False):
            j = i + 1
            while j < n:
                row = body[lines[j][0]:lines[j][1]]
                if not row.strip() or (not _is_item(row, False) and _starts_block(row)):
                    break
                j += 1
            out.append(Block("list", lines[i:j]))
            i = j
            continue
        j = i + 1
        kind = "para"
        while j < n:
            row = body[lines[j][0]:lines[j][1]]
            if not row.strip():
                break
            if _SETEXT.match(row):
                kind = "setext"
                j += 1
                break
            if _starts_block(row):
                break
            j += 1
        out.append(Block(kind, lines[i:j]))
        i = j
    return out


def _is_table_start(body: str, lines: list[tuple[int, int]], i: int) -> bool:
    text = body[lines[i][0]:lines[i][1]]
    if text.lstrip().startswith("|"):
        return True
    if "|" in text and i + 1 < len(lines):
        nxt = body[lines[i + 1][0]:lines[i + 1][1]]
        return "-" in nxt and bool(_TABLE_SEP.match(nxt))
    return False


def render_block(out: Builder, block: Block, width: int) -> None:
    """One block into `out` (no trailing newline)."""
    body = out.body
    kind = block.kind
    if kind == "heading":
        s, e = block.lines[0]
        m = _ATX.match(body, s, e)
        assert m is not None
        level = len(m.group(1))
        text = body[m.end():e]
        close = _ATX_CLOSE.search(text)
        end = m.end() + (close.start() if close else len(text))
        _heading(out, m.end(), end, level, e, width)
    elif kind == "setext":
        underline = block.lines[-1]
        level = 1 if body[underline[0]:underline[1]].strip().startswith("=") else 2
        start = block.start + (len(body[block.start:block.end]) - len(body[block.start:block.end].lstrip()))
        _heading(out, start, block.lines[-2][1], level, block.end, width)
    elif kind == "rule":
        out.reach(block.end)
        out.insert("─" * max(3, width), GUTTER)
    elif kind == "code":
        _code(out, block)
    elif kind == "table":
        _table(out, block)
    elif kind in ("list", "quote"):
        indents: list[int] = []  # the indentation of each open nesting level
        for k, (s, e) in enumerate(block.lines):
            if k:
                out.insert("\n")
            if kind == "quote":
                _quote_line(out, s, e)
            else:
                _list_line(out, s, e, indents)
    else:
        s = block.start
        while s < block.end and body[s] in " \t":
            s += 1
        render_inline(out, s, block.end)
    out.reach(block.end)


def _heading(out: Builder, start: int, end: int, level: int, line_end: int, width: int) -> None:
    before = out.length
    render_inline(out, start, end, HEADING_STYLES[level], soft=True)
    out.reach(line_end)
    rule = HEADING_RULES.get(level)
    if rule:
        out.insert("\n" + rule * max(3, min(cell_len(out.plain[before:]), width)), GUTTER)


def _code(out: Builder, block: Block) -> None:
    body = out.body
    first = block.lines[0]
    fence = _FENCE.match(body, first[0], first[1])
    assert fence is not None
    out.reach(fence.start(2))
    out.insert("┌─", GUTTER)
    if fence.group(2):
        out.insert(" ", GUTTER)
        out.copy(fence.start(2), fence.end(2), GUTTER)
    last = _FENCE.match(body, *block.lines[-1]) if len(block.lines) > 1 else None
    inner = block.lines[1:-1] if last and not last.group(2) else block.lines[1:]
    for s, e in inner:
        out.insert("\n│ ", GUTTER)
        out.copy(s, e, CODE_BLOCK)
    out.reach(block.end)
    out.insert("\n└─", GUTTER)


def _quote_line(out: Builder, s: int, e: int) -> None:
    body = out.body
    pos, level = s, 0
    while (m := _QUOTE.match(body, pos, e)) is not None:
        pos, level = m.end(), level + 1
    out.reach(pos)
    out.insert("▌ " * level, GUTTER)
    text = body[pos:e]
    if _ATX.match(text):
        m = _ATX.match(body, pos, e)
        assert m is not None
        level = len(m.group(1))
        render_inline(out, m.end(), e, HEADING_STYLES[level])
    elif _is_item(text, False):
        _list_line(out, pos, e, [])
    else:
        render_inline(out, pos, e, soft=False)


def _list_line(out: Builder, s: int, e: int, indents: list[int], style: str = "") -> None:
    """A list item (bullet or number, nesting kept) or a continuation line of one."""
    body = out.body
    m = _ITEM.match(body, s, e)
    if m is None:  # continuation: aligned under the item's text
        pos = s
        while pos < e and body[pos] in " \t":
            pos += 1
        out.reach(pos)
        indent = len(body[s:pos].expandtabs(4))
        out.insert(" " * (2 * (indent // 2) if indent else 2))
        render_inline(out, pos, e, style, soft=False)
        return
    indent = len(body[m.start(1):m.end(1)].expandtabs(4))
    while indents and indents[-1] > indent:
        indents.pop()
    if not indents or indents[-1] < indent:
        indents.append(indent)
    out.copy(m.start(1), m.end(1))
    marker = m.group(2)
    if marker[0].isdigit():
        out.copy(m.start(2), m.end(2), "bold")
    else:
        out.reach(m.end(2))
        out.insert(BULLETS[min(len(indents) - 1, len(BULLETS) - 1)], "bold")
    out.reach(m.end(3) if m.group(3) else m.end(2))
    out.insert(" ")
    if m.group(4):
        out.reach(m.end(4))
        out.insert("☑ " if m.group(4)[1] in "xX" else "☐ ")
    render_inline(out, m.end(), e, style, soft=False)


def _cells(body: str, s: int, e: int) -> list[tuple[int, int]]:
    """Cell ranges of a table row (outer pipes dropped, cells trimmed)."""
    while s < e and body[s] in " \t":
        s += 1
    while e > s and body[e - 1] in " \t":
        e -= 1
    if s < e and body[s] == "|":
        s += 1
    if e > s and body[e - 1] == "|" and (e - 2 < s or body[e - 2] != "\\"):
        e -= 1
    cells, start = [], s
    for k in range(s, e + 1):
        if k == e or (body[k] == "|" and (k == s or body[k - 1] != "\\")):
            a, b = start, k
            while a < b and body[a] in " \t":
                a += 1
            while b > a and body[b - 1] in " \t":
                b -= 1
            cells.append((a, b))
            start = k + 1
    return cells


def _table(out: Builder, block: Block) -> None:
    body = out.body
    rows = [_cells(body, s, e) for s, e in block.lines]
    # Only the second row can be the header's separator ("| - |" further down is a value).
    seps = [k == 1 and "-" in body[s:e] and bool(_TABLE_SEP.match(body, s, e)) for k, (s, e) in enumerate(block.lines)]
    aligns: list[str] = []
    for k, row in enumerate(rows):
        if seps[k]:
            for a, b in row:
                m = _SEP_CELL.match(body[a:b])
                aligns.append("center" if m and m.group(1) and m.group(2) else "right" if m and m.group(2) else "left")
            break
    header = len(rows) > 1 and seps[1]
    rendered: list[list[Builder] | None] = []
    for k, row in enumerate(rows):
        if seps[k]:
            rendered.append(None)
            continue
        cells = []
        for a, b in row:
            cell = out.sub()
            render_inline(cell, a, b, "bold" if header and k == 0 else "", soft=False)
            cells.append(cell)
        rendered.append(cells)
    columns = max((len(r) for r in rendered if r), default=0)
    widths = [0] * columns
    for cells in rendered:
        for c, cell in enumerate(cells or []):
            widths[c] = max(widths[c], min(CELL_CAP, cell_len(cell.plain)))
    for k, cells in enumerate(rendered):
        if k:
            out.insert("\n")
        s, e = block.lines[k]
        if cells is None:
            out.reach(e)
            out.insert("─┼─".join("─" * w for w in widths), GUTTER)
            continue
        for c, cell in enumerate(cells):
            if c:
                out.insert(" │ ", GUTTER)
            room = max(0, widths[c] - cell_len(cell.plain))
            last = c == len(cells) - 1
            align = aligns[c] if c < len(aligns) else "left"
            left = room if align == "right" else room // 2 if align == "center" else 0
            out.insert(" " * left)
            out.extend(cell)
            if not last:
                out.insert(" " * (room - left))
        out.reach(e)
