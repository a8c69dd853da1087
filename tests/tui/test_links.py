"""Which links the reader numbers, and the only ways one leaves the app."""

from __future__ import annotations

import webbrowser

import pytest

from tests.tui.reader_briefs import stored_markdown
from tui import links


@pytest.mark.parametrize(
    "url",
    ["https://example.com/a?b=c#d", "http://example.org", "HTTPS://EXAMPLE.COM/x", "https://例え.jp/パス"],
)
def test_http_and_https_urls_are_accepted(url: str) -> None:
    assert links.safe_url(url) == url


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)", "JavaScript:alert(1)", "file:///etc/passwd", "data:text/html,x",
        "mailto:a@example.com", "ftp://example.com/", "//example.com/x", "/relative/path", "#top",
        "--remote-debugging-port=9222", "https://", "http:///path", "http:\\\\evil.example",
        "https://example.com/\x1b]52;c;SGVsbG8=\x07", "https://example.com/\x1b[31m",
        "https://example.com/a b", "https://example.com/\u202etxt.exe", "https://example.com/\ufffd",
        "https://example.com/\x9b31m", "https://[::1", "", None, 42, "https://example.com/" + "a" * 3000,
    ],
)
def test_other_schemes_controls_and_malformed_urls_are_refused(url: object) -> None:
    assert links.safe_url(url) is None


def test_links_are_numbered_header_first_then_in_reading_order() -> None:
    body = "The programme office said so. See https://example.org/x_y, and the office again.\n"
    stored = stored_markdown(
        body,
        url="https://example.com/brief",
        links=[
            ["programme office", "https://example.com/office"],
            ["bad one", "javascript:alert(1)"],
            ["office", "https://example.com/office"],  # the same URL keeps its number
            ["not in the body", "https://example.com/elsewhere"],
        ],
    )
    found, marks = links.collect(stored)
    assert [(l.number, l.url) for l in found] == [
        (1, "https://example.com/brief"),
        (2, "https://example.com/office"),
        (3, "https://example.org/x_y"),
        (4, "https://example.com/elsewhere"),
    ]
    assert found[1].text == "programme office"
    after = {body[:offset].split()[-1]: n for offset, n in marks.items()}
    assert after == {"office": 2, "https://example.org/x_y": 3}
    assert len(marks) == 3  # "programme office", the bare URL, "office" (again number 2)


def test_link_words_are_whole_words_and_cleaned() -> None:
    stored = stored_markdown(
        "Officers and the office met.\n",
        links=[["office", "https://example.com/o"], ["tricky \x1b(0 words", "https://example.com/t"]],
    )
    found, marks = links.collect(stored)
    assert list(marks) == [len("Officers and the office")]
    assert found[1].text == "tricky \ufffd(0 words"


def test_over_ssh_is_seen_from_the_environment() -> None:
    assert links.over_ssh({"SSH_CONNECTION": "10.0.0.1 5555 10.0.0.2 22"})
    assert links.over_ssh({"SSH_TTY": "/dev/pts/3"})
    assert not links.over_ssh({"DISPLAY": ":0"})


def test_launch_refuses_console_browsers_and_unsafe_urls(monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[str] = []

    class Console(webbrowser.GenericBrowser):
        def open(self, url: str, new: int = 0, autoraise: bool = True) -> bool:
            opened.append(url)
            return True

    class Graphical(webbrowser.BackgroundBrowser):
        def open(self, url: str, new: int = 0, autoraise: bool = True) -> bool:
            opened.append(url)
            return True

    monkeypatch.setattr(webbrowser, "get", lambda using=None: Console("lynx"))
    assert not links.launch("https://example.com/")  # it would draw over the app
    monkeypatch.setattr(webbrowser, "get", lambda using=None: Graphical("xdg-open"))
    assert not links.launch("javascript:alert(1)")
    assert links.launch("https://example.com/ok")
    assert opened == ["https://example.com/ok"]
