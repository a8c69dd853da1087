"""Markdown briefs: YAML front matter, or a `**Key:** value` header block as CRS/GAO have."""

from __future__ import annotations

import re

from briefs import frontmatter
from briefs.metadata import apply, as_text, source_from_url
from briefs.model import Brief, Link

_LINK = re.compile(r"(!?)\[((?:[^\[\]]|\[[^\[\]]*\])*)\]\(\s*<?([^()\s>]*(?:\([^()\s]*\)[^()\s>]*)*)>?(?:\s+\"[^\"]*\")?\s*\)")
# Web conversions leave links whose target holds an unbalanced "(": end them at the first ")".
_LINK_LOOSE = re.compile(r"(!?)\[([^\[\]]*)\]\(\s*(https?://[^)\s]*)\)")
_AUTOLINK = re.compile(r"<(https?://[^>\s]+)>")
_HEADER_LINE = re.compile(r"^\*\*([^*:\n]{1,40}):\*\*\s*(.*)$")
_TABLE_META = re.compile(r"^\|\s*\*\*([^*:\n]{1,40}):\*\*\s*\|\s*(.*?)\s*\|?\s*$")
_PIPE_FIELD = re.compile(r"\*\*([^*:\n]{1,40}):\*\*\s*([^|]*)")
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_BOLD_RUN = re.compile(r"\*{2,}|(?<!\w)__|__(?!\w)")
_COMMENT = re.compile(r"<!--.*?-->", re.S)
# Where `**bold**` was, while the body is cleaned (Unicode noncharacters; a file holding
# either keeps no bold): the spans go to Brief.strong, the marks never reach the body.
STRONG_OPEN, STRONG_CLOSE = "\ufdd0", "\ufdd1"
_MARK = re.compile("[\ufdd0\ufdd1]")
_NO_MARKS = {0xFDD0: None, 0xFDD1: None}
_SPACE_BEFORE_MARKS = re.compile("\\s+(?=[\ufdd0\ufdd1]+$)")
_BLANKS = re.compile(r"\n{3,}")
_FIGURE = re.compile(r"^\|\s*(Figure|Table|Map|Chart)\s+[0-9A-Z]+[.:]\s", re.I)
_EMPTY_CELL = re.compile(r"^\|[\s|]*$")
_SEPARATOR_ONLY = re.compile(r"^[\s>|/·•\-–—:,]*$")
# Link texts that web-converted reports carry as page furniture, not content.
_FURNITURE = {
    "listen", "citation", "subscribe", "share/save", "site feedback", "home",
    "hide overview", "jump to main text of report", "pdf version history", "print",
    "share", "email", "back to top", "skip to main content",
}
_FURNITURE_HEADINGS = {"crs product (library of congress)", "contents", "table of contents"}
_SPACE_RUN = re.compile(r"(?<=\S)[ \t]{3,}(?=\S)")


def load(path: str, text: str) -> Brief:
    """A Markdown brief (key left empty: the caller assigns identity)."""
    brief = Brief(id="", key="", path=path, format="markdown", title="", body="")
    meta: dict[str, object] = {}
    try:
        fm_source, rest, _ = frontmatter.split(text)
        if fm_source is not None:
            meta = frontmatter.parse(fm_source)
    except frontmatter.FrontMatterError as exc:
        brief.warnings.append(f"front matter ignored: {exc}")
        rest = text
        meta = {}
    header_title, header, rest = _header_block(rest)
    webby = bool(header)
    for key, value in header.items():
        meta.setdefault(key, value)
    marks = STRONG_OPEN not in rest and STRONG_CLOSE not in rest  # (else bold is just dropped)
    body, links, table_meta = clean_markdown(rest, webby=webby, strong=marks)
    for key, value in table_meta.items():
        meta.setdefault(key, value)
    apply(brief, meta)
    natural = as_text(meta.get("id", ""))
    report = as_text(header.get("report no.") or header.get("report") or "")
    if natural:
        brief.key = f"id:{natural}"
    elif report:
        version = as_text(header.get("version", ""))
        brief.key = f"report:{report}" + (f"v{version}" if version else "")
        brief.meta.setdefault("report", report)
    if report and not brief.source:
        brief.source = source_from_url(brief.url) if brief.url else ""
    brief.title = brief.title or header_title or _first_heading(body).translate(_NO_MARKS)
    body = _drop_duplicate_title(body, brief.title)
    brief.body, brief.strong = take_strong(body) if marks else (body, [])
    brief.links = links
    return brief


def _header_block(text: str) -> tuple[str, dict[str, object], str]:
    """(title, header fields, rest) for a `# Title` + `**Key:** value` block ended by `---`."""
    lines = text.split("\n")
    i = 0
    while i < len(lines) and not lines[i].strip():
        i += 1
    title = ""
    m = _HEADING.match(lines[i]) if i < len(lines) else None
    if m and len(m.group(1)) == 1:
        title = m.group(2)
        i += 1
    fields: dict[str, object] = {}
    j = i
    while j < len(lines):
        line = lines[j].strip()
        if not line:
            j += 1
            continue
        if "|" in line and line.count("**") >= 4:
            pairs = _PIPE_FIELD.findall(line)
            if pairs:
                for key, value in pairs:
                    fields[key.strip().lower()] = _unlink(value.strip().rstrip("|").strip(), fields)
                j += 1
                continue
        hm = _HEADER_LINE.match(line)
        if hm:
            fields[hm.group(1).strip().lower()] = _unlink(hm.group(2).strip(), fields)
            j += 1
            continue
        break
    if len(fields) >= 2 and j < len(lines) and lines[j].strip() in ("---", "***", "___"):
        return title, fields, "\n".join(lines[j + 1 :])
    return "", {}, text


def _unlink(value: str, fields: dict[str, object] | None = None) -> str:
    """`[text](url)` -> `text`, keeping the url as the brief's url; a bare URL stays."""
    m = _LINK.fullmatch(value)
    if m:
        text, url = m.group(2).strip(), m.group(3).strip()
        if fields is not None and url:
            fields.setdefault("url", url)
        return text or url
    return value


def clean_markdown(text: str, webby: bool = False, strong: bool = False) -> tuple[str, list[Link], dict[str, str]]:
    """Readable body text, its links, and metadata found in an overview table.

    Link markup becomes its text (targets are kept in the link list). In web-converted
    reports (`webby`) lines made only of links, page furniture ("Listen"), overview
    tables and figure placeholders are dropped, so that they never fill a snippet. `**`
    and `__` runs go too; with `strong`, each pair on a line is left as STRONG_OPEN and
    STRONG_CLOSE for take_strong() to turn into spans of the final body.
    """
    links: list[Link] = []
    table_meta: dict[str, str] = {}
    out: list[str] = []
    text = _COMMENT.sub("", text)
    in_figure = False
    for line in text.split("\n"):
        stripped = line.strip()
        if webby:
            tm = _TABLE_META.match(stripped)
            if tm:
                table_meta[tm.group(1).strip().lower()] = _LINK.sub(r"\2", tm.group(2)).strip()
                continue
            if _FIGURE.match(stripped):
                in_figure = True
                continue
            if in_figure:
                if _EMPTY_CELL.match(stripped) or stripped.lower().startswith(
                    ("| source", "| note", "| notes")
                ):
                    continue
                in_figure = False
            if _EMPTY_CELL.match(stripped) and stripped:
                continue
            hm = _HEADING.match(stripped)
            if hm and hm.group(2).strip().lower() in _FURNITURE_HEADINGS:
                continue
            line = _SPACE_RUN.sub(" ", line)
        line_links: list[Link] = []

        def _replace(m: re.Match[str]) -> str:
            if m.group(1):  # image
                return ""
            label = _BOLD_RUN.sub("", m.group(2)).strip()
            url = m.group(3).strip()
            if url:
                line_links.append(Link(label, url))
            if webby and label.lower() in _FURNITURE:
                return ""
            return label

        replaced = line
        if "](" in line:  # every link pattern holds "](" (most lines have none: skip them)
            replaced = _LINK_LOOSE.sub(_replace, _LINK.sub(_replace, line))
        if "<http" in replaced:
            replaced = _AUTOLINK.sub(lambda m: (line_links.append(Link(m.group(1), m.group(1))) or m.group(1)), replaced)  # type: ignore[func-returns-value]
        links.extend(line_links)
        if webby and line_links:
            residue = _LINK_LOOSE.sub("", _LINK.sub("", line))
            if _SEPARATOR_ONLY.match(residue) or (
                len(line_links) >= 3 and len(residue.strip()) < 40
            ):
                continue  # a line of links: navigation, version history, downloads
        if "**" in replaced or "__" in replaced:
            replaced = _strong_marks(replaced) if strong else _BOLD_RUN.sub("", replaced)
        replaced = replaced.rstrip()
        if strong and replaced.endswith((STRONG_OPEN, STRONG_CLOSE)):
            replaced = _SPACE_BEFORE_MARKS.sub("", replaced)  # as if the marks were never there
        out.append(replaced)
    body = _BLANKS.sub("\n\n", "\n".join(out)).strip("\n")
    return body + "\n" if body else "", links, table_meta


def _strong_marks(line: str) -> str:
    """A line's `**`/`__` runs as alternate open and close marks; an unpaired last one goes."""
    runs = list(_BOLD_RUN.finditer(line))
    out, pos = [], 0
    for k, m in enumerate(runs):
        out.append(line[pos:m.start()])
        if k + 1 < len(runs) or k % 2:
            out.append(STRONG_CLOSE if k % 2 else STRONG_OPEN)
        pos = m.end()
    out.append(line[pos:])
    return "".join(out)


def take_strong(body: str) -> tuple[str, list[tuple[int, int]]]:
    """The body without its strong marks, and the (start, end) spans they enclosed."""
    parts: list[str] = []
    spans: list[tuple[int, int]] = []
    pos = length = 0
    opened: int | None = None
    for m in _MARK.finditer(body):
        parts.append(body[pos:m.start()])
        length += m.start() - pos
        pos = m.end()
        if m.group() == STRONG_OPEN:
            opened = length
        elif opened is not None:
            if length > opened:
                spans.append((opened, length))
            opened = None
    parts.append(body[pos:])
    return "".join(parts), spans


def _first_heading(body: str) -> str:
    for line in body.split("\n"):
        m = _HEADING.match(line)
        if m and m.group(2).strip():
            return m.group(2).strip()
    for line in body.split("\n"):
        if line.strip():
            return line.strip().lstrip("#").strip()[:200]
    return ""


def _drop_duplicate_title(body: str, title: str) -> str:
    """Web conversions repeat the title as a heading; keep the body from repeating it."""
    if not title:
        return body
    lines = body.split("\n")
    want = title.strip()
    for i, line in enumerate(lines[:15]):
        m = _HEADING.match(line)
        if m and m.group(2).translate(_NO_MARKS).strip() == want:
            del lines[i]
            break
    for i, line in enumerate(lines[:15]):
        # "TitleUpdated April 10, 2026 (IF10491)": the page's own banner line.
        if line.strip().startswith(want) and len(line.strip()) < len(want) + 60 and "pdated" in line:
            del lines[i]
            break
    return "\n".join(lines).lstrip("\n")
