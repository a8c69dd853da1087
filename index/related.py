"""Related briefs, each with its reason: shared entities and key terms, and the kind of link.

Key-term similarity is Whoosh's more-like-this with 15 terms (the default 5 finds nothing
on short briefs); shared entities and acronyms come from the key facts, each weighted by
how rare it is in the corpus (a shared "United States" says little, a shared "HBTSS" a lot).
"""

from __future__ import annotations

import heapq
import math
import re
import sqlite3
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from index import dupes
from index.factstore import FACTS_DB, connect, name_counts
from index.keyterms import CorpusTerms, corpus_terms
from index.snippets import stem

NUM_TERMS = 15
# Words too common in briefs to be a reason ("being", "said"), whatever their weight.
_DULL = {"be", "said", "also", "would", "could", "year", "new", "use", "per", "million",
         "billion", "one", "two", "three", "first", "last", "say", "includ", "accord"}
CANDIDATES = 40
_WORD = re.compile(r"\w+")


@dataclass
class Related:
    """One related brief and why."""

    id: str
    title: str
    date: str | None
    source: str
    path: str
    score: float
    kinds: list[str] = field(default_factory=list)
    entities: list[str] = field(default_factory=list)
    terms: list[str] = field(default_factory=list)

    @property
    def reason(self) -> str:
        parts = []
        if self.entities:
            parts.append("shares " + ", ".join(self.entities[:5]))
        if self.terms:
            parts.append("terms: " + ", ".join(self.terms[:5]))
        if self.kinds:
            parts.append(" · ".join(self.kinds))
        return "; ".join(parts) or "similar wording"

    def as_json(self) -> dict[str, object]:
        return {
            "id": self.id, "title": self.title, "date": self.date, "source": self.source,
            "path": self.path, "score": round(self.score, 4), "reason": self.reason,
            "kinds": self.kinds, "entities": self.entities, "terms": self.terms,
        }


def _entities(db: sqlite3.Connection, brief_id: str) -> dict[str, str]:
    """Entity name -> type for one brief (acronyms count as entities of their own)."""
    names = {name: kind for name, kind in db.execute("SELECT DISTINCT name, type FROM entity WHERE id = ?", (brief_id,))}
    for short, in db.execute("SELECT DISTINCT short FROM acronym WHERE id = ? AND long IS NOT NULL", (brief_id,)):
        names.setdefault(short, "acronym")
    return names


def _stems(text: str) -> set[str]:
    return {stem(w) for w in _WORD.findall(text.lower())}


def related(searcher, brief_id: str, limit: int = 8) -> list[Related]:  # type: ignore[no-untyped-def]
    """The briefs most related to one brief, best first."""
    s = searcher._searcher
    corpus = corpus_terms(s)
    docnum = corpus.docnum(brief_id)
    if docnum is None:
        return []
    index_dir = Path(searcher.index_dir)
    db = connect(index_dir) if (index_dir / FACTS_DB).exists() else None
    try:
        return _related(corpus, db, brief_id, docnum, s.stored_fields(docnum), limit)
    finally:
        if db is not None:
            db.close()


def _related(corpus: CorpusTerms, db: sqlite3.Connection | None, brief_id: str, docnum: int,
             stored: dict, limit: int) -> list[Related]:  # type: ignore[type-arg]
    text = stored.get("title", "") + "\n" + stored.get("body", "")
    total_docs = max(1, corpus.reader.doc_count())
    # 1. Key terms (more-like-this over the body, title words count double).
    key_terms = _key_terms(corpus, text, total_docs)
    scores, term_docs = corpus.more_like(key_terms)
    # The best CANDIDATES + 1 as a search lists them (ties: lower document first), less itself.
    top = heapq.nsmallest(CANDIDATES + 1, set().union(*term_docs.values()), key=lambda d: (-scores[d], d))
    term_scores = {d: scores[d] for d in top if d != docnum}
    top_term = max(term_scores.values(), default=1.0) or 1.0
    # 2. Shared entities, weighted by rarity.
    own = _entities(db, brief_id) if db is not None else {}
    entity_scores, shared = _shared_entities(db, brief_id, own, total_docs) if db is not None and own else ({}, {})
    # 3. Links written in the briefs, either way: they come first.
    linked = _linked(db, brief_id) if db is not None else set()
    # 4. Combine: candidates from either side, by document number (reading a brief's stored
    # fields to learn its id costs half a millisecond).
    by_doc = {dn: 0.5 * score / top_term for dn, score in term_scores.items()}
    ids: dict[int, str] = {}
    best_entities = sorted(entity_scores.items(), key=lambda kv: -kv[1])[:CANDIDATES]
    for other_id, score in [(i, 0.5 * v) for i, v in best_entities] + [(i, 1.0) for i in linked]:
        dn = corpus.docnum(other_id)
        if dn is not None:
            ids[dn] = other_id
            by_doc[dn] = by_doc.get(dn, 0.0) + score
    ranked = sorted(by_doc.items(), key=lambda kv: -kv[1])[: limit * 2]
    about = _about(corpus, db, {dn: ids.get(dn) or corpus.doc_id(dn) for dn, _ in ranked})
    own_terms = {t for t, _ in key_terms}
    surface = _surface(text, own_terms)
    # Which key terms another brief shares: its body's postings (all of it) and its title.
    term_sets = {t: set(docs) for t, docs in term_docs.items()}
    out: list[Related] = []
    for dn, score in ranked:
        other_id, title, when, source, path = about[dn]
        names = sorted(shared.get(other_id, []), key=lambda n: -len(n))
        names = sorted(set(names), key=lambda n: names.index(n))
        in_title = _stems(title)
        terms = [surface[t] for t, _ in key_terms if t in surface and (dn in term_sets.get(t, ()) or t in in_title)]
        item = Related(
            id=other_id, title=title, date=when, source=source, path=path, score=score,
            entities=_display(names, own), terms=terms[:8],
        )
        item.kinds = (["linked"] if other_id in linked else []) + _kinds(
            item, own, stored.get("date"), stored.get("source", ""), score
        )
        out.append(item)
    if db is not None:
        out = _fold_copies(db, brief_id, out)
    return _drop_copies(out)[:limit]


def _key_terms(corpus: CorpusTerms, text: str, total_docs: int) -> list[tuple[str, float]]:
    """The brief's key terms (stem, weight) for more-like-this."""
    candidates = [
        (t, w) for t, w in corpus.key_terms(text, NUM_TERMS + 10)
        if t not in _DULL and len(t) > 2 and not t.isdigit()
    ]
    # Terms in more than a twentieth of the corpus say little and cost most (long posting lists).
    common = max(50, total_docs // 20)
    key_terms = [(t, w) for t, w in candidates if corpus.doc_frequency(t) <= common][:NUM_TERMS]
    if len(key_terms) < 8:
        key_terms = sorted(candidates, key=lambda tw: corpus.doc_frequency(tw[0]))[:8]
    return key_terms


def _shared_entities(
    db: sqlite3.Connection, brief_id: str, own: dict[str, str], total_docs: int
) -> tuple[dict[str, float], dict[str, list[str]]]:
    """Other brief id -> share of the brief's entity weight it has (0..1), and the names shared."""
    df = name_counts(db, "entity", list(own))
    df.update(name_counts(db, "acronym", list(own)))
    weight = {n: math.log(1 + total_docs / max(1, df.get(n, 1))) for n in own}
    # Names in more than a twentieth of the corpus ("United States") weigh little
    # and would bring thousands of rows: they count in the weights, not the search.
    rare = [n for n in own if df.get(n, 1) <= max(20, total_docs // 20)] or list(own)
    marks = ",".join("?" * len(rare))
    rows = set(db.execute(
        f"SELECT id, name FROM entity WHERE name IN ({marks}) AND id != ?", [*rare, brief_id]  # noqa: S608
    ))
    rows.update(db.execute(
        f"SELECT id, short FROM acronym WHERE short IN ({marks}) AND id != ? AND long IS NOT NULL",  # noqa: S608
        [*rare, brief_id],
    ))
    scores: dict[str, float] = {}
    shared: dict[str, list[str]] = {}
    for other, name in sorted(rows):
        scores[other] = scores.get(other, 0.0) + weight[name]
        shared.setdefault(other, []).append(name)
    possible = sum(sorted(weight.values(), reverse=True)[:10]) or 1.0
    return {k: min(1.0, v / possible) for k, v in scores.items()}, shared


_About = tuple[str, str, str | None, str, str]  # id, title, date (YYYY-MM-DD), source, path


def _about(corpus: CorpusTerms, db: sqlite3.Connection | None, ids: dict[int, str]) -> dict[int, _About]:
    """Document number -> id, title, date, source and path: from the facts store (one query),
    else (a brief it lacks, or no store) from the brief's stored fields."""
    rows: dict[str, _About] = {}
    if db is not None and ids:
        marks = ",".join("?" * len(ids))
        query = f"SELECT id, title, date, source, path FROM brief WHERE id IN ({marks})"  # noqa: S608
        for row in db.execute(query, list(ids.values())):
            rows[row[0]] = (row[0], row[1] or "", row[2][:10] if row[2] else None, row[3] or "", row[4])
    out = {}
    for dn, brief_id in ids.items():
        if brief_id not in rows:
            other = corpus.reader.stored_fields(dn)
            when = other.get("date")
            rows[brief_id] = (
                brief_id, other.get("title", ""), when.date().isoformat() if isinstance(when, datetime) else None,
                other.get("source", ""), other.get("path", ""),
            )
        out[dn] = rows[brief_id]
    return out


def _fold_copies(db: sqlite3.Connection, brief_id: str, items: list[Related]) -> list[Related]:
    """A copy of the brief itself is "same story"; a copy of a listed item takes no place."""
    found = dupes.copies(db, [brief_id] + [i.id for i in items])
    own_copies = set(found.get(brief_id, []))
    kept: list[Related] = []
    folded: set[str] = set()
    for item in items:
        if item.id in folded:
            continue
        if item.id in own_copies and "same story" not in item.kinds:
            item.kinds.insert(0, "same story")
        folded.update(found.get(item.id, []))
        kept.append(item)
    return kept


def _linked(db: sqlite3.Connection, brief_id: str) -> set[str]:
    """Briefs this one points at (URL, quoted title, report number, `related:`) or that point at it.

    One indexed look-up per reference and per way of being referred to (a join on ORs made
    SQLite scan every brief for each reference).
    """
    me = db.execute("SELECT url, report, ltitle, file FROM brief WHERE id = ?", (brief_id,)).fetchone()
    if not me:
        return set()
    url, report, ltitle, file = me
    found: set[str] = set()
    for kind, value in db.execute("SELECT kind, value FROM ref WHERE id = ?", (brief_id,)):
        if kind == "url":
            found.update(r[0] for r in db.execute("SELECT id FROM brief WHERE url = ?", (value,)))
        elif kind == "title":
            found.update(r[0] for r in db.execute("SELECT id FROM brief WHERE ltitle = ?", (value,)))
        elif kind == "report":
            found.update(r[0] for r in db.execute("SELECT id FROM brief WHERE report = ?", (value,)))
        elif kind == "related":
            found.update(r[0] for r in db.execute(
                "SELECT id FROM brief WHERE ltitle = ? UNION SELECT id FROM brief WHERE id = ? "
                "UNION SELECT id FROM brief WHERE lower(file) = ?", (value, value, value)))
    back = [("url", url), ("title", ltitle), ("report", report), ("related", ltitle), ("related", brief_id)]
    for kind, value in back:
        if value:
            found.update(r[0] for r in db.execute("SELECT id FROM ref WHERE kind = ? AND value = ?", (kind, value)))
    if file:
        found.update(r[0] for r in db.execute(
            "SELECT id FROM ref WHERE kind = 'related' AND value = lower(?)", (file,)))
    found.discard(brief_id)
    return found


def _surface(text: str, stems: set[str]) -> dict[str, str]:
    """Stem -> the word as the brief first writes it (for reasons a person reads)."""
    out: dict[str, str] = {}
    for word in _WORD.findall(text):
        if len(word) < 3 or word.isdigit():
            continue
        st = stem(word.lower())
        if st in stems and st not in out:
            out[st] = word if word.isupper() else word.lower()
    return out


def _display(names: list[str], own: dict[str, str]) -> list[str]:
    """Shared names, programmes and organisations first; one name per thing."""
    order = {"programme": 0, "acronym": 1, "organisation": 2, "person": 3, "place": 4}
    ranked = sorted(names, key=lambda n: (order.get(own.get(n, ""), 5), -len(n)))
    kept: list[str] = []
    for name in ranked:
        low = name.lower()
        initials = "".join(w[0] for w in re.findall(r"[A-Za-z][\w-]*", name) if w[0].isupper())
        if any(low in k.lower() for k in kept):
            continue  # "Tracking" inside "Tracking Layer"
        if any(name.isupper() and name == "".join(w[0] for w in k.split() if w[:1].isupper()) for k in kept):
            continue  # "SDA" beside "Space Development Agency"
        if initials and any(k.isupper() and k == initials for k in kept):
            kept = [k for k in kept if k != initials]
        kept.append(name)
    return kept


def _kinds(item: Related, own: dict[str, str], own_date, own_source: str, score: float) -> list[str]:  # type: ignore[no-untyped-def]
    kinds = []
    shared_programmes = [n for n in item.entities if own.get(n) == "programme"]
    other_date = datetime.fromisoformat(item.date) if item.date else None
    if score >= 0.85 and own_date and other_date and abs((other_date - own_date).days) <= 7:
        kinds.append("same story")
    elif shared_programmes:
        kinds.append("same programme")
    if shared_programmes and own_date and other_date and other_date > own_date:
        kinds.append("follow-up")
    if own_source and item.source == own_source:
        kinds.append("same source")
    return kinds


def _drop_copies(items: list[Related]) -> list[Related]:
    """Two copies of one story (same title) take one place."""
    seen: set[str] = set()
    out = []
    for item in items:
        key = " ".join(item.title.lower().split())
        if key in seen:
            continue
        seen.add(key)
        out.append(item)
    return out
