"""The key-facts pane: facts grouped by type, each with its count; Enter shows its sentence."""

from __future__ import annotations

import re

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.widgets.option_list import Option

from briefs.facts.group import GROUPS, FactGroup
from tui.messages import SearchFor, ShowSpan
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

    BINDINGS: list[BindingType] = [
        Binding("enter", "select", "Show", show=True),
        Binding("slash,f", "search_fact", "Search corpus", show=False, id="search_fact"),
    ]
    """Enter scrolls the reader to the fact's sentence and highlights it; / (or f) searches
    the whole corpus for the fact (by name for entities, any alias)."""

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

    def action_search_fact(self) -> None:
        """Turn the highlighted fact into a corpus search."""
        option = self.highlighted_option
        item = self._groups.get(option.id or "") if option is not None else None
        if item is not None:
            self.post_message(SearchFor(fact_query(item)))


_FIELD_OF = {"person": "person", "organisation": "org", "place": "place", "programme": "programme"}


def fact_query(item: FactGroup) -> str:
    """The search that finds other briefs with this fact."""
    fact = item.first
    words = " ".join((fact.value or fact.text).replace('"', " ").split())
    if fact.type in _FIELD_OF:
        return f'{_FIELD_OF[fact.type]}:"{words}"'
    if fact.type == "acronym":
        return f"acronym:{fact.text}"
    if fact.type in ("quote", "key_sentence"):
        return " ".join(words.split()[:8])
    return f'"{words}"'
