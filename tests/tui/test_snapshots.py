"""SVG snapshots of the main screen at 80x24 and 120x40 (pytest-textual-snapshot).

After a deliberate change to the look, accept the new pictures with one command (no -n:
syrupy cannot update snapshots from xdist workers), then look at them in
tests/tui/__snapshots__/test_snapshots/ before committing:

    python3 dev.py test tests/tui/test_snapshots.py --snapshot-update

A mismatch writes brief-snapshot-report.html (old and new side by side) in the temporary
folder; pytest prints its path.
Determinism: the samples index is built in a temporary folder, config/cache/data folders are
temporary (tests/conftest.py), the clock is fixed, the terminal type is set, the cursor does
not blink, no timer can fire in between, every search and load has finished and toasts are
cleared before the picture is taken.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable
from pathlib import Path

import pytest

pytest.importorskip("pytest_textual_snapshot", reason="pip install -e '.[test]' (pytest-textual-snapshot)")

from textual.pilot import Pilot  # noqa: E402
from textual.widgets import Input  # noqa: E402

from briefs.config import load_settings  # noqa: E402
from tests.tui.helpers import search, settle  # noqa: E402
from tui.app import BriefApp  # noqa: E402

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40")]
QUERY = "tracking layer"

Step = Callable[[Pilot[None]], Awaitable[None]]


def steady(pilot: Pilot[None]) -> None:
    """No blinking cursor in any input (it would be on or off depending on timing)."""
    for screen in pilot.app.screen_stack:
        for box in screen.query(Input):
            box.cursor_blink = False


def scenario(*steps: Step) -> Step:
    """Run steps in order with the cursor steady, and let everything settle after each.

    Toasts are cleared before the picture: they vanish after a timeout, so whether one is
    still there would depend on how busy the machine is.
    """

    async def run(pilot: Pilot[None]) -> None:
        steady(pilot)
        await settle(pilot)
        for step in steps:
            await step(pilot)
            steady(pilot)
            await settle(pilot)
        pilot.app.clear_notifications()

    return run


async def typed_query(pilot: Pilot[None]) -> None:
    await search(pilot, QUERY, typed=True)


def keys(*names: str) -> Step:
    async def press(pilot: Pilot[None]) -> None:
        for name in names:
            await pilot.press(name)
            await settle(pilot)

    return press


def side_pane(size: tuple[int, int]) -> Iterable[str]:
    """The keys that show the key-facts pane beside the open brief at this size."""
    return ("p",) if size[0] < 110 else ()  # narrow: facts take the result list's place


@pytest.fixture
def make_app(samples_index: Path, fixed_clock, monkeypatch: pytest.MonkeyPatch) -> Callable[[], BriefApp]:  # type: ignore[no-untyped-def]
    """The app as `brief` starts it on the samples, with nothing left to chance.

    The terminal type decides the default theme (16 colours get the ANSI one), so it is set
    here rather than taken from wherever the tests run; a brief is marked read only after
    an hour, not after the two seconds that a busy machine may or may not take.
    """
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.setenv("COLORTERM", "truecolor")
    monkeypatch.delenv("TEXTUAL_COLOR_SYSTEM", raising=False)
    from tui.screens import notes_actions

    monkeypatch.setattr(notes_actions.NotesActions, "MARK_READ_AFTER", 3600.0)
    settings = load_settings(corpus="samples", index_dir=samples_index)  # folders of this test
    return lambda: BriefApp(samples_index, settings=settings)


@pytest.fixture
def shot(snap_compare, make_app, in_colour):  # type: ignore[no-untyped-def]
    """Take a picture of a fresh app on the samples after `steps`, and compare it."""

    def take(size: tuple[int, int], *steps: Step) -> bool:
        return snap_compare(make_app(), terminal_size=size, run_before=scenario(*steps))

    return take


@pytest.mark.parametrize("size", SIZES)
def test_empty_start(shot, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    """Nothing typed yet: the search box focused, the hint in the reader, the footer keys."""
    assert shot(size)


@pytest.mark.parametrize("size", SIZES)
def test_after_typing_a_query(shot, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    """`tracking layer` typed key by key: the count, the result list with snippets."""
    assert shot(size, typed_query)


@pytest.mark.parametrize("size", SIZES)
def test_brief_open_with_key_facts(shot, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    """The first result open, hits marked, its key facts in the side pane."""
    assert shot(size, typed_query, keys("enter", "enter"), keys(*side_pane(size)))


@pytest.mark.parametrize("size", SIZES)
def test_brief_open_with_related(shot, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    """The first result open, related briefs with their reasons in the side pane."""
    assert shot(size, typed_query, keys("enter", "enter"), keys(*side_pane(size)), keys("t"))


def test_brief_open_without_colour(snap_compare, make_app) -> None:  # type: ignore[no-untyped-def]
    """NO_COLOR (set by tests/conftest.py): still legible, the focused pane still stands out."""
    steps = scenario(typed_query, keys("enter", "enter"))
    assert snap_compare(make_app(), terminal_size=(120, 40), run_before=steps)
