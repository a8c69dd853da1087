"""The `brief` app: one screen to search, read, and follow facts and related briefs."""

from __future__ import annotations

from pathlib import Path

from textual.app import App

from tui.screens.main import MainScreen


class BriefApp(App[None]):
    """Pushes the main screen on the index of one corpus."""

    CSS_PATH = "app.tcss"
    TITLE = "brief"
    ENABLE_COMMAND_PALETTE = False

    def __init__(self, index_dir: Path) -> None:
        super().__init__()
        self.index_dir = Path(index_dir)

    def on_mount(self) -> None:
        self.push_screen(MainScreen(self.index_dir))


def run(index_dir: Path) -> None:
    """Run the app in the terminal until the user quits."""
    BriefApp(index_dir).run()
