"""Plain-text briefs: the title is the first line when it reads like one, else the file name."""

from __future__ import annotations

import os

from briefs.model import Brief


def load(path: str, text: str) -> Brief:
    """A plain-text brief; its body is the decoded text exactly, so offsets index the file."""
    title = ""
    for line in text.split("\n"):
        if line.strip():
            candidate = " ".join(line.split())
            if len(candidate) <= 160:
                title = candidate
            break
    if not title:
        title = os.path.splitext(os.path.basename(path))[0].replace("_", " ").replace("-", " ")
    return Brief(id="", key="", path=path, format="text", title=title, body=text)
