"""`/` in the reader: find text in the open brief, move between matches, back to the hits."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.tui.helpers import marked, open_in_reader, plain, search, sync
from tests.tui.reader_briefs import MARKDOWN, build_index
from tui.app import BriefApp
from tui.widgets.findbar import FindBar, find_all
from tui.widgets.reader import CURRENT_STYLE, HIT_STYLE


@pytest.fixture(scope="module")
def markdown_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_index(tmp_path_factory.mktemp("reader-find"), {"quarzite.md": MARKDOWN})


async def type_text(pilot, text: str) -> None:  # type: ignore[no-untyped-def]
    for ch in text:
        await pilot.press({" ": "space", "/": "slash", "[": "left_square_bracket", "]": "right_square_bracket", ".": "full_stop"}.get(ch, ch))
    await pilot.pause()


def test_find_is_literal_and_ignores_case() -> None:
    texts = ["The Plan and the PLAN.", "a.c is not abc", "İstanbul plan"]
    assert find_all(texts, "plan") == [(0, 4, 8), (0, 17, 21), (2, 9, 13)]
    assert find_all(texts, "a.c") == [(1, 0, 3)]
    assert find_all(texts, "[/]") == [] and find_all(texts, "") == []


@sync
async def test_slash_finds_text_and_enter_n_shift_n_move_between_matches(markdown_index: Path) -> None:
    app = BriefApp(markdown_index)
    async with app.run_test(size=(120, 40)) as pilot:
        reader = await open_in_reader(pilot, "quarzite")
        hits = marked(reader, HIT_STYLE)
        await pilot.press("slash")
        bar = reader.query_one(FindBar)
        assert bar.display and bar.has_focus
        await type_text(pilot, "QUARZITE")
        # Any case, and also inside `quarzite_count` in the code block, which the search
        # index reads as another word: 7 matches where the search has 6 hits.
        assert [w.lower() for w in marked(reader, HIT_STYLE) + marked(reader, CURRENT_STYLE)] == ["quarzite"] * 7
        assert len(reader.hits) == 6
        assert reader.match_label == "1 of 7"
        assert plain(reader.query_one("#reader-status")).startswith("1 of 7 matches for QUARZITE")
        await pilot.press("enter")  # keep the matches, go to the page
        assert reader.page.has_focus and bar.display
        await pilot.press("enter")
        assert reader.match_label == "2 of 7"
        await pilot.press("n", "n", "n", "n", "n")
        assert reader.match_label == "7 of 7"
        assert marked(reader, CURRENT_STYLE) == ["Quarzite"]  # the table's cell
        await pilot.press("n")
        assert reader.match_label == "1 of 7"  # wraps
        await pilot.press("N")
        assert reader.match_label == "7 of 7"
        await pilot.press("escape")  # closes the bar: the search hits are back
        assert not bar.display and reader.page.has_focus
        assert marked(reader, HIT_STYLE) == hits
        assert plain(reader.query_one("#reader-status")).startswith(f"{len(reader.hits)} hits")
        await pilot.press("n")
        assert reader.hit_label == f"1 of {len(reader.hits)}"
        await pilot.press("escape")  # with the bar closed, Escape goes back to the search box
        assert app.screen.focused is app.screen.query_one("#search")


@sync
async def test_nothing_found_and_markup_looking_text_are_harmless(markdown_index: Path) -> None:
    app = BriefApp(markdown_index)
    async with app.run_test(size=(80, 24)) as pilot:
        reader = await open_in_reader(pilot, "quarzite")
        await pilot.press("slash")
        await type_text(pilot, "q.z")
        bar = reader.query_one(FindBar)
        assert reader.matches == [] and bar.has_class("-none")
        assert "no match for q.z" in plain(reader.query_one("#reader-status"))
        await pilot.press("escape")
        await pilot.press("slash")
        assert bar.value == ""
        await type_text(pilot, "[/]")
        assert reader.match_label == "1 of 2"  # "danger[/]" and "x[/]", found as text
        assert {w for w in marked(reader, HIT_STYLE) + marked(reader, CURRENT_STYLE)} == {"[/]"}
        assert app.is_running


@sync
async def test_find_scrolls_to_a_match_far_down(samples_index: Path) -> None:
    app = BriefApp(samples_index)
    async with app.run_test(size=(80, 24)) as pilot:
        reader = await open_in_reader(pilot, "golden dome cost")
        await pilot.press("slash")
        await type_text(pilot, "appropriat")
        await pilot.press("enter")
        total = len(reader.matches)
        assert total >= 3
        await pilot.press("N")  # the last match, near the end of the brief
        await pilot.pause()
        assert reader.match_label == f"{total} of {total}"
        assert reader.page.scroll_y > 0
