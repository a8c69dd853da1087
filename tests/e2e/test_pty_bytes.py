"""The raw bytes `brief` writes to a terminal never carry a hostile brief's control sequences.

The installed command runs in a pseudo-terminal (100x30, TERM=xterm-256color) on an index of
briefs whose title, source, tags, marking and body hold OSC 52 clipboard writes, OSC 8 links,
CSI sequences, C1 controls and Rich/Textual markup. We search, open one, show its key facts
and related briefs, quit, and look at every byte the app wrote. Textual's own escape
sequences are expected; the brief's payloads are recognised by their unique parameters.
"""

from __future__ import annotations

import base64
import errno
import fcntl
import os
import pty
import re
import select
import signal
import struct
import termios
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.helpers import require_brief

pytestmark = pytest.mark.e2e

CLIPBOARD = base64.b64encode(b"h5 clipboard payload: rm -rf ~").decode()  # "aDUgY2xpcGJv…"
LINK = "https://h5-evil.example/osc8-target"
OSC52 = f"\x1b]52;c;{CLIPBOARD}\x07"
OSC8 = f"\x1b]8;;{LINK}\x1b\\link text\x1b]8;;\x1b\\"
CSI = "\x1b[31;4242m\x1b[7777;7777H\x1b[2J"
C1 = "\x9b31;4343m\x9d0;h5-c1-title\x9c"
MARKUP = ("[bold red]", "[/]", "[@click=app.quit]")

HOSTILE = f"""---
title: "[bold red]Zorblax[/] [@click=app.quit]quit[/] \\e]52;c;{CLIPBOARD}\\a\\e[31;4242mX"
date: 2026-02-03
source: "[@click=app.bell]Zorblax Wire[/]"
author: "Ana \\x9b31;4343mOkafor"
tags: ["[b]zorblax[/b]", "\\e]8;;{LINK}\\e\\\\tag"]
marking: "[blink]SECRET[/] \\e[7777;7777H"
---

Quibblewick: Zorblax Dynamics said on Monday [/] that [@click=app.quit]click me[/] {OSC52} and {OSC8}.

The Zorblax Orbital Research Board (ZORB) met in Washington {CSI} with the Space Development
Agency and Zorblax Dynamics about the [bold red]budget[/] {C1} of $4.2 billion.
"""

RELATED = """---
title: "Zorblax Dynamics and the Space Development Agency [/]"
date: 2026-02-10
source: Zorblax Wire
---

Zorblax Dynamics told the Space Development Agency in Washington that the Zorblax Orbital
Research Board (ZORB) would review the $4.2 billion budget.
"""

COLUMNS, ROWS = 100, 30
_SEQUENCES = re.compile(rb"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-_]")


def text_of(raw: bytes) -> str:
    """The printable text in terminal output: escape sequences removed."""
    return _SEQUENCES.sub(b"", raw).decode("utf-8", "replace")


@pytest.fixture(scope="module")
def hostile_home(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Config, cache and data folders for a corpus of two hostile briefs, already indexed."""
    from briefs.config import load_settings
    from tui.cli import ensure_index

    home = tmp_path_factory.mktemp("pty-home")
    folder = home / "corpus"
    folder.mkdir()
    (folder / "zorblax.md").write_text(HOSTILE, encoding="utf-8")
    (folder / "zorblax-board.md").write_text(RELATED, encoding="utf-8")
    env = {"BRIEF_CONFIG": str(home / "config.yaml"), "BRIEF_CACHE_DIR": str(home / "cache"),
           "BRIEF_DATA_DIR": str(home / "data")}
    Path(env["BRIEF_CONFIG"]).write_text(f"folders: [{str(folder)!r}]\n", encoding="utf-8")
    with pytest.MonkeyPatch.context() as mp:  # module scope: before the autouse `isolated`
        for key, value in env.items():
            mp.setenv(key, value)
        mp.delenv("BRIEF_INDEX_DIR", raising=False)
        mp.delenv("BRIEF_CORPUS", raising=False)
        assert ensure_index(load_settings()) == 2
    return {"HOME": str(home), **env}


class PtyApp:
    """`brief` in a pseudo-terminal: keys in, every byte out kept."""

    def __init__(self, argv: list[str], env: dict[str, str]) -> None:
        pid, fd = pty.fork()
        if pid == 0:  # the child: size the terminal, then become `brief`
            try:
                fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLUMNS, 0, 0))
                os.execve(argv[0], argv, env)
            finally:
                os._exit(127)
        self.pid, self.fd, self.out = pid, fd, bytearray()
        self.status: int | None = None

    def read(self, timeout: float) -> bool:
        """Read what is ready within `timeout`; False once the app has closed the terminal."""
        ready, _, _ = select.select([self.fd], [], [], timeout)
        if not ready:
            return True
        try:
            chunk = os.read(self.fd, 65536)
        except OSError as exc:  # EIO: the child has gone and the pty is closed
            if exc.errno != errno.EIO:
                raise
            chunk = b""
        self.out += chunk
        return bool(chunk)

    def wait_for(self, pattern: str, since: int = 0, timeout: float = 60) -> int:
        """Wait until `pattern` shows in the text written after byte `since`; its end offset."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if re.search(pattern, text_of(bytes(self.out[since:]))):
                return len(self.out)
            if not self.read(0.2):
                break
        tail = text_of(bytes(self.out[-3000:]))
        raise AssertionError(f"{pattern!r} never appeared (exit {self.status}); last text:\n{tail}")

    def quiet(self, gap: float = 0.5, timeout: float = 30) -> None:
        """Read until the app has written nothing for `gap` seconds (it is idle)."""
        deadline, last = time.monotonic() + timeout, -1
        while time.monotonic() < deadline and len(self.out) != last:
            last = len(self.out)
            if not self.read(gap):
                return

    def send(self, keys: str) -> None:
        os.write(self.fd, keys.encode())

    def finish(self, timeout: float = 30) -> int:
        """Read until the app exits; its exit status."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and self.read(0.2):
            pass
        for _ in range(int(timeout * 10)):
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.status = os.waitstatus_to_exitcode(status)
                break
            time.sleep(0.1)
        os.close(self.fd)
        assert self.status is not None, "brief did not exit"
        return self.status

    def kill(self) -> None:
        if self.status is None:
            try:
                os.kill(self.pid, signal.SIGKILL)
                os.waitpid(self.pid, 0)
            except (ChildProcessError, ProcessLookupError):
                pass


@pytest.fixture(scope="module")
def app_bytes(hostile_home: dict[str, str]) -> Iterator[bytes]:
    """Run the whole session once and hand over every byte `brief` wrote."""
    brief = require_brief()
    env = {"PATH": "/usr/bin:/bin", "TERM": "xterm-256color", "LANG": "C.UTF-8", **hostile_home}
    app = PtyApp([str(brief)], env)
    try:
        mark = app.wait_for(r"Search briefs", timeout=90)
        for ch in "quibblewick":  # a word of the hostile brief alone
            app.send(ch)
        mark = app.wait_for(r"1 brief · by relevance", mark)
        app.send("\r")  # to the results
        app.quiet()
        app.send("\r")  # open it
        mark = app.wait_for(r"\[blink\]SECRET\[/\]", mark)  # its marking banner (reader only)
        app.send("p")  # the key-facts pane (100 columns: in place of the results)
        mark = app.wait_for(r"Key facts", mark)
        app.send("t")  # related briefs
        app.wait_for(r"Related briefs", mark)
        app.wait_for(r"Zorblax Dynamics and the", mark, timeout=15)
        app.send("\x11")  # ctrl+q
        assert app.finish() == 0
        yield bytes(app.out)
    finally:
        app.kill()


def test_no_payload_from_a_brief_reaches_the_terminal(app_bytes: bytes) -> None:
    assert b"\x1b]52" not in app_bytes  # no clipboard write at all
    assert re.search(rb"\x1b\]8;[^\x07\x1b]*h5-evil", app_bytes) is None  # no link to the target
    for seq in ("\x1b[31;4242m", "\x1b[7777;7777H", "\x9b31;4343m", "\x9d0;h5-c1-title"):
        for form in (seq.encode("utf-8"), seq.encode("latin-1")):  # C1 as UTF-8 or as raw bytes
            assert form not in app_bytes, seq
    decoded = app_bytes.decode("utf-8", "replace")
    c1 = sorted({f"U+{ord(c):04X}" for c in decoded if "\x80" <= c <= "\x9f"})
    assert not c1, f"C1 controls written to the terminal: {c1}"


def test_payloads_and_markup_show_as_plain_text(app_bytes: bytes) -> None:
    text = text_of(app_bytes)
    for markup in MARKUP:
        assert markup in text, markup
    assert "[@click=app.quit]click me[/]" in text
    assert "[blink]SECRET[/]" in text  # the marking banner, literally
    assert "[@click=app.bell]Zorblax Wire[/]" in text
    assert f"\ufffd]52;c;{CLIPBOARD[:12]}" in text  # the clipboard write, shown inert
    assert "\ufffd[31;4242m" in text
