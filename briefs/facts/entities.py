"""Named entities: people, organisations, places and programmes/systems, one Fact per mention.

Rules only, no model. The brief is cut into tokens; runs of capitalised tokens (with "of",
"for", "and", name particles and gazetteer names inside them) are the candidates. Each run
is read in this order:

1. a gazetteer name (data/organisations.txt, programmes.txt, places.txt.gz) covering it;
2. a title ("Gen.", "Secretary", "Minister"...) followed by a name: a person, and what is
   before the title is read again ("Pentagon Press Secretary Peter Cook");
3. an organisation head ("Department of ...", "... Agency", "... Forces"), a place head
   ("... Air Base", "Gulf of ..."), a programme head ("... Layer", "... Interceptor",
   "USS ...", model numbers like "SM-6", "F-35A", "Block IIA");
4. the gazetteer names inside it, and for what is left: a given name first (a person),
   or a cue around it: "in"/"near" (place, unless a number follows: "in Tranche 1"),
   "said"/"according to"/", a ..." (person), "satellites"/"missile"/"system" after it
   (programme), "the Coalition", "the University", "the Times" (organisation: the one
   named in full before, if any), a person "of" it (organisation: "Ines Duarte of Corvo
   Vermelho"). A name still untyped is read again by entities_merge with the whole brief.

Traps handled: headings and ALL-CAPS lines (only names known from the gazetteer or from the
body count there), a capitalised common word at the start of a sentence, months and
weekdays, nationalities ("Chinese" is no place), companies named like people ("Northrop
Grumman", from the gazetteer), "U.S." (one token, a place) and long forms kept whole
("Office of Inspector General (OIG)"). The mentions of one entity share `value` (the
canonical name: gazetteer name, long form of an acronym, a person's full name) and
`aliases` (every form the brief uses: acronym, surname...).
"""

from __future__ import annotations

from briefs.facts.entities_data import (
    BRANCHES, CONNECTORS, DAYS, DETERMINERS, MISC_HEADS, MONTHS, OF_HEADS, ORG_ANAPHORS, ORG_HEADS,
    ORG_SHORT,
    PLACE_CUES, PLACE_FIRST, PLACE_HEADS, PROG_CUES, PROG_HEADS, SHIP_PREFIXES, SPEECH, TITLE_MODS,
    TITLES, lexicon,
)
from briefs.facts.entities_heads import (
    CAP, CAP_IF_DOT, _NUMBERED, _ORG_AFTER, _ORG_BEFORE, _PLACE_OF, _PLACE_SHORT, DocBase, _block_end,
    _branch, _ordinal, _roman_block,
)
from briefs.facts.model import Fact
from briefs.facts.sentences import Sentence

_ORG_OF = OF_HEADS & ORG_HEADS
_WEAK_HEADS = frozenset("Defense Defence Security Intelligence".split())
_ROMAN = frozenset("II III IV V VI VII VIII IX X XI XII".split())
_POSSESSIVE_NAMES = frozenset("People Women Children Men".split())  # inside names: "People's Party"


def extract(body: str, sentences: list[Sentence], acronyms: list[Fact]) -> list[Fact]:
    """One Fact per entity mention in `body`, sorted by position."""
    if not body:
        return []
    return _Doc(body, sentences, acronyms, lexicon()).run()


class _Doc(DocBase):
    """One brief being read: the first pass (runs of capitalised tokens)."""

    def run(self) -> list[Fact]:
        i, n, T = 0, self.n, self.T
        gz, untrusted, codes = self.gz, self.untrusted, self.codes
        for start in self.run_starts():  # the other tokens are passed over
            if start < i:
                continue
            i = start
            if untrusted[i]:
                g = gz.get(i) if untrusted[i] == 1 else None
                if g:
                    self.emit(i, g[0], g[1], g[2] or self.text(i, g[0]))
                    i = g[0]
                    continue
                i += 1
                continue
            c = T[i][0]  # and self.cap(i), inline:
            if i in gz or codes[i] & CAP or codes[i] & CAP_IF_DOT and i + 1 < n and T[i + 1] == "." or \
                    c.isdigit() and _ordinal(T[i]) and i + 1 < n and self.cap(i + 1):
                b = self._run_end(i)
                self._classify(i, b)
                i = max(b, i + 1)
            else:
                i += 1
        from briefs.facts.entities_merge import finish
        return finish(self)

    def _run_end(self, a: int) -> int:
        T, n, lines, gz, codes, P = self.T, self.n, self.line, self.gz, self.codes, self.P
        line = lines[a]
        j = a
        used_conn = False
        while j < n and lines[j] == line:
            g = gz.get(j)
            if g:
                j = g[0]
            elif codes[j] & CAP or codes[j] & CAP_IF_DOT and j + 1 < n and T[j + 1] == "." or \
                    T[j][0].isdigit() and _ordinal(T[j]) and j + 1 < n and self.cap(j + 1):
                j += 1  # (self.cap(j), inline)
            else:
                break
            if P[j - 1] and not (T[j - 1] in _POSSESSIVE_NAMES and j < n and self.cap(j)) or j >= n:
                break  # a possessive ends the name, but for "Northern People's Militia"
            t = T[j]
            if t in CONNECTORS and j + 1 < n and self.line[j + 1] == line:
                k = j + 1
                if T[k] == "the" and t != "the" and k + 1 < n:
                    k += 1
                if not (self.cap(k) or k in self.gz):
                    break
                prev = T[j - 1]
                if t in ("of", "for", "on"):
                    ok = prev in OF_HEADS or used_conn or prev in TITLES
                elif t == "and":
                    ok = (used_conn or self._head_ahead(k)) and not self._in_gz(j - 1) and k not in self.gz
                elif t == "the":
                    ok = False
                else:
                    ok = prev[0].isupper()
                if not ok:
                    break
                used_conn = True
                j = k
            elif t == "&" and j + 1 < n and self.cap(j + 1):
                j += 1
            elif t.isdigit() and len(t) <= 3 and T[j - 1] in _NUMBERED:
                j += 1
                break
        return j

    def _head_ahead(self, k: int) -> bool:
        for j in range(k, min(k + 5, self.n)):
            t = self.T[j]
            if (t in ORG_HEADS or t in PROG_HEADS) and t not in _WEAK_HEADS:
                return True
            if not self.cap(j):
                return False
        return False

    def _in_gz(self, j: int) -> bool:
        return bool(self.gzc[j])

    # ----------------------------------------------------------------- reading one run
    def _classify(self, a: int, b: int) -> None:
        T, lex = self.T, self.lex
        if b - a <= 1:  # most runs are one word: what the steps below come to for it
            if b <= a or T[a] in DETERMINERS or T[a] in CONNECTORS or T[a] == "&":
                return
            g = self.gz.get(a)
            if g:
                if g[0] == b:
                    self._gz_emit(a, g)
                    return
            elif self.initial[a] and T[a] not in TITLES and self.common(T[a]):
                return  # a capitalised common word opening a sentence
            if T[a] not in MISC_HEADS:
                self._leftover(a, b)
            return
        g = self.gz.get(a)
        if g and g[0] == b and b - a > 1:
            self._gz_emit(a, g)  # "The Hague", "The Guardian"
            return
        while a < b and (T[a] in DETERMINERS or T[a] in CONNECTORS):
            a += 1
        while b > a and (T[b - 1] in CONNECTORS or T[b - 1] == "&"):
            b -= 1
        if a >= b:
            return
        g = self.gz.get(a)
        if g and g[0] == b:
            self._gz_emit(a, g)
            return
        if self.initial[a] and not g and self.common(T[a]) and not (T[a] in lex.given and b - a > 1):
            if T[a] not in TITLES:
                self._classify(a + 1, b)
                return
        # a title and a name after it
        k = self._title_index(a, b)
        if k is not None:
            p = b
            while p > k + 1 and self.namelike(p - 1):
                p -= 1
            if p < b and self.namelike(p) and all(self._title_part(j) for j in range(k + 1, p)):
                self.emit(p, b, "person", "")
                c = k
                while c > a and (T[c - 1] in TITLE_MODS or T[c - 1] in TITLES) and not self.gzc[c - 1]:
                    c -= 1
                if c > a and _branch(self.text(a, c)) not in BRANCHES:
                    self._classify(a, c)
                return
        last = T[b - 1]
        first = T[a]
        of_heads = [j for j in range(a, b - 1) if T[j] in _ORG_OF and T[j + 1] in ("of", "for", "on")]
        if of_heads and T[a] not in TITLES:
            if T[of_heads[0]] in _PLACE_OF:
                self.emit(a, b, "place", "")
            else:
                self.emit(a, b, "organisation", "")
            return
        if k is not None:
            # a title without a name: "Secretary of Defense", "Envoy for the Global Coalition"
            c = k
            while c > a and (T[c - 1] in TITLE_MODS or T[c - 1] in TITLES):
                c -= 1
            if c > a:
                self._classify(a, c)
            if k + 2 < b and T[k + 1] in ("of", "for", "on"):
                self._classify(k + 2, b)
            return
        quoted = b - a >= 4 and a and T[a - 1] in ('"', "“", "‘")
        if last in MISC_HEADS or first in ("Operation", "Exercise") and b - a > 1 or quoted:
            # an event, law, document or operation: only the places and such named in it
            for j in range(a, b):
                g = self.gz.get(j)
                if g and g[0] <= b and g[1] in ("place", "organisation"):
                    self._gz_emit(j, g)
            return
        if b - a >= 2 and not self._all_gz(a, b):
            if self._person_like(a, b) or self._name_then_place(a, b):
                self.emit(a, b, "person", "")
                return
            if last in ("Defense", "Defence") and T[b - 2] == "Missile":
                self.emit(a, b, "programme", "")  # "Integrated Air and Missile Defense"
                return
            if last in ORG_HEADS and not (last in _WEAK_HEADS and b - a < 3):
                self.emit(a, b, "organisation", "")
                return
            if last in PROG_HEADS or first in SHIP_PREFIXES or _roman_block(T, a, b):
                self.emit(a, b, "programme", "")
                return
            if last in PLACE_HEADS or first in PLACE_FIRST:
                self.emit(a, b, "place", "")
                return
        # gazetteer names inside, and what is left between them
        j = a
        seg = a
        while j < b:
            g = self.gz.get(j)
            if g and g[0] <= b:
                self._leftover(seg, j)
                self._gz_emit(j, g)
                j = seg = g[0]
            else:
                j += 1
        self._leftover(seg, b)

    def _person_like(self, a: int, b: int) -> bool:
        """A given name (or an initial) and up to three more name words: "Eugene Burger"."""
        T = self.T
        first = T[a]
        if not 2 <= b - a <= 4 or not (first in self.lex.given or len(first) == 2 and first[1] == "."):
            return False
        g = self.gz.get(a)
        if g and g[1] != "place":
            return False
        return all(self.namelike(j) for j in range(a, b))

    def _name_then_place(self, a: int, b: int) -> bool:
        """An unknown name word and a place name: a person ("Valeska Paris", "Alia Salem")."""
        if b - a != 2 or a in self.gz or self.initial[a] or self.T[a] in PLACE_FIRST:
            return False
        g = self.gz.get(a + 1)
        return bool(g and g[0] == b and g[1] == "place" and g[2] not in self.lex.countries
                     and self.namelike(a) and self.namelike(a + 1)
                     and not self.T[a].isupper() and not self.common(self.T[a]))

    def _gz_emit(self, a: int, g: tuple[int, str, str]) -> None:
        b, kind, canon = g
        if kind == "place" and b - a == 1 and self.initial[a] and self.common(self.T[a]):
            return
        if kind == "programme" and not canon:
            b = _block_end(self.T, b, self.n)
        self.emit(a, b, kind, canon)

    def _paren_alias(self, b: int, kind: str, canon: str) -> None:
        T = self.T
        if b + 2 < self.n and T[b] == "(" and T[b + 2] == ")":
            short = T[b + 1]
            if sum(c.isupper() for c in short) >= 2 and len(short) <= 12 and not self.covered[b + 1]:
                self.covered[b + 1] = 1
                self.mentions.append((b + 1, b + 2, kind, canon))

    def _title_index(self, a: int, b: int) -> int | None:
        for k in range(b - 2, a - 1, -1):
            if self.T[k] in TITLES and not self._in_gz(k):
                return k
        return None

    def _title_part(self, j: int) -> bool:
        t = self.T[j]
        return t in TITLES or t in TITLE_MODS or t in CONNECTORS or t in self.lex.nationalities or t == "State"

    def _all_gz(self, a: int, b: int) -> bool:
        g = self.gz.get(a)
        return bool(g and g[0] >= b)

    def _leftover(self, a: int, b: int) -> None:
        T, lex = self.T, self.lex
        while a < b and (T[a] in lex.nationalities or T[a] in DETERMINERS or T[a] in CONNECTORS):
            a += 1
        while b > a and T[b - 1] in CONNECTORS:
            b -= 1
        if a >= b:
            return
        if b - a == 1 and T[a].isupper() and len(T[a]) > 1:
            place = lex.names.get(T[a].title())
            if len(T[a]) >= 4 and self.initial[a] and place and place[0] == "place" and \
                    a + 1 < self.n and T[a + 1] in ("-", "—", "–", ",", "("):
                self.emit(a, b, "place", place[1])  # a dateline: "BAGHDAD -", "WASHINGTON (Reuters)"
                return
            self._paren_alias_unknown(a)
            return
        words = T[a:b]
        if any(w in TITLES or w in MONTHS or w in DAYS or w in MISC_HEADS for w in words):
            return
        names = self.namelike(a) if b - a == 1 else all(self.namelike(j) for j in range(a, b))
        if b - a > 1 and self._person_like(a, b):
            self.emit(a, b, "person", "")
            return
        nxt = T[b] if b < self.n else ""
        if nxt in PROG_CUES:
            self.emit(a, b, "programme", "")
            return
        before = T[a - 1] if a else ""
        if (nxt in _ORG_AFTER and not self.P[b - 1] or before in _ORG_BEFORE) and not (
                b - a == 1 and self.initial[a] and self.common(T[a])):
            self.emit(a, b, "organisation", "")  # "Scientology officials", "the startup True Anomaly"
            return
        if b - a == 1 and self.initial[a] and self.common(T[a]):
            return
        prev = T[a - 1].lower() if a else ""
        label = b - 2 if b - a >= 2 and T[b - 1] in _ROMAN else b - 1
        numbered = (label == b - 2 or nxt[:1].isdigit() or nxt in _ROMAN) \
            and T[label] not in PLACE_HEADS
        if prev in PLACE_CUES and names and not words[0] in lex.given and not numbered:
            # (a word before a number labels a part, not a place: "in Tranche 1", "in Phase II")
            self.emit(a, b, "place", "")
            return
        if nxt == "," and b + 1 < self.n and lex.names.get(T[b + 1], ("",))[0] == "place" and names:
            self.emit(a, b, "place", "")
            return
        if b - a == 1 and prev == "the" and not self.initial[a]:
            # "the University", "the Times": one organisation named in short; never a person
            named = self._named_by_head(a)
            if T[a] in ORG_SHORT or T[a] in ORG_ANAPHORS and named != T[a]:
                self.emit(a, b, "organisation", named)
                if nxt in ("of", "for"):
                    self.weak.add(a)  # "the Office of\nScience ...": a longer form may be known
            elif T[a] in _PLACE_SHORT:
                self.emit(a, b, "place", T[a])
            elif names:
                self.pending.append((a, b))
            return
        if prev == "of" and names and any(m[1] == a - 1 and m[2] == "person" and m[1] - m[0] > 1
                                          for m in self.mentions[-2:]):  # a full name "of"
            self.emit(a, b, "organisation", "")  # "Ines Duarte of Corvo Vermelho"
            return
        speech = nxt in SPEECH or prev in SPEECH or (prev == "to" and a > 1 and T[a - 2] == "according") \
            or (b - a > 1 and nxt == "," and b + 1 < self.n and T[b + 1] in ("a", "an", "who", "the"))
        if names and speech and b - a <= 3:
            self.emit(a, b, "person", "")
        elif names and 2 <= b - a <= 3 and not any(self.common(w) or w in _ROMAN for w in words):
            self.emit(a, b, "person", "")
        elif b - a == 1 and names and words[0] in lex.given and not self.common(words[0]) and \
                not self.initial[a] and not nxt[:1].isdigit():
            self.emit(a, b, "person", "")  # a first name alone: "with Isabel"
        elif names:
            self.pending.append((a, b))  # read again with what the whole brief names

    def _named_by_head(self, a: int) -> str:
        """The organisation named earlier whose name holds the word `T[a]` ("the University"
        after "University of Northern Idaho"), or the word itself."""
        word = self.T[a]
        if word == "House":
            return word  # "the House" is rarely the "White House" named before
        for m in reversed(self.mentions):
            if m[2] == "organisation" and m[1] - m[0] > 1 and word in self.T[m[0]:m[1]]:
                return m[3]
        return word

    def _paren_alias_unknown(self, a: int) -> None:
        """An all-caps token the gazetteer does not know: kept if an acronym fact defines it."""
        self.unknown_acronyms.append(a)
