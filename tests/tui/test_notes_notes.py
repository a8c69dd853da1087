"""Notes in the app: the in-app editor (Ctrl-S saves, Escape asks before discarding), $EDITOR
through suspend (and the fallback where the terminal cannot hand over), editing and deleting
from the notes pane."""

from __future__ import annotations

import contextlib
import stat
from pathlib import Path

import pytest
from textual.widgets import Static, TextArea

from tests.tui.helpers import settle, sync
from tests.tui.notes_support import SIZE, app_with_notes, open_brief, other_store, type_text
from tui.screens.dialogs import Confirm
from tui.screens.note_editor import NoteEditor
from tui.widgets.notespane import NotesPane

QUERY = "dark eagle battery"


def pane_text(app) -> str:  # type: ignore[no-untyped-def]
    pane = app.screen.query_one(NotesPane)
    return "\n".join(pane.get_option_at_index(i).prompt.plain for i in range(pane.option_count))


@sync
async def test_a_note_is_written_saved_with_ctrl_s_and_listed(samples_index: Path) -> None:
    app = app_with_notes(samples_index)
    async with app.run_test(size=SIZE) as pilot:
        reader = await open_brief(pilot, QUERY)
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, NoteEditor)
        await type_text(pilot, "Second battery\nfunded by FY2027")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, NoteEditor)
        brief_id = app.screen.current_id
        assert "1 note" in reader.query_one("#header", Static).content.plain
        await pilot.press("m")  # the notes pane
        await pilot.pause()
        assert app.focused is app.screen.query_one(NotesPane)
        assert "Second battery\nfunded by FY2027" in pane_text(app)
    with other_store() as store:
        assert [n.text for n in store.notes(brief_id)] == ["Second battery\nfunded by FY2027"]


@sync
async def test_escape_asks_before_a_typed_note_is_discarded(samples_index: Path) -> None:
    app = app_with_notes(samples_index)
    async with app.run_test(size=SIZE) as pilot:
        await open_brief(pilot, QUERY)
        await pilot.press("a")
        await type_text(pilot, "half a thought")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, Confirm)
        await pilot.press("n")  # keep writing: the words are still there
        await pilot.pause()
        assert isinstance(app.screen, NoteEditor)
        assert app.screen.query_one(TextArea).text == "half a thought"
        await pilot.press("ctrl+p")  # the palette does not close the editor either
        await pilot.pause()
        assert isinstance(app.screen, NoteEditor)
        await pilot.press("ctrl+q")  # nor does quitting, without a question
        await pilot.pause()
        assert isinstance(app.screen, Confirm) and app.is_running
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, NoteEditor)
        await pilot.press("escape", "y")
        await settle(pilot)
        assert not isinstance(app.screen, (NoteEditor, Confirm))
        await pilot.press("a", "escape")  # nothing typed: closes at once
        await pilot.pause()
        assert not isinstance(app.screen, (NoteEditor, Confirm))
        brief_id = app.screen.current_id
    with other_store() as store:
        assert store.notes(brief_id) == []


@sync
async def test_notes_are_edited_and_deleted_from_the_notes_pane(samples_index: Path) -> None:
    app = app_with_notes(samples_index)
    async with app.run_test(size=SIZE) as pilot:
        await open_brief(pilot, QUERY)
        brief_id = app.screen.current_id
        await pilot.press("a")
        await type_text(pilot, "first draft")
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("m")
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, NoteEditor)
        area = app.screen.query_one(TextArea)
        assert area.text == "first draft"
        await pilot.press("end")
        await type_text(pilot, " revised")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "first draft revised" in pane_text(app)
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, Confirm)
        assert "first draft revised" in app.screen.query_one("#confirm-question", Static).content.plain
        await pilot.press("n")  # kept
        await settle(pilot)
        with other_store() as store:
            assert [n.text for n in store.notes(brief_id)] == ["first draft revised"]
        await pilot.press("d", "y")
        await settle(pilot)
        assert "first draft" not in pane_text(app)
        assert "No notes or highlights yet" in pane_text(app)
    with other_store() as store:
        assert store.notes(brief_id) == []


@sync
async def test_without_editor_or_suspend_E_falls_back_to_the_app_editor(samples_index: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.delenv("EDITOR", raising=False)
    app = app_with_notes(samples_index)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_brief(pilot, QUERY)
        await pilot.press("E")
        await pilot.pause()
        assert isinstance(app.screen, NoteEditor)
        await pilot.press("escape")
        await pilot.pause()
        monkeypatch.setenv("EDITOR", "vi")  # set, but the test terminal cannot be handed over
        await pilot.press("E")
        await pilot.pause()
        assert isinstance(app.screen, NoteEditor)
        said = [n.message for n in app._notifications]
        assert any("$EDITOR is not set" in m for m in said)
        assert any("cannot hand over to $EDITOR" in m for m in said)


@sync
async def test_E_saves_what_the_editor_wrote(samples_index: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    script = tmp_path / "fake-editor"
    seen = tmp_path / "edited-path"
    script.write_text(f'#!/bin/sh\necho "$1" > "{seen}"\nprintf "from the editor\\n[bold]literal[/]\\n" > "$1"\n',
                      encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("EDITOR", f"{script}")
    monkeypatch.delenv("VISUAL", raising=False)
    app = app_with_notes(samples_index)
    suspended = []

    @contextlib.contextmanager
    def suspend():  # type: ignore[no-untyped-def]
        suspended.append(True)  # the headless test driver cannot suspend; a real terminal does
        yield

    monkeypatch.setattr(app, "suspend", suspend)
    async with app.run_test(size=SIZE) as pilot:
        await open_brief(pilot, QUERY)
        brief_id = app.screen.current_id
        await pilot.press("E")
        await settle(pilot)
        assert suspended and not isinstance(app.screen, NoteEditor)
        await pilot.press("m")
        await pilot.pause()
        assert "[bold]literal[/]" in pane_text(app)
    with other_store() as store:
        assert [n.text for n in store.notes(brief_id)] == ["from the editor\n[bold]literal[/]"]
    edited = Path(seen.read_text(encoding="utf-8").strip())
    assert edited.name.startswith("brief-note-") and not edited.exists()  # the temporary file is gone


@sync
async def test_a_notes_database_that_cannot_be_opened_is_said_once_and_reading_goes_on(samples_index: Path) -> None:
    from briefs.config import load_settings
    from briefs.notes import notes_file

    settings = load_settings()
    broken = notes_file(settings.data_dir, settings.corpus)
    broken.parent.mkdir(parents=True, exist_ok=True)
    broken.write_bytes(b"this is not a database " * 100)
    app = app_with_notes(samples_index)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        reader = await open_brief(pilot, QUERY)
        await pilot.press("escape", "enter", "down", "enter")  # a second brief: no second warning
        await settle(pilot)
        assert reader.body and app.is_running
        warnings = [n.message for n in app._notifications if "Notes unavailable" in n.message]
        assert len(warnings) == 1 and str(broken) in warnings[0]
        reader.page.focus()
        await pilot.press("a")
        await pilot.pause()
        assert not isinstance(app.screen, NoteEditor)
    assert broken.read_bytes().startswith(b"this is not a database")  # left as it was
