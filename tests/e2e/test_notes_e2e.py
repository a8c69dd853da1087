"""End to end: in a real terminal (tmux), the installed `brief` opens a brief, a passage is
highlighted with the keyboard, a note is written in $EDITOR (the app hands the terminal
over and takes it back), and the export dialog writes Markdown holding the passage as a
block quote with its citation."""

from __future__ import annotations

import re
import stat
from pathlib import Path

import pytest

from tests.e2e.helpers import Terminal, require_brief

pytestmark = pytest.mark.e2e


def test_highlight_a_passage_write_a_note_and_export_it(brief_env: dict[str, str], terminal: Terminal, tmp_path: Path) -> None:
    require_brief()
    work = tmp_path / "work"
    work.mkdir()
    editor = tmp_path / "editor.sh"  # stands in for vim: writes the note and exits 0
    editor.write_text('#!/bin/sh\nprintf "Written in the editor: check the FY2027 line.\\n" > "$1"\n', encoding="utf-8")
    editor.chmod(editor.stat().st_mode | stat.S_IXUSR)
    exports = " ".join(f"{k}={v}" for k, v in brief_env.items())
    terminal.run(f"cd {work} && {exports} EDITOR={editor} brief")
    terminal.wait_for(r"Search briefs", timeout=90)
    terminal.type("dark eagle battery")
    terminal.wait_for(r"\d+ briefs? · by relevance")
    terminal.press("Enter")  # to the results
    terminal.press("Enter")  # open the first
    terminal.wait_for(r"hits? · n")
    terminal.press("Tab")  # from the results to the reader
    terminal.type("v")
    terminal.wait_for(r"selected \d+ words")
    terminal.type("]")
    terminal.press("Enter")
    terminal.wait_for(r"A comment \(optional\)")
    terminal.type("the second battery")
    terminal.press("Enter")
    terminal.wait_for(r"Highlighted paragraph \d+, line \d+")

    terminal.type("E")  # $EDITOR runs in the terminal, then the app comes back
    terminal.wait_for(r"Note saved")
    terminal.type("x")
    terminal.wait_for(r"Export notes and highlights to Markdown")
    terminal.press("C-s")  # this brief, to the suggested file in the current folder
    screen = terminal.wait_for(r"Wrote 1 brief to")
    assert "\x1b" not in screen
    terminal.press("C-q")
    terminal.wait_for(r"bash-\d")

    (written,) = list(work.glob("*.md"))
    text = written.read_text(encoding="utf-8")
    front = re.match(r"---\n(.*?)\n---\n", text, re.S)
    assert front and "type: notes" in front.group(1) and "brief_id:" in front.group(1)
    title = re.search(r"^title: (.+)$", front.group(1), re.M).group(1)  # type: ignore[union-attr]
    brief_id = re.search(r"^brief_id: (.+)$", front.group(1), re.M).group(1).strip("'\"")  # type: ignore[union-attr]
    assert "Dark Eagle" in title
    quote = [line for line in text.splitlines() if line.startswith("> ")]
    assert quote and quote[0].startswith("> The U.S. Army has activated a second Long-Range Hypersonic Weapon")
    passage = " ".join(line[2:] for line in quote)
    assert passage.count(". ") >= 1  # two sentences: `v` took one, `]` added the next
    citation = re.search(r"^— (.+)$", text, re.M)
    assert citation and citation.group(1).startswith(title)
    assert re.search(rf"paragraph \d+, line \d+, characters \d+–\d+; brief {brief_id}", citation.group(1))
    assert "**Comment:** the second battery" in text
    assert "Written in the editor: check the FY2027 line." in text
