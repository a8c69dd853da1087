"""Thread-side work for the main screen: plain functions, no widgets, one Searcher each.

Each runs inside a worker thread and opens its own `Searcher` (Whoosh searchers are not
shared across threads); the screen turns what they return into messages.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from briefs.facts.group import FactGroup, group
from index.query import QueryError, parse
from index.search import IndexMissing, Results, Searcher
from index.snippets import Marker, query_terms

RESULT_LIMIT = 50


def describe(exc: BaseException) -> str:
    """One line for the user about a failure (shown as plain text, never markup)."""
    if isinstance(exc, (QueryError, IndexMissing)):
        return str(exc)
    return f"{type(exc).__name__}: {exc}"


def search_once(index_dir: Path, text: str, sort: str) -> Results:
    """Run one query (raises QueryError for a malformed one)."""
    with Searcher(index_dir) as searcher:
        return searcher.search(text, limit=RESULT_LIMIT, sort=sort, facets=False)


def body_hits(searcher: Searcher, query: str, body: str) -> list[tuple[int, int]]:
    """Spans of the query's words in a body ([] for no query or a malformed one)."""
    if not query.strip():
        return []
    try:
        return Marker(query_terms(parse(query, searcher.ix.schema))).spans(body, limit=2000)
    except QueryError:
        return []


def load_brief(index_dir: Path, brief_id: str, query: str) -> tuple[dict[str, Any], list[tuple[int, int]], dict[str, list[FactGroup]]]:
    """A brief's stored fields, the query's hits in its body and its grouped facts."""
    from tui.cli_facts import stored_facts

    with Searcher(index_dir) as searcher:
        stored = searcher.get(brief_id)
        if stored is None:
            raise IndexMissing(f"brief {brief_id} is no longer in the index")
        body = stored.get("body", "") or ""
        hits = body_hits(searcher, query, body)
    facts = [f for f in stored_facts(stored) if 0 <= f.start <= f.end <= len(body)]
    return stored, hits, group(facts)


def load_related(index_dir: Path, brief_id: str) -> list[Any]:
    """Briefs related to one brief, best first."""
    from index.related import related

    with Searcher(index_dir) as searcher:
        return related(searcher, brief_id, limit=8)
