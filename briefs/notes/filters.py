"""The sets of brief ids behind `tag:`, `is:starred`, `is:unread`, `has:notes`, and the
search of the analyst's own words (notes and highlight comments).

The search layer combines these with the index: it asks `filter_ids(...)` for a set of
ids and keeps (or, when `negate` is true, drops) the hits whose id is in it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from briefs.notes.tags import tag_key

_TERM = re.compile(r'"([^"]*)"?|(\S+)')
_WORD = re.compile(r"\w+")
_SUFFIXES = ("ing", "es", "ed", "s")


@dataclass(frozen=True)
class IdFilter:
    """Brief ids that a filter selects; `negate` means "every brief except these"."""

    ids: frozenset[str]
    negate: bool = False

    def allows(self, brief_id: str) -> bool:
        return (brief_id in self.ids) != self.negate


@dataclass(frozen=True)
class TextHit:
    """A note or highlight comment that matched a search of the analyst's own words."""

    brief_id: str
    kind: str        # "note" or "comment"
    item_id: int     # the note's or the highlight's id
    text: str


def _fold(text: str) -> str:
    """Lower case without accents, so that "Sécurité" matches "securite"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _stem(word: str) -> str:
    for suffix in _SUFFIXES:
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def compile_terms(query: str) -> list[tuple[str, str]]:
    """("phrase", folded text) for quoted parts, ("word", stem) for the rest."""
    terms = []
    for m in _TERM.finditer(query):
        if m.group(1) is not None:
            phrase = " ".join(_fold(m.group(1)).split())
            if phrase:
                terms.append(("phrase", phrase))
        else:
            terms += [("word", _stem(w)) for w in _WORD.findall(_fold(m.group(2)))]
    return terms


def text_matches(text: str, terms: list[tuple[str, str]]) -> bool:
    """Every term is in the text: a phrase as written (any spacing, any case), a word as
    the start of a word (so "missiles" finds "missile" and "track" finds "tracking")."""
    if not terms:
        return False
    folded = _fold(text)
    flat = " ".join(folded.split())
    words = _WORD.findall(folded)
    for kind, value in terms:
        if kind == "phrase":
            if value not in flat:
                return False
        elif not any(w.startswith(value) for w in words):
            return False
    return True


class Filters:
    """Mixed into NotesStore: read-only questions for the search layer."""

    def _rows(self, sql: str, params: tuple[object, ...] = ()) -> list[tuple]:  # type: ignore[type-arg]
        raise NotImplementedError

    def ids_tagged(self, tag: str) -> frozenset[str]:
        """Briefs the analyst gave this tag (`Missile Defense`, `missile-defense`, `#missile
        defense` are one tag). The brief's own tags are in the index, not here."""
        return frozenset(r[0] for r in self._rows("SELECT brief_id FROM tag WHERE key = ?", (tag_key(tag),)))

    def ids_starred(self) -> frozenset[str]:
        return frozenset(r[0] for r in self._rows("SELECT id FROM brief WHERE starred = 1"))

    def ids_read(self) -> frozenset[str]:
        """Briefs marked read; `is:unread` is every brief *not* in this set."""
        return frozenset(r[0] for r in self._rows("SELECT id FROM brief WHERE read = 1"))

    def ids_with_notes(self) -> frozenset[str]:
        """Briefs with at least one note or highlight."""
        return frozenset(r[0] for r in self._rows(
            "SELECT brief_id FROM note UNION SELECT brief_id FROM highlight"))

    def ids_with_highlights(self) -> frozenset[str]:
        return frozenset(r[0] for r in self._rows("SELECT DISTINCT brief_id FROM highlight"))

    def ids_starting(self, prefix: str) -> list[str]:
        """Ids in the store that start with `prefix` (orphans included)."""
        return [r[0] for r in self._rows(
            "SELECT id FROM brief WHERE substr(id, 1, ?) = ? ORDER BY id", (len(prefix), prefix))]

    def all_tags(self) -> list[tuple[str, int]]:
        """Every tag the analyst used, with how many briefs carry it, most used first."""
        rows = self._rows("SELECT min(tag), count(*) FROM tag GROUP BY key ORDER BY count(*) DESC, key")
        return [(r[0], int(r[1])) for r in rows]

    def search_text(self, query: str) -> list[TextHit]:
        """Notes and highlight comments holding every word (and "phrase") of the query."""
        terms = compile_terms(query)
        if not terms:
            return []
        hits = [TextHit(b, "note", i, t) for i, b, t in
                self._rows("SELECT id, brief_id, text FROM note ORDER BY id") if text_matches(t, terms)]
        hits += [TextHit(b, "comment", i, t) for i, b, t in
                 self._rows("SELECT id, brief_id, comment FROM highlight WHERE comment != '' ORDER BY id")
                 if text_matches(t, terms)]
        return hits

    def ids_matching_text(self, query: str) -> frozenset[str]:
        """Briefs whose notes (all of them together, and comments) hold every query term."""
        terms = compile_terms(query)
        if not terms:
            return frozenset()
        texts: dict[str, list[str]] = {}
        for brief_id, text in self._rows(
                "SELECT brief_id, text FROM note UNION ALL "
                "SELECT brief_id, comment FROM highlight WHERE comment != ''"):
            texts.setdefault(brief_id, []).append(text)
        return frozenset(b for b, parts in texts.items() if text_matches("\n".join(parts), terms))

    def filter_ids(self, name: str, value: str = "") -> IdFilter:
        """The ids behind one search filter: `tag` (value: the tag), `starred`, `unread`,
        `read`, `notes`, `highlights`, or `text` (value: words to find in notes)."""
        if name == "tag":
            return IdFilter(self.ids_tagged(value))
        if name == "starred":
            return IdFilter(self.ids_starred())
        if name == "unread":
            return IdFilter(self.ids_read(), negate=True)
        if name == "read":
            return IdFilter(self.ids_read())
        if name == "notes":
            return IdFilter(self.ids_with_notes())
        if name == "highlights":
            return IdFilter(self.ids_with_highlights())
        if name == "text":
            return IdFilter(self.ids_matching_text(value))
        raise ValueError(f"unknown notes filter {name!r}")
