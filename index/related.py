"""Related briefs, each with its reason: shared entities and key terms, and the kind of link.

Key-term similarity is Whoosh's more-like-this with 15 terms (the default 5 finds nothing
on short briefs); shared entities and acronyms come from the key facts, each weighted by
how rare it is in the corpus (a shared "United States" says little, a shared "HBTSS" a lot).
"""

from __future__ import annotations

import math
import re
import sqlite3
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from whoosh import query as wq

from index.factstore import FACTS_DB, connect
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
    docnum = s.document_number(id=brief_id)
    if docnum is None:
        return []
    stored = s.stored_fields(docnum)
    body = stored.get("body", "")
    total_docs = max(1, s.doc_count())
    # 1. Key terms (more-like-this over the body, title words count double).
    reader = s.reader()
    candidates = [
        (t, w) for t, w in s.key_terms_from_text("body", stored.get("title", "") + "\n" + body, numterms=NUM_TERMS + 10)
        if t not in _DULL and len(t) > 2 and not t.isdigit()
    ]
    # Terms in more than a twentieth of the corpus say little and cost most (long posting lists).
    common = max(50, total_docs // 20)
    key_terms = [(t, w) for t, w in candidates if reader.doc_frequency("body", t) <= common][:NUM_TERMS]
    if len(key_terms) < 8:
        key_terms = sorted(candidates, key=lambda tw: reader.doc_frequency("body", tw[0]))[:8]
    term_query = wq.Or([wq.Term("body", t, boost=w) for t, w in key_terms])
    term_scores: dict[int, float] = {}
    for hit in s.search(term_query, limit=CANDIDATES + 1):
        if hit.docnum != docnum:
            term_scores[hit.docnum] = hit.score
    top_term = max(term_scores.values(), default=1.0) or 1.0
    # 2. Shared entities, weighted by rarity.
    entity_scores: dict[str, float] = {}
    shared: dict[str, list[str]] = {}
    own: dict[str, str] = {}
    index_dir = Path(searcher.index_dir)
    if (index_dir / FACTS_DB).exists():
        with connect(index_dir) as db:
            own = _entities(db, brief_id)
            if own:
                marks = ",".join("?" * len(own))
                df = dict(db.execute(
                    f"SELECT name, COUNT(DISTINCT id) FROM entity WHERE name IN ({marks}) GROUP BY name",  # noqa: S608
                    list(own),
                ))
                df.update(db.execute(
                    f"SELECT short, COUNT(DISTINCT id) FROM acronym WHERE short IN ({marks}) GROUP BY short",  # noqa: S608
                    list(own),
                ))
                weight = {n: math.log(1 + total_docs / max(1, df.get(n, 1))) for n in own}
                # Names in more than a twentieth of the corpus ("United States") weigh little
                # and would bring thousands of rows: they count in the weights, not the search.
                rare = [n for n in own if df.get(n, 1) <= max(20, total_docs // 20)] or list(own)
                marks = ",".join("?" * len(rare))
                rows = db.execute(
                    f"SELECT DISTINCT id, name FROM entity WHERE name IN ({marks}) AND id != ? "  # noqa: S608
                    f"UNION SELECT DISTINCT id, short FROM acronym WHERE short IN ({marks}) AND id != ? AND long IS NOT NULL",
                    [*rare, brief_id, *rare, brief_id],
                ).fetchall()
                for other, name in rows:
                    entity_scores[other] = entity_scores.get(other, 0.0) + weight[name]
                    shared.setdefault(other, []).append(name)
                possible = sum(sorted(weight.values(), reverse=True)[:10]) or 1.0
                entity_scores = {k: min(1.0, v / possible) for k, v in entity_scores.items()}
    # 3. Links written in the briefs, either way: they come first.
    linked = _linked(index_dir, brief_id) if (index_dir / FACTS_DB).exists() else set()
    # 4. Combine: candidates from either side.
    by_id: dict[str, float] = {}
    docs: dict[str, int] = {}
    for dn, score in term_scores.items():
        other_id = s.stored_fields(dn)["id"]
        docs[other_id] = dn
        by_id[other_id] = 0.5 * score / top_term
    for other_id, score in sorted(entity_scores.items(), key=lambda kv: -kv[1])[: CANDIDATES]:
        by_id[other_id] = by_id.get(other_id, 0.0) + 0.5 * score
    for other_id in linked:
        by_id[other_id] = by_id.get(other_id, 0.0) + 1.0
    ranked = sorted(by_id.items(), key=lambda kv: -kv[1])
    out: list[Related] = []
    own_date = stored.get("date")
    own_source = stored.get("source", "")
    own_terms = {t for t, _ in key_terms}
    surface = _surface(stored.get("title", "") + " " + body, own_terms)
    for other_id, score in ranked[: limit * 2]:
        dn = docs.get(other_id)
        if dn is None:
            dn = s.document_number(id=other_id)
            if dn is None:
                continue
        other = s.stored_fields(dn)
        names = sorted(shared.get(other_id, []), key=lambda n: -len(n))
        names = sorted(set(names), key=lambda n: names.index(n))
        other_stems = _stems(other.get("title", "") + " " + other.get("body", "")[:20000])
        terms = [surface.get(t, t) for t, _ in key_terms if t in other_stems and t in own_terms and t in surface][:8]
        when = other.get("date")
        item = Related(
            id=other_id, title=other.get("title", ""),
            date=when.date().isoformat() if isinstance(when, datetime) else None,
            source=other.get("source", ""), path=other.get("path", ""), score=score,
            entities=_display(names, own), terms=terms,
        )
        item.kinds = (["linked"] if other_id in linked else []) + _kinds(item, own, own_date, own_source, score)
        out.append(item)
    return _drop_copies(_fold_copies(index_dir, brief_id, out))[:limit]


def _fold_copies(index_dir: Path, brief_id: str, items: list[Related]) -> list[Related]:
    """A copy of the brief itself is "same story"; a copy of a listed item takes no place."""
    from index import dupes

    if not (index_dir / FACTS_DB).exists():
        return items
    with connect(index_dir) as db:
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


def _linked(index_dir: Path, brief_id: str) -> set[str]:
    """Briefs this one points at (URL, quoted title, report number, `related:`) or that point at it."""
    with connect(index_dir) as db:
        me = db.execute("SELECT url, report, ltitle, file FROM brief WHERE id = ?", (brief_id,)).fetchone()
        if not me:
            return set()
        url, report, ltitle, file = me
        found = {r[0] for r in db.execute(
            """SELECT b.id FROM ref r JOIN brief b ON
                   (r.kind = 'url' AND b.url = r.value) OR (r.kind = 'title' AND b.ltitle = r.value)
                   OR (r.kind = 'report' AND b.report = r.value)
                   OR (r.kind = 'related' AND (b.ltitle = r.value OR b.id = r.value OR lower(b.file) = r.value))
               WHERE r.id = ?""", (brief_id,))}
        found |= {r[0] for r in db.execute(
            """SELECT r.id FROM ref r WHERE (r.kind = 'url' AND r.value = ?) OR (r.kind = 'title' AND r.value = ?)
               OR (r.kind = 'report' AND r.value = ?)
               OR (r.kind = 'related' AND (r.value = ? OR r.value = ? OR r.value = lower(?)))""",
            (url or "", ltitle or "", report or "", ltitle or "", brief_id, file or ""))}
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
