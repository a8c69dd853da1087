"""The analyst's own text (notes, comments, tags) and brief titles in the notes pane, the
dialogs, the header and the toasts are never read as markup."""

from __future__ import annotations

from pathlib import Path

from tests.tui.conftest import MARKER
from tests.tui.helpers import screen_text, settle, sync
from tests.tui.notes_support import SIZE, app_with_notes, open_brief, other_store
from tests.tui.test_markup_spy import marked, markup_spy  # noqa: F401 - the fixture
from tui.annotations import ref_of
from tui.screens.export_dialog import ExportDialog

NAME = f"[@click=app.quit]{MARKER}[b].md"
HOSTILE = f"[@click=app.quit]{MARKER} note[/] [bold red]x[/] \x1b]52;c;SGVsbG8=\x07"


@sync
async def test_notes_tags_and_comments_never_reach_a_widget_as_markup(marked_index: Path, markup_spy: list[str], tmp_path: Path) -> None:  # noqa: F811
    app = app_with_notes(marked_index)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        reader = await open_brief(pilot, MARKER)
        ref = ref_of(reader.stored)
        with other_store() as store:
            store.add_note(ref, HOSTILE)
            store.add_highlight(ref, 0, 20, HOSTILE)
            store.tag(ref, [f"[b]{MARKER}[/b]"])
        app.screen._poll_notes()
        await pilot.pause()
        for keys in (("m",), ("e", "escape"), ("down", "down", "down", "e", "escape"), ("d", "n"),
                     ("number_sign", "escape"), ("a", "escape")):
            await pilot.press(*keys)
            await settle(pilot)
        reader.page.focus()
        await pilot.press("v", "h")  # the comment dialog quotes the passage
        await settle(pilot)
        await pilot.press("escape", "escape")
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, ExportDialog)
        box = app.screen.query_one("#export-path")
        box.value = str(tmp_path / NAME)
        box.focus()
        await pilot.press("enter")
        await settle(pilot)
        assert app.is_running
        shown = screen_text(app)
        assert "\x1b" not in shown and "\x07" not in shown
        assert any(MARKER in n.message for n in app._notifications)  # the toast names the file
    assert (tmp_path / NAME).exists()
    assert markup_spy, "the spy saw nothing"
    assert marked(markup_spy) == [], "the analyst's text reached a widget as markup"
