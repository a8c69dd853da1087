"""Facet counts for a search: how many of the matching briefs per source, tag and year."""

from __future__ import annotations

from collections import Counter
from itertools import chain

FACET_FIELDS = {"source": "source_key", "tag": "tag", "year": "year"}


class Facets:
    """Counts facets on one Whoosh searcher (make a new one when the searcher is refreshed).

    Each document's terms are listed once (by doc number), so counting the matches is a
    C-speed Counter over them: 4 ms -> 1 ms for a word most briefs hold at 10,000 briefs,
    where intersecting each term's documents with the matches cost one lookup per pair.
    """

    def __init__(self, searcher):  # type: ignore[no-untyped-def]
        self._searcher = searcher
        self._index: dict[str, tuple[list[tuple[str, ...]], dict[str, int]]] | None = None
        self._labels: dict[tuple[str, str], str] = {}

    def count(self, matched: frozenset[int]) -> dict[str, dict[str, int]]:
        """Facet -> label -> number of matching briefs (the 50 largest; years newest first)."""
        out: dict[str, dict[str, int]] = {}
        if not matched:
            return {name: {} for name in FACET_FIELDS}
        for name, (of_doc, first) in self._terms().items():
            counted = Counter(chain.from_iterable(map(of_doc.__getitem__, matched)))
            if name == "year":
                ranked = sorted(counted.items(), key=lambda c: -int(c[0]))
            else:
                ranked = sorted(counted.items(), key=lambda c: (-c[1], c[0]))
            out[name] = {self._label(name, term, first[term]): n for term, n in ranked[:50]}
        return out

    def _terms(self) -> dict[str, tuple[list[tuple[str, ...]], dict[str, int]]]:
        """Per facet: each document's terms (by doc number), and one document per term."""
        if self._index is None:
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
                index[name] = (of_doc, first)
            self._index = index
        return self._index

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
