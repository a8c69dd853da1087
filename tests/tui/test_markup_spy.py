"""No text from a brief is ever parsed as markup, in any widget, pane, toast or title.

Textual 8.2.8 parses a plain `str` as markup in Static, Label, OptionList, Tree, DataTable,
`border_title`, `notify` and command-palette hits (HAZARDS.md). Every one of those paths
goes through `Content.from_markup` or `rich.markup.render`; a spy on both records each
string handed over as markup (with or without brackets in it). The app is then driven through every pane on briefs whose every
field holds the word "Zorblax": no parsed string may contain it. The first test proves the
spy sees each widget's path, so the second cannot pass by missing them.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.app import App, ComposeResult
from textual.widgets import DataTable, Label, OptionList, Static, Tree

from tests.tui.conftest import MARKER
from tests.tui.helpers import screen_text, search, settle, sync
from tui.app import BriefApp
from tui.messages import OpenBrief


@pytest.fixture
def markup_spy(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every string that Textual or Rich is asked to read as markup from now on."""
    import rich.console
    import rich.markup
    from textual.content import Content

    seen: list[str] = []
    from_markup, render = Content.from_markup.__func__, rich.markup.render  # type: ignore[attr-defined]

    def spy_from_markup(cls, markup, **variables):  # type: ignore[no-untyped-def]
        if isinstance(markup, str):  # (a Content is passed through untouched)
            seen.append(markup)
        return from_markup(cls, markup, **variables)

    def spy_render(markup, *args, **kwargs):  # type: ignore[no-untyped-def]
        seen.append(str(markup))
        return render(markup, *args, **kwargs)

    monkeypatch.setattr(Content, "from_markup", classmethod(spy_from_markup))
    monkeypatch.setattr(rich.markup, "render", spy_render)
    monkeypatch.setattr(rich.console, "render_markup", spy_render)
    return seen


def marked(seen: list[str]) -> list[str]:
    return [s for s in seen if MARKER in s.casefold()]


class Bare(App[None]):
    def compose(self) -> ComposeResult:
        yield Static(id="static")
        yield OptionList(id="options")
        yield Tree("root", id="tree")
        yield DataTable(id="table")


WIDGET_PATHS: dict[str, Callable[[Bare, str], object]] = {
    "Static.update": lambda app, s: app.query_one("#static", Static).update(s),
    "Label": lambda app, s: app.mount(Label(s)),
    "border_title": lambda app, s: setattr(app.query_one("#static"), "border_title", s),
    "border_subtitle": lambda app, s: setattr(app.query_one("#static"), "border_subtitle", s),
    "OptionList.add_option": lambda app, s: app.query_one(OptionList).add_option(s),
    "Tree.add_leaf": lambda app, s: app.query_one(Tree).root.add_leaf(s),
    "DataTable.add_row": lambda app, s: (app.query_one(DataTable).add_column("c"),
                                         app.query_one(DataTable).add_row(s)),
    "notify": lambda app, s: app.notify(s),
    "tooltip": lambda app, s: setattr(app.query_one("#static"), "tooltip", s),
}


@pytest.mark.parametrize("path", WIDGET_PATHS)
@sync
async def test_the_spy_sees_a_plain_string_in_every_widget_path(path: str, markup_spy: list[str]) -> None:
    app = Bare()
    async with app.run_test(size=(80, 24), tooltips=True, notifications=True) as pilot:
        result = WIDGET_PATHS[path](app, f"plain {MARKER} title")
        if hasattr(result, "__await__"):
            await result  # type: ignore[misc]
        await pilot.pause()
        await pilot.hover("#static")
        await pilot.pause(0.6)  # tooltips render after a hover delay
    assert marked(markup_spy), f"{path}: a plain str was not seen by the spy"


@sync
async def test_no_brief_text_is_parsed_as_markup_anywhere(marked_index: Path, markup_spy: list[str]) -> None:
    app = BriefApp(marked_index)
    async with app.run_test(size=(120, 40), tooltips=True, notifications=True) as pilot:
        await search(pilot, MARKER, typed=True)  # results: titles, sources, dates, snippets
        assert "2 briefs" in screen_text(app)
        await pilot.press("enter", "enter")  # open the first: title, marking, header, body
        await settle(pilot)
        for key in ("n", "t", "down", "enter", "t", "down", "enter", "b"):  # hits, facts, related
            await pilot.press(key)
            await settle(pilot)
        await pilot.press("ctrl+f")  # facet filters: sources, tags, entities
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("ctrl+p")  # the command palette: briefs by title
        await settle(pilot)
        for ch in MARKER:
            await pilot.press(ch)
        await pilot.pause(0.5)
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        app.screen.post_message(OpenBrief(f"{MARKER}-gone"))  # a failure toast naming the id
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        assert app.is_running
    assert markup_spy, "the spy saw nothing: is it still wired to Textual's markup parser?"
    assert marked(markup_spy) == [], "brief text reached a widget as a markup string"
