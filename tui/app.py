"""The `brief` app: one screen to search, read, and follow facts and related briefs."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import App
from textual.binding import Binding, BindingType
from textual.command import CommandPalette

from tui import keymap, themes
from tui.commands import AppCommands, BriefTitles, RecentSearches
from tui.screens.main import MainScreen

if TYPE_CHECKING:
    from briefs.config import Settings


class BriefApp(App[None]):
    """Pushes the main screen on the index of one corpus."""

    CSS_PATH = "app.tcss"
    TITLE = "brief"
    COMMANDS = {BriefTitles, AppCommands, RecentSearches}
    BINDINGS: list[BindingType] = [
        Binding("ctrl+p", "command_palette", "Palette", show=False, priority=True, id="command_palette"),
    ]
    """ctrl+p: the command palette (briefs by title, commands, earlier searches)."""

    def __init__(self, index_dir: Path, history_file: Path | None = None, settings: Settings | None = None) -> None:
        super().__init__()
        self.index_dir = Path(index_dir)
        self.history_file = history_file
        self.settings = settings
        self.warnings: list[str] = list(settings.problems) if settings else []
        self._theme_at_start = self.theme
        themes.register(self)
        self.user_keys, problems = keymap.parse(settings.keys if settings else {}, keymap.actions())
        self.warnings += problems
        if settings is not None:
            state = themes.load_state(settings.data_dir)
            name, problems = themes.choose(set(self.available_themes), settings.theme, state, themes.few_colours(self))
            self.warnings += problems
            self._theme_at_start = name
            self.theme = name

    def on_mount(self) -> None:
        self.set_keymap(self.user_keys)
        keymap.bind_now(self, self.user_keys)
        self.push_screen(MainScreen(self.index_dir, self.history_file, self.settings))
        for line in self.warnings:
            # markup=False: the lines quote the user's config (HAZARDS.md).
            self.notify(line, severity="warning", markup=False, timeout=10)

    def watch_theme(self, name: str) -> None:
        """Remember a theme chosen in the app (palette), not the one it started in."""
        if self.settings is not None and name != self._theme_at_start:
            self._theme_at_start = name
            themes.save_theme(self.settings.data_dir, name, themes.canonical(self.settings.theme))

    def main_screen(self) -> MainScreen | None:
        """The main screen, wherever it is in the stack."""
        return next((s for s in self.screen_stack if isinstance(s, MainScreen)), None)

    def action_command_palette(self) -> None:
        """ctrl+p: the palette, over the main screen (closing help or the filter picker)."""
        if CommandPalette.is_open(self) or getattr(self.screen, "HOLDS_INPUT", False):
            return  # a dialog with typed text (a note being written) is never closed by ctrl+p
        main = self.main_screen()
        while main is not None and self.screen is not main and len(self.screen_stack) > 1:
            self.pop_screen()
        self.push_screen(CommandPalette(placeholder="A brief's title, a command, an earlier search…",
                                        id="--command-palette"))

    async def action_quit(self) -> None:
        """q / ctrl+q: quit, asking first when a note being written would be lost."""
        ask = getattr(self.screen, "ask_before_quit", None)
        if callable(ask) and ask():
            return
        self.exit()

    def action_reindex(self) -> None:
        """Read new and changed files of the corpus into the index, in the background."""
        main = self.main_screen()
        if self.settings is None or not self.settings.folders or main is None:
            self.notify("Nothing to re-index from here: run `brief index` in a shell.", markup=False)
            return
        from tui.widgets.indexstatus import IndexStatus

        main.query_one(IndexStatus).start()

    def on_unmount(self) -> None:
        from tui.screens.loaders import close_all

        close_all()


def run(index_dir: Path, history_file: Path | None = None, settings: Settings | None = None) -> None:
    """Run the app in the terminal until the user quits."""
    BriefApp(index_dir, history_file, settings).run()
