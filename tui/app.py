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

    def __init__(self, index_dir: Path, history_file: Path | None = None) -> None:
        super().__init__()
        self.index_dir = Path(index_dir)
        self.history_file = history_file

    def on_mount(self) -> None:
        self.push_screen(MainScreen(self.index_dir, self.history_file))

    def on_unmount(self) -> None:
        from tui.screens.loaders import close_all

        close_all()


def run(index_dir: Path, history_file: Path | None = None) -> None:
    """Run the app in the terminal until the user quits."""
    BriefApp(index_dir, history_file).run()
