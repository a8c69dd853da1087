"""The Whoosh schema for briefs, with a version: a change of version rebuilds the index."""

from __future__ import annotations

import re

from whoosh.analysis import StandardAnalyzer, StemmingAnalyzer
from whoosh.fields import DATETIME, ID, KEYWORD, NUMERIC, STORED, TEXT, Schema

SCHEMA_VERSION = 3

_SLUG = re.compile(r"[^\w]+")


def slug(value: str) -> str:
    """How a tag, type or source is indexed: lower case, words joined by '-'."""
    return _SLUG.sub("-", value.lower()).strip("-")


def build_schema() -> Schema:
    """Fields a query can name (title, body, source, author, tag, type, date) and the rest."""
    stem = StemmingAnalyzer(cachesize=-1)
    names = StandardAnalyzer(stoplist=None, minsize=1)
    return Schema(
        id=ID(stored=True, unique=True),
        path=ID(stored=True),
        file=STORED(),
        title=TEXT(analyzer=stem, stored=True, field_boost=2.0),
        body=TEXT(analyzer=stem, stored=True),
        # Unstemmed words for "did you mean". Not TEXT(spelling=True): Whoosh then runs
        # fuzzy queries (missle~) against the unstemmed words and finds nothing.
        spell=TEXT(analyzer=StandardAnalyzer(), phrase=False),
        source=TEXT(stored=True),
        source_key=ID(),
        author=TEXT(stored=True),
        tag=KEYWORD(lowercase=True, commas=True, scorable=True),
        type=KEYWORD(lowercase=True, commas=True),
        year=ID(),
        date=DATETIME(stored=True),
        # YYYYMMDD, 0 when undated: sorting newest first puts undated briefs last.
        sortdate=NUMERIC(sortable=True, bits=32),
        meta=STORED(),
        # Key facts: names (canonical and every alias, as slugs) searchable and countable,
        # the largest money amount for money:>1bn, and the facts themselves (zlib'd JSON).
        # Names are words (person:whitfield, org:"space development agency").
        person=TEXT(analyzer=names),
        org=TEXT(analyzer=names),
        place=TEXT(analyzer=names),
        programme=TEXT(analyzer=names),
        acronym=KEYWORD(lowercase=True, commas=True, scorable=True),
        money=NUMERIC(float, stored=False),
        facts=STORED(),
    )


# Fact type -> index field.
ENTITY_FIELDS = {
    "person": "person", "organisation": "org", "place": "place", "programme": "programme",
}
