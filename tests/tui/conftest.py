"""Fixtures for the app's Pilot tests: the samples index built once per module; a fixed clock."""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import date, datetime, timezone, tzinfo
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


# Determinism for snapshot tests ---------------------------------------------------------


def pytest_configure(config: pytest.Config) -> None:
    """A snapshot mismatch report goes to the temporary folder, not into the checkout."""
    if getattr(config.option, "snapshot_report", None) == "snapshot_report.html":
        config.option.snapshot_report = str(Path(tempfile.gettempdir()) / "brief-snapshot-report.html")


FIXED_TODAY = date(2026, 6, 1)


class _FrozenMeta(type):
    """`isinstance(real_date, FrozenDate)` stays true, so patched modules still type-check."""

    def __instancecheck__(cls, obj: object) -> bool:
        return isinstance(obj, cls.__mro__[1])


class FrozenDate(date, metaclass=_FrozenMeta):
    @classmethod
    def today(cls) -> date:
        return FIXED_TODAY


class FrozenDatetime(datetime, metaclass=_FrozenMeta):
    @classmethod
    def now(cls, tz: tzinfo | None = None) -> datetime:
        naive = datetime(2026, 6, 1, 9, 30)
        return naive if tz is None else naive.replace(tzinfo=timezone.utc).astimezone(tz)

    @classmethod
    def today(cls) -> datetime:
        return datetime(2026, 6, 1, 9, 30)

    @classmethod
    def utcnow(cls) -> datetime:
        return datetime(2026, 6, 1, 9, 30)


@pytest.fixture
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> date:
    """Today is FIXED_TODAY in every loaded module of ours that imported `date`/`datetime`.

    The app's modules are imported first, so that relative dates and anything showing the
    time on screen render the same on every run.
    """
    import tui.app  # noqa: F401

    root = Path(__file__).resolve().parents[2]
    ours = tuple(str(root / package) + os.sep for package in ("tui", "index", "briefs"))
    for module in list(sys.modules.values()):
        if not str(getattr(module, "__file__", None) or "").startswith(ours):
            continue  # (not by name: with --import-mode=importlib this file is "tui.conftest")
        if getattr(module, "date", None) is date:
            monkeypatch.setattr(module, "date", FrozenDate)
        if getattr(module, "datetime", None) is datetime:
            monkeypatch.setattr(module, "datetime", FrozenDatetime)
    return FIXED_TODAY


@pytest.fixture
def in_colour(monkeypatch: pytest.MonkeyPatch) -> None:
    """The default theme in colour (the shared `isolated` fixture sets NO_COLOR)."""
    monkeypatch.delenv("NO_COLOR", raising=False)


# Briefs whose every field carries the word "Zorblax" ------------------------------------

MARKER = "zorblax"
MARKED = {
    "zorblax-1.md": """---
title: "[b]Zorblax[/b] budget [/] [@click=app.quit]quit[/] \\e[31mred"
date: 2026-02-03
source: "[@click=app.bell]Zorblax Wire[/]"
author: "[i]Ana Zorblax[/i]"
tags: ["[b]zorblax-tag[/b]", "zorblax [/]"]
marking: "[blink]ZORBLAX SECRET[/]"
url: "https://example.com/zorblax/[b]x[/b]"
---

Zorblax Dynamics said on Monday [/] that the [@click=app.quit]Zorblax click[/] would cost
$4.2 billion. See [Zorblax link](https://example.com/zorblax-link) and \x1b]52;c;WkJMWA==\x07.

The Zorblax Orbital Research Board (ZORB) met in Washington with the Space Development Agency
and Zorblax Dynamics. "We are ready," said General Mira Zorblax.
""",
    "zorblax-2.md": """---
title: "Zorblax Dynamics and the Space Development Agency [/]"
date: 2026-02-10
source: "[u]Zorblax Wire[/u]"
tags: ["zorblax-tag"]
---

Zorblax Dynamics told the Space Development Agency in Washington that the Zorblax Orbital
Research Board (ZORB) would review the $4.2 billion budget, said General Mira Zorblax.
""",
}


@pytest.fixture(scope="module")
def marked_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An index of two hostile briefs with MARKER in every field (and file name)."""
    from tests.tui.reader_briefs import build_index

    return build_index(tmp_path_factory.mktemp("marked"), MARKED)
