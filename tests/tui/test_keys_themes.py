"""Keys remapped in the config file; themes (ANSI, from config and palette); NO_COLOR."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from rich.segment import Segment
from textual.widget import Widget

from briefs.config import load_settings
from tests.tui.helpers import configured, plain, search, settle, sync
from tui import keymap, themes
from tui.app import BriefApp
from tui.widgets.results import ResultList

SIZE = (120, 40)


@pytest.fixture(autouse=True)
def full_colour_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """A terminal that reports full colour, unless a test says otherwise (the theme depends on it)."""
    monkeypatch.setenv("COLORTERM", "truecolor")


def notes(app: BriefApp) -> list[str]:
    return [str(n.message) for n in app._notifications]


def segments(app: BriefApp) -> list[tuple[int, Segment]]:
    """(row, segment) for everything on screen, after Textual's colour filters."""
    return [(y, seg) for y, strip in enumerate(app.screen._compositor.render_strips()) for seg in strip]


def cells(app: BriefApp, widget: Widget, inner: bool = True) -> list[tuple[int, Segment]]:
    """(row in the widget, segment) for the non-blank segments inside the widget (its border when not `inner`)."""
    region = widget.region.shrink((1, 2, 1, 2)) if inner else widget.region
    out = []
    for y, strip in enumerate(app.screen._compositor.render_strips()):
        x = 0
        for seg in strip:
            if region.y <= y < region.bottom and region.x <= x < region.right and seg.text.strip():
                out.append((y - widget.region.y, seg))
            x += seg.cell_length
    return out


def in_row(app: BriefApp, widget: Widget, row: int, inner: bool = True) -> list[Segment]:
    return [seg for y, seg in cells(app, widget, inner) if y == row]


def option_segments(app: BriefApp, widget: Widget, index: int) -> list[Segment]:
    """The segments that show one option of a list."""
    return [seg for _, seg in cells(app, widget) if seg.style and seg.style.meta.get("option") == index]


def status(app: BriefApp) -> str:
    return plain(app.screen.query_one("#status"))


@sync
async def test_a_remapped_key_works_and_the_old_one_is_free(samples_index: Path) -> None:
    settings = configured("keys:\n  sort: z\n  command_palette: [f2, ctrl+k]\n  help: F1\n")
    app = BriefApp(samples_index, None, settings)
    async with app.run_test(size=SIZE) as pilot:
        await search(pilot, "tracking layer")
        await pilot.press("enter")  # to the results
        await pilot.press("s")
        await settle(pilot)
        assert "by relevance" in status(app)
        await pilot.press("z")
        await settle(pilot)
        assert "by date" in status(app)
        await pilot.press("f2")
        await settle(pilot)
        assert type(app.screen).__name__ == "CommandPalette"
        await pilot.press("escape")
        await pilot.press("f1")
        assert type(app.screen).__name__ == "HelpScreen"
        assert not [n for n in notes(app) if n.startswith("keys:")]


@sync
async def test_bad_key_entries_warn_in_one_line_each_and_the_app_runs(samples_index: Path) -> None:
    settings = configured(
        "keys:\n"
        "  nonsense: x\n"  # no such action
        "  sort: ctrl+wibble\n"  # no such key
        "  filter: {a: b}\n"  # not a key
        "  back: [z, x]\n"
        "  forward: x\n"  # x is back's now
        "  help: hyper+  \n"
        "theme: no-such-theme\n"
    )
    app = BriefApp(samples_index, None, settings)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        warned = notes(app)
        assert any("unknown action 'nonsense'" in n for n in warned)
        assert any(n.startswith("keys: sort: 'wibble' is not a key name") for n in warned)
        assert any(n.startswith("keys: filter: give a key or a list of keys") for n in warned)
        assert any(n.startswith("keys: forward: x is already given to back") for n in warned)
        assert any(n.startswith("keys: help:") for n in warned)
        assert any("theme: 'no-such-theme' is not a theme" in n for n in warned)
        assert all("\n" not in n for n in warned)
        assert app.theme == themes.DEFAULT
        await search(pilot, "tracking layer")
        await pilot.press("enter", "s")  # sort kept its own key
        await settle(pilot)
        assert "by date" in status(app)
        assert app.is_running


@sync
async def test_a_key_taken_from_another_action_is_reported(samples_index: Path) -> None:
    app = BriefApp(samples_index, None, configured("keys:\n  sort: t\n"))  # t shows facts/related
    async with app.run_test(size=SIZE) as pilot:
        await search(pilot, "tracking layer")
        await pilot.press("enter", "t")
        await settle(pilot)
        assert "by date" in status(app)
        assert "keys: sort: t was the key of toggle_side, which loses it" in notes(app)


def test_key_names_are_checked_and_normalised() -> None:
    known = keymap.actions()
    assert {"sort", "filter", "clear_filters", "help", "quit", "command_palette", "next_hit"} <= set(known)
    mapped, warnings = keymap.parse({"help": "?", "quit": ["ctrl+Q", "F10"], "sort": "ctrl+shift+s"}, known)
    assert mapped == {"help": "question_mark", "quit": "ctrl+q,f10", "sort": "ctrl+shift+s"}
    assert warnings == []
    for bad in ("", "ctrl+", "cmd+s", "space bar", "ctrl+banana"):
        assert keymap.key_problem(bad), bad
    for good in ("a", "G", "?", "f12", "pageup", "ctrl+left", "shift+tab", "question_mark"):
        assert not keymap.key_problem(good), good


@sync
async def test_theme_from_config_and_from_the_palette_is_remembered(samples_index: Path) -> None:
    settings = configured("theme: ansi\n")
    app = BriefApp(samples_index, None, settings)
    async with app.run_test(size=SIZE) as pilot:
        assert app.theme == themes.ANSI
        await pilot.press("ctrl+p")
        for ch in "change theme":
            await pilot.press("space" if ch == " " else ch)
        await settle(pilot)
        await pilot.pause(0.1)
        await pilot.press("enter")  # Textual's theme list
        await settle(pilot)
        for ch in "nord":
            await pilot.press(ch)
        await settle(pilot)
        await pilot.pause(0.1)
        await pilot.press("enter")
        await settle(pilot)
        assert app.theme == "nord"
    app = BriefApp(samples_index, None, load_settings(corpus="samples"))  # next session
    assert app.theme == "nord"
    app = BriefApp(samples_index, None, configured("theme: gruvbox\n"))  # the config changed since
    assert app.theme == "gruvbox"


def test_a_terminal_of_16_colours_starts_in_the_ansi_theme(samples_index: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TERM", "xterm")
    monkeypatch.delenv("COLORTERM", raising=False)
    monkeypatch.delenv("TEXTUAL_COLOR_SYSTEM", raising=False)
    assert BriefApp(samples_index, None, configured("")).theme == themes.ANSI
    assert BriefApp(samples_index, None, configured("theme: textual-light\n")).theme == "textual-light"
    monkeypatch.setenv("COLORTERM", "truecolor")
    assert BriefApp(samples_index, None, configured("")).theme == themes.DEFAULT


@sync
async def test_ansi_theme_uses_only_the_terminals_own_colours(samples_index: Path, in_colour: None) -> None:
    app = BriefApp(samples_index, None, configured("theme: brief-ansi\n"))
    async with app.run_test(size=SIZE) as pilot:
        await search(pilot, "tracking layer")
        await pilot.press("enter", "enter")
        await settle(pilot)
        colours = {c for _, seg in segments(app) if seg.style for c in (seg.style.color, seg.style.bgcolor) if c}
        assert colours and all(c.is_default or (c.number is not None and c.number < 16) for c in colours), colours
        invisible = [seg.text for _, seg in segments(app) if seg.text.strip() and seg.style and seg.style.color
                     and not seg.style.color.is_default and seg.style.color == seg.style.bgcolor]
        assert invisible == []  # no text in the colour of its own background


@pytest.mark.parametrize("theme", [themes.ANSI, themes.DEFAULT])
def test_no_color_means_no_colour_and_states_still_show(samples_index: Path, theme: str) -> None:
    assert os.environ.get("NO_COLOR")  # tests/conftest.py sets it for every test

    @sync
    async def run() -> None:
        app = BriefApp(samples_index, None, configured(f"theme: {theme}\n"))
        async with app.run_test(size=SIZE) as pilot:
            await search(pilot, "tracking layer")
            await pilot.press("enter", "enter")  # the first result opens; the list keeps the focus
            await settle(pilot)
            results = app.screen.query_one(ResultList)
            assert results.has_focus
            shown = segments(app)
            for _, seg in shown:
                if seg.style:
                    for colour in (seg.style.color, seg.style.bgcolor):
                        assert colour is None or colour.is_default, (seg.text, seg.style)
            first, second = option_segments(app, results, 0), option_segments(app, results, 1)
            assert first and all(seg.style.underline for seg in first), first  # the cursor: underlined
            assert all(seg.style.bold for seg in in_row(app, results, 1))  # and bold
            assert second and not any(seg.style.underline for seg in second), second
            border = "".join(seg.text for seg in in_row(app, results, 0, inner=False))
            assert set(border) <= set("┏━┓")  # the focused pane: a heavy border
            await pilot.press("escape")  # focus to the search box: the list's row is underlined
            await settle(pilot)
            assert all(seg.style.underline for seg in option_segments(app, results, 0))
            assert set("".join(seg.text for seg in in_row(app, results, 0, inner=False))) <= set("╭─╮")
            assert any(seg.text.strip() == "UNCLASSIFIED" and seg.style and seg.style.reverse for _, seg in shown)

    run()


def test_keys_and_theme_of_the_wrong_shape_are_reported_not_fatal(samples_index: Path) -> None:
    settings = configured("keys: [sort, z]\ntheme: [dark]\n")
    assert settings.keys == {} and settings.theme == ""
    app = BriefApp(samples_index, None, settings)
    assert any(w.endswith("keys: must map action names to keys; ignored") for w in app.warnings)
    assert any(w.endswith("theme: must be a theme name; ignored") for w in app.warnings)
    assert app.theme == themes.DEFAULT
