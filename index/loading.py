"""Read and parse one brief file, off the writer: in a worker process when there are many.

Everything the writer needs is computed here (facts, words, near-duplicate signature,
the index's postings), so the one writer process only files it.
"""

from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from briefs.facts import Fact
from briefs.facts import extract as extract_facts
from briefs.files import read_bytes
from briefs.load import load_bytes
from briefs.model import Brief, LoadError
from index.analysis import analyse_fields
from index.documents import document
from index.dupes import signature
from index.factstore import FactRows, fact_rows, references
from index.schema import build_schema
from index.walk import Found
from index.words import words_of


@dataclass
class Loaded:
    """One file as read: its briefs and all the writer needs of them, or why it failed."""

    found: Found
    hash: str = ""
    briefs: list[Brief] = field(default_factory=list)
    error: str = ""
    same: bool = False
    rows: list[FactRows] = field(default_factory=list)
    words: list[list[str]] = field(default_factory=list)
    signatures: list[bytes] = field(default_factory=list)
    docs: list[dict[str, object]] = field(default_factory=list)


def _facts_of(brief: Brief) -> list[Fact]:
    """Key facts, or none (with a warning) if an extractor fails on this brief."""
    try:
        # Key sentences and keywords are made when the brief is shown: a sixth of a build.
        return extract_facts(brief.body, brief.date, brief.title, summary=False)
    except RecursionError:
        brief.warnings.append("key facts skipped: text nested too deeply")
    except Exception as exc:  # an extractor bug must not cost the brief its place in the index
        brief.warnings.append(f"key facts skipped: {type(exc).__name__}: {exc}")
    return []


def _references(brief: Brief) -> list[tuple[str, str]]:
    url = brief.url.rstrip("/")
    return references(brief.body, [(link.text, link.url) for link in brief.links], brief.meta.get("related", ""), url)


@functools.cache
def _schema():  # type: ignore[no-untyped-def]
    return build_schema()


def load(args: tuple[Found, int, str]) -> Loaded:
    """Read and parse (file, size cap, known hash); `same` when the content is unchanged."""
    found, max_bytes, known_hash = args
    try:
        data = read_bytes(found.path, max_bytes)
        digest = hashlib.blake2b(data, digest_size=16).hexdigest()
        if digest == known_hash:
            return Loaded(found, digest, same=True)
        briefs = load_bytes(found.path, data, Path(found.rel).as_posix())
        loaded = Loaded(found, digest, briefs)
        facts = [_facts_of(b) for b in briefs]
        loaded.words = [words_of(b.title + "\n" + b.body) for b in briefs]
        loaded.signatures = [signature(b.body) for b in briefs]
        # The index's postings and the facts store's rows too, here in the worker: the
        # writer only files them (the facts themselves are not sent back).
        loaded.docs = [
            analyse_fields(_schema(), document(b, found, digest, f), skip=("id",)) for b, f in zip(briefs, facts)
        ]
        loaded.rows = [fact_rows(b.body, f, _references(b)) for b, f in zip(briefs, facts)]
        return loaded
    except LoadError as exc:
        return Loaded(found, error=exc.reason)
    except RecursionError:
        return Loaded(found, error="nested too deeply to parse")
    except MemoryError:
        return Loaded(found, error="too large to parse in memory")
    except Exception as exc:  # a loader bug must not stop the corpus: report it
        return Loaded(found, error=f"unexpected {type(exc).__name__}: {exc}")
