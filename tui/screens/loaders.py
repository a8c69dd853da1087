"""Thread-side work for the main screen: plain functions, no widgets.

Each runs inside a worker thread with a `Searcher` borrowed from a small pool: a Whoosh
searcher is never used by two threads at once, but opening one costs about 100 ms at 10,000
briefs, far too much to pay on every keystroke. A borrowed searcher is refreshed first, so
commits made meanwhile (by `brief index`) are seen.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from briefs.facts.group import FactGroup, group
from briefs.notes.filters import IdFilter
from index.query import QueryError, parse
from index.search import IndexMissing, Results, Searcher
from index.snippets import Marker, query_terms

RESULT_LIMIT = 50
_NO_IDS = IdFilter(frozenset())

_idle: dict[Path, list[Searcher]] = {}
_notes: dict[Path, Any] = {}  # index folder -> the app's notes, for is:starred and the rest
_lock = threading.Lock()


@contextlib.contextmanager
def borrowed(index_dir: Path) -> Iterator[Searcher]:
    """A searcher for this thread alone until the block ends, then back to the pool."""
    key = Path(index_dir)
    with _lock:
        searcher = _idle.get(key, []).pop() if _idle.get(key) else None
    if searcher is None:
        searcher = Searcher(key)
    else:
        searcher.refresh()
    searcher.annotations = _notes.get(key)
    try:
        yield searcher
    except BaseException:
        searcher.close()  # it may be half-way through something: don't reuse it
        raise
    with _lock:
        _idle.setdefault(key, []).append(searcher)


def close_all() -> None:
    """Close the pooled searchers (when the app exits)."""
    with _lock:
        for searchers in _idle.values():
            for searcher in searchers:
                searcher.close()
        _idle.clear()
        _notes.clear()


def describe(exc: BaseException) -> str:
    """One line for the user about a failure (shown as plain text, never markup)."""
    if isinstance(exc, (QueryError, IndexMissing)):
        return str(exc)
    return f"{type(exc).__name__}: {exc}"


def search_once(index_dir: Path, text: str, sort: str, notes: Any = None) -> Results:
    """Run one query (raises QueryError for a malformed one). `notes`, the app's NotesHandle,
    answers is:starred, has:notes, note:... and the analyst's tag: (opened only if asked)."""
    from tui.notes_filter import NotesFilter

    key = Path(index_dir)
    if notes is None or getattr(notes, "settings", None) is None:  # no notes: no notes clauses
        _notes.pop(key, None)
    elif getattr(_notes.get(key), "handle", None) is not notes:
        _notes[key] = NotesFilter(handle=notes)  # the facet picker's searches use it too
    with borrowed(index_dir) as searcher:
        return searcher.search(text, limit=RESULT_LIMIT, sort=sort, facets=False)


def body_hits(searcher: Searcher, query: str, body: str) -> list[tuple[int, int]]:
    """Spans of the query's words in a body ([] for no query or a malformed one)."""
    if not query.strip():
        return []
    try:
        # Notes clauses (is:starred...) select briefs and mark nothing: any answer will do.
        q = parse(query, searcher.ix.schema, notes=lambda name, value: _NO_IDS)
        return Marker(query_terms(q)).spans(body, limit=2000)
    except QueryError:
        return []


def load_brief(index_dir: Path, brief_id: str, query: str) -> tuple[dict[str, Any], list[tuple[int, int]], dict[str, list[FactGroup]]]:
    """A brief's stored fields, the query's hits in its body and its grouped facts."""
    from tui.cli_facts import stored_facts

    with borrowed(index_dir) as searcher:
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

    with borrowed(index_dir) as searcher:
        return related(searcher, brief_id, limit=8)
