"""Finding brief files: loops, links leaving the corpus, pipes, hidden files."""

from __future__ import annotations

import os
import time
from pathlib import Path

from index.walk import walk


def test_walk_finds_briefs_and_reports_what_it_cannot_index(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    (root / "a" / "b").mkdir(parents=True)
    (root / "a" / "one.md").write_text("x")
    (root / "a" / "b" / "two.txt").write_text("x")
    (root / "a" / "photo.jpg").write_text("x")
    (root / ".git").mkdir()
    (root / ".git" / "hidden.md").write_text("x")
    (root / "a" / "loop").symlink_to(root / "a")  # directory loop
    (root / "a" / "b" / "up").symlink_to(root)  # and another
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "passwd.md").write_text("secret")
    (root / "escape.md").symlink_to(outside / "passwd.md")
    (root / "outdir").symlink_to(outside)
    (root / "broken.md").symlink_to(tmp_path / "gone.md")
    os.mkfifo(root / "pipe.md")
    started = time.monotonic()
    found, skipped = walk([root])
    assert time.monotonic() - started < 5
    rels = sorted(f.rel for f in found)
    assert rels == ["a/b/two.txt", "a/one.md"]
    reasons = {Path(s.path).name: s.reason for s in skipped}
    assert "outside the corpus" in reasons["escape.md"]
    assert "outside the corpus" in reasons["outdir"]
    assert "broken symlink" in reasons["broken.md"]
    assert "named pipe" in reasons["pipe.md"]


def test_symlink_inside_the_corpus_is_followed_once(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    (root / "real").mkdir(parents=True)
    (root / "real" / "x.md").write_text("x")
    (root / "alias.md").symlink_to(root / "real" / "x.md")
    found, skipped = walk([root])
    assert sorted(f.rel for f in found) == ["alias.md", "real/x.md"]
    assert not skipped


def test_single_files_and_missing_folders(tmp_path: Path) -> None:
    f = tmp_path / "one.md"
    f.write_text("x")
    found, skipped = walk([f, tmp_path / "nope"])
    assert [x.rel for x in found] == ["one.md"]
    assert skipped[0].reason == "folder not found"
