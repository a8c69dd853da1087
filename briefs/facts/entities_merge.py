"""Second pass of the entity extractor: acronyms, known names again, one entity per name.

After the first pass (entities.py) every name found in the body is "known": its forms are
looked for again where the first pass does not trust capitals (headings, the first word
of a sentence), a person's surname is matched to the full name, acronyms take the type and
canonical name of their long form, and mentions sharing a canonical name are one entity.
Names the first pass left untyped are typed by the people named with them ("Halcyra's
Priya Raman") or as the initials of a name in the brief ("BAPC"); countries that act or
play a match are organisations.
"""

from __future__ import annotations

import re
from itertools import compress
from operator import itemgetter
from typing import TYPE_CHECKING

from briefs.facts.entities_data import (
    AGENT_VERBS, MONTHS, NAME_SUFFIXES, ORG_HEADS, PLACE_HEADS, PROG_HEADS, TITLE_MODS, TITLES,
    tokens_of,
)
from briefs.facts.entities_heads import BIT, UPPER_FIRST
from briefs.facts.model import Fact

if TYPE_CHECKING:
    from briefs.facts.entities import _Doc


def finish(doc: _Doc) -> list[Fact]:
    T, lex = doc.T, doc.lex
    surface: dict[tuple[str, ...], tuple[str, str]] = {}
    surnames: dict[str, str] = {}
    firsts: dict[str, str] = {}
    # Persons: canonical = full name; surnames (and first names) point at it.
    for k, (a, b, kind, canon) in enumerate(doc.mentions):
        if kind == "person":
            name = canon or doc.text(a, b)
            if b - a >= 2:
                last = b - 1
                while last > a + 1 and T[last] in NAME_SUFFIXES:
                    last -= 1
                surnames.setdefault(T[last], name)
                if T[a] in lex.given:
                    firsts.setdefault(T[a], name)
            doc.mentions[k] = (a, b, kind, name)
    for first_name, name in firsts.items():
        surnames.setdefault(first_name, name)
    for k, (a, b, kind, canon) in enumerate(doc.mentions):
        if kind == "person" and b - a == 1 and T[a] in surnames:
            doc.mentions[k] = (a, b, kind, surnames[T[a]])
        elif b - a == 1 and kind in ("place", "organisation") and T[a] in surnames:
            doc.mentions[k] = (a, b, "person", surnames[T[a]])  # "Austin" after "Lloyd Austin"
    _pending(doc, surnames)
    for a, b, kind, canon in doc.mentions:
        surface.setdefault(tuple(T[a:b]), (kind, canon))
    for last, name in surnames.items():
        surface.setdefault((last,), ("person", name))
    _acronyms(doc, surface)
    # Known forms again, wherever the first pass left them.
    first: dict[str, list[tuple[str, ...]]] = {}
    for key in surface:
        first.setdefault(key[0], []).append(key)
    for keys in first.values():
        keys.sort(key=len, reverse=True)
    n, after = doc.n, 0
    for i in compress(range(n), doc.codes.translate(BIT[UPPER_FIRST])):  # T[i][:1].isupper()
        if i < after:
            continue  # inside a form just found
        weak = i in doc.weak  # "the Office" cut by a line break: a longer known form wins
        if T[i] in first and (not doc.covered[i] or weak):
            for key in first[T[i]]:
                b = i + len(key)
                if weak and (b == i + 1 or any(doc.covered[i + 1:b])):
                    continue
                if tuple(T[i:b]) == key and not any(doc.covered[i + weak:b]) and \
                        not (b < n and _continues(doc, b)):
                    if weak:
                        doc.mentions = [m for m in doc.mentions if m[0] != i]
                        doc.covered[i] = 0
                    kind, canon = surface[key]
                    doc.emit(i, b, kind, canon)
                    after = b
                    break
    _actors(doc)
    return _facts(doc)


def _pending(doc: _Doc, surnames: dict[str, str]) -> None:
    """Names the first pass left untyped, read with what the whole brief names.

    An organisation is named by its members: "Tomas Berg of NKSR", "Priya Raman of the
    Halcyra Works" (a person, "of", the name) and "Halcyra's Priya Raman", "NKSR's Director
    Tomas Berg" (the name's, titles, a person). An all-caps token made of the initials of a
    name in the brief is that name ("BAPC" after "Baltic Air Policing Command", "NPM" after
    "Northern People's Militia").
    """
    T, n, lex = doc.T, doc.n, doc.lex
    people = [(a, b) for a, b, kind, _ in doc.mentions if kind == "person" and b - a > 1]
    starts = {a: "person" for a, b in people}  # full names only: "Funding" may be a stray
    ends = {b: "person" for a, b in people}
    initials: dict[str, tuple[str, str]] = {}
    defined = {f.text for f in doc.acronyms if f.long}  # their definition tells what they are
    for a, b, kind, canon in doc.mentions:
        if kind == "organisation" and b - a >= 2:
            letters = "".join(t[0] for t in T[a:b] if t[0].isupper() or t.isdigit())
            if len(letters) >= 2:
                initials.setdefault(letters, (kind, canon))
    found = [(a, a + 1) + initials[T[a]] for a in doc.unknown_acronyms
             if T[a] in initials and T[a] not in defined]
    for a, b in doc.pending + [(a, a + 1) for a in doc.unknown_acronyms]:
        if T[a] in surnames or T[a] in lex.given or b - a == 1 and doc.common(T[a]):
            continue
        j = b
        while doc.P[b - 1] and j < n and (T[j] in TITLES or T[j] in TITLE_MODS):
            j += 1
        k = a - 2 if a > 1 and T[a - 1] == "the" else a - 1
        if doc.P[b - 1] and starts.get(j) == "person" or \
                k > 0 and T[k] == "of" and ends.get(k) == "person":
            found.append((a, b, "organisation", ""))
    for a, b, kind, canon in found:
        doc.emit(a, b, kind, canon)


def _actors(doc: _Doc) -> None:
    """A country that acts is its government, an organisation: "Russia said", "the UK has",
    "Estonia evacuated" (a verb in the past tense after it). A place beside a match score
    ("Japan 2 – 1 Brazil", "lost 0-2 to Chile") is a team, an organisation wherever the
    brief names it but after "in", "at", "from"..."""
    T, n, countries = doc.T, doc.n, doc.lex.countries
    teams = _teams(doc)
    for k, (a, b, kind, canon) in enumerate(doc.mentions):
        if kind != "place":
            continue
        if canon in teams and not (a and T[a - 1].lower() in _WHERE):
            doc.mentions[k] = (a, b, "organisation", canon)
            continue
        if b >= n or canon not in countries:
            continue
        before = T[a - 1].lower() if a else ""
        if before in _PREPOSITIONS or a > 1 and before == "the" and T[a - 2].lower() in _PREPOSITIONS:
            continue  # "strikes in Syria announced by ..." is a place
        j = b
        while j < n and (T[j].endswith("ly") and T[j][:1].islower() or T[j] in ("also", "now", "still", "already", "not")):
            j += 1
        if j >= n or doc.P[b - 1] or T[j] not in AGENT_VERBS and not (
                len(T[j]) > 4 and T[j].endswith("ed") and T[j].isalpha() and T[j].islower()):
            continue
        if T[j] in ("is", "was") and not (j + 1 < n and T[j + 1].endswith(("ing", "ed"))
                                          and T[j + 1] != "being"):
            continue
        if j + 1 < n and T[j + 1] == "by":
            continue  # a participle: "the ceasefire Russia announced by ..."   # "Syria is a country" stays a place; "the UK is working" is an actor
        doc.mentions[k] = (a, b, "organisation", canon)


def _teams(doc: _Doc) -> set[str]:
    """Places named beside a match score: "Japan 2 – 1 Brazil", "lost 0-2 to Chile"."""
    T, n = doc.T, doc.n
    teams: set[str] = set()
    for a, b, kind, canon in doc.mentions:
        if kind != "place":
            continue
        before = a - 2 if a > 1 and T[a - 1] in ("to", "against", "over") else a
        if b < n and _score(T, b) or _score_ends(T, before):
            teams.add(canon)
    return teams


def _score(T: list[str], i: int) -> bool:
    """A score starts at token i: "2 – 1", "2-1" (not days: "May 3 - 4")."""
    t = T[i]
    if i and T[i - 1] in MONTHS:
        return False
    if "-" in t or "–" in t:
        x, _, y = t.replace("–", "-").partition("-")
        return x.isdigit() and y.isdigit() and len(x) <= 2 and len(y) <= 2
    return t.isdigit() and len(t) <= 2 and i + 2 < len(T) and T[i + 1] in _DASHES \
        and T[i + 2].isdigit() and len(T[i + 2]) <= 2


def _score_ends(T: list[str], a: int) -> bool:
    """A score ends just before token a."""
    return a >= 1 and (_score(T, a - 1) and not T[a - 1].isdigit() or a >= 3 and _score(T, a - 3))


_DASHES = frozenset("- – —".split())
_WHERE = frozenset("in at from near into inside outside across throughout around".split())
_PREPOSITIONS = frozenset(
    "in of to from near across into within at on for with by over inside outside throughout "
    "against toward towards between among about around via".split()
)


def _continues(doc: _Doc, b: int) -> bool:
    """The name goes on (capitalised word next on the same line, not in a heading)."""
    return not doc.untrusted[b] and doc.line[b] == doc.line[b - 1] and doc.T[b][:1].isupper() \
        and doc.S[b] - doc.E[b - 1] <= 1 and doc.T[b] not in ("I",)


def _acronyms(doc: _Doc, surface: dict[tuple[str, ...], tuple[str, str]]) -> None:
    """Short forms from the acronym facts take their long form's type and canonical name."""
    by_text = {" ".join(key): val for key, val in surface.items()}
    for fact in doc.acronyms:
        if fact.type != "acronym" or not fact.long:
            continue
        short = tokens_of(fact.text)
        if not short or short in surface:
            continue
        long = " ".join(fact.long.split())
        hit = by_text.get(long)
        if hit is None:
            # a long form cut short ("of Inspector General") still names the same entity
            for text, val in by_text.items():
                if len(long) >= 8 and (text.endswith(" " + long) or long.endswith(" " + text) and
                                        len(text) >= 0.6 * len(long)):
                    hit = val
                    break
        if hit is None:
            hit = _guess(long, doc)
        if hit is not None and hit[0] != "person":  # people seldom have acronyms defined
            surface[short] = hit
            by_text[fact.text] = hit


def _guess(long: str, doc: _Doc) -> tuple[str, str] | None:
    """Type of an unknown long form by its last word (capitalised long forms only)."""
    words = _WORD.findall(long)
    if len(words) < 2 or sum(w[0].isupper() for w in words) < 0.7 * len(words):
        return None
    last = words[-1]
    if last in ORG_HEADS:
        return ("organisation", long)
    if last in PROG_HEADS:
        return ("programme", long)
    if last in PLACE_HEADS:
        return ("place", long)
    known = doc.lex.names.get(long)
    return known


_COUNT = itemgetter(1)
_WORD = re.compile(r"[A-Za-z][\w'’&-]*")


def _facts(doc: _Doc) -> list[Fact]:
    body, S, E = doc.body, doc.S, doc.E
    mentions = sorted(doc.mentions)
    kinds: dict[str, dict[str, int]] = {}  # canon -> kind -> mentions, in order of first use
    aliases: dict[tuple[str, str], list[str]] = {}
    out: list[Fact] = []
    mentions = [(a, b, kind, canon or " ".join(body[S[a]:E[b - 1]].split())) for a, b, kind, canon in mentions]
    for a, b, kind, canon in mentions:
        counts = kinds.get(canon)
        if counts is None:
            kinds[canon] = {kind: 1}
        else:
            counts[kind] = counts.get(kind, 0) + 1
    # the kind most used, the first used on a tie (as Counter.most_common(1))
    major = {canon: max(counts.items(), key=_COUNT)[0] for canon, counts in kinds.items()}
    countries = doc.lex.countries
    for a, b, kind, canon in mentions:
        if canon not in countries:
            kind = major[canon]
        text = body[S[a]:E[b - 1]]
        form = " ".join(text.split())
        group = aliases.setdefault((kind, canon), [])
        if form not in group:
            group.append(form)
        out.append(Fact(kind, text, S[a], E[b - 1], value=canon, aliases=group))
    for fact in out:
        fact.aliases = list(fact.aliases or ())
    return out
