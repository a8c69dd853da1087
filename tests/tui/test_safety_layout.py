"""Hostile brief text shows literally and does nothing when clicked; the 80x24 layout."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.content import Content
from textual.widgets import Static

from tests.tui.conftest import HOSTILE_TITLE
from tests.tui.helpers import plain, screen_text, search, settle, sync
from tui.app import BriefApp
from tui.widgets.reader import Reader
from tui.widgets.results import ResultList


def screen_links(app: BriefApp) -> list[object]:
    """Click actions or hyperlinks anywhere on the screen (there should be none)."""
    found = []
    for strip in app.screen._compositor.render_strips():
        for seg in strip:
            style = seg.style
            if style is not None and (style.link or (style.meta and "@click" in style.meta)):
                found.append((seg.text, style.link, style.meta))
    return found


@sync
async def test_hostile_brief_shows_literally_and_clicks_do_nothing(hostile_index: Path) -> None:
    app = BriefApp(hostile_index)
    async with app.run_test(size=(120, 40)) as pilot:
        await search(pilot, "zanzibar")
        results = app.screen.query_one(ResultList)
        assert results.option_count == 1
        text = screen_text(app)
        assert "[bold red]X[/]" in text and "[@click=app.quit]quit[/]" in text  # wrapped in the list
        await pilot.click(ResultList, offset=(3, 1))  # click the title in the list: opens it
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        reader = app.screen.query_one(Reader)
        assert plain(reader.query_one("#title")).startswith(HOSTILE_TITLE)
        assert plain(reader.query_one("#marking")) == "[blink]SECRET[/]"
        text = screen_text(app)
        assert "[@click=app.quit]click me[/]" in text
        assert "[@click=app.bell]Wire[/]" in text and "[b]tag[/b]" in text
        assert "\x1b" not in text and "\x07" not in text
        assert "\ufffd]52;c;SGVsbG8=" in text  # the OSC 52 write shows as inert text
        assert screen_links(app) == []
        for widget in (reader.query_one("#title"), reader.query_one("#page")):
            await pilot.click(widget, offset=(4, 0))
            await pilot.click(widget, offset=(20, 2))
            await pilot.pause()
        assert app.is_running and app.return_code is None
        # Every Static holds Text/Content objects, never a string that could be markup.
        for static in app.screen.query(Static):
            content = static.content
            assert isinstance(content, (Text, Content)) or content == "", (static, content)
        for option in results.options:
            assert isinstance(option.prompt, Text)


@sync
async def test_80x24_layout_keeps_every_pane_reachable(samples_index: Path) -> None:
    app = BriefApp(samples_index)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert screen.has_class("-narrow")
        side, results = screen.query_one("#side"), screen.query_one(ResultList)
        assert not side.display or side.region.width == 0
        await search(pilot, "tracking layer")
        await pilot.press("enter", "enter")
        await settle(pilot)
        reader = screen.query_one(Reader)
        assert reader.region.width >= 45 and reader.region.right <= 80
        assert results.region.width > 0
        assert plain(reader.query_one("#title"))[:20] in screen_text(app)
        await pilot.press("p")  # facts in place of the results
        await pilot.pause()
        assert side.region.width > 0 and results.region.width == 0
        assert screen.query_one("#facts").has_focus
        assert reader.region.width >= 40 and side.region.right <= 80
        await pilot.press("t")
        await pilot.pause()
        assert screen.query_one("#related").has_focus
        await pilot.press("p")
        await pilot.pause()
        assert results.region.width > 0
        assert not screen.query_one("#related").has_focus
        # Typing a search while the side pane stands in the results' place brings them back.
        await pilot.press("p")
        await pilot.pause()
        assert side.region.width > 0 and results.region.width == 0
        await pilot.press("escape")  # to the search box, as a user goes
        await pilot.pause()
        assert screen.query_one("#search").has_focus
        await pilot.press("ctrl+u", *"radar")
        await settle(pilot)
        assert results.region.width > 0 and results.option_count > 0
        assert side.region.width == 0
        await pilot.press("enter")  # and Enter moves to them
        assert results.has_focus
        # Tab reaches the search box, the results and the reader.
        seen = set()
        for _ in range(5):
            await pilot.press("tab")
            seen.add(screen.focused.id if screen.focused else None)
        assert {"search", "results", "page"} <= seen
        screen.query_one("#page").focus()  # (in the search box, ? and q are typed)
        await pilot.pause()
        footer = screen_text(app).splitlines()[-1]
        assert "? Help" in footer and "q Quit" in footer
