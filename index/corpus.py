"""Corpus-wide views of the key facts: who is mentioned where, the glossary, the timeline."""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from index.factstore import FACTS_DB, _norm, connect, name_counts


class NoFacts(Exception):
    """The index has no key facts yet (built by an older brief, or never)."""


def _same_expansion(a: str) -> str:
    """Expansions that differ only by a plural or case are the same expansion."""
    words = _norm(a).replace("-", " ").split()
    return " ".join(w[:-1] if len(w) > 3 and w.endswith("s") else w for w in words)


def _db(index_dir: Path) -> sqlite3.Connection:
    if not (Path(index_dir) / FACTS_DB).exists():
        raise NoFacts(f"no key facts in {index_dir}: run `brief index --rebuild`")
    return connect(Path(index_dir))


@dataclass
class Mention:
    """A brief that mentions an entity, and the sentence where it first does."""

    id: str
    title: str
    date: str | None
    source: str
    path: str
    name: str
    type: str
    sentence: str
    start: int
    end: int


# The distinct names an alias stands for, one index step each: SELECT DISTINCT read all
# 9,000 rows of "congress" (11 ms).
_NAMES_OF_ALIAS = """WITH RECURSIVE n(name) AS (
    SELECT MIN(name) FROM entity WHERE alias = :alias
    UNION ALL
    SELECT (SELECT MIN(name) FROM entity WHERE alias = :alias AND name > n.name) FROM n WHERE n.name IS NOT NULL
) SELECT name FROM n WHERE name IS NOT NULL"""


def _names(db: sqlite3.Connection, alias: str) -> list[str]:
    """The entity names that `alias` stands for ("SDA" -> "Space Development Agency")."""
    return [r[0] for r in db.execute(_NAMES_OF_ALIAS, {"alias": _norm(alias)})]


def entity_total(index_dir: Path, name: str) -> int:
    """How many briefs name the entity (by any alias)."""
    with _db(index_dir) as db:
        names = _names(db, name)
        if len(names) == 1:
            counted = name_counts(db, "entity", names)
            if names[0] in counted:
                return counted[names[0]]
        marks = ",".join("?" * len(names))
        return db.execute(
            f"SELECT COUNT(DISTINCT id) FROM entity WHERE name IN ({marks})", names  # noqa: S608
        ).fetchone()[0] if names else 0


def entity(index_dir: Path, name: str, limit: int = 200) -> list[Mention]:
    """Every brief that names the entity (by any alias), newest first."""
    with _db(index_dir) as db:
        names = _names(db, name)
        if not names:
            return []
        marks = ",".join("?" * len(names))
        ordered = sorted(names)
        # Newest briefs first, then only their first mention: a common name ("United States")
        # is in thousands of briefs, and grouping every mention cost 70 ms at 10,000.
        briefs = db.execute(_newest(db, ordered, limit).format(marks=marks), (*ordered, limit)).fetchall()
        rows = []
        for brief_id, title, when, source, path in briefs:
            first = db.execute(
                f"""SELECT name, type, sentence, start, end FROM entity
                    WHERE id = ? AND name IN ({marks}) ORDER BY start LIMIT 1""",  # noqa: S608
                (brief_id, *ordered),
            ).fetchone()
            if first:
                found, kind, sentence, start, end = first
                rows.append((brief_id, title, when, source, path, found, kind, sentence, start, end))
    return [Mention(*row) for row in rows]


def _newest(db: sqlite3.Connection, names: list[str], limit: int) -> str:
    """The query for the newest `limit` briefs naming any of `names`.

    A common name is met every few briefs: walking the briefs newest first (an index) and
    stopping at `limit` costs well under a millisecond where gathering its 9,000 briefs and
    sorting them cost 55 ms. A rare name is the other way round.
    """
    named = sum(name_counts(db, "entity", names).values())
    total = db.execute("SELECT COUNT(*) FROM brief").fetchone()[0]
    if named and named * named >= limit * total:
        return """SELECT id, title, date, source, path FROM brief b
                  WHERE EXISTS (SELECT 1 FROM entity e WHERE e.id = b.id AND e.name IN ({marks}))
                  ORDER BY date IS NULL, date DESC, title LIMIT ?"""
    return """SELECT id, title, date, source, path FROM brief
              WHERE id IN (SELECT id FROM entity WHERE name IN ({marks}))
              ORDER BY date IS NULL, date DESC, title LIMIT ?"""


@dataclass
class GlossaryEntry:
    """One acronym across the corpus: its expansions, where defined, how many briefs use it."""

    short: str
    expansions: dict[str, list[str]] = field(default_factory=dict)  # long form -> defining ids
    briefs: int = 0

    @property
    def conflicting(self) -> bool:
        return len({_same_expansion(e) for e in self.expansions}) > 1


def glossary(index_dir: Path) -> list[GlossaryEntry]:
    """Every acronym defined anywhere, with its expansions side by side; A to Z.

    Read from the table the indexer recomputes at each commit (index/factstore.py).
    """
    entries: dict[str, GlossaryEntry] = {}
    with _db(index_dir) as db:
        for short, long, first_id, _, briefs in db.execute(
            "SELECT short, long, first_id, defined_in, briefs FROM glossary ORDER BY short, defined_in DESC"
        ):
            entry = entries.setdefault(short, GlossaryEntry(short))
            known = next((e for e in entry.expansions if _same_expansion(e) == _same_expansion(long)), long)
            entry.expansions.setdefault(known, []).append(first_id)
            entry.briefs = max(entry.briefs, briefs)
    return sorted(entries.values(), key=lambda e: e.short.lower())


@dataclass
class Dated:
    """A dated fact on the timeline."""

    value: str
    text: str
    sentence: str
    id: str
    title: str
    brief_date: str | None


_YEAR = re.compile(r"(\d{4})")


def date_key(value: str) -> tuple[int, int, int]:
    """Where a normalised date value falls, for ordering (start of the period)."""
    m = _YEAR.search(value)
    if not m:
        return (9999, 0, 0)
    year = int(m.group(1))
    if value.startswith("FY"):
        return (year - 1, 10, 1)  # US federal fiscal years start on 1 October
    q = re.search(r"Q([1-4])", value)
    if q:
        return (year, 3 * int(q.group(1)) - 2, 1)
    w = re.search(r"W(\d{1,2})", value)
    if w:
        try:
            d = date.fromisocalendar(year, int(w.group(1)), 1)
            return (d.year, d.month, d.day)
        except ValueError:
            return (year, 1, 1)
    parts = re.match(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", value)
    if parts and value[:4] == parts.group(1):
        return (year, int(parts.group(2) or 1), int(parts.group(3) or 1))
    return (year, 1, 1)


def timeline(index_dir: Path, ids: list[str], limit: int = 500) -> list[Dated]:
    """Dated facts of these briefs, in date order."""
    if not ids:
        return []
    out: list[Dated] = []
    with _db(index_dir) as db:
        for chunk in range(0, len(ids), 500):
            part = ids[chunk : chunk + 500]
            marks = ",".join("?" * len(part))
            out += [
                Dated(*row)
                for row in db.execute(
                    f"SELECT d.value, d.text, d.sentence, d.id, b.title, b.date FROM dated d "  # noqa: S608
                    f"JOIN brief b ON b.id = d.id WHERE d.id IN ({marks})",
                    part,
                )
            ]
    seen: set[tuple[str, str, str]] = set()
    unique = []
    for d in sorted(out, key=lambda d: (date_key(d.value), d.brief_date or "", d.id)):
        key = (d.value, d.id, d.sentence)
        if key not in seen:
            seen.add(key)
            unique.append(d)
    return unique[:limit]


def entity_ids(index_dir: Path, name: str) -> list[str]:
    """Ids of the briefs that name an entity (for a timeline of that entity)."""
    return [m.id for m in entity(index_dir, name, limit=5000)]
