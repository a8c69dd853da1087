"""Facet filters one key away: ctrl+f picks a value, the clause shows in the search box."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.text import Text

from index.indexer import Indexer
from index.search import Searcher
from tests.index.conftest import write_briefs
from tests.tui.conftest import HOSTILE_TITLE
from tests.tui.helpers import plain, screen_text, search, settle, sync
from tui import facets
from tui.app import BriefApp
from tui.screens.filters import FilterScreen
from tui.widgets.keylist import KeyList
from tui.widgets.results import ResultList

SIZE = (120, 40)


@pytest.fixture(scope="module")
def wide_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """120 briefs made of sample sentences: common words match far more than 50 of them."""
    home = tmp_path_factory.mktemp("wide")
    write_briefs(home / "briefs", 120)
    Indexer(home / "index", 20 << 20, workers=1).run([home / "briefs"])
    return home / "index"


def total(app: BriefApp) -> int:
    return int(plain(app.screen.query_one("#status")).split()[0])


async def open_picker(pilot) -> FilterScreen:  # type: ignore[no-untyped-def]
    await pilot.press("ctrl+f")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, FilterScreen)
    return screen


async def choose(pilot, picker: FilterScreen, kind: str, label: str | None = None) -> facets.Value:  # type: ignore[no-untyped-def]
    """Highlight a value of `kind` (the first, or the one with `label`) and press Enter."""
    listing = picker.query_one(KeyList)
    index = next(i for i, v in enumerate(picker.values) if v.kind == kind and (label is None or v.label == label))
    listing.highlighted = listing.get_option_index(str(index))
    value = picker.values[index]
    await pilot.press("enter")
    await settle(pilot)
    return value


@sync
async def test_ctrl_f_lists_facets_and_a_choice_narrows_the_results(samples_index: Path) -> None:
    app = BriefApp(samples_index)
    async with app.run_test(size=SIZE) as pilot:
        await search(pilot, "tracking layer")
        before = total(app)
        picker = await open_picker(pilot)  # from the search box itself: one key
        headings = [o.prompt.plain for o in picker.query_one(KeyList).options if o.disabled]
        assert headings == ["Source (s)", "Tag (t)", "Year (y)", "Entity (e)"]
        assert "Source (s)" in screen_text(app) and "Defense Wire" in screen_text(app)
        tag = await choose(pilot, picker, "tag")
        box = app.screen.query_one("#search")
        assert box.value == f"tracking layer {tag.clause}"
        assert tag.clause.startswith('tag:"')
        assert tag.clause in screen_text(app)  # the filter is visible in the search box
        assert total(app) == tag.count < before
        picker = await open_picker(pilot)
        await pilot.press("y")  # jump to the years
        year = await choose(pilot, picker, "year")
        assert box.value == f"tracking layer {tag.clause} {year.clause}"
        assert 1 <= total(app) <= tag.count
        ids = [o.id for o in app.screen.query_one(ResultList).options if o.id]
        assert len(ids) == total(app)


@sync
async def test_clear_filters_by_key_and_from_the_picker(samples_index: Path) -> None:
    app = BriefApp(samples_index)
    async with app.run_test(size=SIZE) as pilot:
        await search(pilot, "tracking layer")
        before = total(app)
        picker = await open_picker(pilot)
        await choose(pilot, picker, "year")
        box = app.screen.query_one("#search")
        assert "date:" in box.value and total(app) < before
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert box.value == "tracking layer" and total(app) == before
        picker = await open_picker(pilot)
        await choose(pilot, picker, "entity")
        assert box.value != "tracking layer"
        await open_picker(pilot)
        await pilot.press("x")
        await settle(pilot)
        assert box.value == "tracking layer" and total(app) == before
        await open_picker(pilot)
        await pilot.press("escape")  # closes without touching the query
        await settle(pilot)
        assert box.value == "tracking layer"


@sync
async def test_filter_with_an_empty_search_box_counts_every_brief(samples_index: Path) -> None:
    with Searcher(samples_index) as searcher:
        briefs = searcher.doc_count
    app = BriefApp(samples_index)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        picker = await open_picker(pilot)  # nothing typed yet
        assert f"every brief ({briefs})" in screen_text(app)
        years = [v for v in picker.values if v.kind == "year"]
        sources = [v for v in picker.values if v.kind == "source"]
        assert sum(v.count for v in years) <= briefs and len(years) >= 2
        assert sum(v.count for v in sources) == briefs - undated_or_unsourced(samples_index, "source")
        assert any(v.kind == "entity" for v in picker.values)
        year = await choose(pilot, picker, "year", years[-1].label)  # the oldest year
        box = app.screen.query_one("#search")
        assert box.value == year.clause  # the filter alone: the briefs of that year
        assert total(app) == year.count
        ids = [o.id for o in app.screen.query_one(ResultList).options if o.id]
        assert len(ids) == min(year.count, 50)


def undated_or_unsourced(index_dir: Path, kind: str) -> int:
    """Briefs that have no value of this facet (they are in no row of the picker)."""
    with Searcher(index_dir) as searcher:
        results = searcher.search("*", limit=500, collapse=False, facets=False, time_limit=None)
    return sum(1 for hit in results.hits if not (hit.source if kind == "source" else hit.date))


@sync
async def test_entity_counts_cover_every_result_not_only_those_listed(wide_index: Path) -> None:
    app = BriefApp(wide_index)
    async with app.run_test(size=SIZE) as pilot:
        await search(pilot, "space")
        found = total(app)
        assert found > 50  # more briefs than the result list holds
        picker = await open_picker(pilot)
        top = next(v for v in picker.values if v.kind == "entity")
        assert top.count > 50  # counted over every result, not the 50 listed
        await choose(pilot, picker, "entity", top.label)
        assert app.screen.query_one("#search").value == f"space {top.clause}"
        assert top.count <= total(app) <= found  # (a name inside a longer one matches too)


@sync
async def test_hostile_facet_values_show_literally(hostile_index: Path) -> None:
    app = BriefApp(hostile_index)
    async with app.run_test(size=SIZE) as pilot:
        await search(pilot, "zanzibar")
        picker = await open_picker(pilot)
        text = screen_text(app)
        assert "[@click=app.bell]Wire[/]" in text and "[b]tag[/b]" in text
        assert all(isinstance(option.prompt, Text) for option in picker.query_one(KeyList).options)
        await choose(pilot, picker, "source")
        assert app.is_running
        assert app.screen.query_one("#search").value == 'zanzibar source:"[@click=app.bell]Wire[/]"'
        assert total(app) == 1  # the literal source, found again
        assert HOSTILE_TITLE in screen_text(app)  # still shown as text in the list


def test_clauses_are_added_once_and_cleared_together() -> None:
    query = facets.add_clause("missile OR rocket", facets.clause("source", 'Defense "Wire"'))
    assert query == '(missile OR rocket) source:"Defense Wire"'
    assert facets.add_clause(query, 'source:"Defense Wire"') == query
    query = facets.add_clause(query, facets.clause("entity", "Space Development Agency", "organisation"))
    query = facets.add_clause(query, facets.clause("year", "2025"))
    assert query.endswith('org:"Space Development Agency" date:2025')
    assert facets.remove_filters(query + " title:launch") == "(missile OR rocket) title:launch"
    assert facets.remove_filters('tag:"a b" date:[2025-01-01 to 2025-06-30] person:"X Y"') == ""
    assert not facets.has_filters("title:launch sources")
