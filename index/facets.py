"""Facet counts for a search: how many of the matching briefs per source, tag, year and entity."""

from __future__ import annotations

import heapq
import sqlite3
import threading
from collections import Counter, defaultdict
from collections.abc import Iterator
from itertools import chain, islice
from pathlib import Path
from typing import TypeVar

from index.deadline import CHECK_EVERY, Deadline
from index.factstore import FACTS_DB
from index.schema import ENTITY_FIELDS

FACET_FIELDS = {"source": "source_key", "tag": "tag", "year": "year"}
FACET_STEP = CHECK_EVERY * 16  # briefs counted between two looks at the clock
TOP = 50
"""Values kept per facet (the most frequent; years newest first)."""
T = TypeVar("T")


def entity_key(etype: str, name: str) -> str:
    """How an entity is named in the "entity" facet: "organisation: Space Development Agency"."""
    return f"{etype}: {name}"


def split_entity(key: str) -> tuple[str, str]:
    """(type, name) of an "entity" facet key (types hold no ": ", names may)."""
    etype, _, name = key.partition(": ")
    return etype, name


class Facets:
    """Counts facets on one Whoosh searcher (make a new one when the searcher is refreshed).

    Each document's terms are listed once (by doc number), so counting the matches is a
    C-speed Counter over them: 4 ms -> 1 ms for a word most briefs hold at 10,000 briefs,
    where intersecting each term's documents with the matches cost one lookup per pair.
    Entities come from the facts store beside the index (`index_dir`), listed the same way.
    The counts over every brief (an empty search in the app) are made once per searcher.
    With a deadline (index/deadline.py), counting looks at the clock every few thousand
    briefs and, past the limit, gives the counts so far; the per-document lists are built
    a term at a time, and a build cut short by one search goes on in the next.
    """

    def __init__(self, searcher, index_dir: Path | None = None):  # type: ignore[no-untyped-def]
        self._searcher = searcher
        self._index_dir = Path(index_dir) if index_dir is not None else None
        self._index: dict[str, tuple[list[tuple[str, ...]], dict[str, int]]] | None = None
        self._building: Iterator[None] | None = None
        self._labels: dict[tuple[str, str], str] = {}
        self._everything: dict[bool, dict[str, dict[str, int]]] = {}

    def count(self, matched: frozenset[int], entities: bool = False,
              deadline: Deadline | None = None) -> dict[str, dict[str, int]]:
        """Facet -> label -> number of matching briefs (the 50 largest; years newest first).
        With `entities`, also "entity": `entity_key(type, name)` -> briefs naming it.
        Past the deadline: the counts so far, maybe none, and `deadline.cut` is set."""
        if not matched:
            return {name: {} for name in [*FACET_FIELDS, *(["entity"] if entities else [])]}
        every = len(matched) == self._searcher.doc_count()  # (matches are live documents)
        if every and entities in self._everything:
            return self._everything[entities]
        was_cut = deadline is not None and deadline.cut
        index = self._terms(deadline)
        out: dict[str, dict[str, int]] = {name: {} for name in FACET_FIELDS}
        for name, (of_doc, first) in (index or {}).items():
            if deadline is None:
                counted = Counter(chain.from_iterable(map(of_doc.__getitem__, matched)))
            else:
                counted = _count_until(of_doc, matched, deadline)
            if name == "year":
                ranked = sorted(counted.items(), key=lambda c: -int(c[0]))
            else:
                ranked = sorted(counted.items(), key=lambda c: (-c[1], c[0]))
            out[name] = {self._label(name, term, first[term]): n for term, n in ranked[:TOP]}
        if entities:
            out["entity"] = self._entities(matched, deadline)
        if every and not (deadline is not None and deadline.cut and not was_cut):  # (not partial counts)
            self._everything[entities] = out
        return out

    def _entities(self, matched: frozenset[int], deadline: Deadline | None = None) -> dict[str, int]:
        """The 50 entities most matching briefs name (the table is read once per generation,
        whatever the deadline: about 0.3 s at 10,000 briefs)."""
        table = entity_table(self._searcher, self._index_dir)
        if table is None:
            return {}
        of_doc, names = table
        if deadline is None:
            counted = Counter(chain.from_iterable(map(of_doc.__getitem__, matched)))
        else:
            counted = _count_until(of_doc, matched, deadline)
        ranked = heapq.nsmallest(TOP, counted.items(), key=lambda c: (-c[1], names[c[0]][1], names[c[0]][0]))
        return {entity_key(*names[e]): n for e, n in ranked}

    def _terms(self, deadline: Deadline | None = None) -> dict[str, tuple[list[tuple[str, ...]], dict[str, int]]] | None:
        """Per facet: each document's terms (by doc number), and one document per term;
        None when the deadline passes before they are listed (the next call goes on)."""
        if self._index is None:
            if self._building is None:
                self._building = self._build()
            for _ in self._building:  # a step per term
                if deadline is not None and deadline.passed():
                    deadline.cut = True
                    return None
            self._building = None
        return self._index

    def _build(self) -> Iterator[None]:
        reader = self._searcher.reader()
        doccount = self._searcher.doc_count_all()
        index = {}
        for name, fieldname in FACET_FIELDS.items():
            of_doc: list[tuple[str, ...]] = [()] * doccount
            first: dict[str, int] = {}
            for term in reader.field_terms(fieldname):
                if term == "-":
                    continue
                for d in reader.postings(fieldname, term).all_ids():
                    of_doc[d] += (term,)
                    first.setdefault(term, d)
                yield
            index[name] = (of_doc, first)
        self._index = index

    def _label(self, facet: str, term: str, doc: int) -> str:
        """How a term is shown: the source or tag as written in a brief that has it."""
        key = (facet, term)
        if key not in self._labels:
            label = term
            stored = self._searcher.stored_fields(doc)
            if facet == "source":
                label = stored.get("source") or term
            elif facet == "tag":
                from index.schema import slug

                for tag in (stored.get("meta") or {}).get("tags", []):
                    if slug(tag) == term:
                        label = tag
                        break
            self._labels[key] = label
        return self._labels[key]


def _count_until(of_doc: list[tuple[T, ...]], matched: frozenset[int], deadline: Deadline) -> Counter[T]:
    """The terms (or entities) of the matching briefs, FACET_STEP briefs at a time until
    the deadline."""
    counted: Counter[T] = Counter()
    docs = iter(matched)
    step = FACET_STEP
    while chunk := list(islice(docs, step)):
        counted.update(chain.from_iterable(map(of_doc.__getitem__, chunk)))
        if len(chunk) == step and deadline.passed():
            deadline.cut = True
            break
    return counted


# Entities per document, shared by every searcher of one index generation ------------------

EntityTable = tuple[list[tuple[int, ...]], list[tuple[str, str]]]
"""(entity numbers of each document, by doc number; (type, name) of each entity number)."""

_tables: dict[Path, tuple[object, EntityTable | None]] = {}  # index folder -> (generation, table)
_tables_lock = threading.Lock()


def entity_table(searcher, index_dir: Path | None) -> EntityTable | None:  # type: ignore[no-untyped-def]
    """The entities each document names, read from the facts store once per index generation
    (a commit, or a rebuild, makes a new one); None without a facts store."""
    if index_dir is None:
        return None
    generation = _generation(searcher)
    with _tables_lock:  # one thread reads the store; the others wait for its table
        held = _tables.get(index_dir)
        if held is None or held[0] != generation:
            _tables[index_dir] = held = (generation, _read_table(searcher, index_dir / FACTS_DB))
    return held[1]


def _generation(searcher) -> object:  # type: ignore[no-untyped-def]
    """What identifies the index a searcher reads: its TOC generation and segments (a rebuilt
    index starts its generations again, with new segment names)."""
    reader = searcher.reader()
    segments = [sub.segment() for sub, _base in reader.leaf_readers()]
    return reader.generation(), tuple(s.segment_id() for s in segments if s is not None), searcher.doc_count()


def _read_table(searcher, path: Path) -> EntityTable | None:  # type: ignore[no-untyped-def]
    """Read the entity rows of the facts store, numbering each (type, name) once."""
    if not path.exists():
        return None
    docnum = _docnums(searcher.reader())
    numbers: dict[tuple[str, str], int] = {}
    found: defaultdict[int, set[int]] = defaultdict(set)
    wanted = ",".join(f"'{t}'" for t in ENTITY_FIELDS)
    db = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, timeout=5.0)
    try:  # (about 0.3 s at 10,000 briefs, most of it SQLite handing over 270,000 rows)
        rows = db.execute(
            f"SELECT id, type, name FROM entity WHERE type IN ({wanted}) AND trim(name) != ''"  # noqa: S608
        )
        for brief_id, etype, name in rows:
            d = docnum.get(brief_id)
            if d is not None:  # (a brief the store has and this generation does not, or no longer)
                found[d].add(numbers.setdefault((etype, name), len(numbers)))
    except sqlite3.Error:
        return None
    finally:
        db.close()
    of_doc: list[tuple[int, ...]] = [()] * searcher.doc_count_all()
    for d, entities in found.items():
        of_doc[d] = tuple(entities)
    return of_doc, list(numbers)


def _docnums(reader) -> dict[str, int]:  # type: ignore[no-untyped-def]
    """Brief id -> doc number of every live document. An id is unique, so its term info names
    the document (48 ms at 10,000 briefs, where reading each id's postings took 400 ms)."""
    out = {}
    for sub, base in reader.leaf_readers():
        deleted = sub.is_deleted if sub.has_deletions() else None
        for term, info in sub.iter_field("id"):
            brief_id = term.decode("utf-8") if isinstance(term, bytes) else term
            if info.doc_frequency() == 1:
                if deleted is None or not deleted(info.min_id()):
                    out[brief_id] = base + info.min_id()
            else:  # (not expected: the postings skip deleted documents)
                for d in sub.postings("id", brief_id).all_ids():
                    out[brief_id] = base + d
    return out
