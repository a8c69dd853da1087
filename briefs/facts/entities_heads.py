"""Layout, patterns and token tests for the entity extractor (see entities.py)."""

from __future__ import annotations

import re
from bisect import bisect_left
from itertools import compress, repeat
from typing import TYPE_CHECKING

from briefs.facts.entities_data import DAYS, MONTHS, NAME_SUFFIXES, ORG_HEADS, PLACE_HEADS, TITLE_MODS, TITLES, tokenise

if TYPE_CHECKING:
    from briefs.facts.entities_data import Lexicon
    from briefs.facts.model import Fact
    from briefs.facts.sentences import Sentence

_NL = re.compile("\n")
_PARTICLES = ("al", "el", "as", "ad", "an", "ar", "az")
_OPENERS = frozenset('" “ ‘ ( [ : ; — – * > #'.split() + ["'", "-", "•"])

_MODEL = re.compile(r"(?:[A-Z][A-Za-z]{0,2}|[A-Z]/[A-Z])-\d{1,3}[A-Z]{0,2}")
_NOT_MODELS = frozenset({"COVID-19", "H-1B", "G-7", "G-20", "I-95", "Q-1", "No-1", "MH-370"})
_UNDERLINE = re.compile(r"\s*(?:-{3,}|={3,})\s*")
_WORD = re.compile(r"[A-Za-z][\w'’\-]*")
_UPPER = bytes(range(65, 91))  # A-Z
_LOWER = bytes(range(97, 123))  # a-z
_LABEL = re.compile(r"[A-Z][\w ]{0,20}:\s")
_SMALL = frozenset("a an and as at but by for from in into of on or the to vs via with".split())


def is_model_number(t: str) -> bool:
    """A designator such as "SM-6", "F-35A", "KC-135R", "Su-57", "F/A-18" (not "BR-1042")."""
    return len(t) >= 3 and t[0].isupper() and "-" in t and bool(_MODEL.fullmatch(t)) and t not in _NOT_MODELS


def model_run_end(T: list[str], i: int) -> int:
    return i + 1


def heading_lines(body: str, nl: list[int]) -> dict[int, str]:
    """The lines that are headings ("head") or set in capitals ("caps"), by index.

    A line is a heading when it starts with "#", is underlined ("---", "==="), or is a short
    stand-alone line in title case with no closing stop ("Label: Name" lines excepted).
    """
    out: dict[int, str] = {}
    bounds = [0] + [p + 1 for p in nl]
    ends = nl + [len(body)]
    lines = [body[s:e] for s, e in zip(bounds, ends)]
    strips = [line.strip() for line in lines]
    count = len(lines)
    for k, stripped in enumerate(strips):
        if not stripped:
            continue
        # Letters A-Z and a-z, counted in the UTF-8 bytes (other characters never give
        # such bytes): capitals need upper + lower >= 8 and upper >= 4 * lower, so upper >= 7.
        raw = stripped.encode("utf-8", "surrogatepass")
        upper = len(raw) - len(raw.translate(None, _UPPER))
        if upper >= 7 and upper + (lower := len(raw) - len(raw.translate(None, _LOWER))) >= 8 and \
                upper >= 4 * lower:
            out[k] = "caps"
            continue
        if stripped.startswith("#"):
            out[k] = "head"
            continue
        if k + 1 < count and strips[k + 1][:3] in ("---", "===") and _UNDERLINE.fullmatch(lines[k + 1]) \
                and not _UNDERLINE.fullmatch(lines[k]):
            out[k] = "head"
            continue
        if _LABEL.match(stripped) or stripped[-1] in ".?!:;,\"”'’)":
            continue
        alone = (k == 0 or not strips[k - 1]) and (k + 1 >= count or not strips[k + 1])
        if not alone:
            continue
        words = _WORD.findall(stripped)
        if not 2 <= len(words) <= 16:
            continue
        content = [w for w in words if w.lower() not in _SMALL]
        if content and sum(w[0].isupper() for w in content) >= 0.75 * len(content) and len(content) >= 2:
            out[k] = "head"
    return out


_PLACE_OF = frozenset(
    "Republic Kingdom Emirate Sultanate Principality State States City Province Sea Gulf Bay Strait "
    "Straits Isle Isles Cape Port Mount Lake Island Islands".split()
)
_PLACE_SHORT = frozenset("Gulf West East North South Midwest Arctic Antarctic".split())
# Lower-case words after (or before) a name that make it an organisation.
_ORG_AFTER = frozenset(
    """spokesman spokeswoman spokesperson officials employees staffers executives shareholders
    headquarters website founder co-founder cofounder subsidiary subsidiaries chairman chairwoman
    ceo lobbyists""".split()
)
_ORG_BEFORE = frozenset(
    """company firm contractor contractors startup start-up conglomerate newspaper magazine journal
    broadcaster manufacturer maker operator provider publisher outlet charity nonprofit
    non-profit insurer airline carrier bank retailer automaker shipbuilder""".split()
)
_NUMBERED = frozenset("Block Type Complex Increment Lot Mk Mark Flight Pad Site Skynet".split())


def _branch(text: str) -> str:
    for lead in ("U.S. ", "US ", "United States "):
        if text.startswith(lead):
            return text[len(lead):]
    return text


def _ordinal(t: str) -> bool:
    return t[:1].isdigit() and t[-2:] in ("st", "nd", "rd", "th") and t[:-2].isdigit()


def _list_number(T: list[str], j: int) -> bool:
    return T[j].isdigit() and j + 1 < len(T) and T[j + 1] in (".", ")")


def _roman_block(T: list[str], a: int, b: int) -> bool:
    return any(T[j] == "Block" for j in range(a, b - 1))


def _block_end(T: list[str], b: int, n: int) -> int:
    if b + 1 < n and T[b] == "Block" and (T[b + 1].isdigit() or set(T[b + 1]) <= set("IVXAB")
                                        or T[b + 1][:1].isdigit()):
        return b + 2
    return b


_FORMS: list[tuple] = []  # [(the gazetteer, its forms by length, the token codes)], built once


def _by_length(gaz: dict[str, list[tuple[tuple[str, ...], str, str]]]):
    """The gazetteer as first token -> [(length, {tokens: (type, canonical)})], longest first,
    the first entry kept for equal tokens (so the first entry that fits still wins); built
    once per lexicon."""
    if not _FORMS or _FORMS[0][0] is not gaz:
        table: dict[str, list[tuple[int, dict[tuple[str, ...], tuple[str, str]]]]] = {}
        for first, entries in gaz.items():
            groups: dict[int, dict[tuple[str, ...], tuple[str, str]]] = {}
            for toks, kind, canon in entries:  # longest first
                groups.setdefault(len(toks), {}).setdefault(toks, (kind, canon))
            table[first] = list(groups.items())
        _FORMS[:] = [(gaz, table, _Codes(gaz))]
    return _FORMS[0][1]


# What the first pass asks of each token, as bits of one byte per token, cached by token.
_OPENS, _GAZ, _STARTS, _LOWER_FIRST, CAP, CAP_IF_DOT, UPPER_FIRST = 1, 2, 4, 8, 16, 32, 64
BIT = {bit: bytes(1 if i & bit else 0 for i in range(256))  # code -> 1 if the bit is set, else 0
       for bit in (_OPENS, _GAZ, _STARTS, _LOWER_FIRST, UPPER_FIRST)}


class _Codes(dict):
    """token -> bits: opens a name (a quote, a bracket, a dash...), may start a gazetteer hit
    (or has a hyphen: a model number), may start a run of names ("d'Ettorre", "al-Assad",
    "21st", capitalised), starts with a small letter, is capitalised as a name is (see
    DocBase.cap; a single capital only if a "." token follows), starts with a capital."""

    def __init__(self, gaz: dict) -> None:
        super().__init__()
        self.gaz = gaz

    def __missing__(self, t: str) -> int:
        if len(self) > 100_000:
            self.clear()
        c = t[0]
        starts = c.isupper() or not t.isalpha() and (c in "dlaeo" or c.isdigit() and t[-1] in "tdh")
        upper = c.isupper()
        cap = (upper and t not in MONTHS and t not in DAYS and t != "I" and len(t) > 1
               or len(t) > 2 and t[1] in "'’" and t[2].isupper() and t[0] in "dlo"
               or len(t) > 3 and t[2] == "-" and t[3].isupper() and t[:2] in _PARTICLES)
        code = self[t] = ((t in _OPENERS) * _OPENS | (t in self.gaz or "-" in t) * _GAZ
                          | starts * _STARTS | c.islower() * _LOWER_FIRST | cap * CAP
                          | (upper and len(t) == 1 and t != "I") * CAP_IF_DOT | upper * UPPER_FIRST)
        return code


def _codes(gaz: dict) -> _Codes:
    _by_length(gaz)
    return _FORMS[0][2]


class DocBase:
    """Tokens, lines, sentence starts and gazetteer hits of one brief, and the token tests."""

    def __init__(self, body: str, sentences: list[Sentence], acronyms: list[Fact], lex: Lexicon):
        self.body = body
        self.lex = lex
        self.S, self.E, self.T, self.P = tokenise(body)
        self.n = len(self.T)
        self.acronyms = acronyms
        self.codes = bytes(map(_codes(lex.gazetteer).__getitem__, self.T))
        self.lower = set(compress(self.T, self.codes.translate(BIT[_LOWER_FIRST])))
        self.mentions: list[tuple[int, int, str, str]] = []  # token a, b, type, canonical
        self.covered = bytearray(self.n)
        self.unknown_acronyms: list[int] = []
        self.pending: list[tuple[int, int]] = []  # names the first pass could not type
        self.weak: set[int] = set()  # one-word mentions a longer known form may replace
        self._lines(sentences)
        self._gazetteer()

    # ----------------------------------------------------------------- preparation
    def _lines(self, sentences: list[Sentence]) -> None:
        body, S, T, n = self.body, self.S, self.T, self.n
        nl = [m.start() for m in _NL.finditer(body)]
        # No token starts at a line break: the tokens of line k are firsts[k]:firsts[k + 1].
        firsts = [0, *map(bisect_left, repeat(S), nl), n]
        line: list[int] = []
        for k in range(len(firsts) - 1):
            line += [k] * (firsts[k + 1] - firsts[k])
        self.line = line
        heads = heading_lines(body, nl)
        # 1: heading (gazetteer names only), 2: capitals (names known from the body only)
        self.untrusted = bytearray(n)
        for k, kind in heads.items():
            a, b = firsts[k], firsts[k + 1]
            self.untrusted[a:b] = (b"\x01" if kind == "head" else b"\x02") * (b - a)
        initial = bytearray(n)
        k = 0
        for st in sorted({s.start for s in sentences}):
            k = bisect_left(S, st, k)
            j = k
            while j < n and not (T[j][0].isalnum()):
                j += 1
            if j < n:
                initial[j] = 1
        for ln in range(len(firsts) - 1):
            i = firsts[ln]
            if i == firsts[ln + 1]:
                continue  # no token on this line
            j, t = i, T[i]
            while j < n and line[j] == ln and (not t[0].isalnum() or _list_number(T, j)):
                j += 1
                t = T[j] if j < n else ""
            if j < n:
                initial[j] = 1
        for i in compress(range(1, n), self.codes.translate(BIT[_OPENS])):  # after an opener
            if T[i][:1].isalpha():
                initial[i] = 1
        self.initial = initial

    def _gazetteer(self) -> None:
        T, n, line, P = self.T, self.n, self.line, self.P
        forms = _by_length(self.lex.gazetteer)
        self.gz: dict[int, tuple[int, str, str]] = {}
        self.gzc = bytearray(n)
        # Only a token the gazetteer starts with, or one with a hyphen, can start a hit.
        i = 0
        for c in compress(range(n), self.codes.translate(BIT[_GAZ])):
            if c < i:
                continue
            i = c
            hit = None
            for k, known in forms.get(T[i], ()):
                got = known.get(tuple(T[i:i + k]))
                if got is not None and line[i + k - 1] == line[i] and not any(P[i:i + k - 1]):
                    hit = (i + k, got[0], got[1])
                    break
            if hit is None and "-" in T[i] and is_model_number(T[i]):
                hit = (model_run_end(T, i), "programme", "")
            if hit:
                self.gz[i] = hit
                self.gzc[i:hit[0]] = b"\x01" * (hit[0] - i)
                i = hit[0]
            else:
                i += 1

    def run_starts(self) -> list[int]:
        """The tokens that may start a run of names (a superset): all but lower-case words,
        and gazetteer hits."""
        starts = list(compress(range(self.n), self.codes.translate(BIT[_STARTS])))
        return sorted({*starts, *self.gz}) if self.gz else starts

    # ----------------------------------------------------------------- helpers
    def cap(self, i: int) -> bool:
        """Capitalised as a name is: not a month, a weekday or "I"; a single capital before a
        "." token ("J ."); d'Ettorre, l'Aquila, o'Neill, al-Assad (the CAP bits of the token)."""
        code = self.codes[i]
        return bool(code & CAP) or bool(code & CAP_IF_DOT) and i + 1 < self.n and self.T[i + 1] == "."

    def common(self, t: str) -> bool:
        low = t.lower()
        if "-" in low and low.split("-", 1)[0] in self.lex.common:
            return True  # "Wide-field", "Long-range"
        return low in self.lex.common or low in self.lower

    def namelike(self, i: int) -> bool:
        t = self.T[i]
        if not (t[0].isupper() or self.cap(i)):
            return False
        if t.isupper() and not (len(t) == 2 and t[1] == ".") and t not in NAME_SUFFIXES:
            return len(t) == 1
        if len(t) > 2 and t[-1] == "s" and t[:-1].isupper():
            return False  # "OTAs", "SBIs"
        return (t not in TITLES and t not in TITLE_MODS and t not in ORG_HEADS and t not in PLACE_HEADS
                and t not in self.lex.nationalities and t not in MONTHS and t not in DAYS)

    def emit(self, a: int, b: int, kind: str, canon: str) -> None:
        if a >= b or any(self.covered[a:b]):
            return
        for k in range(a, b):
            self.covered[k] = 1
        canon = canon or self.text(a, b)
        self.mentions.append((a, b, kind, canon))
        if b - a > 1 or kind != "person":
            self._paren_alias(b, kind, canon)

    def text(self, a: int, b: int) -> str:
        return " ".join(self.body[self.S[a]:self.E[b - 1]].split())

    # ----------------------------------------------------------------- the main pass
