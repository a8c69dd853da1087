"""Finding text in the open brief: the `/` bar under the reader, and the matching itself."""

from __future__ import annotations

import re
from collections.abc import Sequence

from textual.widgets import Input

MAX_MATCHES = 5000

Match = tuple[int, int, int]  # (block, start, end) in the rendered text of a block


def find_all(texts: Sequence[str], query: str, limit: int = MAX_MATCHES) -> list[Match]:
    """Literal, case-insensitive matches of `query` in each block's text, in order.

    `re.IGNORECASE` folds one character to one character, so positions stay those of the
    text on screen (str.lower() can change lengths, e.g. "İ").
    """
    if not query:
        return []
    pattern = re.compile(re.escape(query), re.IGNORECASE)
    out: list[Match] = []
    for index, text in enumerate(texts):
        for m in pattern.finditer(text):
            out.append((index, m.start(), m.end()))
            if len(out) >= limit:
                return out
    return out


class FindBar(Input):
    """The one-line box where `/` in the reader takes what to find (hidden otherwise)."""

    DEFAULT_CSS = """
    FindBar {
        display: none;
        height: 1;
        border: none;
        padding: 0 1;
        background: $boost;
    }
    FindBar:focus {
        border: none;
        background-tint: $foreground 5%;
    }
    FindBar.-shown {
        display: block;
    }
    FindBar.-none {
        color: $text-error;
    }
    """
