"""Export from the app: the dialog's scope and destination, the Markdown it writes, and no
file overwritten without a yes."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Checkbox, Input, RadioButton

from briefs.notes.anchor import find_passage, locate
from tests.tui.helpers import settle, sync
from tests.tui.notes_support import SIZE, app_with_notes, open_brief, other_store
from tui.annotations import ref_of
from tui.screens.dialogs import Confirm
from tui.screens.export_dialog import ExportDialog

QUERY = "dark eagle battery"
PASSAGE = "A third battery remains unfunded"


async def export_to(pilot, path: Path, per_brief: bool = False, scope: str = "") -> None:  # type: ignore[no-untyped-def]
    """x, then the dialog's fields, then Enter in the destination."""
    await pilot.press("x")
    await pilot.pause()
    dialog = pilot.app.screen
    assert isinstance(dialog, ExportDialog)
    if scope:
        dialog.query_one(f"#scope-{scope}", RadioButton).value = True
    if per_brief:
        dialog.query_one("#export-per-brief", Checkbox).value = True
    await pilot.pause()
    box = dialog.query_one("#export-path", Input)
    box.value = str(path)
    box.focus()
    await pilot.press("enter")
    await settle(pilot)


@sync
async def test_the_dialog_writes_the_brief_with_its_highlight_and_never_overwrites_silently(samples_index: Path, tmp_path: Path) -> None:
    app = app_with_notes(samples_index)
    target = tmp_path / "out" / "report.md"
    target.parent.mkdir()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        reader = await open_brief(pilot, QUERY)
        (span,) = find_passage(reader.body, PASSAGE)
        with other_store() as store:
            store.add_highlight(ref_of(reader.stored), *span, "the gap")
        await export_to(pilot, target)
        text = target.read_text(encoding="utf-8")
        title = reader.stored["title"]
        assert text.startswith("---\n") and f"title: {title}" in text
        where = locate(reader.body, *span).describe()
        assert f"> {PASSAGE}" in text
        assert f"— {title} (" in text and where in text and f"brief {app.screen.current_id}" in text
        assert "**Comment:** the gap" in text
        assert any("Wrote 1 brief to" in n.message for n in app._notifications)

        target.write_text("my own file\n", encoding="utf-8")
        await export_to(pilot, target)
        assert isinstance(app.screen, Confirm)  # asks; nothing written yet
        assert target.read_text(encoding="utf-8") == "my own file\n"
        await pilot.press("n")
        await settle(pilot)
        assert target.read_text(encoding="utf-8") == "my own file\n"
        await export_to(pilot, target)
        await pilot.press("y")
        await settle(pilot)
        assert f"> {PASSAGE}" in target.read_text(encoding="utf-8")
        assert [p.name for p in target.parent.iterdir()] == ["report.md"]  # no temporary file left


@sync
async def test_per_brief_export_of_starred_briefs_to_a_folder(samples_index: Path, tmp_path: Path) -> None:
    app = app_with_notes(samples_index)
    folder = tmp_path / "notes"
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_brief(pilot, QUERY)
        await pilot.press("asterisk")
        await pilot.pause()
        first = app.screen.current_id
        await pilot.press("escape", "enter", "down", "enter")
        await settle(pilot)
        await pilot.press("asterisk")
        await pilot.pause()
        second = app.screen.current_id
        await export_to(pilot, folder, per_brief=True, scope="starred")
        names = sorted(p.name for p in folder.iterdir())
        assert len(names) == 2 and any(first in n for n in names) and any(second in n for n in names)
        await export_to(pilot, folder, per_brief=True, scope="starred")
        assert isinstance(app.screen, Confirm)
        await pilot.press("escape")
        await settle(pilot)
        assert any("Nothing exported" in n.message for n in app._notifications)


@sync
async def test_the_dialog_checks_its_fields_and_escape_writes_nothing(samples_index: Path, tmp_path: Path) -> None:
    app = app_with_notes(samples_index)
    async with app.run_test(size=SIZE) as pilot:
        await open_brief(pilot, QUERY)
        await pilot.press("x")
        await pilot.pause()
        dialog = app.screen
        dialog.query_one("#scope-tag", RadioButton).value = True
        dialog.query_one("#export-path", Input).value = str(tmp_path / "tagged.md")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is dialog and "Type the tag" in str(dialog.query_one("#export-error").content)
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, ExportDialog)
    assert not (tmp_path / "tagged.md").exists()


@sync
async def test_the_palette_opens_the_export_dialog_and_the_notes_pane(samples_index: Path) -> None:
    from tui.widgets.notespane import NotesPane

    app = app_with_notes(samples_index)
    async with app.run_test(size=SIZE) as pilot:
        await open_brief(pilot, QUERY)
        for words, check in (("export notes", lambda: isinstance(app.screen, ExportDialog)),
                             ("show notes and", lambda: app.focused is app.screen.query_one(NotesPane))):
            await pilot.press("ctrl+p")
            await pilot.pause()
            await pilot.press(*[("space" if c == " " else c) for c in words])
            await pilot.pause(0.3)
            await settle(pilot)
            await pilot.press("enter")
            await settle(pilot)
            assert check(), words
            if isinstance(app.screen, ExportDialog):
                await pilot.press("escape")
                await settle(pilot)
