"""YAML front matter, read defensively: safe loading, no aliases, strings only, size-capped."""

from __future__ import annotations

import re

import yaml
from yaml.events import AliasEvent

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
    if depth > 20:
        raise FrontMatterError("YAML nested too deeply")
    if isinstance(value, dict):
        return {str(k): _plain(v, depth + 1) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v, depth + 1) for v in value]
    if value is None:
        return ""
    return str(value)
