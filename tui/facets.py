"""Facet filters: counts for the current query, and the query clauses that filter by them.

A filter is a clause in the query text (`source:"Defense Wire"`, `tag:"space"`, `date:2025`,
`org:"Space Development Agency"`), so the user sees it in the search box and can edit it.
`count` runs in a worker thread; the rest are plain string functions.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from index.factstore import FACTS_DB
from index.schema import ENTITY_FIELDS
from tui.screens import loaders

KINDS = ("source", "tag", "year", "entity")
ENTITY_LIMIT = 30
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
    """Values per kind for one query; entities are counted in the results shown."""

    query: str
    total: int = 0
    shown: int = 0
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
    """Facet counts of a query (run in a thread; raises QueryError for a malformed one)."""
    with loaders.borrowed(index_dir) as searcher:
        results = searcher.search(text, limit=loaders.RESULT_LIMIT, sort=sort, facets=True)
    out = FacetCounts(query=text, total=results.total, shown=len(results.hits))
    for kind in ("source", "tag", "year"):
        out.values[kind] = [Value(kind, label, n, clause(kind, label))
                            for label, n in results.facets.get(kind, {}).items() if label.strip()]
    out.values["entity"] = entity_values(Path(index_dir), [h.id for h in results.hits])
    return out


def entity_values(index_dir: Path, ids: list[str]) -> list[Value]:
    """The names most briefs among `ids` mention, with how many of them do (facts store)."""
    path = Path(index_dir) / FACTS_DB
    if not ids or not path.exists():
        return []
    db = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, timeout=5.0)
    try:
        marks = ",".join("?" * len(ids))
        rows = db.execute(
            f"SELECT type, name, COUNT(DISTINCT id) AS n FROM entity WHERE id IN ({marks}) "  # noqa: S608
            "GROUP BY type, name ORDER BY n DESC, name LIMIT ?",
            [*ids, ENTITY_LIMIT],
        ).fetchall()
    except sqlite3.Error:
        return []
    finally:
        db.close()
    return [Value("entity", f"{name} ({etype})", n, clause("entity", name, etype))
            for etype, name, n in rows if etype in ENTITY_FIELDS and str(name).strip()]
