"""The footer shows the keys that work now, and is rebuilt only when they change."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.tui.helpers import search, settle, sync
from tui.app import BriefApp
from tui.widgets.footer import QuietFooter
from tui.widgets.results import ResultList


def footer_text(app: BriefApp) -> str:
    footer = app.screen.query_one(QuietFooter)
    return " ".join(str(key.render()) for key in footer.children)


@sync
async def test_back_appears_after_a_second_brief_and_unchanged_keys_are_not_redrawn(
    samples_index: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rebuilt = []
    real = QuietFooter.recompose

    async def counted(self):  # type: ignore[no-untyped-def]
        rebuilt.append(1)
        await real(self)

    monkeypatch.setattr(QuietFooter, "recompose", counted)
    app = BriefApp(samples_index)
    async with app.run_test(size=(120, 40)) as pilot:
        await search(pilot, "hypersonic")
        results = app.screen.query_one(ResultList)
        results.focus()
        await settle(pilot)
        assert "Back" not in footer_text(app)
        await pilot.press("enter")
        await settle(pilot)
        results.focus()
        await pilot.press("down", "enter")
        await settle(pilot)
        assert "Back" in footer_text(app), "a second brief puts the first on the back stack"
        before = len(rebuilt)
        for _ in range(3):  # the same keys again: nothing to redraw
            app.screen.refresh_bindings()
            await settle(pilot)
        assert len(rebuilt) == before
        assert "Back" in footer_text(app)
