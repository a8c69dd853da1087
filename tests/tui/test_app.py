"""Pilot tests of the main flows: search, open, hits, facts, related and back, errors, help."""

from __future__ import annotations

from pathlib import Path

from tests.tui.helpers import marked, plain, screen_text, search, settle, sync
from tui.app import BriefApp
from tui.widgets.facts import FactsPane
from tui.widgets.reader import CURRENT_STYLE, FOCUS_STYLE, HIT_STYLE, Reader
from tui.widgets.related import RelatedPane
from tui.widgets.results import ResultList

SIZE = (120, 40)


async def open_first(pilot) -> Reader:  # type: ignore[no-untyped-def]
    """Focus the results, press Enter on the first one, wait for the reader."""
    await pilot.press("enter")  # from the search box to the results
    await pilot.press("enter")  # open the highlighted result
    await settle(pilot)
    return pilot.app.screen.query_one(Reader)


@sync
async def test_typing_a_query_shows_results(samples_index: Path) -> None:
    app = BriefApp(samples_index)
    async with app.run_test(size=SIZE) as pilot:
        await search(pilot, "tracking layer", typed=True)
        results = app.screen.query_one(ResultList)
        assert results.option_count >= 5
        status = plain(app.screen.query_one("#status"))
        assert "briefs" in status and status.split()[0].isdigit()
        assert "Tracking Layer" in screen_text(app)


@sync
async def test_did_you_mean_when_nothing_matches(samples_index: Path) -> None:
    app = BriefApp(samples_index)
    async with app.run_test(size=SIZE) as pilot:
        await search(pilot, "trackng")
        status = plain(app.screen.query_one("#status"))
        assert status.startswith("0 briefs")
        assert "did you mean: tracking" in status


@sync
async def test_open_result_shows_title_and_highlighted_hit(samples_index: Path) -> None:
    app = BriefApp(samples_index)
    async with app.run_test(size=SIZE) as pilot:
        await search(pilot, "tracking layer")
        reader = await open_first(pilot)
        first_id = app.screen.current_id
        assert first_id
        title = plain(reader.query_one("#title"))
        assert "Tracking Layer" in title
        assert title[:30] in screen_text(app)
        assert reader.query_one("#marking").display  # this sample is marked UNCLASSIFIED
        assert "UNCLASSIFIED" in plain(reader.query_one("#marking"))
        hit_words = marked(reader, HIT_STYLE)
        assert hit_words and all(w.lower().startswith(("track", "layer")) for w in hit_words), hit_words


@sync
async def test_n_and_shift_n_move_between_hits(samples_index: Path) -> None:
    app = BriefApp(samples_index)
    async with app.run_test(size=SIZE) as pilot:
        await search(pilot, "tracking layer")
        reader = await open_first(pilot)
        total = len(reader.hits)
        assert total > 3
        await pilot.press("n")
        assert reader.hit_label == f"1 of {total}"
        assert plain(reader.query_one("#reader-status")).startswith(f"hit 1 of {total}")
        await pilot.press("n", "n")
        assert reader.hit_label == f"3 of {total}"
        await pilot.press("N")
        assert reader.hit_label == f"2 of {total}"
        assert marked(reader, CURRENT_STYLE)
        await pilot.press("N", "N")  # wraps to the last hit
        assert reader.hit_label == f"{total} of {total}"
        await pilot.pause()
        assert reader.page.scroll_y > 0  # the last hit is further down


@sync
async def test_a_hit_already_on_screen_leaves_the_page_and_its_header_where_they_are(samples_index: Path) -> None:
    """As in a pager: n on a hit in view moves the mark, not the page (the header with the
    source, date and link stays readable); a hit below the screen scrolls it into view."""
    app = BriefApp(samples_index)
    async with app.run_test(size=SIZE) as pilot:
        await search(pilot, "tracking layer")
        reader = await open_first(pilot)
        await pilot.press("n")
        await pilot.pause()
        assert reader.hit_label.startswith("1 of ") and reader.page.scroll_y == 0
        assert reader.query_one("#header").region.height > 0
        for _ in range(len(reader.hits)):  # on to a hit further down than the first screen
            if reader.page.scroll_y > 0:
                break
            await pilot.press("n")
            await pilot.pause()
        assert reader.page.scroll_y > 0


@sync
async def test_enter_on_a_fact_scrolls_to_its_sentence(samples_index: Path) -> None:
    app = BriefApp(samples_index)
    async with app.run_test(size=SIZE) as pilot:
        await search(pilot, "tracking layer")
        reader = await open_first(pilot)
        facts = app.screen.query_one(FactsPane)
        assert facts.option_count > 5
        facts.focus()
        await pilot.press("G")  # the last fact: keywords or key sentences, far down
        await pilot.press("enter")
        await pilot.pause()
        assert reader.focus_span is not None
        start, end = reader.focus_span
        sentence = reader.body[start:end]
        assert marked(reader, FOCUS_STYLE) == [sentence]
        last = max(facts._groups, key=lambda key: facts._groups[key].first.start)
        assert facts._groups[last].first.start > 1500
        facts.highlighted = facts.get_option_index(last)
        await pilot.press("enter")
        await pilot.pause()
        assert reader.focus_span and reader.focus_span[0] > 1500
        sentence = reader.body[reader.focus_span[0]:reader.focus_span[1]]
        assert marked(reader, FOCUS_STYLE) == [sentence]
        assert reader.page.scroll_y > 0


@sync
async def test_related_open_and_back(samples_index: Path) -> None:
    app = BriefApp(samples_index)
    async with app.run_test(size=SIZE) as pilot:
        await search(pilot, "tracking layer")
        await open_first(pilot)
        first_id = app.screen.current_id
        first_title = plain(app.screen.query_one("#title"))
        await pilot.press("t")  # facts -> related (and focus it)
        related = app.screen.query_one(RelatedPane)
        assert related.has_focus and related.option_count >= 1
        assert "Related" in plain(app.screen.query_one("#side-title"))
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen.current_id != first_id
        assert plain(app.screen.query_one("#title")) != first_title
        await pilot.press("b")
        await settle(pilot)
        assert app.screen.current_id == first_id
        assert plain(app.screen.query_one("#title")) == first_title
        await pilot.press("B")  # and forward again
        await settle(pilot)
        assert app.screen.current_id != first_id


@sync
async def test_malformed_query_shows_error_and_app_survives(samples_index: Path) -> None:
    app = BriefApp(samples_index)
    async with app.run_test(size=SIZE) as pilot:
        await search(pilot, "title:(tracking")
        status = app.screen.query_one("#status")
        assert status.has_class("-error")
        assert "never closed" in plain(status)
        await search(pilot, "[/] [@click=app.quit]x")  # markup-looking query: no crash
        await search(pilot, "tracking")
        assert not status.has_class("-error")
        assert app.screen.query_one(ResultList).option_count > 0
        assert app.is_running


@sync
async def test_sort_help_escape_and_quit(samples_index: Path) -> None:
    app = BriefApp(samples_index)
    async with app.run_test(size=SIZE) as pilot:
        await search(pilot, "tracking")
        await pilot.press("down")
        await pilot.press("tab")  # the results to the reader
        await pilot.press("s")
        await settle(pilot)
        assert "by date" in plain(app.screen.query_one("#status"))
        await pilot.press("question_mark")
        assert type(app.screen).__name__ == "HelpScreen"
        assert "next / previous search hit" in screen_text(app)
        await pilot.press("escape")
        assert type(app.screen).__name__ == "MainScreen"
        await pilot.press("escape")
        assert app.screen.focused is app.screen.query_one("#search")
        await pilot.press("tab")
        await pilot.press("q")
    assert app.return_code == 0


@sync
async def test_up_and_down_recall_earlier_searches_across_sessions(samples_index: Path, tmp_path: Path) -> None:
    history = tmp_path / "searches.json"
    app = BriefApp(samples_index, history)
    async with app.run_test(size=SIZE) as pilot:
        for query in ("vulcan", "golden dome"):
            box = app.screen.query_one("#search")
            box.value = query
            await pilot.press("enter")
            await settle(pilot)
            box.focus()
    app = BriefApp(samples_index, history)  # a new session
    async with app.run_test(size=SIZE) as pilot:
        box = app.screen.query_one("#search")
        await pilot.press("up")
        assert box.value == "golden dome"
        await pilot.press("up")
        assert box.value == "vulcan"
        await pilot.press("down", "down")
        assert box.value == ""


@sync
async def test_a_fact_becomes_a_corpus_search(samples_index: Path) -> None:
    app = BriefApp(samples_index)
    async with app.run_test(size=SIZE) as pilot:
        await search(pilot, "dark eagle")
        await open_first(pilot)
        facts = app.screen.query_one(FactsPane)
        facts.focus()
        await pilot.pause()
        await pilot.press("slash")
        await settle(pilot)
        query = app.screen.query_one("#search").value
        assert query.split(":")[0] in {"person", "org", "place", "programme"}
        status = plain(app.screen.query_one("#status"))
        assert status.split()[0].isdigit() and int(status.split()[0]) >= 1
