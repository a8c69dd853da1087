"""YAML front matter, read defensively: safe loading, no aliases, strings only, size-capped."""

from __future__ import annotations

import re

import yaml
from yaml.constructor import SafeConstructor
from yaml.events import AliasEvent, CollectionEndEvent, CollectionStartEvent
from yaml.resolver import Resolver

try:  # libyaml, in PyYAML's wheels: five times quicker (a tenth of loading a brief)
    from yaml.cyaml import CParser
except ImportError:  # pragma: no cover - a PyYAML built without it
    CParser = None

MAX_FRONT_MATTER = 64 * 1024

_OPEN = re.compile(r"\A---[ \t]*\n")
_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.M)


class FrontMatterError(ValueError):
    """Front matter that is present but cannot be used; the message says why."""


class _StringLoader(yaml.SafeLoader):
    """SafeLoader that refuses aliases and keeps every scalar as the string written.

    YAML 1.1 would turn `NO` into False and `12:30:00` into 45000; metadata is text, so no
    implicit typing at all. Aliases are refused so that a "billion laughs" cannot expand.
    """

    def compose_node(self, parent, index):  # type: ignore[no-untyped-def]
        if self.check_event(AliasEvent):
            event = self.peek_event()
            raise FrontMatterError(f"YAML aliases are not allowed (line {event.start_mark.line + 1})")
        return super().compose_node(parent, index)


# Drop every implicit resolver (bool, int, float, null, timestamp...): all scalars are str.
_StringLoader.yaml_implicit_resolvers = {}
MAX_DEPTH = 20  # deeper values are refused (see _plain)

if CParser is not None:

    class _CStringLoader(CParser, SafeConstructor, Resolver):  # type: ignore[misc, valid-type]
        """The same loader on libyaml; its composer is in C, so aliases and depth are
        checked on the events first (see _c_load)."""

        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            SafeConstructor.__init__(self)
            Resolver.__init__(self)

    _CStringLoader.yaml_implicit_resolvers = {}


def _c_load(source: str) -> object:
    """Load with libyaml after a pass over its events: an alias is refused as the Python
    loader refuses it, and nesting deeper than MAX_DEPTH is refused before the C composer
    recurses into it."""
    parser = CParser(source)
    depth = 0
    try:
        while (event := parser.get_event()) is not None:
            if isinstance(event, CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH + 1:
                    raise FrontMatterError("YAML nested too deeply")
            elif isinstance(event, CollectionEndEvent):
                depth -= 1
            elif isinstance(event, AliasEvent):
                raise FrontMatterError(f"YAML aliases are not allowed (line {event.start_mark.line + 1})")
    finally:
        parser.dispose()
    loader = _CStringLoader(source)
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()


def split(text: str) -> tuple[str | None, str, int]:
    """(front matter source or None, body, offset of body in text)."""
    m = _OPEN.match(text)
    if not m:
        return None, text, 0
    close = _CLOSE.search(text, m.end())
    if not close:
        raise FrontMatterError("front matter starts with '---' but is never closed")
    end = close.end()
    if end < len(text) and text[end] == "\n":
        end += 1
    return text[m.end() : close.start()], text[end:], end


def parse(source: str) -> dict[str, object]:
    """The front matter as a mapping of str to str or list of str."""
    if len(source.encode("utf-8", "replace")) > MAX_FRONT_MATTER:
        raise FrontMatterError(f"front matter larger than {MAX_FRONT_MATTER // 1024} KB")
    try:
        data = _c_load(source) if CParser is not None else None
    except yaml.YAMLError:
        data = None  # the Python loader below gives its own (tested) message
    try:
        if data is None:
            data = yaml.load(source, Loader=_StringLoader)  # noqa: S506 - safe subclass
    except FrontMatterError:
        raise
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        where = f" (line {mark.line + 1})" if mark else ""
        raise FrontMatterError(f"invalid YAML{where}: {exc.problem or exc}") from None
    except yaml.YAMLError as exc:
        raise FrontMatterError(f"invalid YAML: {exc}") from None
    except RecursionError:
        raise FrontMatterError("YAML nested too deeply") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise FrontMatterError(f"front matter is a {type(data).__name__}, not a mapping of keys")
    return {str(k).strip().lower(): _plain(v, 0) for k, v in data.items() if k is not None}


def _plain(value: object, depth: int) -> object:
    if depth > MAX_DEPTH:
        raise FrontMatterError("YAML nested too deeply")
    if isinstance(value, dict):
        return {str(k): _plain(v, depth + 1) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v, depth + 1) for v in value]
    if value is None:
        return ""
    return str(value)
