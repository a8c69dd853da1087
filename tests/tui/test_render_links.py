"""`brief show` lists a brief's links with the reader's numbers, and only safe ones."""

from __future__ import annotations

from rich.console import Console

from tui.render import print_brief


def test_brief_show_numbers_links_like_the_reader() -> None:
    stored = {
        "id": "abc123",
        "title": "Links",
        "body": "Said the programme office, see https://example.org/schedule_2026_v2.\n",
        "meta": {
            "url": "https://example.com/quarzite-brief",
            "links": [
                ["programme office", "https://example.com/office"],
                ["javascript link", "javascript:alert(1)"],
                ["esc url", "https://example.com/\x1b[31mred"],
            ],
        },
    }
    console = Console(record=True, width=120, color_system=None)
    print_brief(console, stored)
    out = console.export_text()
    assert "  [1] <https://example.com/quarzite-brief>" in out
    assert "  [2] programme office <https://example.com/office>" in out
    assert "  [3] <https://example.org/schedule_2026_v2>" in out
    assert "javascript:" not in out and "\x1b" not in out and "31mred" not in out
