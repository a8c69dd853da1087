"""Keys remapped in the config file: `keys:` maps action names (binding ids) to keys.

Every binding of the app that has an `id` can be remapped; the id is the action name the
user writes. Entries are checked here so that a typo gives one warning line, never a crash:
an unknown action, a key Textual cannot name, two actions on one key.
"""

from __future__ import annotations

import string
from dataclasses import dataclass, field
from collections.abc import Iterable, Mapping
from typing import Any

from textual.binding import Binding
from textual.keys import Keys, _character_to_key, format_key

@dataclass
class Action:
    """What an action name stands for: its default keys, what it does, where it is bound."""

    keys: str
    description: str
    owners: set[str] = field(default_factory=set)


MODIFIERS = ("ctrl", "shift", "alt", "meta", "super", "hyper")
_NAMED = {key.value.split("+")[-1] for key in Keys if not key.value.startswith("<")}
_NAMED |= {_character_to_key(ch) for ch in string.punctuation}
_NAMED |= {"space", "enter", "tab", "backspace", "escape", "delete", "insert", "pageup", "pagedown"}


def binding_classes() -> list[type]:
    """Every screen and widget class whose bindings the user may remap (imported lazily)."""
    from tui.app import BriefApp
    from tui.screens.filters import FilterScreen
    from tui.screens.help import HelpScreen
    from tui.screens.main import MainScreen
    from tui.widgets.facts import FactsPane
    from tui.widgets.keylist import KeyList
    from tui.widgets.reader import Page, Reader
    from tui.widgets.related import RelatedPane
    from tui.widgets.results import ResultList
    from tui.widgets.searchbox import SearchBox
    from tui.screens.export_dialog import ExportDialog
    from tui.screens.note_editor import NoteEditor
    from tui.widgets.notespane import NotesPane

    return [BriefApp, MainScreen, SearchBox, ResultList, KeyList, Reader, Page, FactsPane, RelatedPane,
            HelpScreen, FilterScreen, NotesPane, NoteEditor, ExportDialog]


def actions(classes: Iterable[type] | None = None) -> dict[str, Action]:
    """Action name -> its default keys, description and the classes that bind it."""
    found: dict[str, Action] = {}
    for cls in classes if classes is not None else binding_classes():
        for klass in cls.__mro__:
            for binding in vars(klass).get("BINDINGS", []):
                if isinstance(binding, Binding) and binding.id:
                    action = found.setdefault(binding.id, Action(binding.key, binding.description))
                    action.owners.add(klass.__name__)
    return found


def bind_now(node: Any, keys: Mapping[str, str]) -> None:
    """Give `node`'s own bindings their remapped keys now, not only when a key is pressed.

    Textual (8.2.8) applies the keymap to the focused chain after it has dropped the keys the
    focused Input types: with the search box focused, `help: f1` did nothing, since `?` (help's
    default key, a character) was dropped before the keymap could move it to F1.
    """
    if keys:
        node._bindings.apply_keymap(dict(keys))


def key_problem(key: str) -> str:
    """Why Textual cannot use this key name ("" when it can)."""
    if not key:
        return "an empty key"
    if len(key) == 1:
        return "" if key.isprintable() and not key.isspace() else f"{key!r} is not a key"
    *mods, base = key.split("+")
    bad = [m for m in mods if m.lower() not in MODIFIERS]
    if bad:
        return f"{bad[0]!r} is not a modifier (use {', '.join(MODIFIERS[:3])})"
    if not base:
        return f"{key!r} has no key after '+'"
    if len(base) == 1 and base.isprintable() and not base.isspace():
        return ""
    if base.lower() not in _NAMED:
        return f"{base!r} is not a key name (letters, digits, f1-f24, up, down, enter, escape, tab…)"
    return ""


def _normal(key: str) -> str:
    """Textual's long form: "?" -> "question_mark", "ctrl+Q" -> "ctrl+q"."""
    *mods, base = key.split("+")
    if len(base) > 1 or mods:
        base = base.lower()  # "F1" is f1; "ctrl+Q" is ctrl+q (write ctrl+shift+q for the other)
    if len(base) == 1:
        base = _character_to_key(base)
    return "+".join([m.lower() for m in mods] + [base])


def parse(entries: Mapping[str, object], known: Mapping[str, Action]) -> tuple[dict[str, str], list[str]]:
    """The keymap for `App.set_keymap` and one warning line per entry ignored or key taken."""
    keymap: dict[str, str] = {}
    warnings: list[str] = []
    owner: dict[str, str] = {}
    for action, value in entries.items():
        if action not in known:
            warnings.append(f"keys: unknown action {action!r} ignored (see README, Keys)")
            continue
        if isinstance(value, str):
            raw = [k.strip() for k in value.split(",")]
        elif isinstance(value, list) and all(isinstance(v, str) for v in value):
            raw = [k.strip() for k in value]
        else:
            warnings.append(f"keys: {action}: give a key or a list of keys; ignored")
            continue
        problems = [p for p in map(key_problem, raw) if p]
        if problems or not raw:
            warnings.append(f"keys: {action}: {problems[0] if problems else 'no key'}; ignored")
            continue
        keys = [_normal(k) for k in raw]
        taken = [k for k in keys if k in owner]
        if taken:
            warnings.append(f"keys: {action}: {taken[0]} is already given to {owner[taken[0]]}; ignored")
            continue
        owner.update(dict.fromkeys(keys, action))
        keymap[action] = ",".join(keys)
    warnings += _taken_defaults(keymap, known)
    return keymap, warnings


def _lost_keys(keymap: Mapping[str, str], known: Mapping[str, Action]) -> list[tuple[str, str, str]]:
    """(remapped action, key, other action) for each default key of another action (bound in
    the same place) that a remapped key takes: Textual drops that binding."""
    found = []
    for action, keys in keymap.items():
        for other, info in known.items():
            shared = info.owners & known[action].owners or "BriefApp" in info.owners | known[action].owners
            if other == action or other in keymap or not shared:
                continue
            found += [(action, k, other) for k in keys.split(",") if k in _normal_list(info.keys)]
    return found


def _taken_defaults(keymap: Mapping[str, str], known: Mapping[str, Action]) -> list[str]:
    """One warning per action that loses default keys to a remapped one (the first key lost)."""
    lines, said = [], set()
    for action, key, other in _lost_keys(keymap, known):
        if (action, other) not in said:
            said.add((action, other))
            lines.append(f"keys: {action}: {key} was the key of {other}, which loses it")
    return lines


def effective(keymap: Mapping[str, str], known: Mapping[str, Action]) -> dict[str, list[str]]:
    """Action name -> the keys it has now: the config's, else its defaults minus those a
    remapped action took (an empty list when it lost them all)."""
    lost = {(other, key) for _action, key, other in _lost_keys(keymap, known)}
    out = {}
    for action, info in known.items():
        if action in keymap:
            out[action] = keymap[action].split(",")
        else:
            out[action] = [k for k in _normal_list(info.keys) if (action, k) not in lost]
    return out


_ARROWS = {"up": "↑", "down": "↓", "left": "←", "right": "→"}
_NAMES = {"pageup": "PageUp", "pagedown": "PageDown", "escape": "Escape", "backspace": "Backspace",
          "enter": "Enter", "space": "Space", "tab": "Tab"}


def display(key: str) -> str:
    """A key as the help screen writes it: "ctrl+s" -> "Ctrl-S", "question_mark" -> "?"."""
    *mods, base = key.split("+")
    if base in _ARROWS:
        shown = _ARROWS[base]
    elif base in _NAMES:
        shown = _NAMES[base]
    elif len(base) > 1 and len(format_key(base)) == 1:  # "slash" -> "/", "number_sign" -> "#"
        shown = format_key(base)
    elif len(base) > 1:
        shown = base.upper() if base[0] == "f" and base[1:].isdigit() else base.capitalize()
    else:
        shown = base.upper() if mods else base
    return "".join(f"{m.capitalize()}-" for m in mods) + shown


def shown(keys: list[str]) -> str:
    """An action's keys for the help screen ("s or Ctrl-S"); "(no key)" when it has none."""
    return " or ".join(map(display, keys)) if keys else "(no key)"


def _normal_list(keys: str) -> list[str]:
    return [_normal(k.strip()) for k in keys.split(",")]
