"""The command palette (ctrl+p): briefs by title, commands, earlier searches, themes."""

from __future__ import annotations

import json
from pathlib import Path

from rich.text import Text
from textual.command import CommandList, CommandPalette

from tests.tui.conftest import HOSTILE_TITLE
from tests.tui.helpers import plain, screen_text, search, settle, sync
from tests.tui.test_safety_layout import screen_links
from tui.app import BriefApp
from tui.commands import find_titles, title_query

SIZE = (120, 40)


async def palette(pilot, typed: str) -> CommandList:  # type: ignore[no-untyped-def]
    """Open the palette, type into it, wait for every provider (and the title worker)."""
    await pilot.press("ctrl+p")
    await settle(pilot)
    assert CommandPalette.is_open(pilot.app)
    for ch in typed:
        await pilot.press("space" if ch == " " else ch)
    for _ in range(3):
        await settle(pilot)
        await pilot.pause(0.1)
    return pilot.app.screen.query_one(CommandList)


def prompts(commands: CommandList) -> list[str]:
    return [str(option.prompt) for option in commands.options]


@sync
async def test_palette_opens_a_brief_by_its_title(samples_index: Path) -> None:
    app = BriefApp(samples_index)
    async with app.run_test(size=SIZE) as pilot:
        commands = await palette(pilot, "awards tran")  # the last word unfinished
        shown = prompts(commands)
        assert shown and shown[0].startswith("SDA Awards Tranche 3 Tracking Layer")
        assert "brief · 2025-08-14 · Orbital Watch" in shown[0]
        await pilot.press("enter")
        await settle(pilot)
        assert not CommandPalette.is_open(app)
        assert app.screen.current_id
        assert plain(app.screen.query_one("#title")).startswith("SDA Awards Tranche 3")


@sync
async def test_palette_titles_are_text_and_never_markup(hostile_index: Path) -> None:
    app = BriefApp(hostile_index)
    async with app.run_test(size=SIZE) as pilot:
        commands = await palette(pilot, "quit")  # a word of the hostile title (and a command)
        titles = [o for o in commands.options if HOSTILE_TITLE in str(o.prompt)]
        assert len(titles) == 1
        assert HOSTILE_TITLE in screen_text(app)
        assert "\x1b" not in screen_text(app)
        assert screen_links(app) == []
        assert isinstance(titles[0].hit.prompt, Text)  # Textual parses a str prompt as markup
        commands.highlighted = commands.get_option_index(titles[0].id)
        await pilot.press("enter")
        await settle(pilot)
        assert app.is_running and app.return_code is None
        assert plain(app.screen.query_one("#title")).startswith(HOSTILE_TITLE)


@sync
async def test_palette_commands_sort_and_toggle_panes(samples_index: Path) -> None:
    app = BriefApp(samples_index)
    async with app.run_test(size=SIZE) as pilot:
        await search(pilot, "tracking layer")
        assert "by relevance" in plain(app.screen.query_one("#status"))
        commands = await palette(pilot, "sort by date")
        assert prompts(commands)[0] == "Sort by date\nresults are sorted by relevance now"
        await pilot.press("enter")
        await settle(pilot)
        assert "by date" in plain(app.screen.query_one("#status"))
        await palette(pilot, "show related")
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen.query_one("#related").has_focus


@sync
async def test_palette_runs_an_earlier_search_again(samples_index: Path, tmp_path: Path) -> None:
    history = tmp_path / "searches.json"
    history.write_text(json.dumps(["golden dome", "vulcan"]), encoding="utf-8")
    app = BriefApp(samples_index, history)
    async with app.run_test(size=SIZE) as pilot:
        commands = await palette(pilot, "")
        shown = prompts(commands)
        assert "search again: vulcan" in shown and "search again: golden dome" in shown
        commands = await palette_type(pilot, "golden")
        assert prompts(commands)[0] == "search again: golden dome"
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen.query_one("#search").value == "golden dome"
        assert int(plain(app.screen.query_one("#status")).split()[0]) >= 1


async def palette_type(pilot, typed: str) -> CommandList:  # type: ignore[no-untyped-def]
    """Type into the palette that is already open."""
    for ch in typed:
        await pilot.press("space" if ch == " " else ch)
    for _ in range(3):
        await settle(pilot)
        await pilot.pause(0.1)
    return pilot.app.screen.query_one(CommandList)


@sync
async def test_palette_over_the_help_screen_closes_it_first(samples_index: Path) -> None:
    app = BriefApp(samples_index)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("tab", "question_mark")
        assert type(app.screen).__name__ == "HelpScreen"
        await palette(pilot, "awards tran")
        await pilot.press("enter")
        await settle(pilot)
        assert type(app.screen).__name__ == "MainScreen"
        assert plain(app.screen.query_one("#title")).startswith("SDA Awards")


def test_title_search_takes_the_last_word_as_a_prefix(samples_index: Path) -> None:
    assert title_query("golden do") == "title:golden"  # too short a prefix yet: left out
    assert title_query("do") == "title:do"
    assert title_query("Golden dom") == "title:Golden title:dom*"
    assert title_query("[@click=app.quit]") == "title:click title:app title:quit*"
    found = find_titles(samples_index, "golden dom")
    assert found and all("golden dome" in hit.title.lower() for hit in found)
    assert find_titles(samples_index, "the") == []  # a stop word alone: nothing, no error


@sync
async def test_palette_reindex_finds_a_new_file_without_a_restart(small_corpus: Path, isolated: Path) -> None:
    from briefs.config import load_settings
    from tui.cli import ensure_index

    (isolated / "config.yaml").write_text(f"folders:\n  - {small_corpus}\n", encoding="utf-8")
    settings = load_settings()
    ensure_index(settings)
    app = BriefApp(settings.index_dir, None, settings)
    async with app.run_test(size=SIZE) as pilot:
        await search(pilot, "quokkaville")
        assert plain(app.screen.query_one("#status")).startswith("0 briefs")
        (small_corpus / "new-brief.md").write_text(
            "---\ntitle: Quokkaville opens a spaceport\ndate: 2026-02-02\n---\n\nQuokkaville now launches rockets.\n",
            encoding="utf-8",
        )
        await palette(pilot, "re-index")
        await pilot.press("enter")
        status = app.screen.query_one("#index-status")
        for _ in range(200):
            await settle(pilot)
            if "1 new" in plain(status):
                break
        assert "Indexed: 1 new" in plain(status)  # the background run's summary line
        await settle(pilot)
        assert plain(app.screen.query_one("#status")).startswith("1 brief")
