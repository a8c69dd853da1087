"""`load_file`: pick the loader for a file by extension and content, and finish each brief."""

from __future__ import annotations

import os
import re

from briefs.files import DEFAULT_MAX_BYTES, decode, read_bytes
from briefs.model import Brief, LoadError, make_id
from briefs.textsafe import clean_line, clean_text

MARKDOWN = (".md", ".markdown", ".mdown", ".mkd")
TEXT = (".txt", ".text")
HTML = (".html", ".htm", ".xhtml")
FEED = (".rss", ".atom", ".xml")
SUPPORTED_SUFFIXES = MARKDOWN + TEXT + HTML + FEED

_FEED_SNIFF = re.compile(rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(rss|feed|rdf:RDF)\b", re.S)


def kind_of(path: str, head: bytes = b"") -> str | None:
    """Which loader reads this file: markdown, text, html, feed, or None (not a brief)."""
    suffix = os.path.splitext(path)[1].lower()
    if suffix in FEED or suffix in HTML:
        probe = head.lstrip(b"\xef\xbb\xbf")[:2048]
        if _FEED_SNIFF.match(probe) or (b"\x00" in probe and suffix in FEED):
            return "feed"
        return "html" if suffix in HTML else ("feed" if suffix != ".xml" else None)
    if suffix in MARKDOWN:
        return "markdown"
    if suffix in TEXT:
        return "text"
    return None


def load_file(path: str, rel: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES) -> list[Brief]:
    """Every brief in one file (a feed holds many). Raises LoadError with the reason.

    `rel` is the file's path relative to its corpus folder; briefs with no identity of
    their own (a report number, a feed item's guid, an `id:` key) are identified by it, so
    ids survive moving the corpus folder.
    """
    return load_bytes(path, read_bytes(path, max_bytes), rel)


def load_bytes(path: str, data: bytes, rel: str | None = None) -> list[Brief]:
    """Every brief in the bytes of one file already read (see `load_file`)."""
    if not data.strip():
        raise LoadError(path, "empty file")
    kind = kind_of(path, data[:2048])
    if kind is None:
        raise LoadError(path, "XML file that is not an RSS or Atom feed")
    if kind == "feed":
        from briefs.loaders import feed

        briefs = feed.load(path, data)
    elif kind == "html":
        from briefs.loaders import html

        briefs = [html.load(path, data)]
    else:
        text, warning = decode(path, data)
        if kind == "text" and not text.lstrip("\ufeff").startswith("---"):
            from briefs.loaders import text as text_loader

            brief = text_loader.load(path, text)
        else:
            from briefs.loaders import markdown

            brief = markdown.load(path, text)
        if warning:
            brief.warnings.append(warning)
        briefs = [brief]
    rel = rel if rel is not None else os.path.basename(path)
    for n, brief in enumerate(briefs):
        finish(brief, rel, n if len(briefs) > 1 else None)
    if not briefs:
        raise LoadError(path, "no briefs in this file (a feed with no items?)")
    return briefs


def finish(brief: Brief, rel: str, item: int | None) -> Brief:
    """Make every field safe to store and show, and give the brief its identity."""
    brief.body = clean_text(brief.body)
    brief.title = clean_line(brief.title)[:300] or _title_from_name(rel)
    for name in ("source", "author", "url", "marking", "doc_type"):
        setattr(brief, name, clean_line(getattr(brief, name))[:300])
    brief.tags = [clean_line(t)[:80] for t in brief.tags if clean_line(t)]
    brief.meta = {clean_line(k)[:60]: clean_line(v)[:500] for k, v in brief.meta.items()}
    brief.warnings = [clean_line(w) for w in brief.warnings]
    if not brief.key:
        brief.key = f"path:{rel}" + (f"#{item}" if item is not None else "")
    brief.meta.setdefault("file", rel)
    brief.id = make_id(brief.key)
    if not brief.body.strip() and not brief.title:
        raise LoadError(brief.path, "no text found")
    return brief


def _title_from_name(rel: str) -> str:
    stem = os.path.splitext(os.path.basename(rel))[0]
    return clean_line(stem.replace("_", " ").replace("-", " ")) or "(untitled)"
