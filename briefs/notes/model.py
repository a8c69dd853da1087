"""What the analyst adds to a brief: notes, highlights, tags, a star, read state."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

ATTACHED = "attached"
DETACHED = "detached"


def content_hash(body: str) -> str:
    """The hash that tells an edited brief from an unchanged one (and finds a moved one)."""
    return hashlib.blake2b(body.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


@dataclass(frozen=True)
class BriefRef:
    """A brief as the notes store knows it: its id, where it is, and (when read) its text.

    `body` is needed to place or re-anchor highlights; without it only the id, path and
    title are recorded.
    """

    id: str
    path: str = ""
    title: str = ""
    body: str | None = None

    @property
    def hash(self) -> str:
        return content_hash(self.body) if self.body is not None else ""


@dataclass
class Note:
    """A note the analyst wrote on a brief (Markdown, kept as typed)."""

    id: int
    brief_id: str
    text: str
    created: str
    updated: str

    def as_json(self) -> dict[str, object]:
        return {"id": self.id, "text": self.text, "created": self.created, "updated": self.updated}


@dataclass
class Highlight:
    """A marked passage: `text` is body[start:end] while attached; context helps find it again.

    A highlight whose text can no longer be found in the brief is `detached`: kept with its
    text, comment and last known offsets, never dropped.
    """

    id: int
    brief_id: str
    start: int
    end: int
    text: str
    before: str = ""
    after: str = ""
    comment: str = ""
    status: str = ATTACHED
    created: str = ""
    updated: str = ""

    @property
    def attached(self) -> bool:
        return self.status == ATTACHED

    def as_json(self) -> dict[str, object]:
        return {
            "id": self.id, "start": self.start, "end": self.end, "text": self.text,
            "comment": self.comment, "status": self.status,
            "created": self.created, "updated": self.updated,
        }


@dataclass
class BriefState:
    """What the store remembers of one brief: where it was last seen, and its flags.

    `orphan` is true when the brief was not found the last time the store was reconciled
    with the corpus (deleted, or moved out of reach); its notes stay until it comes back.
    """

    id: str
    path: str = ""
    title: str = ""
    hash: str = ""
    starred: bool = False
    read: bool = False
    orphan: bool = False
    seen: str = ""

    def as_json(self) -> dict[str, object]:
        return {
            "id": self.id, "path": self.path, "title": self.title, "starred": self.starred,
            "read": self.read, "orphan": self.orphan, "seen": self.seen,
        }


@dataclass
class Annotations:
    """Everything the analyst added to one brief."""

    state: BriefState
    notes: list[Note] = field(default_factory=list)
    highlights: list[Highlight] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        s = self.state
        return not (self.notes or self.highlights or self.tags or s.starred or s.read)

    def as_json(self) -> dict[str, object]:
        out = self.state.as_json()
        out.update(
            tags=self.tags,
            notes=[n.as_json() for n in self.notes],
            highlights=[h.as_json() for h in self.highlights],
        )
        return out
