"""Tags, star and read marks in the app; the notes pane's jump to a highlight; and the
changes another instance makes showing up without a restart."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input, Static

from briefs.notes.anchor import find_passage
from tests.tui.helpers import screen_text, settle, sync
from tests.tui.notes_support import HIGHLIGHT_STYLE, SIZE, app_with_notes, marked, open_brief, other_store, type_text
from briefs.notes import BriefRef
from tui import passages
from tui.annotations import ref_of
from tui.screens.dialogs import LineInput
from tui.screens.main import MainScreen
from tui.widgets.notespane import NotesPane
from tui.widgets.reader import FOCUS_STYLE

QUERY = "dark eagle battery"


def header(app) -> str:  # type: ignore[no-untyped-def]
    return app.screen.query_one("#header", Static).content.plain


def title(app) -> str:  # type: ignore[no-untyped-def]
    return app.screen.query_one("#title", Static).content.plain


@sync
async def test_tags_are_added_completed_and_removed_and_shown_in_the_header(samples_index: Path) -> None:
    with other_store() as store:  # a tag in use on another brief, for completion
        store.tag(ref_of({"id": "elsewhere", "title": "Other"}), ["Indo-Pacific watch"])
    app = app_with_notes(samples_index)
    async with app.run_test(size=SIZE) as pilot:
        await open_brief(pilot, QUERY)
        brief_id = app.screen.current_id
        await pilot.press("number_sign")
        await pilot.pause()
        assert isinstance(app.screen, LineInput)
        await type_text(pilot, "budget, indo")
        await pilot.pause()
        await pilot.press("right")  # takes the suggested tag
        await pilot.press("enter")
        await settle(pilot)
        assert "your tags: budget, Indo-Pacific watch" in header(app)
        await pilot.press("number_sign")
        await pilot.pause()
        box = app.screen.query_one(Input)
        assert box.value == "budget, Indo-Pacific watch, "
        box.value = "Indo-Pacific watch, [@click=app.quit]x[/]"
        await pilot.press("enter")
        await settle(pilot)
        assert app.is_running
        assert "your tags: Indo-Pacific watch, [@click=app.quit]x[/]" in header(app)
    with other_store() as store:
        assert store.tags(brief_id) == ["Indo-Pacific watch", "[@click=app.quit]x[/]"]


@sync
async def test_star_and_read_toggle_and_opening_marks_read(samples_index: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(MainScreen, "MARK_READ_AFTER", 0.05)
    app = app_with_notes(samples_index)
    async with app.run_test(size=SIZE) as pilot:
        await open_brief(pilot, QUERY)
        brief_id = app.screen.current_id
        await pilot.pause(0.3)
        assert "unread" not in header(app) and "read ·" in header(app)
        await pilot.press("asterisk")
        await pilot.pause()
        assert title(app).startswith("★ ") and "★ starred" in header(app)
        with other_store() as store:
            state = store.state(brief_id)
            assert state is not None and state.starred and state.read
        await pilot.press("r")  # unread again, and it stays so
        await pilot.pause(0.3)
        assert "unread" in header(app)
        await pilot.press("asterisk")
        await pilot.pause()
        assert not title(app).startswith("★")
    with other_store() as store:
        state = store.state(brief_id)
        assert state is not None and not state.starred and not state.read


@sync
async def test_only_the_brief_that_stays_open_is_marked_read(samples_index: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(MainScreen, "MARK_READ_AFTER", 3.0)
    app = app_with_notes(samples_index)
    async with app.run_test(size=SIZE) as pilot:
        await open_brief(pilot, QUERY)
        first = app.screen.current_id
        await pilot.press("escape", "enter", "down", "enter")  # on to the next result at once
        await settle(pilot)
        second = app.screen.current_id
        assert second != first
        await pilot.pause(3.5)
    with other_store() as store:
        passed, stayed = store.state(first), store.state(second)
        assert passed is None or not passed.read
        assert stayed is not None and stayed.read


@sync
async def test_enter_on_a_highlight_in_the_notes_pane_shows_it_in_the_reader(samples_index: Path) -> None:
    app = app_with_notes(samples_index)
    async with app.run_test(size=SIZE) as pilot:
        reader = await open_brief(pilot, QUERY)
        (span,) = find_passage(reader.body, "A third battery remains unfunded")
        ref = ref_of(reader.stored)
        first = passages.sentences(reader.body)[0]
        with other_store() as store:
            store.add_highlight(ref, *span, "the gap")
            store.add_highlight(ref, *first, "soon detached")
            # the brief is edited elsewhere: its first sentence is gone, so that highlight detaches
            blanked = reader.body[:first[0]] + " " * (first[1] - first[0]) + reader.body[first[1]:]
            edited = BriefRef(ref.id, ref.path, ref.title, blanked)
            assert store.sync(edited).detached
        app.screen._poll_notes()  # what the two-second timer does
        await pilot.pause()
        assert marked(reader, HIGHLIGHT_STYLE) == ["A third battery remains unfunded"]
        await pilot.press("m")
        await pilot.pause()
        pane = app.screen.query_one(NotesPane)
        rows = [pane.get_option_at_index(i).prompt.plain for i in range(pane.option_count)]
        assert any("DETACHED" in r and "soon detached" in r for r in rows)
        target = next(i for i, r in enumerate(rows) if "A third battery remains unfunded" in r)
        pane.highlighted = target
        await pilot.press("enter")
        await pilot.pause()
        assert reader.focus_span == span
        assert marked(reader, FOCUS_STYLE) == ["A third battery remains unfunded"]


@sync
async def test_changes_from_another_instance_show_up_without_a_restart(samples_index: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(MainScreen, "POLL_SECONDS", 0.2)
    app = app_with_notes(samples_index)
    async with app.run_test(size=SIZE) as pilot:
        reader = await open_brief(pilot, QUERY)
        await pilot.press("m")
        with other_store() as store:  # another SSH session writes a note and a star
            store.add_note(ref_of(reader.stored), "written in the other session")
            store.set_starred(ref_of(reader.stored))
        await pilot.pause(0.6)
        assert "written in the other session" in screen_text(app)
        assert title(app).startswith("★") and "1 note" in header(app)
