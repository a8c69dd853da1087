"""Near-duplicates: versions of one report, one story syndicated by several outlets.

Each brief gets a one-permutation MinHash of its 5-word shingles (64 buckets, one CRC32 per
shingle, so about half a millisecond a brief), stored with 16 band keys in the facts
database. Two briefs that share a band key and agree on enough buckets are near-duplicates.
"""

from __future__ import annotations

import re
import sqlite3
import struct
import zlib
from array import array
from collections.abc import Iterable

BUCKETS = 64
BANDS = 16
ROWS = BUCKETS // BANDS
SHINGLE = 5
THRESHOLD = 0.5
_EMPTY = 0xFFFFFFFF
_WORD = re.compile(r"\w+")


def signature(text: str) -> bytes:
    """The MinHash signature of a text (64 unsigned 32-bit minimums, packed)."""
    words = _WORD.findall(text.lower())
    mins = [_EMPTY] * BUCKETS
    if len(words) < SHINGLE:
        words = words + [""] * (SHINGLE - len(words))
    for i in range(len(words) - SHINGLE + 1):
        h = zlib.crc32(" ".join(words[i : i + SHINGLE]).encode())
        b = h % BUCKETS
        v = h // BUCKETS
        if v < mins[b]:
            mins[b] = v
    return array("I", mins).tobytes()


def _values(sig: bytes) -> tuple[int, ...]:
    return struct.unpack(f"{BUCKETS}I", sig)


def similarity(a: bytes, b: bytes) -> float:
    """Estimated Jaccard similarity of the two texts' shingle sets."""
    va, vb = _values(a), _values(b)
    both = [(x, y) for x, y in zip(va, vb) if x != _EMPTY or y != _EMPTY]
    if not both:
        return 0.0
    return sum(1 for x, y in both if x == y) / len(both)


def band_keys(sig: bytes) -> list[str]:
    values = _values(sig)
    keys = []
    for band in range(BANDS):
        part = values[band * ROWS : (band + 1) * ROWS]
        if all(v == _EMPTY for v in part):
            continue
        keys.append(f"{band}:{zlib.crc32(struct.pack(f'{ROWS}I', *part))}")
    return keys


SCHEMA = """
CREATE TABLE IF NOT EXISTS minhash (id TEXT PRIMARY KEY, sig BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS band (key TEXT NOT NULL, id TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS band_key ON band(key);
CREATE INDEX IF NOT EXISTS band_id ON band(id);
"""


def record(db: sqlite3.Connection, brief_id: str, sig: bytes, fresh: bool = False) -> None:
    """Store a brief's signature (`fresh`: it has none stored yet)."""
    if not fresh:
        db.execute("DELETE FROM minhash WHERE id = ?", (brief_id,))
        db.execute("DELETE FROM band WHERE id = ?", (brief_id,))
    db.execute("INSERT INTO minhash VALUES (?, ?)", (brief_id, sig))
    db.executemany("INSERT INTO band VALUES (?, ?)", [(k, brief_id) for k in band_keys(sig)])


def forget(db: sqlite3.Connection, ids: Iterable[str]) -> None:
    rows = [(i,) for i in ids]
    db.executemany("DELETE FROM minhash WHERE id = ?", rows)
    db.executemany("DELETE FROM band WHERE id = ?", rows)


def copies(db: sqlite3.Connection, ids: list[str], threshold: float = THRESHOLD) -> dict[str, list[str]]:
    """For each id, the other briefs that are near-duplicates of it (best first)."""
    out: dict[str, list[str]] = {i: [] for i in ids}
    if not ids:
        return out
    try:
        db.execute("SELECT 1 FROM minhash LIMIT 1")
    except sqlite3.OperationalError:
        return out
    wanted = list(out)
    sigs: dict[str, bytes] = {}
    pairs: set[tuple[str, str]] = set()
    for chunk in range(0, len(wanted), 400):  # one query for a page of ids, not one each
        part = wanted[chunk : chunk + 400]
        marks = ",".join("?" * len(part))
        sigs.update(db.execute(f"SELECT id, sig FROM minhash WHERE id IN ({marks})", part))  # noqa: S608
        pairs.update(db.execute(
            f"SELECT b1.id, b2.id FROM band b1 JOIN band b2 ON b1.key = b2.key "  # noqa: S608
            f"WHERE b1.id IN ({marks}) AND b2.id != b1.id", part,
        ))
    others = sorted({other for _, other in pairs} - set(sigs))
    for chunk in range(0, len(others), 400):
        part = others[chunk : chunk + 400]
        marks = ",".join("?" * len(part))
        sigs.update(db.execute(f"SELECT id, sig FROM minhash WHERE id IN ({marks})", part))  # noqa: S608
    candidates: dict[str, list[str]] = {}
    for brief_id, other in pairs:
        candidates.setdefault(brief_id, []).append(other)
    for brief_id, found in candidates.items():
        own = sigs.get(brief_id)
        if own is None:
            continue
        scored = [(similarity(own, sigs[other]), other) for other in found if other in sigs]
        out[brief_id] = [other for sim, other in sorted(scored, reverse=True) if sim >= threshold]
    return out
