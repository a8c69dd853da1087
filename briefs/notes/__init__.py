"""The analyst's own layer on the briefs: notes, highlights, tags, stars, read marks, and
their export to Markdown. Pure Python and SQLite; never imports Textual."""

from briefs.notes.filters import IdFilter, TextHit
from briefs.notes.model import (
    ATTACHED, DETACHED, Annotations, BriefRef, BriefState, Highlight, Note, content_hash,
)
from briefs.notes.schema import NotesError, notes_file
from briefs.notes.store import NotesStore, SyncReport

__all__ = [
    "ATTACHED", "DETACHED", "Annotations", "BriefRef", "BriefState", "Highlight", "IdFilter",
    "Note", "NotesError", "NotesStore", "SyncReport", "TextHit", "content_hash", "notes_file",
]
