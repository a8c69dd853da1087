"""The key-facts pane: facts grouped by type, each with its count; Enter shows its sentence."""

from __future__ import annotations

import re

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.widgets.option_list import Option

from briefs.facts.group import GROUPS, FactGroup
from tui.messages import ShowSpan
from tui.safe import safe_line
from tui.widgets.keylist import KeyList

_SENTENCE_END = re.compile(r"[.!?](?=\s)|\n\s*\n")


def sentence_around(body: str, start: int, end: int) -> tuple[int, int]:
    """The sentence (or line) of `body` that holds [start, end), as offsets."""
    begin = 0
    for m in _SENTENCE_END.finditer(body, 0, start):
        begin = m.end()
    line_start = body.rfind("\n", 0, start) + 1
    begin = max(begin, line_start)
    while begin < start and body[begin].isspace():
        begin += 1
    m = _SENTENCE_END.search(body, end)
    line_end = body.find("\n", end)
    stop = m.start() + 1 if m else len(body)
    if line_end != -1:
        stop = min(stop, line_end)
    return begin, max(stop, end)


class FactsPane(KeyList):
    """Facts of the open brief by type (people, organisations, ... key sentences)."""

    BINDINGS: list[BindingType] = [Binding("enter", "select", "Show", show=True)]
    """Enter scrolls the reader to the fact's sentence and highlights it."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self._groups: dict[str, FactGroup] = {}
        self._body = ""

    def show(self, groups: dict[str, list[FactGroup]], body: str) -> None:
        """Fill the pane with one brief's grouped facts."""
        self._body = body
        self._groups = {}
        self.clear_options()
        options: list[Option] = []
        for kind, heading in GROUPS:
            items = groups.get(kind) or []
            if not items:
                continue
            options.append(Option(Text(f"{heading} ({len(items)})", style="bold underline"), disabled=True))
            for n, item in enumerate(items):
                key = f"{kind}:{n}"
                self._groups[key] = item
                label = safe_line(item.label)
                if item.count > 1:
                    label.append(f"  ×{item.count}", style="dim")
                options.append(Option(label, id=key))
        if not options:
            options.append(Option(Text("No key facts in this brief.", style="dim"), disabled=True))
        self.add_options(options)
        self.action_first()

    def on_option_list_option_selected(self, event: KeyList.OptionSelected) -> None:
        """Ask the reader to show the chosen fact's sentence."""
        event.stop()
        item = self._groups.get(event.option.id or "")
        if item is None:
            return
        fact = item.first
        start, end = sentence_around(self._body, fact.start, fact.end)
        self.post_message(ShowSpan(start, end))
