"""The reader renders Markdown briefs for reading, with hits and facts on the right words."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.text import Text
from textual.app import App, ComposeResult
from textual.content import Content
from textual.widgets import Static

from tests.tui.helpers import marked, plain, screen_text, search, settle, sync
from tests.tui.reader_briefs import MARKDOWN, build_index, stored_markdown
from tests.tui.test_safety_layout import screen_links
from tui.app import BriefApp
from tui.widgets.reader import CURRENT_STYLE, FOCUS_STYLE, HIT_STYLE, Reader


@pytest.fixture(scope="module")
def markdown_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_index(tmp_path_factory.mktemp("reader-md"), {"quarzite.md": MARKDOWN})


def body_lines(reader: Reader) -> list[str]:
    return [line for block in reader.page.query(".block") for line in block.content.plain.splitlines()]


async def open_quarzite(pilot) -> Reader:  # type: ignore[no-untyped-def]
    await search(pilot, "quarzite")
    await pilot.press("enter", "enter")
    await settle(pilot)
    return pilot.app.screen.query_one(Reader)


@sync
async def test_markdown_brief_is_rendered_and_hits_land_on_their_words(markdown_index: Path) -> None:
    app = BriefApp(markdown_index)
    async with app.run_test(size=(120, 40)) as pilot:
        reader = await open_quarzite(pilot)
        lines = body_lines(reader)
        assert "Quarzite programme overview" in lines and "Milestones" in lines
        assert "• First quarzite launch in March" in lines  # list item, bold and _emphasis_ rendered
        assert "▌ A quoted line on quarzite budgets." in lines
        assert "│ total = 2 * quarzite_count  # *not emphasis*" in lines  # code as typed
        assert any(line.startswith("Quarzite bus │") for line in lines)
        assert not any(line.lstrip().startswith(("#", "- ", "> ", "|", "```")) for line in lines)
        # Every hit is highlighted on the word "quarzite" itself, wherever it sits.
        words = marked(reader, HIT_STYLE)
        assert len(words) == len(reader.hits) >= 6
        assert {w.lower() for w in words} == {"quarzite"}
        screen = screen_text(app)
        assert "**" not in screen and "## Milestones" not in screen


@sync
async def test_n_moves_over_hits_in_bold_lists_quotes_and_tables(markdown_index: Path) -> None:
    app = BriefApp(markdown_index)
    async with app.run_test(size=(120, 40)) as pilot:
        reader = await open_quarzite(pilot)
        seen = []
        for _ in reader.hits:
            reader.jump(1)
            await pilot.pause()
            current = marked(reader, CURRENT_STYLE)
            assert len(current) == 1 and current[0].lower() == "quarzite"
            block = next(b for b in reader.page.query(".block") if any(str(s.style) == CURRENT_STYLE for s in b.content.spans))
            span = next(s for s in block.content.spans if str(s.style) == CURRENT_STYLE)
            seen.append(block.content.plain[: span.end].splitlines()[-1])
        assert seen[0] == "Quarzite"  # the heading
        assert "• First quarzite" in seen and "  1. nested step about quarzite" in seen
        assert seen[-1] == "Quarzite"  # the table's first cell
        assert any(line.startswith("▌ A quoted line on quarzite") for line in seen)


@sync
async def test_bold_words_are_shown_bold_though_the_body_holds_no_stars(markdown_index: Path) -> None:
    app = BriefApp(markdown_index)
    async with app.run_test(size=(120, 40)) as pilot:
        reader = await open_quarzite(pilot)
        assert "**" not in reader.body and "\ufdd0" not in reader.body and "\ufdd1" not in reader.body
        bold = marked(reader, "bold")
        assert "centrepiece" in bold and "quarzite" in bold  # a paragraph's and a list item's
        assert "The Quarzite sensor is the centrepiece of the plan" in " ".join(body_lines(reader))


class ReaderApp(App[None]):
    """Only the reader, for bodies written directly in the test."""

    def compose(self) -> ComposeResult:
        yield Reader(id="reader")


@sync
async def test_hits_and_a_sentence_inside_bold_and_list_items_are_marked_exactly() -> None:
    body = "Intro with **very strong quarzite** words.\n\n- item one\n- item *with quarzite* inside\n\nA closing sentence.\n"
    hits = [(body.index("quarzite"), body.index("quarzite") + 8), (body.rindex("quarzite"), body.rindex("quarzite") + 8)]
    bold_span = (body.index("**very"), body.index("words") - 1)  # "**very strong quarzite**", markers included
    app = ReaderApp()
    async with app.run_test(size=(80, 20)) as pilot:
        reader = app.query_one(Reader)
        await reader.show(stored_markdown(body), hits)
        await pilot.pause()
        assert marked(reader, HIT_STYLE) == ["quarzite", "quarzite"]
        assert "Intro with very strong quarzite words." in body_lines(reader)
        assert "• item with quarzite inside" in body_lines(reader)
        reader.show_span(*bold_span)
        await pilot.pause()
        assert marked(reader, FOCUS_STYLE) == ["very strong quarzite"]
        reader.show_span(body.index("item *with"), body.index("inside") + 6)
        await pilot.pause()
        assert marked(reader, FOCUS_STYLE) == ["item with quarzite inside"]
        reader.jump(-1)
        await pilot.pause()
        assert marked(reader, CURRENT_STYLE) == ["quarzite"]
        assert reader.hit_label == "2 of 2"


@sync
async def test_plain_text_briefs_are_shown_as_written() -> None:
    body = "# not a heading\n\n**stars** and - dashes stay\n"
    app = ReaderApp()
    async with app.run_test(size=(80, 20)) as pilot:
        reader = app.query_one(Reader)
        stored = stored_markdown(body)
        stored["meta"]["format"] = "text"
        await reader.show(stored, [(body.index("stars"), body.index("stars") + 5)])
        await pilot.pause()
        assert body_lines(reader) == ["# not a heading", "**stars** and - dashes stay"]
        assert marked(reader, HIT_STYLE) == ["stars"]


@sync
async def test_hostile_markdown_and_links_show_as_harmless_text(markdown_index: Path) -> None:
    app = BriefApp(markdown_index)
    async with app.run_test(size=(120, 40)) as pilot:
        reader = await open_quarzite(pilot)
        reader.page.focus()
        await pilot.press("G")
        await pilot.pause()
        text = " ".join(body_lines(reader))
        assert "[bold red]danger[/] words[4]" in text and "[@click=app.quit]x[/]" in text
        assert "javascript link, local file," in text  # words kept, no number, no target
        assert "tricky \ufffd(0 words\ufffd[5]" in text
        screen = screen_text(app)
        assert "[bold red]danger[/]" in screen and "javascript link" in screen
        assert "javascript:" not in screen and "file:" not in screen
        assert "\x1b" not in screen and "\x07" not in screen
        listing = plain(reader.query_one("#links-list"))
        assert "https://example.com/\ufffd" not in listing and "31mred" not in listing and "SGVsbG8" not in listing
        assert "osc url and [@click=app.quit]x[/]." in text  # the OSC-carrying link: words only
        assert screen_links(app) == []
        for offset in ((2, 1), (10, 3), (30, 5)):
            await pilot.click("#page", offset=offset)
        await pilot.pause()
        assert app.is_running and app.return_code is None
        for static in app.screen.query(Static):
            assert isinstance(static.content, (Text, Content)) or static.content == "", static
