"""Themes: an ANSI theme in the terminal's own colours, the choice from config or palette.

Which theme the app starts in, first that applies: `theme:` in the config when it changed
since the last choice made in the app; the theme last chosen in the app (remembered in
the data folder); `theme:` in the config; `brief-ansi` in a terminal of 16 colours; else
Textual's default. With NO_COLOR set, no colour at all reaches the terminal (not even
greys): marks, the cursor and the focused pane stand out by bold, reverse, underline and
border shapes (app.tcss, `:nocolor`).
"""

from __future__ import annotations

import json
from pathlib import Path

from textual.app import App
from textual.filter import Monochrome, NoColor
from textual.theme import Theme

from briefs.safewrite import write_atomic

ANSI = "brief-ansi"
DEFAULT = "textual-dark"
ALIASES = {"ansi": ANSI, "terminal": ANSI, "dark": "textual-dark", "light": "textual-light"}
STATE_FILE = "app-state.json"

BRIEF_ANSI = Theme(
    name=ANSI,
    ansi=True,
    dark=True,
    primary="ansi_blue",
    secondary="ansi_cyan",
    accent="ansi_cyan",
    warning="ansi_yellow",
    error="ansi_red",
    success="ansi_green",
    foreground="ansi_default",
    background="ansi_default",
    surface="ansi_default",
    panel="ansi_default",
    boost="ansi_default",
    variables={
        "ansi-background": "ansi_default",
        "ansi-foreground": "ansi_default",
        # Lists drop `reverse` from the cursor row's style (Textual 8.2.8 get_visual_style),
        # so the cursor is the terminal's blue; without colour it is bold and underlined.
        "block-cursor-foreground": "ansi_bright_white",
        "block-cursor-background": "ansi_blue",
        "block-cursor-text-style": "bold",
        "block-cursor-blurred-foreground": "ansi_default",
        "block-cursor-blurred-background": "ansi_default",
        "block-cursor-blurred-text-style": "underline",
        "block-hover-background": "ansi_default",
        "border": "ansi_cyan",
        "border-blurred": "ansi_bright_black",
        "input-cursor-background": "ansi_default",
        "input-cursor-foreground": "ansi_default",
        "input-cursor-text-style": "reverse",
        "input-selection-background": "ansi_blue",
        "footer-key-foreground": "ansi_cyan",
        "footer-background": "ansi_default",
        "footer-description-background": "ansi_default",
        "footer-item-background": "ansi_default",
        "footer-key-background": "ansi_default",
        "scrollbar": "ansi_bright_black",
        "scrollbar-background": "ansi_default",
        "scrollbar-corner-color": "ansi_default",
        "screen-selection-background": "ansi_blue",
        "screen-selection-foreground": "ansi_default",
    },
)
"""The terminal's own 16 colours (and its default foreground and background)."""


def register(app: App[object]) -> None:
    """Make our themes known to the app, and NO_COLOR mean no colour codes at all."""
    app.register_theme(BRIEF_ANSI)
    if app.no_color:
        # Textual's default for NO_COLOR still writes greys (Monochrome); NO_COLOR asks for none.
        app._filters = [NoColor() if isinstance(f, Monochrome) else f for f in app._filters]


def canonical(name: str) -> str:
    """A theme name as the user may write it: "ansi" -> "brief-ansi"."""
    name = name.strip()
    return ALIASES.get(name.lower(), name)


def few_colours(app: App[object]) -> bool:
    """The terminal reports 16 colours or fewer (TERM without 256color, no COLORTERM)."""
    return app.console.color_system in ("standard", "windows")


def load_state(data_dir: Path | None) -> dict[str, object]:
    """What the app remembers between sessions ({} when nothing, or unreadable)."""
    if data_dir is None:
        return {}
    try:
        data = json.loads((data_dir / STATE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def save_theme(data_dir: Path | None, theme: str, configured: str) -> None:
    """Remember a theme chosen in the app, and the config's `theme:` at the time."""
    if data_dir is None:
        return
    state = load_state(data_dir)
    state.update(theme=theme, config_theme=configured)
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
        write_atomic(data_dir / STATE_FILE, json.dumps(state, indent=2).encode("utf-8"))
    except OSError:
        pass  # remembering the theme is a convenience, never a failure


def choose(
    available: set[str], configured: str, state: dict[str, object], few: bool
) -> tuple[str, list[str]]:
    """The theme to start in, and a warning line if the configured one does not exist."""
    warnings: list[str] = []
    wanted = canonical(configured) if configured else ""
    if wanted and wanted not in available:
        shown = ", ".join(sorted(available)[:6])
        warnings.append(f"theme: {configured!r} is not a theme (try {ANSI}, {shown}…); ignored")
        wanted = ""
    remembered = str(state.get("theme") or "")
    config_then = str(state.get("config_theme") or "")
    if remembered in available and canonical(config_then) == wanted:
        return remembered, warnings
    if wanted:
        return wanted, warnings
    return (ANSI if few else DEFAULT), warnings
