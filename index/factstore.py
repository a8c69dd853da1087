"""Key facts across the corpus, in SQLite beside the Whoosh index: entities, acronyms, dates.

A cache like the index (deleted with it, rebuilt from the briefs). It answers the
corpus-wide questions the index cannot answer cheaply: every brief that names an entity,
the glossary of acronyms, the timeline of dated facts. The indexer writes it before each
Whoosh commit, so a crash between the two leaves rows that the next run rewrites.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from briefs.facts.model import ENTITY_TYPES, Fact

FACTS_DB = "brief-facts.sqlite"
SCHEMA = """
CREATE TABLE IF NOT EXISTS brief (
    id TEXT PRIMARY KEY, path TEXT NOT NULL, title TEXT, date TEXT, source TEXT,
    url TEXT, report TEXT, file TEXT, ltitle TEXT
);
CREATE INDEX IF NOT EXISTS brief_path ON brief(path);
CREATE INDEX IF NOT EXISTS brief_date ON brief(date);
CREATE INDEX IF NOT EXISTS brief_newest ON brief(date IS NULL, date DESC, title);
CREATE INDEX IF NOT EXISTS brief_url ON brief(url);
CREATE INDEX IF NOT EXISTS brief_report ON brief(report);
CREATE INDEX IF NOT EXISTS brief_ltitle ON brief(ltitle);
CREATE INDEX IF NOT EXISTS brief_lfile ON brief(lower(file));
CREATE TABLE IF NOT EXISTS ref (id TEXT NOT NULL, kind TEXT NOT NULL, value TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS ref_value ON ref(kind, value);
CREATE INDEX IF NOT EXISTS ref_id ON ref(id);
CREATE TABLE IF NOT EXISTS entity (
    id TEXT NOT NULL, type TEXT NOT NULL, name TEXT NOT NULL, alias TEXT NOT NULL,
    start INTEGER, end INTEGER, sentence TEXT
);
DROP INDEX IF EXISTS entity_alias;
DROP INDEX IF EXISTS entity_id;  -- entity_id_name serves look-ups by id
CREATE TABLE IF NOT EXISTS acronym (
    id TEXT NOT NULL, short TEXT NOT NULL, long TEXT, start INTEGER, end INTEGER, uses INTEGER
);
CREATE TABLE IF NOT EXISTS glossary (
    short TEXT NOT NULL, long TEXT NOT NULL, first_id TEXT NOT NULL, defined_in INTEGER, briefs INTEGER
);
CREATE TABLE IF NOT EXISTS dated (
    id TEXT NOT NULL, value TEXT NOT NULL, text TEXT, start INTEGER, end INTEGER, sentence TEXT
);
CREATE TABLE IF NOT EXISTS name_count (
    kind TEXT NOT NULL, name TEXT NOT NULL, briefs INTEGER NOT NULL, PRIMARY KEY (kind, name)
) WITHOUT ROWID;
"""


# The indexes of the three big tables (~45 rows a brief). A new store's build creates them
# once at its last commit instead of updating them with every row: at 50,000 briefs the
# updates cost 1.3 ms a brief (random ids and names into B-trees far larger than the cache)
# where creating them at the end takes ~6 s in all. Meanwhile look-ups in those tables
# scan them (related briefs, while a first build runs).
DEFERRED = {
    "entity_alias_name": "entity(alias, name)",
    "entity_name": "entity(name, id)",
    "entity_id_name": "entity(id, name, start)",
    "acronym_short": "acronym(short, id)",
    "acronym_defined": "acronym(short, id) WHERE long IS NOT NULL",
    "acronym_id": "acronym(id)",
    "dated_id": "dated(id)",
}
# In the index folder from the start of a write to its last commit (index/indexer.py).
WRITING = "brief-writing"


def connect(index_dir: Path, writing: bool = False) -> sqlite3.Connection:
    """The store, its tables made if missing. A reader also makes any missing index, unless
    a write is under way (a new store's build makes them at its end; and making them would
    wait for the writer's lock); the indexer (`writing`) decides itself, see DEFERRED."""
    from index import dupes

    # Not tied to its thread: the app's pooled searchers are lent to one thread at a time.
    db = sqlite3.connect(index_dir / FACTS_DB, timeout=30.0, check_same_thread=False)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=NORMAL")
    db.executescript(SCHEMA + dupes.SCHEMA)
    if not writing and not (index_dir / WRITING).exists():
        create_indexes(db)
        db.commit()
    return db


def create_indexes(db: sqlite3.Connection) -> None:
    """Make the DEFERRED indexes that are missing (in the open transaction)."""
    have = {name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    for name, on in DEFERRED.items():
        if name not in have:
            db.execute(f"CREATE INDEX {name} ON {on}")


def start_new(db: sqlite3.Connection) -> None:
    """Before filling a store that holds no brief: drop the DEFERRED indexes (create_indexes
    at the end) and the name counts (record() skips them; refresh_counts makes them)."""
    for name in DEFERRED:
        db.execute(f"DROP INDEX IF EXISTS {name}")
    db.execute("DELETE FROM name_count")


def _norm(name: str) -> str:
    return " ".join(name.lower().replace("’", "'").split())


def _sentence(body: str, start: int, end: int) -> str:
    """The sentence around a span, on one line, at most ~300 characters."""
    left = max(body.rfind(". ", 0, start), body.rfind("\n", 0, start))
    right_candidates = [i for i in (body.find(". ", end), body.find("\n", end)) if i != -1]
    right = min(right_candidates) + 1 if right_candidates else len(body)
    text = " ".join(body[left + 1 : right].split())
    if len(text) > 300:
        offset = max(0, start - left - 150)
        text = ("…" if offset else "") + text[offset : offset + 300] + "…"
    return text


def forget(db: sqlite3.Connection, paths: Iterable[str], touched: set[str] | None = None) -> None:
    """Remove every row of the briefs held by these files (their acronyms go in `touched`)."""
    for path in paths:
        ids = [row[0] for row in db.execute("SELECT id FROM brief WHERE path = ?", (path,))]
        if touched is not None:
            for brief_id in ids:
                touched.update(r[0] for r in db.execute("SELECT short FROM acronym WHERE id = ?", (brief_id,)))
        _uncount(db, ids)
        for table in ("entity", "acronym", "dated", "brief", "minhash", "band", "ref"):
            db.executemany(f"DELETE FROM {table} WHERE id = ?", [(i,) for i in ids])  # noqa: S608


@dataclass
class FactRows:
    """A brief's rows for the store, made in the loader worker (all but the brief's id,
    which the writer gives): entity (type, name, alias, start, end, sentence), acronym
    (short, long, start, end, uses), dated (value, text, start, end, sentence), references."""

    entities: list[tuple[str, str, str, int, int, str]] = field(default_factory=list)
    acronyms: list[tuple[str, str | None, int, int, int]] = field(default_factory=list)
    dated: list[tuple[str, str, int, int, str]] = field(default_factory=list)
    refs: list[tuple[str, str]] = field(default_factory=list)


def fact_rows(body: str, facts: list[Fact], refs: list[tuple[str, str]] | None = None) -> FactRows:
    """The store's rows for a brief's facts: one entity row per distinct alias of a name."""
    rows = FactRows(refs=refs or [])
    for f in facts:
        if f.type in ENTITY_TYPES:
            name = f.value or f.text
            sentence = _sentence(body, f.start, f.end)
            for alias in {_norm(name), _norm(f.text), *(_norm(a) for a in f.aliases or [])}:
                rows.entities.append((f.type, name, alias, f.start, f.end, sentence))
        elif f.type == "acronym":
            uses = f.extra.get("uses") if isinstance(f.extra.get("uses"), int) else 1
            rows.acronyms.append((f.text, f.long, f.start, f.end, uses))
        elif f.type == "date" and f.value:
            rows.dated.append((f.value, f.text, f.start, f.end, _sentence(body, f.start, f.end)))
    return rows


def record(
    db: sqlite3.Connection, brief_id: str, path: str, title: str, date: str | None,
    source: str, rows: FactRows, signature: bytes | None = None,
    url: str = "", report: str = "", file: str = "", fresh: bool = False,
) -> None:
    """Replace what is known of one brief (`fresh`: the store has nothing of it yet)."""
    if signature is not None:
        from index import dupes

        dupes.record(db, brief_id, signature, fresh)
    if not fresh:
        _uncount(db, [brief_id])
        for table in ("entity", "acronym", "dated", "brief", "ref"):
            db.execute(f"DELETE FROM {table} WHERE id = ?", (brief_id,))  # noqa: S608
    db.execute(
        "INSERT INTO brief VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (brief_id, path, title, date, source, url or None, report.upper() or None, file, _norm(title)),
    )
    db.executemany("INSERT INTO ref VALUES (?, ?, ?)", [(brief_id, k, v) for k, v in rows.refs])
    db.executemany("INSERT INTO entity VALUES (?, ?, ?, ?, ?, ?, ?)", [(brief_id, *r) for r in rows.entities])
    db.executemany("INSERT INTO acronym VALUES (?, ?, ?, ?, ?, ?)", [(brief_id, *r) for r in rows.acronyms])
    db.executemany("INSERT INTO dated VALUES (?, ?, ?, ?, ?, ?)", [(brief_id, *r) for r in rows.dated])
    if not fresh:  # (a new store counts every name at its last commit: refresh_counts)
        _add(db, "entity", {r[1] for r in rows.entities}, +1)
        _add(db, "acronym", {r[0] for r in rows.acronyms}, +1)


def _uncount(db: sqlite3.Connection, ids: list[str]) -> None:
    """Take these briefs out of the name counts (before their rows are deleted)."""
    for brief_id in ids:
        for kind, (table, column) in _COUNTED.items():
            query = f"SELECT DISTINCT {column} FROM {table} WHERE id = ?"  # noqa: S608
            names = db.execute(query, (brief_id,)).fetchall()
            if names:
                _add(db, kind, [n for n, in names], -1)


def _add(db: sqlite3.Connection, kind: str, names: Iterable[str], step: int) -> None:
    """Add `step` briefs to each name's count (the counts follow every edit, no recount)."""
    db.executemany(
        "INSERT INTO name_count VALUES (?, ?, ?) ON CONFLICT (kind, name) DO UPDATE SET briefs = briefs + ?",
        [(kind, name, step, step) for name in names],
    )


_QUOTED = re.compile(r"[\"“]([^\"“”\n]{12,200})[\"”]")
_REPORT = re.compile(r"\b(?:GAO-\d{2}-\d{3,6}|(?:IF|IN|R|RL|RS|LSB|BR)-?\d{3,6})\b")


def references(body: str, links: list[tuple[str, str]], related: str, own_url: str) -> list[tuple[str, str]]:
    """What a brief points at: link targets, quoted titles, report numbers, `related:` entries."""
    refs: set[tuple[str, str]] = set()
    for _, url in links:
        if url.startswith(("http://", "https://")) and url != own_url:
            refs.add(("url", url.rstrip("/")))
    for m in _QUOTED.finditer(body):
        refs.add(("title", _norm(m.group(1)).rstrip(".,")))
    for m in _REPORT.finditer(body):
        refs.add(("report", m.group().upper()))
    for item in re.split(r"\s*[;,]\s*(?=\S)", related or ""):
        if item.strip():
            refs.add(("related", _norm(item)))
    return sorted(refs)


def refresh_glossary(db: sqlite3.Connection, shorts: set[str] | None = None) -> None:
    """Recompute the corpus glossary at each commit (only the acronyms `shorts` when given:
    an edit touches a handful), so that reading it costs nothing; and tidy the name counts."""
    refresh_counts(db)
    if shorts is not None:
        for short in shorts:
            db.execute("DELETE FROM glossary WHERE short = ?", (short,))
            db.execute(_GLOSSARY_ROWS + " AND a.short = ? GROUP BY a.short, a.long", (short,))
        return
    db.execute("DELETE FROM glossary")
    db.execute(_GLOSSARY_ROWS + " GROUP BY a.short, a.long")


_GLOSSARY_ROWS = """INSERT INTO glossary
           SELECT a.short, a.long,
                  (SELECT a2.id FROM acronym a2 JOIN brief b2 ON b2.id = a2.id
                   WHERE a2.short = a.short AND a2.long = a.long
                   ORDER BY b2.date IS NULL, b2.date, a2.id LIMIT 1),
                  COUNT(DISTINCT a.id),
                  (SELECT COUNT(DISTINCT a3.id) FROM acronym a3 WHERE a3.short = a.short)
           FROM acronym a WHERE a.long IS NOT NULL"""


_COUNTED = {"entity": ("entity", "name"), "acronym": ("acronym", "short")}  # kind -> table, column


def _count_rows(kind: str, where: str = "") -> str:
    table, column = _COUNTED[kind]
    return f"SELECT '{kind}', {column}, COUNT(DISTINCT id) FROM {table} {where} GROUP BY {column}"  # noqa: S608


# How many briefs name each entity and acronym: counting "United States" over its thousands
# of rows cost 17 ms of every related-briefs look-up at 10,000 briefs. Kept by record() and
# forget(); a row ('', '', 1) says the counts are complete.
_COUNTED_MARK = "SELECT 1 FROM name_count WHERE kind = '' AND name = ''"


def refresh_counts(db: sqlite3.Connection, full: bool = False) -> None:
    """Count every name afresh when asked to, or when the counts were never made (a store
    written before they existed); otherwise each edit has kept them. Names no brief has left
    are dropped."""
    if full or db.execute(_COUNTED_MARK).fetchone() is None:
        db.execute("DELETE FROM name_count")
        for kind in _COUNTED:
            db.execute("INSERT INTO name_count " + _count_rows(kind))
        db.execute("INSERT INTO name_count VALUES ('', '', 1)")
    else:
        db.execute("DELETE FROM name_count WHERE briefs <= 0 AND kind != ''")


def name_counts(db: sqlite3.Connection, kind: str, names: list[str]) -> dict[str, int]:
    """Briefs naming each of these entities (kind "entity") or acronyms ("acronym"); a name
    no brief has is left out."""
    if not names:
        return {}
    marks = ",".join("?" * len(names))
    found = dict(db.execute(
        f"SELECT name, briefs FROM name_count WHERE kind = ? AND name IN ({marks})", (kind, *names)  # noqa: S608
    ))
    if len(found) < len(names) and db.execute(_COUNTED_MARK).fetchone() is None:
        # A store written before the counts existed (and not yet committed to since).
        missing = [n for n in names if n not in found]
        column = _COUNTED[kind][1]
        where = f"WHERE {column} IN ({','.join('?' * len(missing))})"
        found.update((name, n) for _, name, n in db.execute(_count_rows(kind, where), missing))
    return found
