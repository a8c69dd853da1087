"""The Brief: one document an analyst reads, whatever format it came in."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date


@dataclass
class Link:
    """A link written in a brief: the words shown and where they point."""

    text: str
    url: str


@dataclass
class Brief:
    """One brief: cleaned text plus the metadata the index and the screens show.

    `body` is the text the analyst reads and the index searches: Markdown structure kept
    (headings, lists), link targets and web clutter removed. Every character span in the
    app (hits, facts, highlights) is an offset into `body`.
    """

    id: str
    key: str
    path: str
    format: str
    title: str
    body: str
    date: date | None = None
    source: str = ""
    author: str = ""
    url: str = ""
    tags: list[str] = field(default_factory=list)
    marking: str = ""
    doc_type: str = ""
    meta: dict[str, str] = field(default_factory=dict)
    links: list[Link] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    strong: list[tuple[int, int]] = field(default_factory=list)  # `**bold**` spans of body

    @property
    def year(self) -> int | None:
        return self.date.year if self.date else None


class LoadError(Exception):
    """A file that could not become a brief: the path and the reason, for one line."""

    def __init__(self, path: str, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


def make_id(key: str) -> str:
    """A short, opaque, stable id from a brief's identity key (see README, "Brief ids")."""
    digest = hashlib.blake2b(key.encode("utf-8"), digest_size=8).hexdigest()
    return digest[:12]
