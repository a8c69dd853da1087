"""Helpers for the notes Pilot tests: an app with settings (so it has a notes store), opening
a brief, reading what the reader marks."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot

from briefs.config import load_settings
from briefs.notes import NotesStore
from tests.tui.helpers import search, settle
from tui.app import BriefApp
from tui.widgets.reader import Reader
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


async def open_brief(pilot: Pilot[None], query: str) -> Reader:
    """Search, open the first result, wait for it and its notes, focus the page."""
    await search(pilot, query)
    await pilot.press("enter", "enter")
    await settle(pilot)
    reader = pilot.app.screen.query_one(Reader)
    reader.page.focus()
    await pilot.pause()
    return reader


def marked(reader: Reader, style: str) -> list[str]:
    """Pieces of the reader's body text that carry `style` (in reading order)."""
    out = []
    for block in reader.page.query(".block"):
        text = block.content
        for span in text.spans:
            if str(span.style) == style:
                out.append(text.plain[span.start:span.end])
    return out


async def type_text(pilot: Pilot[None], text: str) -> None:
    """Type as a user would (spaces and line breaks included)."""
    names = {" ": "space", "\n": "enter", "#": "number_sign", ",": "comma", "[": "left_square_bracket",
             "]": "right_square_bracket", "/": "slash", "@": "at", "=": "equals_sign", ".": "full_stop"}
    await pilot.press(*[names.get(ch, ch) for ch in text])
