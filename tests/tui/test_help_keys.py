"""The help screen and the footer name the keys as the config remapped them."""

from __future__ import annotations

from pathlib import Path

from tests.tui.helpers import configured, screen_text, search, settle, sync
from tui import keymap
from tui.app import BriefApp
from tui.screens.help import HelpScreen, rows

SIZE = (120, 90)  # tall enough for the whole help table


def help_rows(app: BriefApp) -> dict[str, str]:
    """What the help screen shows as the keys of each line of its table: description -> keys."""
    assert isinstance(app.screen, HelpScreen)
    box = app.screen.query_one("#help").region
    lines = [ln[box.x:box.right].strip(" │") for ln in screen_text(app).splitlines()[box.y:box.bottom]]
    found = {}
    for _key, what in rows(keymap.effective(app.user_keys, keymap.actions())):
        line = next((ln for ln in lines if what[:40] in ln), "")
        found[what] = line.split(what[:40])[0].strip()
    return found


def row(found: dict[str, str], starts: str) -> str:
    return next(keys for what, keys in found.items() if what.startswith(starts))


@sync
async def test_help_shows_the_keys_as_remapped(samples_index: Path) -> None:
    settings = configured("keys:\n  sort: z\n  help: F1\n  filter: [ctrl+o, F]\n  back: t\n")
    app = BriefApp(samples_index, None, settings)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f1")
        await settle(pilot)
        shown = help_rows(app)
        assert row(shown, "sort results") == "z"  # not "s or Ctrl-S": those do nothing now
        assert row(shown, "this help") == "F1"
        assert row(shown, "filter by a source") == "Ctrl-O or F"
        assert row(shown, "back to the previous brief") == "t"
        assert row(shown, "side pane") == "(no key)"  # back took t from toggle_side
        assert row(shown, "next / previous search hit") == "n / N"  # untouched keys as before
        assert "Ctrl-F" not in screen_text(app)
        await pilot.press("f1")  # the remapped help key closes the help too
        assert not isinstance(app.screen, HelpScreen)


@sync
async def test_help_shows_the_default_keys_without_a_config(samples_index: Path) -> None:
    app = BriefApp(samples_index, None, configured(""))
    async with app.run_test(size=SIZE) as pilot:
        await search(pilot, "tracking layer")
        await pilot.press("enter", "question_mark")  # from the results (in the search box ? is typed)
        await settle(pilot)
        shown = help_rows(app)
        assert row(shown, "sort results") == "s or Ctrl-S"
        assert row(shown, "this help") == "?"
        assert row(shown, "filter by a source") == "Ctrl-F"
        assert row(shown, "side pane") == "t"
        await pilot.press("question_mark")
        assert not isinstance(app.screen, HelpScreen)


@sync
async def test_footer_shows_remapped_keys(samples_index: Path) -> None:
    app = BriefApp(samples_index, None, configured("keys:\n  help: F1\n  sort: z\n"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        footer = screen_text(app).splitlines()[-1]
        assert "f1 Help" in footer  # in the search box too, where ? would be typed
        await search(pilot, "tracking layer")
        await pilot.press("enter")  # to the results: the footer shows help, quit, sort…
        await settle(pilot)
        footer = screen_text(app).splitlines()[-1]
        assert "f1 Help" in footer and "z Sort" in footer
        assert "? Help" not in footer and "s Sort" not in footer


@sync
async def test_the_readers_scroll_keys_can_be_remapped(samples_index: Path) -> None:
    from tests.tui.helpers import open_in_reader

    app = BriefApp(samples_index, None, configured("keys:\n  reader_end: e\n  reader_top: h\n"))
    async with app.run_test(size=(100, 30)) as pilot:
        reader = await open_in_reader(pilot, "tracking layer")
        page = reader.page
        assert page.max_scroll_y > 0, "the brief must be longer than the screen"
        await pilot.press("G")  # the default key no longer scrolls to the end
        await settle(pilot)
        assert page.scroll_y == 0
        await pilot.press("e")
        await settle(pilot)
        assert page.scroll_y == page.max_scroll_y
        await pilot.press("h")
        await settle(pilot)
        assert page.scroll_y == 0
        await pilot.press("question_mark")
        await settle(pilot)
        assert "j / k, h / e, Space" in screen_text(app)
