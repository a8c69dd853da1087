"""Helpers for end-to-end tests: required tools, a tmux terminal, waiting for text."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest

BRIEF = Path(sys.executable).parent / "brief"
"""The installed `brief` command of this virtual environment (absolute: no PATH lookup)."""


def require(what: str, found: object, why: str) -> None:
    """Skip when a tool is missing; fail under BRIEF_CI=1, where .ci/run installs it."""
    if found:
        return
    if os.environ.get("BRIEF_CI"):
        pytest.fail(f"{what} is missing in CI: {why}")
    pytest.skip(f"{what} is not available ({why})")


def require_brief() -> Path:
    require(str(BRIEF), BRIEF.exists(), "install the project: python3 dev.py test")
    return BRIEF


def free_port() -> int:
    """A TCP port on 127.0.0.1 that was free a moment ago."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_until(check, timeout: float, what: str, poll: float = 0.1):  # type: ignore[no-untyped-def]
    """Call `check()` until it returns something truthy; fail after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        found = check()
        if found:
            return found
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")
        time.sleep(poll)


class Terminal:
    """One tmux session of a fixed size, running a bare shell with the given environment."""

    def __init__(self, env: dict[str, str], folder: Path, width: int = 100, height: int = 30) -> None:
        require("tmux", shutil.which("tmux"), "apt-get install tmux; .ci/run installs it")
        self.name = f"brief-e2e-{uuid.uuid4().hex[:8]}"
        self.socket = folder / "tmux.sock"
        self.width, self.height = width, height
        exports = " ".join(f"{k}={v}" for k, v in env.items())
        self.tmux("new-session", "-d", "-s", self.name, "-x", str(width), "-y", str(height),
                  f"env -i {exports} bash --norc --noprofile")

    def tmux(self, *args: str) -> str:
        # A server of our own, its socket in the test's folder: tests running in parallel never
        # race to start the shared server, and nothing is left behind in /tmp/tmux-UID.
        return subprocess.run(["tmux", "-S", str(self.socket), "-f", "/dev/null", *args],
                              capture_output=True, text=True, check=True).stdout

    def run(self, line: str) -> None:
        """Type a command line into the shell and press Enter."""
        self.tmux("send-keys", "-t", self.name, "-l", line)
        self.tmux("send-keys", "-t", self.name, "Enter")

    def type(self, text: str) -> None:
        """Type text literally, as a user would."""
        self.tmux("send-keys", "-t", self.name, "-l", text)

    def press(self, *keys: str) -> None:
        """Press keys by tmux name: Enter, Escape, Tab, C-q …"""
        for key in keys:
            self.tmux("send-keys", "-t", self.name, key)

    def screen(self) -> str:
        """The visible screen as text, one line per row."""
        return self.tmux("capture-pane", "-p", "-t", self.name)

    def wait_for(self, pattern: str, timeout: float = 60) -> str:
        """The screen once `pattern` (a regular expression) shows on it."""
        return self.wait_screen(lambda screen: bool(re.search(pattern, screen)), repr(pattern), timeout)

    def wait_screen(self, check: Callable[[str], bool], what: str, timeout: float = 60) -> str:
        """The screen once `check(screen)` holds."""
        last = [""]

        def probe() -> str:
            last[0] = self.screen()
            return last[0] if check(last[0]) else ""

        try:
            return wait_until(probe, timeout, what, poll=0.2)
        except AssertionError as exc:
            raise AssertionError(f"{exc}; the screen:\n{last[0]}") from None

    def wait_still(self, quiet: float = 0.5, timeout: float = 30) -> str:
        """The screen once it has not changed for `quiet` seconds (the app is idle)."""
        state = {"screen": self.screen(), "since": time.monotonic()}

        def probe() -> str:
            screen = self.screen()
            if screen != state["screen"]:
                state.update(screen=screen, since=time.monotonic())
            return screen if time.monotonic() - float(state["since"]) >= quiet else ""

        return wait_until(probe, timeout, "the screen to settle", poll=0.1)

    def close(self) -> None:
        subprocess.run(["tmux", "-S", str(self.socket), "kill-server"], capture_output=True)
        self.socket.unlink(missing_ok=True)
