"""The related pane: related briefs with the reason each is related; Enter opens one."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.widgets.option_list import Option

from tui.messages import OpenBrief
from tui.safe import joined, safe_line
from tui.widgets.keylist import KeyList


class RelatedPane(KeyList):
    """Briefs related to the open one (from `index.related`)."""

    BINDINGS: list[BindingType] = [Binding("enter", "select", "Open", show=True)]
    """Enter opens the related brief (b goes back)."""

    def show(self, items: list[Any], note: str = "") -> None:
        """Fill the pane; `note` (ours or an error message) replaces an empty list."""
        self.clear_options()
        options: list[Option | None] = []
        for item in items:
            title = safe_line(item.title, "bold")
            meta = joined(Text(item.date or "undated"), safe_line(item.source), separator=" · ")
            meta.stylize("dim")
            reason = safe_line(item.reason, "italic")
            options += [Option(joined(title, meta, reason, separator="\n"), id=item.id), None]
        options = options[:-1]
        if not options:
            options.append(Option(safe_line(note or "No related briefs.", "dim"), disabled=True))
        self.add_options(options)
        self.action_first()

    def on_option_list_option_selected(self, event: KeyList.OptionSelected) -> None:
        """Ask the screen to open the chosen brief."""
        event.stop()
        if event.option.id:
            self.post_message(OpenBrief(event.option.id))
