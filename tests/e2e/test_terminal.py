"""End to end: the installed `brief` command in a real terminal (tmux), read off the screen."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e

BRIEF = Path(sys.executable).parent / "brief"


_socket: list[str] = []  # this test's own tmux server (tests run one at a time per process)


def tmux(*args: str) -> str:
    return subprocess.run(["tmux", "-S", _socket[-1], *args], capture_output=True, text=True, check=True).stdout


@pytest.fixture
def terminal(isolated: Path, tmp_path: Path):  # type: ignore[no-untyped-def]
    if not shutil.which("tmux"):
        pytest.skip("tmux is not installed (CI installs it)")
    if not BRIEF.exists():
        pytest.skip(f"{BRIEF} is not installed; run the tests through dev.py")
    name = f"brief-e2e-{uuid.uuid4().hex[:8]}"
    _socket.append(str(tmp_path / "tmux.sock"))  # a server of its own: parallel workers never race
    env = {k: os.environ[k] for k in ("BRIEF_CONFIG", "BRIEF_CACHE_DIR", "BRIEF_DATA_DIR")}
    exports = " ".join(f"{k}={v}" for k, v in env.items())
    tmux("new-session", "-d", "-s", name, "-x", "100", "-y", "30",
         f"env -i PATH={BRIEF.parent}:/usr/bin:/bin HOME={isolated} TERM=xterm-256color {exports} bash --norc --noprofile")
    try:
        yield name
    finally:
        subprocess.run(["tmux", "-S", _socket[-1], "kill-server"], capture_output=True)
        _socket.pop()


def screen_after(session: str, keys: str, expect: str, timeout: float = 60) -> str:
    if keys:
        tmux("send-keys", "-t", session, keys, "Enter")
    deadline = time.monotonic() + timeout
    screen = ""
    while time.monotonic() < deadline:
        screen = tmux("capture-pane", "-p", "-J", "-t", session)  # -J: join wrapped lines
        if re.search(expect, screen):
            return screen
        time.sleep(0.2)
    raise AssertionError(f"{expect!r} never appeared on screen:\n{screen}")


def test_search_the_bundled_samples_in_a_real_terminal(terminal: str) -> None:
    screen = screen_after(terminal, 'brief search "dark eagle" --limit 2; echo DONE-$?', r"DONE-\d")
    assert "DONE-0" in screen
    assert "Dark Eagle" in screen
    assert "briefs match" in screen and "samples" in screen
    raw = tmux("capture-pane", "-p", "-t", terminal).splitlines()
    assert all(len(line) <= 100 for line in raw)


def test_index_a_folder_then_find_it(terminal: str, small_corpus: Path) -> None:
    screen_after(terminal, f"brief index {small_corpus}; echo INDEXED-$?", "INDEXED-0")
    screen = screen_after(terminal, "clear; brief search glide notes; echo DONE-$?", "DONE-0")
    assert "Notes on hypersonic glide vehicles" in screen
    assert "glide-vehicles.txt" in screen


def test_the_app_searches_and_opens_a_brief_in_a_real_terminal(terminal: str) -> None:
    screen_after(terminal, "brief", r"Search briefs", timeout=90)
    tmux("send-keys", "-t", terminal, "dark eagle")
    screen = screen_after(terminal, "", r"\d+ briefs? · by relevance")
    assert "Dark Eagle" in screen
    tmux("send-keys", "-t", terminal, "Enter")  # to the results
    time.sleep(0.5)
    tmux("send-keys", "-t", terminal, "Enter")  # open the first
    screen = screen_after(terminal, "", r"hits? · n")
    assert "UNCLASSIFIED" in screen or "Dark Eagle" in screen
    assert "\x1b" not in screen
    tmux("send-keys", "-t", terminal, "Escape")
    tmux("send-keys", "-t", terminal, "C-q")
    screen_after(terminal, "", r"bash-\d")
