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
CREATE INDEX IF NOT EXISTS brief_url ON brief(url);
CREATE INDEX IF NOT EXISTS brief_report ON brief(report);
CREATE INDEX IF NOT EXISTS brief_ltitle ON brief(ltitle);
CREATE TABLE IF NOT EXISTS ref (id TEXT NOT NULL, kind TEXT NOT NULL, value TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS ref_value ON ref(kind, value);
CREATE INDEX IF NOT EXISTS ref_id ON ref(id);
CREATE TABLE IF NOT EXISTS entity (
    id TEXT NOT NULL, type TEXT NOT NULL, name TEXT NOT NULL, alias TEXT NOT NULL,
    start INTEGER, end INTEGER, sentence TEXT
);
CREATE INDEX IF NOT EXISTS entity_alias ON entity(alias);
CREATE INDEX IF NOT EXISTS entity_name ON entity(name, id);
CREATE INDEX IF NOT EXISTS entity_id_name ON entity(id, name, start);
CREATE INDEX IF NOT EXISTS entity_id ON entity(id);
CREATE TABLE IF NOT EXISTS acronym (
    id TEXT NOT NULL, short TEXT NOT NULL, long TEXT, start INTEGER, end INTEGER, uses INTEGER
);
CREATE INDEX IF NOT EXISTS acronym_short ON acronym(short, id);
CREATE TABLE IF NOT EXISTS glossary (
    short TEXT NOT NULL, long TEXT NOT NULL, first_id TEXT NOT NULL, defined_in INTEGER, briefs INTEGER
);
CREATE INDEX IF NOT EXISTS acronym_id ON acronym(id);
CREATE TABLE IF NOT EXISTS dated (
    id TEXT NOT NULL, value TEXT NOT NULL, text TEXT, start INTEGER, end INTEGER, sentence TEXT
);
CREATE INDEX IF NOT EXISTS dated_id ON dated(id);
"""


def connect(index_dir: Path) -> sqlite3.Connection:
    from index import dupes

    # Not tied to its thread: the app's pooled searchers are lent to one thread at a time.
    db = sqlite3.connect(index_dir / FACTS_DB, timeout=30.0, check_same_thread=False)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=NORMAL")
    db.executescript(SCHEMA + dupes.SCHEMA)
    return db


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
        for table in ("entity", "acronym", "dated", "brief", "minhash", "band", "ref"):
            db.executemany(f"DELETE FROM {table} WHERE id = ?", [(i,) for i in ids])  # noqa: S608


def record(
    db: sqlite3.Connection, brief_id: str, path: str, title: str, date: str | None,
    source: str, body: str, facts: list[Fact], signature: bytes | None = None,
    url: str = "", report: str = "", file: str = "", refs: list[tuple[str, str]] | None = None,
) -> None:
    """Replace what is known of one brief."""
    if signature is not None:
        from index import dupes

        dupes.record(db, brief_id, signature)
    for table in ("entity", "acronym", "dated", "brief", "ref"):
        db.execute(f"DELETE FROM {table} WHERE id = ?", (brief_id,))  # noqa: S608
    db.execute(
        "INSERT INTO brief VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (brief_id, path, title, date, source, url or None, report.upper() or None, file, _norm(title)),
    )
    db.executemany("INSERT INTO ref VALUES (?, ?, ?)", [(brief_id, k, v) for k, v in refs or []])
    entity_rows, acronym_rows, dated_rows = [], [], []
    for f in facts:
        if f.type in ENTITY_TYPES:
            name = f.value or f.text
            for alias in {_norm(name), _norm(f.text), *(_norm(a) for a in f.aliases or [])}:
                entity_rows.append((brief_id, f.type, name, alias, f.start, f.end, _sentence(body, f.start, f.end)))
        elif f.type == "acronym":
            uses = f.extra.get("uses") if isinstance(f.extra.get("uses"), int) else 1
            acronym_rows.append((brief_id, f.text, f.long, f.start, f.end, uses))
        elif f.type == "date" and f.value:
            dated_rows.append((brief_id, f.value, f.text, f.start, f.end, _sentence(body, f.start, f.end)))
    db.executemany("INSERT INTO entity VALUES (?, ?, ?, ?, ?, ?, ?)", entity_rows)
    db.executemany("INSERT INTO acronym VALUES (?, ?, ?, ?, ?, ?)", acronym_rows)
    db.executemany("INSERT INTO dated VALUES (?, ?, ?, ?, ?, ?)", dated_rows)


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
    an edit touches a handful), so that reading it costs nothing."""
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
