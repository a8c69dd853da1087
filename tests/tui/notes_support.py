"""Helpers for the notes Pilot tests: an app with settings (so it has a notes store), opening
a brief, reading what the reader marks."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot

from briefs.config import load_settings
from briefs.notes import NotesStore
from tests.tui.helpers import marked, open_in_reader
from tui.app import BriefApp
from tui.widgets.selection import HIGHLIGHT_STYLE, SELECTION_STYLE

SIZE = (120, 40)
__all__ = ["HIGHLIGHT_STYLE", "SELECTION_STYLE", "SIZE", "app_with_notes", "marked", "open_brief", "other_store"]


def app_with_notes(index_dir: Path) -> BriefApp:
    """The app on `index_dir`, with the test's own settings (its data folder holds the notes)."""
    return BriefApp(index_dir, settings=load_settings())


def other_store() -> NotesStore:
    """A second connection to the same notes database (another process would see this)."""
    settings = load_settings()
    return NotesStore.open(settings.data_dir, settings.corpus)


open_brief = open_in_reader  # (the notes tests' name for it)


async def type_text(pilot: Pilot[None], text: str) -> None:
    """Type as a user would (spaces and line breaks included)."""
    names = {" ": "space", "\n": "enter", "#": "number_sign", ",": "comma", "[": "left_square_bracket",
             "]": "right_square_bracket", "/": "slash", "@": "at", "=": "equals_sign", ".": "full_stop"}
    await pilot.press(*[names.get(ch, ch) for ch in text])
