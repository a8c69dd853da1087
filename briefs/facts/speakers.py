"""Who said a quote: the speaker named by its reporting clause, resolved within the brief.

The clause is read after the quote (", said Maj. Gen. Priya Nandakumar, who...", ", Whitfield
said"), then before it ("Whitfield said: ", "Col. Dana Whitfield, programme director: ",
"according to ..."). Titles are stripped ("Defense Secretary", "Lt. Gen."); a surname alone
becomes the fullest name the brief gives that person (from `person` facts when given, else
from capitalised names seen with a title, a reporting verb, an appositive or standing alone);
"he"/"she" become the first person named in the nearest sentence before (its subject, most
often), "it"/"they" the last speaker; descriptors stay as the brief words them ("a senior
defense official"), and "the aide" becomes the aide described earlier.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Iterator
from functools import lru_cache

from briefs.facts.model import Fact
from briefs.facts.sentences import Sentence, sentence_at

VERBS = (
    r"said|says|say|told|tells|added|adds|stated|states|noted|notes|explained|wrote|writes|"
    r"warned|warns|argued|argues|recalled|insisted|acknowledged|asserted|cautioned|continued|"
    r"concluded|emphasi[sz]ed|stressed|remarked|observed|declared|announced|replied|"
    r"responded|commented|testified|predicted|suggested|claimed|conceded|admitted|agreed|"
    r"urged|asked|asks|saying|adding|noting|stating|telling|writing|arguing|warning|"
    r"explaining|claiming|insisting|tweeted|posted|contended|countered|complained|confirmed|"
    r"reiterated|described|called|quipped|joked|pointed out|reads"
)
VERB = re.compile(r"\b(?:" + VERBS + r")\b")
_INVERTED = re.compile(r"\b(?:said|says|added|adds|wrote|writes|stated|noted|continued|explained)$")
_ACCORDING = re.compile(r"\b[Aa]ccording to\s+")
_CONJ = re.compile(r"\b(?:as|but|while|because|that|when|after|since|though)\s+(?=[A-Za-z])")
_COLON = re.compile(r"\s*([^:\n]{3,160}):\s*")
_ROLE = re.compile(r"\b(?:officials?|spokes\w+|analyst|officer|director|expert|aide|source|"
                   r"commander|minister|secretary|engineer|executive)\b")
_NOT_SPEAKER = re.compile(r"\b(?:second|minute|hour|day|week|month|year|decade|percent|times)s?$")
_TOKEN = re.compile(r"[A-Za-z][\w'’.\-]*|[^\w\s]")
TITLES = frozenset("""
mr mrs ms miss dr prof sen senator rep representative gov governor pres president vice secretary
minister chancellor premier ambassador director administrator chief commander general gen lt
lieutenant col colonel maj major capt captain cmdr cdr adm admiral brig brigadier sgt sergeant
rear air marshal vice-marshal deputy under undersecretary assistant acting former retired ret
sir dame lord lady judge justice spokesman spokeswoman spokesperson chairman chairwoman chair
ceo founder head leader king queen prince rev speaker mp officer analyst official commandant
inspector manager cdre commodore professor bishop archbishop cardinal pope reverend rabbi imam
sheikh""".split())
PARTICLES = frozenset("al bin ibn van von de der da di du le la el dos del".split())
PRONOUNS = frozenset("he she they it we i".split())
DETERMINERS = frozenset("a an the one another two three several some many most other".split())
_NP_END = frozenset("who told to during in at on from".split())
_PREPOSITIONS = frozenset("of for at in on with from by to and about".split())
_STOPS = frozenset("""
that as and but or while because when if though although after before since so then where which
who whom whose what is was were are be been has have had do does did not also just this these
those there here it its their his her our your we they he she i you said says would will could
should may might must can only recently previously simply repeatedly publicly privately
now""".split())
_CLAUSE_SKIP = re.compile(r"^(?:who|which|whose|where|in|on|at|during|speaking|according|however|"
                          r"also|meanwhile|for|from|to|with|after|before|when|while|last|this|"
                          r"earlier|later|\w+ly)\b", re.I)
_ORG_WORDS = frozenset("""
agency force command office department committee corp inc ltd air base university institute
center centre council ministry army navy group company systems technologies layer program
programme administration service bureau house senate congress union news times post states
kingdom nations republic""".split())
_NAME = re.compile(r"[A-Z][\w'’.\-]*(?:[ \t]+(?:(?:al|bin|van|von|de|der|da|di|le|la|el)[ \t]+"
                   r"|(?:al|el|bin|abu)-)?[A-Z][\w'’.\-]*){1,7}")
_PARTICLE_NAME = re.compile(r"(?:al|el|bin|ibn|abu|ben|da|de|di|van|von)-[A-Z]")
_SUBJECT_START = re.compile(r"(?:^|(?<=[.!?]\s)|(?<=\n))$")
_CAPITALISED = re.compile(r"[A-Z](?<![\w'’\-].)[\w'’\-]+")  # not glued to what precedes it
_INSIDE_NAME = re.compile(r"[A-Z][\w'’\-]*[ \t]+(?:of|for|and|on|the|de)[ \t]+$")
_PERSON_CUE = re.compile(r",\s+(?:a|an|the|who|whose)\s|\s+of\s+the\s|\s+(?:" + VERBS + r")\b"
                         r"|,[^,\"“\n]{3,120},\s+(?:" + VERBS + r")\b")
_LEAD, _BREAK = re.compile(r"[\s,.!?—–-]*"), re.compile(r"[.;:!?]\s")
_SENTENCE_BREAK = re.compile(r"[.;!?]\s")
_COMMA_COLON, _CAPITAL_BEFORE = re.compile(r"\s*[,:]\s*"), re.compile(r"[A-Z][\w'’-]*\s+$")
_PARENS, _CHUNK, _LOWER_AFTER = re.compile(r"\([^()]*\)"), re.compile(r"[^,]+"), re.compile(r"\s+[a-z]")


def _blank(m: re.Match[str]) -> str:
    return " " * len(m.group())


@lru_cache(maxsize=512)
def _descriptor_pattern(head: str) -> re.Pattern[str]:
    """ "a/an/one ... <head>", compiled once per head word."""
    return re.compile(r"\b(?:[Aa]n?|[Oo]ne)\s+(?:[\w'’-]+\s+){0,5}?" + re.escape(head) + r"\b")




def attribution(body: str, left: tuple[int, int], right: tuple[int, int],
                 names: Names) -> tuple[str, int, int] | None:
    """(speaker, start, end of the words naming them) from the reporting clause, if any."""
    for span in _speaker_spans(body, left, right):
        found = _resolve(body, *span, names)
        if found is not None:
            return found
    return None


def _speaker_spans(body: str, left: tuple[int, int],
                   right: tuple[int, int]) -> Iterator[tuple[int, int]]:
    """Spans that may name the speaker, best first: after the quote, then before it."""
    r0, r1 = right
    r = body[r0:r1]
    lead = _LEAD.match(r).end()
    m = _ACCORDING.search(r, lead, lead + 30)
    if m:
        yield _np_after(body, r0 + m.end())
    m = VERB.search(r, lead, lead + 120)
    if m and not _BREAK.search(r[lead:m.start()]):
        if not r[lead:m.start()].strip():
            yield _np_after(body, r0 + m.end())  # ', said Maj. Gen. Priya Nandakumar, who'
        else:
            yield _subject(body, r0 + lead, r0 + m.start())  # ', Whitfield said'
    l0, l1 = left
    text = body[l0:l1]
    m = _ACCORDING.search(text)
    if m and not _SENTENCE_BREAK.search(text[m.end():]):
        yield _np_after(body, l0 + m.end())
    verbs = list(VERB.finditer(text))
    if verbs:
        m = verbs[-1]
        s, e = _np_after(body, l0 + m.end())
        if e > s and _INVERTED.search(m.group()) and _COMMA_COLON.fullmatch(body[e:l1]):
            yield s, e  # 'said Whitfield: "'
        if m.group().endswith("ing") and _CAPITAL_BEFORE.search(text[:m.start()]):
            yield _trailing_np(body, l0, l0 + m.start())  # 'with Boswell stating: "'
        elif m.group().endswith("ing"):
            yield _leading_np(body, l0, l0 + m.start())  # 'An official rejected this, saying "'
        else:
            yield _subject(body, l0, l0 + m.start())
    line = l0 + text.rfind("\n") + 1
    m = _COLON.fullmatch(body, line, l1)
    if m:
        s, e = _subject(body, m.start(1), m.end(1))
        if _is_name(body[s:e]) or _ROLE.search(body[s:e]):
            yield s, e  # 'Col. Dana Whitfield, programme director: "'


def _tokens(body: str, a: int, b: int) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(body, a, b)]


def _np_after(body: str, a: int) -> tuple[int, int]:
    """The phrase naming the speaker right after a reporting verb (or "according to")."""
    end = body.find("\n", a)
    kept: list[tuple[int, int, str]] = []
    for s, e, w in _tokens(body, a, min(a + 120, len(body) if end < 0 else end)):
        low = w.lower().rstrip(".")
        named = any(t[2][0].isupper() for t in kept if t[2].lower() not in DETERMINERS)
        if not w[0].isalpha() or low in _NP_END or (low in _STOPS and low not in PRONOUNS) or (
                low == "of" and named):
            break
        kept.append((s, e, w))
        if len(kept) >= 9 or (w.endswith(".") and len(low) > 1 and low not in TITLES):
            break
    if not kept:
        return a, a
    s, e, w = kept[-1]
    return kept[0][0], e - (w.endswith(".") and len(w) > 2 and w.lower().rstrip(".") not in TITLES)


def _subject(body: str, a: int, b: int) -> tuple[int, int]:
    """The subject of a reporting verb: the name before an appositive, else the phrase
    next to the verb."""
    text = _PARENS.sub(_blank, body[a:b])
    cut = max(text.rfind(c) for c in "\"“”;:")
    base = a + cut + 1
    chunks = [(base + m.start(), base + m.end()) for m in _CHUNK.finditer(text[cut + 1:])]
    usable = [c for c in chunks if body[c[0]:c[1]].strip()
              and not _CLAUSE_SKIP.match(body[c[0]:c[1]].strip())]
    if not usable:
        return b, b
    last = _trailing_np(body, *_after_conjunction(body, *usable[-1]))
    if last[0] >= last[1]:
        last = _leading_np(body, *_after_conjunction(body, *usable[-1]))
    np = body[last[0]:last[1]]
    last_chunk = body[usable[-1][0]:usable[-1][1]].strip()
    if len(usable) > 1 and np.lower() not in PRONOUNS and not _is_name(last_chunk):
        for chunk in reversed(usable[:-1]):
            earlier = _trailing_np(body, *_after_conjunction(body, *chunk))
            if _has_name(body[earlier[0]:earlier[1]]):
                return earlier  # "Name, a descriptor, said"
    return last


def _after_conjunction(body: str, a: int, b: int) -> tuple[int, int]:
    return max([a] + [m.end() for m in _CONJ.finditer(body, a, b)]), b


def _trailing_np(body: str, a: int, b: int) -> tuple[int, int]:
    toks = _tokens(body, a, b)
    i = len(toks)
    while i > 0 and len(toks) - i < 14:
        w = toks[i - 1][2]
        low = w.lower().rstrip(".")
        seen_by = low == "by" and i > 1 and toks[i - 2][2].endswith(("ed", "en", "n"))  # seen by X
        if not w[0].isalpha() or (low in _STOPS and low not in PRONOUNS) or (
                low in _PREPOSITIONS - {"of", "for"} and not seen_by):
            break
        i -= 1
        if low in PRONOUNS or (low in DETERMINERS and not (i > 0 and toks[i - 1][2] == "of")):
            break
    return (toks[i][0], toks[-1][1]) if i < len(toks) else (b, b)


def _leading_np(body: str, a: int, b: int) -> tuple[int, int]:
    """The subject opening a clause ("A senior official rejected this, saying ...")."""
    toks = _tokens(body, a, b)
    n = 0
    while n < min(len(toks), 8):
        w, low = toks[n][2], toks[n][2].lower()
        verb = low.endswith("ed") and n > 0
        if not w[0].isalpha() or (low in _STOPS and low not in PRONOUNS) or verb:
            break
        n += 1
    return (toks[0][0], toks[n - 1][1]) if n else (a, a)


def _is_name(np: str) -> bool:
    words = [w for w in np.split() if w.lower() not in PARTICLES]
    return bool(words) and words[0].lower() not in DETERMINERS | PRONOUNS and all(
        w[0].isupper() for w in words)


def _has_name(np: str) -> bool:
    """A name, or a phrase ending in one ("a target Naomi Fairbanks")."""
    words = np.split()
    run = len(words)
    while run > 0 and words[run - 1][0].isupper():
        run -= 1
    return _is_name(np) or (len(words) - run >= 2 and run > 0
                            and words[run - 1].lower() not in _PREPOSITIONS | DETERMINERS)


def _resolve(body: str, s: int, e: int, names: Names) -> tuple[str, int, int] | None:
    """The speaker a phrase names: a full name without titles, or the descriptor as worded."""
    np = body[s:e].strip(" ,")
    if not np or _NOT_SPEAKER.search(np) or not np[0].isalpha() or VERB.fullmatch(np.lower()):
        return None
    words = np.split()
    low = words[0].lower()
    if len(words) == 1 and low in PRONOUNS:
        found = names.recent(s, person=low in ("he", "she"))
        return (found, s, e) if found else None
    known = names.known(words[-1])
    if known and len(words) > 1 and " ".join(words).endswith(known):
        return known, s, e  # "CEO of the Refugee Council Enver Solomon"
    run = len(words)
    while run > 0 and (words[run - 1][0].isupper() or words[run - 1].lower() in PARTICLES
                       or _PARTICLE_NAME.match(words[run - 1])):
        run -= 1
    name = words[run:]
    titled_at = [i for i, w in enumerate(name) if w.lower().rstrip(".") in TITLES]
    if titled_at and titled_at[-1] + 1 < len(name):
        name = name[titled_at[-1] + 1:]  # "Labour's Shadow Home Secretary Yvette Cooper"
    while name and name[0].lower().rstrip(".") in TITLES | DETERMINERS:
        name = name[1:]
    before = words[run - 1].lower().rstrip(".") if run else ""
    after_noun = len(name) >= 2 and before not in _PREPOSITIONS | DETERMINERS  # "target Naomi X"
    if name and (run == 0 or before in TITLES or after_noun):
        return names.full(name), s, e
    descriptor = (low if low in DETERMINERS else words[0]) + np[len(words[0]):]
    if low == "the" and len(words) >= 2:
        descriptor = names.earlier_descriptor(words[-1], s) or descriptor
    return descriptor, s, e


def within(spans: list[tuple[int, int]], pos: int) -> bool:
    """Whether `pos` falls in one of the sorted, disjoint `spans`."""
    i = bisect.bisect_right(spans, (pos, float("inf"))) - 1
    return i >= 0 and spans[i][0] <= pos < spans[i][1]


def _runs(start: int, text: str) -> list[tuple[int, int, list[str]]]:
    """A run of capitalised words cut where a sentence ends inside it ("Agency. Kessling")."""
    if "." not in text:
        words = text.split()
        return [(start, start + len(text), words)] if not words[-1].isupper() else []
    out, words, pos, begin = [], [], 0, start
    for w in text.split():
        pos = text.index(w, pos)
        if not words:
            begin = start + pos
        words.append(w)
        pos += len(w)
        if w.endswith(".") and len(w) > 2 and w.lower().rstrip(".") not in TITLES:
            words[-1] = w.rstrip(".")
            out.append((begin, start + pos - 1, words))
            words = []
    if words:
        out.append((begin, start + pos, words))
    return [r for r in out if len(r[2]) >= 2 and not r[2][-1].isupper()]


class Names:
    """People named in the brief: full names by surname, and where each is named."""

    def __init__(self, body: str, entities: list[Fact], sentences: list[Sentence],
                 quoted: list[tuple[int, int]]) -> None:
        self.body, self.entities, self.sentences, self.quoted = body, entities, sentences, quoted
        self.speakers: list[tuple[int, str]] = []
        self._people: list[tuple[int, str]] | None = None
        self._by_last: dict[str, str] = {}
        self._ends: list[int] | None = None  # where the sentences end, in order

    @property
    def people(self) -> list[tuple[int, str]]:
        """(offset, full name) of every person named, found on first use."""
        if self._people is None:
            self._people = []
            self._scan()
        return self._people

    def known(self, last: str) -> str | None:
        """The full name of the person whose surname is `last`, if the brief gives one."""
        return self.people and self._by_last.get(last.lower())

    def _scan(self) -> None:
        body = self.body
        for f in self.entities:
            if f.type == "person" and f.value:
                self._add(f.start, f.value)
        runs = [run for m in _NAME.finditer(body) for run in _runs(m.start(), m.group())]
        ends: dict[str, int] = {}
        counts = Counter(_CAPITALISED.findall(body))
        for _, _, words in runs:
            ends[words[-1]] = ends.get(words[-1], 0) + 1
        for start, end, words in runs:
            cuts = [i for i, w in enumerate(words)
                    if w.lower() in _ORG_WORDS or w.lower().rstrip(".") in TITLES]
            titled = any(w.lower().rstrip(".") in TITLES for w in words)
            name = words[cuts[-1] + 1 if cuts else 0:]
            if len(name) < 2 or (not cuts and _INSIDE_NAME.search(body, max(0, start - 40), start)):
                continue
            alone = counts[name[-1]] > ends[words[-1]]  # the surname also stands on its own
            starts = _SUBJECT_START.search(body, max(0, start - 2), start) and _LOWER_AFTER.match(
                body[end:end + 2])  # "Harry Kane won ..."
            if titled or alone or _PERSON_CUE.match(body, end) or starts:
                skipped = words[:len(words) - len(name)]
                self._add(start + len(" ".join(skipped)) + bool(skipped), " ".join(name))

    def _add(self, pos: int, name: str) -> None:
        if not within(self.quoted, pos):
            self.people.append((pos, name))
        self._by_last.setdefault(name.split()[-1].lower(), name)

    def full(self, words: list[str]) -> str:
        name = " ".join(words)
        return (self.known(words[-1]) or name) if len(words) == 1 else name

    def spoke(self, speaker: str | None, pos: int) -> None:
        if speaker:
            self.speakers.append((pos, speaker))
            if speaker[0].isupper() and len(speaker.split()) >= 2:
                self.people.append((pos, speaker))

    def recent(self, pos: int, person: bool) -> str | None:
        """Who "he"/"she" at `pos` is: the first person named in the nearest sentence before
        (the subject, usually); "it"/"they": the last speaker."""
        if not person:
            return self.speakers[-1][1] if self.speakers else None
        here = sentence_at(self.sentences, pos)
        bound = here.start if here else pos
        earlier = sorted(p for p in self.people if p[0] < pos)
        same = [p for p in earlier if p[0] >= bound]
        if same:
            return same[0][1]
        if self._ends is None:
            self._ends = [s.end for s in self.sentences]
        k = bisect.bisect_right(self._ends, bound)
        for s in reversed(self.sentences[max(0, k - 3):k]):
            inside = [p for p in earlier if s.start <= p[0] < s.end]
            if inside:
                return inside[0][1]
        return earlier[-1][1] if earlier else None

    def earlier_descriptor(self, head: str, pos: int) -> str | None:
        """What "the <head>" at `pos` refers to: the last "a/an/one ... <head>" before it."""
        found = [d for p, d in self.speakers if p < pos and d.split()[-1].lower() == head.lower()
                 and d.split()[0].lower() != "the"]
        pattern = _descriptor_pattern(head)
        matches = list(pattern.finditer(self.body, max(0, pos - 3000), pos))
        said_at = max((p for p, d in self.speakers if found and d == found[-1]), default=-1)
        if matches and (not found or matches[-1].start() > said_at):
            text = matches[-1].group()
            return text[0].lower() + text[1:]
        return found[-1] if found else None
