"""Tags as the analyst types them, and the key that makes `Space` and `#space` one tag."""

from __future__ import annotations

import re

from briefs.textsafe import clean_line

MAX_TAG = 80
_SLUG = re.compile(r"[^\w]+")


def clean_tag(tag: str) -> str:
    """The tag as shown: one line, no leading '#', at most 80 characters ('' if nothing left)."""
    return clean_line(tag).lstrip("#").strip()[:MAX_TAG].strip()


def tag_key(tag: str) -> str:
    """How tags compare: lower case, words joined by '-' (as the index slugs a brief's tags)."""
    return _SLUG.sub("-", clean_tag(tag).lower()).strip("-")
