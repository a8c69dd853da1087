"""Links in the reader: numbered, copied with `y` + number, opened with `o` + number (never
on an SSH server), and only http(s) links without controls ever leave the app."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.tui.helpers import open_in_reader, plain, settle, sync
from tests.tui.reader_briefs import HTML, MARKDOWN, NUMBERED, build_index, many_links
from tui import links as weblinks
from tui.app import BriefApp


@pytest.fixture(scope="module")
def links_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_index(
        tmp_path_factory.mktemp("reader-links"),
        {"quarzite.md": MARKDOWN, "linkheavy.md": many_links(12), "htmlhostile.html": HTML},
    )


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """URLs handed to the browser (none is really started); a local session by default."""
    calls: list[str] = []

    def launch(url: str) -> bool:
        calls.append(url)
        return True

    monkeypatch.setattr(weblinks, "launch", launch)
    for name in ("SSH_CONNECTION", "SSH_TTY", "SSH_CLIENT"):
        monkeypatch.delenv(name, raising=False)
    return calls


def notes(app: BriefApp) -> list[str]:
    return [n.message for n in app._notifications]


@sync
async def test_links_are_numbered_in_the_text_and_listed(links_index: Path, opened: list[str]) -> None:
    app = BriefApp(links_index)
    async with app.run_test(size=(120, 40)) as pilot:
        reader = await open_in_reader(pilot, "quarzite")
        assert [link.url for link in reader.links] == NUMBERED
        text = " ".join(b.content.plain for b in reader.page.query(".block"))
        assert "said the programme office[2]." in text and "https://example.org/schedule_2026_v2[3]." in text
        assert "https://example.com/quarzite-brief [1]" in plain(reader.query_one("#header"))
        listing = plain(reader.query_one("#links-list")).splitlines()
        assert listing[1:] == [
            "[1] https://example.com/quarzite-brief",
            "[2] programme office — https://example.com/office",
            "[3] https://example.org/schedule_2026_v2",
            "[4] [bold red]danger[/] words — https://example.net/ok",
            "[5] tricky \ufffd(0 words\ufffd — https://example.com/esc-text",
        ]
        await pilot.press("L")
        await pilot.pause()
        assert reader.page.scroll_y > 0
        assert opened == []


@sync
async def test_y_then_a_number_copies_the_link(links_index: Path, opened: list[str]) -> None:
    app = BriefApp(links_index)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_in_reader(pilot, "quarzite")
        await pilot.press("y")
        assert "copy link number" in plain(app.screen.query_one("#reader-status"))
        await pilot.press("4")  # five links: one digit is enough
        await pilot.pause()
        assert app.clipboard == "https://example.net/ok"
        assert notes(app)[-1] == "Copied link 4: https://example.net/ok"
        await pilot.press("y", "9")
        await pilot.pause()
        assert "no link 9" in plain(app.screen.query_one("#reader-status"))
        assert app.clipboard == "https://example.net/ok"
        await pilot.press("y", "escape")  # cancelled; Escape does nothing else
        assert app.screen.focused is app.screen.query_one("#page")
        assert opened == []


@sync
async def test_two_digit_numbers_wait_for_the_second_digit(links_index: Path, opened: list[str]) -> None:
    app = BriefApp(links_index)
    async with app.run_test(size=(120, 40)) as pilot:
        reader = await open_in_reader(pilot, "linkheavy")
        assert len(reader.links) == 12
        await pilot.press("y", "1")
        assert reader.link_keys_pending and app.clipboard == ""
        await pilot.press("2")
        assert app.clipboard == "https://example.com/src/12"
        await pilot.press("y", "1", "enter")
        assert app.clipboard == "https://example.com/src/1"
        await pilot.press("y", "1", "backspace", "7")
        assert app.clipboard == "https://example.com/src/7"


@sync
async def test_o_opens_a_browser_only_when_the_session_is_local(
    links_index: Path, opened: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    app = BriefApp(links_index)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_in_reader(pilot, "quarzite")
        await pilot.press("o", "2")
        await settle(pilot)
        assert opened == ["https://example.com/office"]
        assert notes(app)[-1] == "Opened link 2 in your browser: https://example.com/office"
        assert app.clipboard == ""
        monkeypatch.setenv("SSH_CONNECTION", "192.0.2.1 50000 192.0.2.2 22")
        await pilot.press("o", "3")
        await settle(pilot)
        assert opened == ["https://example.com/office"]  # not opened on the server
        assert app.clipboard == "https://example.org/schedule_2026_v2"
        assert "Over SSH" in notes(app)[-1] and notes(app)[-1].endswith("https://example.org/schedule_2026_v2")


@sync
async def test_without_a_graphical_browser_the_link_is_copied(links_index: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(weblinks, "launch", lambda url: False)
    for name in ("SSH_CONNECTION", "SSH_TTY", "SSH_CLIENT"):
        monkeypatch.delenv(name, raising=False)
    app = BriefApp(links_index)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_in_reader(pilot, "quarzite")
        await pilot.press("o", "1")
        await settle(pilot)
        assert app.clipboard == "https://example.com/quarzite-brief"
        assert notes(app)[-1].startswith("No graphical browser here, so copied link 1")


@sync
async def test_html_briefs_keep_their_text_and_number_only_web_links(links_index: Path, opened: list[str]) -> None:
    app = BriefApp(links_index)
    async with app.run_test(size=(120, 40)) as pilot:
        reader = await open_in_reader(pilot, "htmlhostile")
        assert [link.url for link in reader.links] == ["https://example.com/ok-html"]
        text = " ".join(b.content.plain for b in reader.page.query(".block"))
        assert "The htmlhostile report says click " in text and " here[1] and js words and file words." in text
        assert "\x1b" not in text and "\x07" not in text
        await pilot.press("y", "1")
        assert app.clipboard == "https://example.com/ok-html"
