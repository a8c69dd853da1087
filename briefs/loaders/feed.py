"""RSS 2.0, RSS 1.0 and Atom files: one brief per item, its markup turned into plain text."""

from __future__ import annotations

import io
import re
import time
from datetime import date
from typing import Any

from briefs.dates import parse_date
from briefs.loaders.html import text_of
from briefs.metadata import SHORT_NAMES, as_text, source_from_url, split_tags
from briefs.model import Brief, Link, LoadError

_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_HTML_TYPES = ("text/html", "application/xhtml+xml")
# RSS writes "email (Name)"; feedparser renders Atom authors as "Name (email)".
_EMAIL_THEN_NAME = re.compile(r"^\s*[^\s@()<>]+@[^\s()<>]+\s*\((.*)\)\s*$")
_NAME_THEN_EMAIL = re.compile(r"^(.*?)\s*[(<]\s*[^\s@()<>]+@[^\s()<>]+\s*[)>]\s*$")


def load(path: str, data: bytes) -> list[Brief]:
    """Every item of a feed as a brief; keys are `feed:<guid>` (else link, else title+date)."""
    try:
        return _load(path, data)
    except LoadError:
        raise
    except Exception as exc:  # feedparser's loose parser and sgmllib have their own failures
        raise LoadError(path, f"could not read the feed ({type(exc).__name__})") from None


def _load(path: str, data: bytes) -> list[Brief]:
    import feedparser

    # A stream, never bytes: feedparser tries `open(bytes)` as a file name first, so a
    # file holding "/some/other.rss" or "/dev/zero" would be read or hang. It fetches
    # nothing from a stream, and neither expands entities nor resolves external ones.
    parsed = feedparser.parse(io.BytesIO(data))
    problem = _problem(parsed, data) if parsed.get("bozo") else ""
    if not parsed.entries:
        if problem:
            raise LoadError(path, f"not a readable feed: {problem}")
        raise LoadError(path, "feed has no items")
    feed_title = as_text(parsed.feed.get("title", ""))
    source = _source(feed_title, as_text(parsed.feed.get("link", "")))
    briefs: list[Brief] = []
    seen: set[str] = set()
    for entry in parsed.entries:
        brief = _brief(path, entry, source)
        if brief is None:
            continue
        if brief.key in seen:  # feeds that repeat a guid would otherwise share an id
            brief.key = f"{brief.key}#{len(briefs)}"
        seen.add(brief.key)
        if feed_title:
            brief.meta["feed"] = feed_title
        if problem:
            brief.warnings.append(f"feed is malformed: {problem}")
        briefs.append(brief)
    if not briefs:
        raise LoadError(path, "feed has no items with a title or text")
    return briefs


def _source(title: str, link: str) -> str:
    """The publisher's short name when the feed is one analysts know ("CRS", "GAO")."""
    lowered = title.lower()
    for long_name, short in SHORT_NAMES.items():
        if lowered.startswith(long_name) or lowered.split(" ", 1)[0] == short.lower():
            return short
    by_link = source_from_url(link) if link else ""
    return by_link if by_link in SHORT_NAMES.values() else title


def _brief(path: str, entry: Any, source: str) -> Brief | None:
    """One item as a brief, or None when it has neither title nor text."""
    body, links = _body(entry)
    title = _title(entry)
    if not body and not title:
        return None
    if not title:
        title = body.split("\n", 1)[0][:120]
    if not body or body == title:
        body = title  # a title-only item (CRS lists) still needs text to find and show
    link = entry.get("link") or ""
    published = _date(entry)
    natural = entry.get("id") or link or f"{title}|{published.isoformat() if published else ''}"
    brief = Brief(
        id="", key=f"feed:{natural}", path=path, format="feed", title=title,
        body=body + "\n", date=published, source=source, author=_author(entry),
        url=link if link.startswith(("http://", "https://")) else "",
        tags=split_tags([t.get("term") for t in entry.get("tags") or [] if t.get("term")]),
        links=links,
    )
    return brief


def _body(entry: Any) -> tuple[str, list[Link]]:
    """Plain text of the item's content, else its summary, and the links in it."""
    candidates = [c for c in entry.get("content") or [] if c.get("value")]
    if entry.get("summary"):
        candidates.append(entry.get("summary_detail") or {"value": entry["summary"]})
    for candidate in candidates:
        value = candidate.get("value", "")
        if candidate.get("type") not in _HTML_TYPES and candidate.get("type"):
            text = "\n\n".join(" ".join(p.split()) for p in _BLANK_LINE.split(value))
            text, links = text.strip(), []
        else:
            if "<" not in value:  # plain text sent as HTML: keep its paragraph breaks
                value = _BLANK_LINE.sub("\n<p>\n", value)
            text, links = text_of(value, entry.get("link") or "")
        if text:
            return text, links
    return "", []


def _title(entry: Any) -> str:
    title = entry.get("title") or ""
    detail = entry.get("title_detail") or {}
    if detail.get("type") in _HTML_TYPES and "<" in title:
        title = text_of(title)[0]
    return " ".join(title.split())


def _author(entry: Any) -> str:
    """The author's name; feedparser's own split of "email (Name)" cuts long TLDs short."""
    names = [a.get("name", "") for a in entry.get("authors") or []]
    if len(names) > 1 and all(n and "@" not in n for n in names):
        return as_text(names)
    raw = entry.get("author") or ""
    m = _EMAIL_THEN_NAME.match(raw) or _NAME_THEN_EMAIL.match(raw)
    return as_text(m.group(1) if m and m.group(1).strip() else raw)


def _date(entry: Any) -> date | None:
    """The publisher's calendar date: the raw string first, feedparser's struct second.

    feedparser converts to UTC, which moves "2026-03-18T00:00:00+02:00" to 17 March.
    """
    for name in ("published", "updated", "created"):
        parsed = parse_date(entry.get(name))
        if parsed:
            return parsed
        struct = entry.get(f"{name}_parsed")
        if isinstance(struct, time.struct_time) and 1000 <= struct.tm_year <= 2999:
            return date(struct.tm_year, struct.tm_mon, struct.tm_mday)
    return None


def _problem(parsed: Any, data: bytes) -> str:
    """Why feedparser called the feed malformed, in words for one line."""
    exc = parsed.get("bozo_exception")
    message = exc.getMessage() if hasattr(exc, "getMessage") else str(exc or "")
    message = " ".join(message.split())[:160] or type(exc).__name__
    if re.search(rb"<!ENTITY", data[:65536], re.I):
        return f"entity declarations ignored, not expanded ({message})"
    return message
