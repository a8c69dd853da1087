"""An option list that also moves with vim keys (j/k, g/G)."""

from __future__ import annotations

from textual.binding import Binding, BindingType
from textual.widgets import OptionList


class KeyList(OptionList):
    """`OptionList` with j/k/g/G beside the arrows and Home/End; prompts are `Text` only."""

    BINDINGS: list[BindingType] = [
        Binding("j", "cursor_down", "Down", show=False, id="list_down"),
        Binding("k", "cursor_up", "Up", show=False, id="list_up"),
        Binding("g", "first", "First", show=False, id="list_first"),
        Binding("G", "last", "Last", show=False, id="list_last"),
    ]
    """| key | action |\n|---|---|\n| j / k | next / previous |\n| g / G | first / last |"""
