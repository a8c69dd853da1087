"""Fixtures for end-to-end tests: the samples index in the test's own folders, a terminal."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.helpers import BRIEF, Terminal

BRIEF_VARS = ("BRIEF_CONFIG", "BRIEF_CACHE_DIR", "BRIEF_DATA_DIR")


@pytest.fixture
def brief_env(isolated: Path) -> dict[str, str]:
    """BRIEF_* variables naming this test's folders, with the samples already indexed there."""
    from briefs.config import load_settings
    from tui.cli import ensure_index

    ensure_index(load_settings())  # no corpus configured: the bundled samples
    return {k: os.environ[k] for k in BRIEF_VARS}


@pytest.fixture
def terminal(isolated: Path, tmp_path: Path) -> Iterator[Terminal]:
    """A 100x30 tmux terminal (TERM=xterm-256color) with a bare shell; killed afterwards."""
    term = Terminal({"PATH": f"{BRIEF.parent}:/usr/bin:/bin", "HOME": str(isolated),
                     "TERM": "xterm-256color", "LANG": "C.UTF-8"}, tmp_path)
    try:
        yield term
    finally:
        term.close()
