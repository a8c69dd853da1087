"""Highlighting in the reader: a keyboard selection by sentence and word, the mouse, the
comment dialog, the marks on screen, and highlights that are still there after reopening."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, Static

from briefs.notes.anchor import find_passage
from tests.tui.helpers import settle, sync
from tests.tui.notes_support import HIGHLIGHT_STYLE, SELECTION_STYLE, SIZE, app_with_notes, marked, open_brief, other_store
from tui import passages
from tui.bodyview import render_body
from tui.screens.dialogs import LineInput
from tui.widgets.reader import CURRENT_STYLE, HIT_STYLE
from tui.widgets.selection import MARKED_CLASS

QUERY = "dark eagle battery"


@sync
async def test_a_keyboard_selection_becomes_a_highlight_that_survives_reopening(samples_index: Path) -> None:
    app = app_with_notes(samples_index)
    async with app.run_test(size=SIZE) as pilot:
        reader = await open_brief(pilot, QUERY)
        first, second = passages.sentences(reader.body)[:2]
        await pilot.press("v")
        await pilot.pause()
        assert marked(reader, SELECTION_STYLE) == [reader.body[first[0]:first[1]]]
        assert "selected" in reader.query_one("#reader-status", Static).content.plain
        await pilot.press("right_square_bracket")  # one more sentence
        await pilot.pause()
        assert reader.selection == (first[0], second[1])
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, LineInput)
        await pilot.press(*"why it matters", "enter")
        await settle(pilot)
        brief_id = app.screen.current_id
        assert marked(reader, HIGHLIGHT_STYLE) == [reader.body[first[0]:second[1]]]
        assert marked(reader, SELECTION_STYLE) == [] and reader.selection is None
        assert any(b.has_class(MARKED_CLASS) for b in reader.page.query(".block"))
        assert "1 highlight" in reader.query_one("#header", Static).content.plain
    with other_store() as store:
        saved = store.highlights(brief_id)
    assert [(h.start, h.end, h.text, h.comment) for h in saved] == [
        (first[0], second[1], reader.body[first[0]:second[1]], "why it matters")]

    again = app_with_notes(samples_index)  # a new session: the highlight is read back
    async with again.run_test(size=SIZE) as pilot:
        reader = await open_brief(pilot, QUERY)
        assert again.screen.current_id == brief_id
        assert marked(reader, HIGHLIGHT_STYLE) == [saved[0].text]


@sync
async def test_v_starts_at_the_current_hit_and_words_move_the_end(samples_index: Path) -> None:
    app = app_with_notes(samples_index)
    async with app.run_test(size=SIZE) as pilot:
        reader = await open_brief(pilot, QUERY)
        spans = passages.sentences(reader.body)
        # a hit neither in the first sentence nor in the last (so both ends can move)
        k = next(i for i, h in enumerate(reader.hits) if 0 < passages.sentence_at(spans, h[0]) < len(spans) - 1)
        await pilot.press(*["n"] * (k + 1))
        hit = reader.hits[reader.current]
        await pilot.press("v")
        await pilot.pause()
        start, end = reader.selection
        assert start <= hit[0] and hit[1] <= end
        assert marked(reader, SELECTION_STYLE) == [reader.body[start:end]]
        assert marked(reader, HIT_STYLE) == [] and marked(reader, CURRENT_STYLE) == []  # hits hidden meanwhile
        await pilot.press("right_parenthesis")
        await pilot.pause()
        grown = reader.selection[1]
        assert grown > end and reader.body[end:grown].strip() and " " not in reader.body[end:grown].strip()
        await pilot.press("left_parenthesis", "left_parenthesis")
        await pilot.pause()
        shrunk = reader.body[start:reader.selection[1]]
        assert len(shrunk.split()) == len(reader.body[start:end].split()) - 1
        await pilot.press("left_curly_bracket")  # the start one sentence earlier
        await pilot.pause()
        assert reader.selection[0] < start


@sync
async def test_escape_drops_the_selection_and_the_comment_dialog_can_be_cancelled(samples_index: Path) -> None:
    app = app_with_notes(samples_index)
    async with app.run_test(size=SIZE) as pilot:
        reader = await open_brief(pilot, QUERY)
        await pilot.press("v", "escape")
        await pilot.pause()
        assert reader.selection is None and marked(reader, SELECTION_STYLE) == []
        assert marked(reader, HIT_STYLE)  # the search hits are back
        await pilot.press("v", "h")
        await pilot.pause()
        assert isinstance(app.screen, LineInput)
        await pilot.press("escape")  # no highlight; the selection stays to adjust
        await settle(pilot)
        assert reader.selection is not None
        brief_id = app.screen.current_id
    with other_store() as store:
        assert store.highlights(brief_id) == []


@sync
async def test_text_selected_with_the_mouse_is_highlighted_with_h(samples_index: Path) -> None:
    app = app_with_notes(samples_index)
    async with app.run_test(size=SIZE) as pilot:
        reader = await open_brief(pilot, QUERY)
        first, second = list(reader.page.query(".block").results(Static))[:2]
        # a drag from the 5th column of the first paragraph to the 2nd line of the next
        await pilot.mouse_down(first, offset=(5, 0))
        await pilot.hover(second, offset=(10, 1))
        await pilot.mouse_up(second, offset=(10, 1))
        await pilot.pause()
        selected = app.screen.get_selected_text()  # what Textual itself says is selected
        assert selected and "\n" in selected
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, LineInput)
        app.screen.query_one(Input).value = ""
        await pilot.press("enter")
        await settle(pilot)
        brief_id = app.screen.current_id
        assert app.screen.selections == {}  # the mouse selection is used up
    with other_store() as store:
        (saved,) = store.highlights(brief_id)
    assert " ".join(saved.text.split()) == " ".join(selected.split())
    assert saved.comment == ""


def test_sentences_skip_abbreviations_and_stop_at_headings_and_list_items() -> None:
    body = ("# Title line\n\nThe U.S. Army met Lt. Gen. Calloway on Monday. It agreed.\n"
            "- first item\n- second item ends here\n\nLast one? Yes!")
    found = [body[s:e] for s, e in passages.sentences(body)]
    assert found == ["# Title line", "The U.S. Army met Lt. Gen. Calloway on Monday.", "It agreed.",
                     "- first item", "- second item ends here", "Last one?", "Yes!"]
    spans = passages.sentences(body)
    start, end = spans[1]
    assert passages.move_end_by_sentence(spans, start, end, 1) == spans[2][1]
    assert passages.move_end_by_sentence(spans, start, end, -1) == end  # never before the start
    assert passages.move_end_by_word(body, start, end, -1) == body.index(" on Monday") + 3
    assert passages.move_start_by_sentence(spans, start, end, -1) == spans[0][0]
    assert passages.trimmed(body, end, end + 1) is None and passages.trimmed(body, end, end + 3) == (end + 1, end + 3)


def test_screen_positions_map_back_to_the_body_through_markdown() -> None:
    body = "Intro with **very strong quarzite** words.\n\n- item *with quarzite* inside\n"
    pieces = render_body(body, markdown=True, width=60)
    rendered = pieces[0].rendered
    plain = rendered.plain
    a = plain.index("very")
    b = plain.index("words") + len("words")
    start, end = passages.body_start(rendered, a), passages.body_end(rendered, b)
    assert body[start:end] == "very strong quarzite** words"
    (span,) = find_passage(body, "item *with quarzite* inside")
    item = next(p for p in pieces if p.start <= span[0] < p.end).rendered
    s, e = item.span(*span)
    assert item.plain[s:e] == "item with quarzite inside"
    assert body[passages.body_start(item, s):passages.body_end(item, e)] == "item *with quarzite* inside"
    assert passages.position("ab\ncd\nef", 1, 2) == 7
