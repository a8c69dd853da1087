"""Markdown briefs: header blocks, clutter from web conversion, links, titles."""

from __future__ import annotations

from pathlib import Path

from briefs.load import load_file
from tests.conftest import FIXTURES


def load(path: Path):  # type: ignore[no-untyped-def]
    [brief] = load_file(str(path), rel=path.name)
    return brief


def test_header_block_fields_and_clutter_removed() -> None:
    brief = load(FIXTURES / "corpus" / "notes" / "budget.md")
    assert brief.title == "Missile defense budget overview"
    assert brief.date.isoformat() == "2025-01-15"
    assert brief.author == "Penrose, Lyle"
    assert brief.tags == ["Budget", "Missile Defense"]
    assert brief.url == "https://example.gov/reports/BR-2001"
    assert brief.key == "report:BR-2001"
    for clutter in ("Citation", "Listen", "Figure 1.", "illustration based on", "Share"):
        assert clutter not in brief.body, clutter
    assert "grows by 8% in FY2026" in brief.body
    assert "sensor coverage over Guam" in brief.body


def test_links_become_their_text_and_are_kept() -> None:
    brief = load(FIXTURES / "corpus" / "space" / "tracking-award.md")
    assert "See the agency statement for details." in brief.body
    assert ("agency statement", "https://example.com/sda-statement") in [(l.text, l.url) for l in brief.links]
    assert "](" not in brief.body


def test_title_falls_back_to_heading_then_file_name(tmp_path: Path) -> None:
    a = tmp_path / "a.md"
    a.write_text("Intro line\n\n## Second-level heading\n\ntext\n")
    assert load(a).title == "Second-level heading"
    b = tmp_path / "cable_summary-2026.md"
    b.write_text("---\nsource: x\n---\n\n")
    assert load(b).title == "cable summary 2026"


def test_plain_text_body_is_the_file_text_exactly(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    text = "Glide vehicle notes\r\n\r\nMach 5 and above.\tTabbed.\n"
    path.write_bytes(text.encode())
    brief = load(path)
    assert brief.title == "Glide vehicle notes"
    assert len(brief.body) == len(text)
    assert brief.body.index("Mach 5") == text.index("Mach 5")


def test_control_characters_never_survive_loading(tmp_path: Path) -> None:
    path = tmp_path / "evil.md"
    path.write_text(
        "---\ntitle: \"Evil \\e]52;c;aGk=\\a[@click=app.quit] title\"\n---\n"
        "Body \x1b[31mred\x1b[0m and \x9b bidi \u202e txt\n"
    )
    brief = load(path)
    for text in (brief.title, brief.body):
        assert not any(ch in text for ch in "\x1b\x07\x9b\u202e")
    assert "[@click=app.quit]" in brief.title  # kept as literal text, shown as such


def test_bold_runs_leave_the_body_and_their_words_are_kept_as_spans(tmp_path: Path) -> None:
    path = tmp_path / "bold.md"
    path.write_text(
        "---\ntitle: Bold test\n---\n"
        "The **Glide Phase Interceptor** passed review; __Japan__ joins. An odd ** stays out.\n\n"
        "- ***both*** marks, and a [**linked** word](https://example.com/x)\n",
        encoding="utf-8",
    )
    brief = load(path)
    assert "*" not in brief.body and "__" not in brief.body
    assert not set(brief.body) & {"\ufdd0", "\ufdd1"}
    # (a link's words are its text only: bold inside a link label is not kept)
    assert [brief.body[s:e] for s, e in brief.strong] == ["Glide Phase Interceptor", "Japan", "both"]
    assert "a linked word" in brief.body


def test_a_file_holding_the_marks_characters_keeps_its_text_and_no_bold(tmp_path: Path) -> None:
    path = tmp_path / "marks.md"
    path.write_text("# Marks\n\nText with \ufdd0 and **bold**.\n", encoding="utf-8")
    brief = load(path)
    assert "Text with \ufdd0 and bold." in brief.body and brief.strong == []


def test_a_bold_first_heading_gives_a_plain_title(tmp_path: Path) -> None:
    path = tmp_path / "heading.md"
    path.write_text("# The **Big** Launch\n\nBody text.\n", encoding="utf-8")
    brief = load(path)
    assert brief.title == "The Big Launch" and "Big Launch" not in brief.body
