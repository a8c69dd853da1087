"""Map the metadata keys briefs use (front matter, header blocks, feeds) onto Brief fields."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from briefs.dates import parse_date
from briefs.model import Brief
from briefs.textsafe import clean_line

# Each Brief field and the keys (lower case) that fill it, first match wins.
FIELD_KEYS: dict[str, tuple[str, ...]] = {
    "title": ("title", "headline"),
    "date": ("date", "published", "publication date", "pubdate", "published_at", "created"),
    "source": ("source", "publisher", "outlet", "agency", "origin"),
    "author": ("author", "authors", "author(s)", "by", "byline"),
    "url": ("url", "link", "canonical_url", "permalink"),
    "tags": ("tags", "tag", "keywords", "topics", "categories", "category"),
    "marking": ("classification", "marking", "handling", "caveat", "dissemination"),
    "doc_type": ("type", "product type", "crs product type", "doc_type", "kind"),
}
_KNOWN = {key for keys in FIELD_KEYS.values() for key in keys}


def as_text(value: object) -> str:
    """One line of text from a metadata value (lists joined with commas)."""
    if isinstance(value, list):
        return ", ".join(as_text(v) for v in value if as_text(v))
    if isinstance(value, dict):
        return ", ".join(f"{k}: {as_text(v)}" for k, v in value.items())
    return clean_line(str(value)) if value is not None else ""


def split_tags(value: object) -> list[str]:
    """Tags from a list or a string separated by commas or semicolons, de-duplicated."""
    items = value if isinstance(value, list) else re.split(r"[;,]", as_text(value))
    seen: dict[str, None] = {}
    for item in items:
        tag = as_text(item).strip().strip("#").strip()
        if tag and tag.lower() not in {t.lower() for t in seen}:
            seen[tag] = None
    return list(seen)


# Publishers whose full name is long and whose short name analysts use.
SHORT_NAMES = {
    "u.s. government accountability office": "GAO",
    "government accountability office": "GAO",
    "congressional research service": "CRS",
}


def source_from_url(url: str) -> str:
    """A readable source name for a URL given where a name was expected."""
    parts = urlsplit(url)
    host = (parts.hostname or "").removeprefix("www.")
    if "crs" in parts.path.lower() or host.startswith("crsreports."):
        return "CRS"
    if host.endswith("gao.gov"):
        return "GAO"
    return host or url


def apply(brief: Brief, meta: dict[str, object]) -> None:
    """Fill brief fields from metadata; unknown keys are kept in brief.meta as text."""
    lowered = {str(k).strip().lower(): v for k, v in meta.items()}
    for field, keys in FIELD_KEYS.items():
        for key in keys:
            value = lowered.get(key)
            if value in (None, "", []):
                continue
            if field == "tags":
                brief.tags = split_tags(value)
            elif field == "date":
                parsed = parse_date(as_text(value))
                if parsed is None:
                    brief.warnings.append(f"unrecognised date {as_text(value)[:40]!r}")
                    continue
                brief.date = parsed
            elif field == "source":
                text = as_text(value)
                if text.startswith(("http://", "https://")):
                    brief.url = brief.url or text
                    text = source_from_url(text)
                brief.source = SHORT_NAMES.get(text.lower(), text)
            else:
                setattr(brief, field, as_text(value))
            break
    for key, value in lowered.items():
        if key not in _KNOWN and key != "id":
            text = as_text(value)
            if text:
                brief.meta[key] = text[:500]
