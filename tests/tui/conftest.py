"""Fixtures for the app's Pilot tests: the samples index built once per module."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefs.config import load_settings
from tui.cli import ensure_index

HOSTILE_TITLE = "[bold red]X[/] [@click=app.quit]quit[/]"
HOSTILE = f"""---
title: "{HOSTILE_TITLE} \\e]52;c;SGVsbG8=\\a \\e[31mred"
date: 2026-01-02
source: "[@click=app.bell]Wire[/]"
tags: ["[b]tag[/b]"]
marking: "[blink]SECRET[/]"
---

Zanzibar opening [/] and [@click=app.quit]click me[/] with \x1b[2J and \x1b]8;;http://x\x07link.

Zanzibar second paragraph about the Space Development Agency in Washington.
"""


@pytest.fixture(scope="module")
def samples_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled samples indexed once for the module (the app reads, never writes, it)."""
    home = tmp_path_factory.mktemp("samples")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("BRIEF_CONFIG", str(home / "config.yaml"))
        mp.setenv("BRIEF_CACHE_DIR", str(home / "cache"))
        mp.setenv("BRIEF_DATA_DIR", str(home / "data"))
        mp.delenv("BRIEF_INDEX_DIR", raising=False)
        settings = load_settings(corpus="samples")
        ensure_index(settings)
    return settings.index_dir


@pytest.fixture(scope="module")
def hostile_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An index of one brief whose title, source, tags, marking and body are hostile text."""
    from index.indexer import Indexer

    home = tmp_path_factory.mktemp("hostile")
    folder = home / "corpus"
    folder.mkdir()
    (folder / "hostile.md").write_text(HOSTILE, encoding="utf-8")
    index_dir = home / "index"
    Indexer(index_dir, 1_000_000, workers=1).run([folder])
    return index_dir


@pytest.fixture
def in_colour(monkeypatch: pytest.MonkeyPatch) -> None:
    """The default theme in colour (the shared `isolated` fixture sets NO_COLOR)."""
    monkeypatch.delenv("NO_COLOR", raising=False)
