"""Search the index: ranked hits with marked snippets, facet counts and "did you mean".

One `Searcher` per thread (Whoosh searchers are not shared across threads); `refresh()`
picks up commits made by an indexer meanwhile. Every stage of a search shares one time
limit (index/deadline.py): past it, the search returns what it found so far, marked partial.
"""

from __future__ import annotations

import heapq
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from whoosh import query as wq

from index.deadline import NARROW, Deadline
from index.engine import Engine, Unsupported
from index.facets import Facets
from index.fallback import run_whoosh
from index.query import WORD_FIELDS, QueryError, expand_fuzzy, expand_prefixes, fuzzy_words, parse
from index.userfilters import Provider
from index import zerocopy
from index.words import Dictionary
from index.snippets import Marker, make_snippet, opening, query_terms
from index.store import DAMAGE, mark_damaged, open_index

TIME_LIMIT = 0.5
"""Seconds a search may take before it returns the best results found so far (partial)."""
NO_LIMIT = float("inf")
"""The time limit of searches that must be complete (exports)."""
_WORDS = re.compile(r"(?<![\w:\"*~])([A-Za-z][A-Za-z'-]{2,})(?![\w:*~])")
_OPERATORS = {"AND", "OR", "NOT", "TO"}


class IndexMissing(Exception):
    """No index yet (or an unreadable one): the user should run `brief index`."""


@dataclass
class Hit:
    """One search result, ready to print or show."""

    id: str
    title: str
    date: date | None
    source: str
    path: str
    score: float
    snippet: str
    highlights: list[tuple[int, int]]
    title_highlights: list[tuple[int, int]]
    tags: list[str]
    marking: str
    url: str
    format: str
    copies: list[str] = field(default_factory=list)
    also_sources: int = 0
    also_versions: int = 0

    @property
    def also(self) -> str:
        """"also in 2 sources / 1 version" for a collapsed group of near-duplicates."""
        parts = []
        if self.also_sources:
            parts.append(f"{self.also_sources} source{'s' if self.also_sources != 1 else ''}")
        if self.also_versions:
            parts.append(f"{self.also_versions} version{'s' if self.also_versions != 1 else ''}")
        return "also in " + " / ".join(parts) if parts else ""

    def as_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "title": self.title,
            "date": self.date.isoformat() if self.date else None,
            "source": self.source,
            "path": self.path,
            "score": round(self.score, 4),
            "snippet": self.snippet,
            "highlights": [list(s) for s in self.highlights],
            "tags": self.tags,
            "marking": self.marking,
            "url": self.url,
            "format": self.format,
            "copies": self.copies,
            "also": self.also,
        }


@dataclass
class Results:
    """What a query found."""

    query: str
    total: int = 0
    hits: list[Hit] = field(default_factory=list)
    facets: dict[str, dict[str, int]] = field(default_factory=dict)
    suggestion: str | None = None
    partial: bool = False
    elapsed_ms: float = 0.0
    sort: str = "relevance"  # the order used: filters alone (is:starred...) are newest first

    def as_json(self) -> dict[str, object]:
        return {
            "query": self.query,
            "total": self.total,
            "hits": [h.as_json() for h in self.hits],
            "facets": self.facets,
            "suggestion": self.suggestion,
            "partial": self.partial,
            "elapsed_ms": round(self.elapsed_ms, 1),
        }


class Searcher:
    """Queries one index folder. `annotations` answers is:, has:, note: and the analyst's
    tag: in queries (index/userfilters.py); without it those clauses are a QueryError."""

    def __init__(self, index_dir: Path, annotations: Provider | None = None):
        ix, note = open_index(Path(index_dir), create=False)
        if ix is None:
            raise IndexMissing(note or f"no index at {index_dir}: run `brief index` first")
        self.ix = ix
        self._searcher = ix.searcher()
        self._facets: Facets | None = None
        self._engine: Engine | None = None
        self._words: Dictionary | None = None
        self._db = None
        self.index_dir = Path(index_dir)
        self.annotations = annotations

    @property
    def words(self) -> Dictionary:
        """The corpus word list (loaded on first use: only prefixes and typos need it)."""
        if self._words is None:
            self._words = Dictionary.load(self.index_dir)
        return self._words

    def close(self) -> None:
        self._searcher.close()
        if self._db is not None:
            self._db.close()

    def __enter__(self) -> Searcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def refresh(self) -> None:
        """See commits made since this searcher opened (cheap when there are none). A new
        reader, not Whoosh's `refresh()`: reusing readers by segment name, that kept segments
        a merge had replaced (briefs counted twice) and missed deletions (2.7.5)."""
        if self._searcher.up_to_date():
            return
        old, self._searcher = self._searcher, self.ix.searcher()
        old.close()
        self._facets = None
        self._engine = None
        self._words = None

    @property
    def doc_count(self) -> int:
        return self._searcher.doc_count()

    def search(
        self,
        text: str,
        limit: int = 20,
        sort: str = "relevance",
        facets: bool = True,
        today: date | None = None,
        time_limit: float | None = None,
        collapse: bool = True,
        entities: bool = False,
        clock: Callable[[], float] | None = None,
    ) -> Results:
        """Run the user's query. Raises QueryError (with the reason) for a malformed one.
        `entities` adds the "entity" facet (names from the facts store) to the facets.
        `time_limit` (seconds, TIME_LIMIT by default; `clock` reads them) bounds the whole
        search: past it, `Results.partial` and what was found so far (index/deadline.py)."""
        started = time.perf_counter()
        deadline = Deadline(TIME_LIMIT if time_limit is None else time_limit, clock or time.perf_counter)
        q = parse(text, self._searcher.schema, today, self.annotations)  # not ix.schema: that re-reads the TOC
        if sort == "relevance" and not _searches_words(q):  # filters alone: newest first
            sort = "date"
        results = Results(query=text, sort=sort)
        s = self._searcher
        if "~" in text:
            q = expand_fuzzy(q, self.words, fuzzy_words(text), deadline)
        if "*" in text:
            q = expand_prefixes(q, self.words)
        wanted = max(1, limit) + (10 if collapse else 0)  # room for rows folded into groups
        try:
            try:
                top, matched = self._run(q, wanted, sort, deadline)
            except Unsupported:  # a query form the engine does not know: Whoosh's matchers
                top, matched, stopped = self._run_whoosh(q, wanted, sort, deadline.left(NARROW))
                deadline.cut = deadline.cut or stopped
            results.total = len(matched)
            bodies: dict[str, str] = {}
            for docnum, score in top:
                stored = s.stored_fields(docnum)
                bodies[stored["id"]] = stored.get("body", "")
                results.hits.append(self._hit(stored, score))
            if facets:
                if self._facets is None:
                    self._facets = Facets(self._searcher, self.index_dir)
                results.facets = self._facets.count(matched, entities=entities, deadline=deadline)
        except DAMAGE as exc:  # a segment damaged under us: say so, the next run rebuilds
            mark_damaged(self.index_dir, exc)  # (only what a rebuild cures: CORRUPTION)
            raise IndexMissing(f"index is damaged ({type(exc).__name__}); run `brief index`") from None
        if collapse and results.hits:
            self._collapse(results)
        results.hits = results.hits[: max(1, limit)]
        # Snippets only for the hits shown: finding the marked words is most of a hit's cost.
        # Past the time limit the rest get their opening lines, unmarked (the hits are all
        # there, so that alone does not make the search partial).
        marker = Marker(query_terms(q))
        for hit in results.hits:
            if deadline.passed():
                hit.snippet, hit.highlights = opening(bodies[hit.id]), []
            else:
                hit.snippet, hit.highlights = make_snippet(bodies[hit.id], marker)
            hit.title_highlights = marker.spans(hit.title, limit=20)
        results.partial = deadline.cut
        if results.total == 0 and not results.partial:  # (a partial search may yet match)
            results.suggestion = self.suggest(text, today, deadline)
        results.elapsed_ms = (time.perf_counter() - started) * 1000
        zerocopy.release_pages()
        return results

    def _run(
        self, q: wq.Query, wanted: int, sort: str, deadline: Deadline | None = None
    ) -> tuple[list[tuple[int, float]], frozenset[int]]:
        """(top `wanted` (doc number, score), every match) by index/engine.py; past the
        deadline, of the matches it had time for (and `deadline.cut` is set)."""
        if self._engine is None:
            self._engine = Engine(self._searcher)
        scores = self._engine.run(q, deadline)
        if sort == "date":
            dates = self._engine.sortdates()
            best = heapq.nsmallest(wanted, scores, key=lambda d: (-dates[d], d))
            return [(d, scores[d]) for d in best], frozenset(scores)
        # Highest scores first, then lowest doc number (as Whoosh's TopCollector breaks ties).
        if len(scores) > wanted:
            cut = heapq.nlargest(wanted, scores.values())[-1]
            items = [(d, v) for d, v in scores.items() if v >= cut]
        else:
            items = list(scores.items())
        items.sort(key=lambda kv: (-kv[1], kv[0]))
        return items[:wanted], frozenset(scores)

    def _run_whoosh(
        self, q: wq.Query, wanted: int, sort: str, time_limit: float
    ) -> tuple[list[tuple[int, float]], frozenset[int], bool]:
        """The same with Whoosh's collectors, which stop at a time limit (index/fallback.py)."""
        return run_whoosh(self._searcher, q, wanted, sort, time_limit)

    def _collapse(self, results: Results) -> None:
        """Near-duplicates among the hits take one row, which says where else the story is;
        without the facts store (a full disk: "disk I/O error") the hits stay as they are."""
        import sqlite3

        try:
            self._group(results)
        except sqlite3.Error:
            pass

    def _group(self, results: Results) -> None:
        from index import dupes
        from index.factstore import FACTS_DB, connect

        if not (self.index_dir / FACTS_DB).exists():
            return
        if self._db is None:
            self._db = connect(self.index_dir)
        db = self._db
        found = dupes.copies(db, [h.id for h in results.hits])
        shown: list[Hit] = []
        folded: set[str] = set()
        for hit in results.hits:
            if hit.id in folded:
                continue
            hit.copies = found.get(hit.id, [])
            if hit.copies:
                marks = ",".join("?" * len(hit.copies))
                sources = [r[0] for r in db.execute(f"SELECT source FROM brief WHERE id IN ({marks})", hit.copies)]  # noqa: S608
                hit.also_versions = sum(1 for src in sources if src == hit.source)
                hit.also_sources = len({src for src in sources if src != hit.source})
                folded.update(hit.copies)
            shown.append(hit)
        results.hits = shown

    def _hit(self, stored: dict, score: float) -> Hit:  # type: ignore[type-arg]
        """A hit without its snippet (search() adds those to the hits it keeps)."""
        meta = stored.get("meta") or {}
        when = stored.get("date")
        return Hit(
            id=stored["id"],
            title=stored.get("title", ""),
            date=when.date() if when else None,
            source=stored.get("source", ""),
            path=stored.get("path", ""),
            score=float(score),
            snippet="",
            highlights=[],
            title_highlights=[],
            tags=list(meta.get("tags", [])),
            marking=meta.get("marking", ""),
            url=meta.get("url", ""),
            format=meta.get("format", ""),
        )

    def suggest(self, text: str, today: date | None = None, deadline: Deadline | None = None) -> str | None:
        """A respelling of the query's words that the index knows and that finds something
        (past the deadline: a respelling found so far, if it finds something by then)."""
        words = self.words
        if not words.counts:
            return None
        changed = False

        def fix(m: re.Match[str]) -> str:
            nonlocal changed
            word = m.group(1)
            if word in _OPERATORS:
                return word
            low = word.lower()
            if low in words:
                return word
            best = words.closest(low, 1, deadline) or words.closest(low, 2, deadline)
            if best and best != low:
                changed = True
                return best
            return word

        pieces = re.split(r"(\"[^\"]*\"|\w+:\S+)", text)
        fixed = "".join(p if i % 2 else _WORDS.sub(fix, p) for i, p in enumerate(pieces))
        if not changed:
            return None
        try:
            q = parse(fixed, self._searcher.schema, today, self.annotations)
        except QueryError:
            return None
        try:
            found = bool(self._run(q, 1, "relevance", deadline)[1])
        except Unsupported:
            found = bool(self._searcher.search(q, limit=1).scored_length())
        return fixed if found else None

    def get(self, ident: str) -> dict | None:  # type: ignore[type-arg]
        """The stored brief with this id, unique id prefix, or file path."""
        s = self._searcher
        doc = s.document(id=ident)
        if doc:
            return doc
        if len(ident) >= 4 and re.fullmatch(r"[0-9a-f]+", ident):
            ids = [t for t in s.reader().field_terms("id") if t.startswith(ident)]
            if len(ids) == 1:
                return s.document(id=ids[0])
            if len(ids) > 1:
                raise QueryError(f"id prefix {ident!r} matches {len(ids)} briefs; give more of it")
        docs = list(s.documents(path=str(Path(ident).expanduser().resolve())))
        if len(docs) == 1:
            return docs[0]
        if len(docs) > 1:
            raise QueryError(f"{ident} holds {len(docs)} briefs (a feed); give one of their ids")
        return None


def all_terms(q: wq.Query) -> list[tuple[str, str]]:
    return [(f, t if isinstance(t, str) else t.decode("utf-8", "replace")) for f, t in q.iter_all_terms()]


def _searches_words(q: wq.Query) -> bool:
    """Whether a query looks for words of the briefs' titles or bodies. Filters alone
    (`source:`, `tag:`, `date:`, `org:`, notes clauses...) leave relevance nothing to rank by:
    their briefs are listed newest first."""
    return any(leaf.field() in WORD_FIELDS for leaf in q.leaves())
