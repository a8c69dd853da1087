"""Facet filters: counts for the current query (or every brief), and the clauses that filter by them.

A filter is a clause in the query text (`source:"Defense Wire"`, `tag:"space"`, `date:2025`,
`org:"Space Development Agency"`), so the user sees it in the search box and can edit it.
`count` runs in a worker thread; the rest are plain string functions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from index.facets import split_entity
from index.schema import ENTITY_FIELDS
from tui.screens import loaders

KINDS = ("source", "tag", "year", "entity")
ENTITY_LIMIT = 30
EVERYTHING = "*"
"""What an empty search box counts over: every brief."""
TIME_LIMIT = 3.0
"""Seconds the picker's count may take (it shows "Counting…"): the first count after a commit
also reads which entities each brief names (about 0.4 s at 10,000 briefs), which would often
make the search's own 0.5 s limit give partial counts."""
# Clauses the filter keys add or clear (with the aliases the query language accepts).
_FILTER_FIELDS = r"source|tags?|date|person|people|org|organi[sz]ation|place|location|programme|program|system"
_CLAUSE = re.compile(rf"(?<![\w\"])(?:{_FILTER_FIELDS}):(?:\"[^\"]*\"|\[[^\]]*\]|\S+)", re.I)
_OR = re.compile(r"\bOR\b")


@dataclass
class Value:
    """One value of a facet: what the user sees, its count, the clause that filters by it."""

    kind: str
    label: str
    count: int
    clause: str


@dataclass
class FacetCounts:
    """Values per kind for one query (an empty one: every brief), each counted over every match."""

    query: str
    total: int = 0
    partial: bool = False  # the search stopped at its time limit: counts of what it found
    values: dict[str, list[Value]] = field(default_factory=dict)


def _quoted(value: str) -> str:
    return '"' + " ".join(value.replace('"', " ").split()) + '"'


def clause(kind: str, value: str, entity_type: str = "") -> str:
    """The query clause that keeps only briefs with this facet value."""
    if kind == "year":
        return f"date:{value}"
    if kind == "entity":
        return f"{ENTITY_FIELDS.get(entity_type, 'org')}:{_quoted(value)}"
    return f"{kind}:{_quoted(value)}"


def add_clause(query: str, new: str) -> str:
    """The query with one more filter (once); an OR query is bracketed so the filter holds."""
    query = query.strip()
    if new in query:
        return query
    if _top_level_or(query):
        query = f"({query})"
    return f"{query} {new}".strip()


def _top_level_or(query: str) -> bool:
    """An OR outside every bracket and quote (it would otherwise take the filter as its operand)."""
    depth, quoted = 0, False
    for i, ch in enumerate(query):
        if ch == '"':
            quoted = not quoted
        elif not quoted and ch in "()":
            depth += 1 if ch == "(" else -1
        elif not quoted and depth == 0 and _OR.match(query, i) and (i == 0 or not query[i - 1].isalnum()):
            return True
    return False


def remove_filters(query: str) -> str:
    """The query without its source, tag, date and entity clauses."""
    stripped = " ".join(_CLAUSE.sub(" ", query).split())
    return "" if stripped == "()" else stripped


def has_filters(query: str) -> bool:
    return bool(_CLAUSE.search(query))


def count(index_dir: Path, text: str, sort: str) -> FacetCounts:
    """Facet counts over every brief the query finds, or over every brief for an empty query
    (made once per index generation); run in a thread; raises QueryError for a malformed one."""
    with loaders.borrowed(index_dir) as searcher:
        results = searcher.search(text.strip() or EVERYTHING, limit=1, sort=sort, facets=True,
                                  entities=True, collapse=False, time_limit=TIME_LIMIT)
    out = FacetCounts(query=text, total=results.total, partial=results.partial)
    for kind in ("source", "tag", "year"):
        out.values[kind] = [Value(kind, label, n, clause(kind, label))
                            for label, n in results.facets.get(kind, {}).items() if label.strip()]
    entities = []
    for key, n in results.facets.get("entity", {}).items():
        etype, name = split_entity(key)
        if etype in ENTITY_FIELDS and name.strip():
            entities.append(Value("entity", f"{name} ({etype})", n, clause("entity", name, etype)))
    out.values["entity"] = entities[:ENTITY_LIMIT]
    return out
