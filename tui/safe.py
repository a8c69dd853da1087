"""Brief text on screen: always `rich.text.Text` from cleaned strings, never markup.

Every string that comes from a brief (titles, bodies, snippets, tags, sources, facts,
reasons, error messages that name paths) goes through these helpers before a widget sees
it. A `Text` is never parsed as markup, and `clean_text` replaces ESC, C1 and bidi
controls, so `[@click=app.quit]` or an OSC 52 sequence shows as harmless characters
(HAZARDS.md, "Textual and Rich").
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text

from briefs.textsafe import clean_line, clean_text

Span = tuple[int, int]


def safe_text(text: object, style: str = "") -> Text:
    """Untrusted text (newlines kept) as a `Text` with one style."""
    return Text(clean_text(str(text or "")), style=style, end="")


def safe_line(text: object, style: str = "") -> Text:
    """Untrusted one-line text (controls removed, whitespace collapsed) as a `Text`."""
    return Text(clean_line(str(text or "")), style=style, end="")


def highlighted(text: str, spans: Iterable[Span], style: str, base: str = "", one_line: bool = False) -> Text:
    """Untrusted text with the character ranges in `spans` styled (search hits, a fact).

    `clean_text` is length-preserving, so offsets computed on the raw text stay valid.
    With `one_line`, newlines become spaces (also length-preserving).
    """
    cleaned = clean_text(text or "")
    if one_line:
        cleaned = cleaned.replace("\n", " ").replace("\t", " ")
    out = Text(cleaned, style=base, end="")
    size = len(cleaned)
    for start, end in spans:
        start, end = max(0, start), min(size, end)
        if start < end:
            out.stylize(style, start, end)
    return out


def joined(*parts: Text | str, separator: str = "") -> Text:
    """Several pieces into one `Text`; plain `str` parts are ours (labels), never brief text."""
    out = Text(end="")
    for i, part in enumerate(parts):
        if i and separator:
            out.append(separator)
        out.append(part if isinstance(part, Text) else Text(part))
    return out
