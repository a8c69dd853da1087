"""Make untrusted text safe to store and show: no terminal controls, no bidi tricks."""

from __future__ import annotations

import re

# C0 controls except tab and newline, DEL, C1 controls, and the bidi embedding/override/
# isolate characters that can make text read differently from what it is (HAZARDS.md).
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def clean_text(text: str) -> str:
    """Text with every unsafe control replaced by U+FFFD, one character for one.

    Length-preserving on purpose: offsets of hits, facts and highlights in a plain-text
    brief index the file's decoded text exactly. An ANSI or OSC sequence therefore shows as
    harmless text ("\ufffd[31m"), never as an effect. CRLF becomes space + newline and a
    lone CR a newline, for the same reason.
    """
    if not text:
        return text
    if "\r" in text:
        text = text.replace("\r\n", " \n").replace("\r", "\n")
    return _UNSAFE.sub("\ufffd", text)


def clean_line(text: str) -> str:
    """One-line text (titles, tags, metadata): controls removed, whitespace collapsed."""
    return " ".join(clean_text(text).split())


def has_unsafe(text: str) -> bool:
    """True when text still holds a character that must never reach a terminal."""
    return bool(_UNSAFE.search(text))
