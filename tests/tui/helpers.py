"""Helpers for the app's Pilot tests: screen text, typing a query, waiting for workers."""

from __future__ import annotations

import asyncio
import functools
import os
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from textual.app import App
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import Input


def configured(text: str) -> Any:
    """Settings of the samples corpus read from a config file holding `text` (the test's own
    config folder, set by the `isolated` fixture)."""
    from briefs.config import load_settings

    Path(os.environ["BRIEF_CONFIG"]).write_text(text, encoding="utf-8")
    return load_settings(corpus="samples")


def screen_text(app: App[None]) -> str:
    """What the screen shows, as plain lines (the compositor's strips)."""
    strips = app.screen._compositor.render_strips()
    return "\n".join("".join(seg.text for seg in strip) for strip in strips)


def plain(widget: Widget) -> str:
    """The plain text a widget renders."""
    rendered = widget.render()
    return getattr(rendered, "plain", str(rendered))


async def settle(pilot: Pilot[None]) -> None:
    """Let workers finish and their messages be handled."""
    for _ in range(3):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


async def search(pilot: Pilot[None], text: str, typed: bool = False) -> None:
    """Put a query in the search box (key by key when `typed`) and wait for the results."""
    box = pilot.app.screen.query_one("#search", Input)
    box.focus()
    if typed:
        for ch in text:
            await pilot.press("space" if ch == " " else ch)
    else:
        box.value = text
    await settle(pilot)


def sync(test: Callable[..., Awaitable[None]]) -> Callable[..., None]:
    """Run an async Pilot test with asyncio (no pytest async plugin is installed)."""

    @functools.wraps(test)
    def run(*args: Any, **kwargs: Any) -> None:
        asyncio.run(test(*args, **kwargs))

    return run


def marked(reader: Any, style: str) -> list[str]:
    """The words the reader shows with `style`, in order (hits, find matches, a fact)."""
    out = []
    for block in reader.page.query(".block"):
        text = block.content
        out += [text.plain[s.start:s.end] for s in text.spans if str(s.style) == style]
    return out


async def open_in_reader(pilot: Pilot[None], query: str) -> Any:
    """Search, open the first result, and focus the reader's page; returns the Reader."""
    from tui.widgets.reader import Reader

    await search(pilot, query)
    await pilot.press("enter", "enter")
    await settle(pilot)
    reader = pilot.app.screen.query_one(Reader)
    reader.page.focus()
    await pilot.pause()
    return reader
