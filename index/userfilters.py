"""Query clauses answered by the analyst's notes, not by the index: `is:starred`,
`is:unread`, `is:read`, `has:notes`, `has:highlights`, `note:words` (the text of notes and
highlight comments) and `tag:x`, which matches the brief's own tags or the analyst's.

`mark()` swaps each clause for a placeholder term that the parser keeps where it stood, so
AND, OR, NOT and parentheses work as for any word; `resolve()` then puts in its place the
briefs the notes name (a match on their ids that scores nothing: these clauses select, they
never change the ranking). The notes come from a provider the caller gives:
`(name, value) -> IdFilter` (briefs/notes/filters.py; anything with `.ids` and `.negate`),
which may raise QueryError. This module never imports briefs.notes.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from whoosh import query as wq

from index.schema import slug

Provider = Callable[[str, str], Any]

NAMES = ("is", "has", "note", "notes")
_IS = {"starred": "starred", "unread": "unread", "read": "read"}
_HAS = {"notes": "notes", "note": "notes", "highlights": "highlights", "highlight": "highlights"}
_CLAUSE = re.compile(
    r"\"[^\"]*\"|(?P<neg>(?<![^\s(])-)?(?<![\w\"])(?P<name>is|has|notes?|tags?):"
    r"(?P<value>\"[^\"]*\"|[^\s()\"]+)",
    re.I,
)
_PLACEHOLDER = "zznotes{}q"


def _clause(name: str, value: str) -> tuple[str, str]:
    """(filter name, value) for one clause; raises QueryError for a value we don't know."""
    from index.query import QueryError

    name = name.lower()
    if name == "is":
        if value.lower() not in _IS:
            raise QueryError(f"is:{value} is not a filter: use is:starred, is:unread or is:read")
        return _IS[value.lower()], ""
    if name == "has":
        if value.lower() not in _HAS:
            raise QueryError(f"has:{value} is not a filter: use has:notes or has:highlights")
        return _HAS[value.lower()], ""
    if name in ("note", "notes"):
        if not value.strip('"').strip():
            raise QueryError('note: needs words to find in your notes: note:radar or note:"a phrase"')
        return "text", value
    return "tag", value


def mark(text: str, with_tags: bool) -> tuple[str, list[tuple[str, str, str]]]:
    """The query with each notes clause as a placeholder, and (placeholder, name, value) for
    each. `tag:` clauses are left to the index unless `with_tags` (there are notes to ask)."""
    clauses: list[tuple[str, str, str]] = []

    def swap(m: re.Match[str]) -> str:
        if m.group("name") is None:
            return m.group(0)
        name, value = m.group("name").lower(), m.group("value")
        if name.startswith("tag") and (not with_tags or value.startswith('"') or any(c in value for c in "*?~")):
            return m.group(0)
        filter_name, filter_value = _clause(name, value)
        holder = _PLACEHOLDER.format(len(clauses))
        clauses.append((holder, filter_name, filter_value))
        return f"{'NOT ' if m.group('neg') else ''}id:{holder}"

    return _CLAUSE.sub(swap, text), clauses


def resolve(q: wq.Query, clauses: list[tuple[str, str, str]], provider: Provider | None) -> wq.Query:
    """Put the briefs each clause names where its placeholder stands."""
    from index.query import QueryError

    if not clauses:
        return q
    if provider is None:
        _, name, value = clauses[0]
        typed = {"starred": "is:starred", "unread": "is:unread", "read": "is:read",
                 "notes": "has:notes", "highlights": "has:highlights", "text": "note:"}.get(name, name)
        raise QueryError(f"{typed} needs the notes database")
    table: dict[str, wq.Query] = {}
    for holder, name, value in clauses:
        found = provider(name, value)
        ids = sorted(found.ids)
        chosen: wq.Query = wq.Or([wq.Term("id", i) for i in ids]) if ids else wq.NullQuery
        if found.negate:
            chosen = wq.Not(chosen)
        chosen = wq.ConstantScoreQuery(chosen, 0.0)
        if name == "tag":  # the brief's own tags (scored as before) or the analyst's
            chosen = wq.Or([wq.Term("tag", slug(value)), chosen])
        table[holder] = chosen

    def visit(node: wq.Query) -> wq.Query:
        if isinstance(node, wq.Term) and node.fieldname == "id" and node.text in table:
            return table[node.text]
        return node.apply(visit) if node.children() else node

    return visit(q)
