"""The Whoosh schema for briefs, with a version: a change of version rebuilds the index."""

from __future__ import annotations

import re

from whoosh.analysis import StandardAnalyzer, StemmingAnalyzer
from whoosh.fields import ID, KEYWORD, NUMERIC, STORED, TEXT, Schema

SCHEMA_VERSION = 6  # 6: meta['strong'], the body's bold spans

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
        # "Did you mean" and prefixes use the word list beside the index (index/words.py),
        # not TEXT(spelling=True): that makes fuzzy queries (missle~) search unstemmed words
        # and find nothing, and a second analysed copy of every brief cost 40% of the build.
        body=TEXT(analyzer=stem, stored=True),
        source=TEXT(stored=True),
        source_key=ID(),
        author=TEXT(stored=True),
        tag=KEYWORD(lowercase=True, commas=True, scorable=True),
        type=KEYWORD(lowercase=True, commas=True),
        year=ID(),
        date=STORED(),
        # YYYYMMDD, 0 when undated: date: queries are numeric ranges on it (far cheaper
        # than DATETIME's thousands of terms), and newest-first puts undated briefs last.
        sortdate=NUMERIC(int, bits=32, sortable=True, signed=False),
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
