"""Acronyms: each distinct short form once, with its long form and where the brief defines it.

A definition is a short form in brackets after its long form, "Space-Based Infrared System
(SBIRS)", or the reverse, "SBIRS (Space-Based Infrared System)". The long form's first word
is found by aligning the short form's letters with the words before the bracket (in the
manner of Schwartz & Hearst, 2003, made stricter): every content word gives the short form
one chunk of letters that starts with the word's initial ("SATCOM" from "SATellite
COMmunications", "IR" from "InfraRed"), stop words may give a letter or none ("DoD"), "&"
stands for "and", a digit after a letter repeats it ("C4ISR", "JADC2"), and the long form
never starts with a stop word, so "Office of Inspector General (OIG)" keeps "Office of".
Among alignments the cheapest wins (fewest letters from inside words), then the shortest.

Short forms whose letters do not come from their English name (ENISA, OTAN, GLONASS...) are
accepted only with one of the long forms in GLOSSARY. All-caps tokens used but never defined
are listed with `long=None` and `extra["undefined"] = True`, except Roman numerals, "US",
"U.S." and "UK" (nobody needs them expanded), common words written in capitals for emphasis,
model designators ("SM-3", "F-35") and lines set entirely in capitals (headlines, cables).
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache

from briefs.facts.model import Fact

# Short forms whose letters do not follow their English name, with the English long forms
# that define them (matched case-insensitively). Only names we are sure of.
GLOSSARY: dict[str, tuple[str, ...]] = {
    "ENISA": ("European Union Agency for Cybersecurity", "EU Agency for Cybersecurity"),
    "OTAN": ("North Atlantic Treaty Organization", "North Atlantic Treaty Organisation"),
    "NATO": ("Organisation du Traité de l'Atlantique Nord",),
    "RIA": ("RIA Novosti", "Russian state news agency", "Russian news agency"),
    "TASS": ("Russian News Agency", "Russian state news agency", "Russian news agency"),
    "GLONASS": ("Global Navigation Satellite System",),
    "CNES": ("French space agency", "National Centre for Space Studies",
             "National Center for Space Studies"),
    "ONERA": ("French Aerospace Lab", "French aerospace laboratory"),
    "FSB": ("Federal Security Service",),
    "SVR": ("Foreign Intelligence Service",),
    "GRU": ("Main Intelligence Directorate", "Main Directorate of the General Staff"),
    "BND": ("Federal Intelligence Service",),
    "DGSE": ("General Directorate for External Security",
             "Directorate-General for External Security"),
    "OCCAR": ("Organisation for Joint Armament Cooperation",
              "Organisation for Joint Armament Co-operation"),
    "CERN": ("European Organization for Nuclear Research",),
}
# Never listed: everybody knows them.
WELL_KNOWN = frozenset({"US", "U.S", "USA", "UK", "U.K", "OK", "TV", "AM", "PM", "ID"})
# Words written in capitals for emphasis or as markings, not acronyms, when never defined.
CAPS_WORDS = frozenset(
    """ALL AND ANY ARE BUT CAN END FOR HAS ITS MAY NEW NOT NOW ONE OUR OUT THE TWO WAS WHO WHY
    YES YET BREAKING CLEAR DRAFT EXCLUSIVE EXERCISE MUST NOTE ONLY OFFICIAL SECRET SUMMARY
    TOP UPDATE UPDATED URGENT WARNING WILL WITH FROM THIS THAT NEVER ALWAYS FACT FAQ
    AN AS AT BE BY DO GO HE IF IN IS ME MY NO OF ON OR SO TO UP WE""".split()
)
STOP = frozenset("of and the for on in to at by with a an de du des la le der und von vs or"
                 .split())
_NUMBER_WORDS = {"1": ("one", "first", "single"), "2": ("two", "second", "dual", "double"),
                 "3": ("three", "third", "triple"), "4": ("four", "fourth"), "5": ("five", "fifth"),
                 "6": ("six", "sixth"), "7": ("seven", "seventh"), "8": ("eight", "eighth")}

_SHORT = r"[A-Za-z0-9][A-Za-z0-9&./\-]{0,11}"
_BRACKET = re.compile(r"\([^()\n]{1,120}\)|\[[^\[\]()\n]{1,120}\]")  # round or square
# The inside of "(SHORT)" after a long form, with optional lead-ins and trailing remarks.
_INNER = re.compile(r"\s*(?:the |hereafter,? |hereinafter,? |or |also |known as |a\.k\.a\. )?"
                    r"[\"“']?"
                    r"(" + _SHORT + r")[\"”']?\s*(?:[;,][^()]{0,60})?")
# The short form right before "(long form)".
_BEFORE = re.compile(r"(?<![\w.\-])(" + _SHORT + r")\s+$")
_LEAD = re.compile(r"\s*(?:the |or |i\.e\.,? |formerly |also known as )?")
# A capital (or a digit before one) not glued to what precedes it: the look-behind comes
# after the first character, so that `re` skips to capitals and digits quickly.
_TOKEN = re.compile(r"([A-Z\d](?<![\w&/\-.].)(?:(?<=[A-Z])|(?=[A-Z]))[A-Za-z0-9&/\-]*[A-Z0-9]"
                    r"(?:s|'s|’s)?)(?![\w\-]|\.\w)")
_PARTS = re.compile(r"[-/.]")
_POSSESSIVE = re.compile(r"(?:'s|’s|(?<=[A-Z0-9])s)$")
_CAPS_RUN = re.compile(r"[A-Z]{2,}[^a-z\n]+[A-Z]{2,}[^a-z\n]+[A-Z]{2,}")
_PLAIN = re.compile(r"(?:[A-Z]|\d(?=[A-Z]))[A-Z0-9&]*[A-Z0-9]")
_WORD = re.compile(r"[\w'’.]+(?:[-/][\w'’.]+)*|&")
_HARD = re.compile(r"(?<![A-Z])[.!?](?=\s)|[;:()\[\]\"“”—\n]")
_ROMAN = re.compile(r"(?:X{0,3})(?:IX|IV|V?I{0,3})|(?:X{0,3})(?:IX|IV|V?I{0,3})(?<=..)[A-C]")
_DATELINE = re.compile(r"(?m)^[ \t]*[A-Z][A-Z .,'’-]{2,40}?(?:\([^)\n]{0,30}\))?"
                       r"[ \t]*[—–-]+[ \t]")
# The same after a line break: led by a literal, so quick to scan for.
_DATELINE_AFTER_BREAK = re.compile("\n" + _DATELINE.pattern.removeprefix("(?m)^"))
_STATE_CODE = re.compile(r"[A-Z][a-z]+,[ \t]$")
_DESIGNATOR = re.compile(r"[\-/]?\d")
_CUT = re.compile(r"[,;]")
_LETTERS = re.compile(r"[A-Za-z]{2,}")
_THREE_DIGITS = re.compile(r"\d{3}")


def extract(body: str) -> list[Fact]:
    """One fact per distinct acronym, anchored at its definition or else its first use."""
    defs: dict[str, Fact] = {}
    for fact in _definitions(body):
        defs.setdefault(_key(fact.text), fact)
    caps = _union(_caps_lines(body))
    undefined: dict[str, Fact] = {}
    uses: dict[str, int] = {}
    rejected: set[str] = set()
    for m in _TOKEN.finditer(body):
        short = _POSSESSIVE.sub("", m.group(1))
        key = _key(short)
        uses[key] = uses.get(key, 0) + 1
        if key in defs or key in undefined or short in rejected:
            continue
        if not _looks_undefined(short):
            rejected.add(short)
            continue
        if not _in_context(body, m.start(), short, caps):
            continue
        undefined[key] = Fact("acronym", short, m.start(), m.start() + len(short),
                              extra={"undefined": True})
    out = list(defs.values()) + list(undefined.values())
    for fact in out:
        fact.extra["uses"] = max(1, uses.get(_key(fact.text), 0))
    out.sort(key=lambda f: f.start)
    return out


def _key(short: str) -> str:
    return short.upper().replace(".", "")


def _definitions(body: str) -> list[Fact]:
    """Every (short, long) definition in the brief, in order: each bracket is tried as a
    short form after its long form, then as the long form of the short form before it."""
    out: list[Fact] = []
    for m in _BRACKET.finditer(body):
        inner = _INNER.fullmatch(body, m.start() + 1, m.end() - 1)
        if inner:
            short = _plural_free(inner.group(1).rstrip(".-/"))
            symbols = _symbols(short)
            if symbols is not None:
                lo = _window_start(body, m.start())
                words = [(w.start(), w.end(), w.group())
                         for w in _WORD.finditer(body, lo, m.start())]
                known = _glossary_long(body, lo, m.start(), short)
                span = known or _align_words(words, symbols)
                if span is not None:
                    out.append(_definition(body, short, inner.start(1), span, known is not None))
                    continue
        before = _BEFORE.search(body, max(0, m.start() - 16), m.start())
        if before is None or m.end() - m.start() < 5:
            continue
        short = _plural_free(before.group(1).rstrip(".-/"))
        symbols = _symbols(short)
        if symbols is None:
            continue
        lead = _LEAD.match(body, m.start() + 1)
        base, stop = lead.end(), m.end() - 1
        cut = _CUT.search(body[base:stop])
        for end in [stop] + ([base + cut.start()] if cut and cut.start() else []):
            end = base + len(body[base:end].rstrip())
            span = known = _glossary_long(body, base, end, short, whole=True)
            if span is None:
                words = [(w.start(), w.end(), w.group()) for w in _WORD.finditer(body, base, end)]
                span = _align_words(words, symbols, whole=True) if len(words) >= 2 else None
            if span is not None:
                out.append(_definition(body, short, before.start(1), span, known is not None))
                break
    return out


def _definition(body: str, short: str, start: int, span: tuple[int, int],
                glossary: bool = False) -> Fact:
    a, b = span
    if body[b - 2:b] in ("'s", "’s"):
        b -= 2
    extra: dict[str, object] = {"defined_at": [a, b]}
    if glossary:
        extra["glossary"] = True
    return Fact("acronym", short, start, start + len(short), long=body[a:b], extra=extra)


def _plural_free(short: str) -> str:
    return short[:-1] if len(short) > 2 and short.endswith("s") and short[-2].isupper() else short


@lru_cache(maxsize=4096)
def _symbols(short: str) -> tuple[str, ...] | None:
    """The short form as symbols to align, or None when it does not look like an acronym."""
    short = _plural_free(short)
    if _key(short) in WELL_KNOWN or "." in short.strip("."):
        return None
    letters = [c for c in short if c.isalpha()]
    upper = sum(c.isupper() for c in letters)
    digits = sum(c.isdigit() for c in short)
    if not letters or digits > 2 or len(short) < 2 or short.isdigit():
        return None
    if upper < 2 and not (upper == 1 and digits) or upper < 0.4 * len(letters):
        return None
    if _ROMAN.fullmatch(short):
        return None
    out: list[str] = []
    for i, c in enumerate(short):
        if c.isdigit() and i and short[i - 1].isalpha() and c > "1":
            out.extend([short[i - 1]] * (int(c) - 1))
        elif c.isalnum() or c == "&":
            out.append(c)
    return tuple(out) if len(out) >= 2 else None


def _window_start(body: str, end: int) -> int:
    """Where the long form's search window starts: the last hard break before `end`."""
    lo = max(0, end - 240)
    last = lo
    for m in _HARD.finditer(body, lo, end):
        last = m.end()
    return last


def _glossary_long(body: str, lo: int, hi: int, short: str,
                   whole: bool = False) -> tuple[int, int] | None:
    longs = GLOSSARY.get(_key(_plural_free(short)))
    if not longs:
        return None
    text = body[lo:hi].rstrip()
    for long in longs:
        n = len(long)
        if whole and text.lower() == long.lower():
            return lo, lo + n
        if not whole and text.lower().endswith(long.lower()):
            start = lo + len(text) - n
            if start == lo or not body[start - 1].isalnum():
                return start, start + n
    return None


def _align_words(words: list[tuple[int, int, str]], symbols: tuple[str, ...],
                 whole: bool = False) -> tuple[int, int] | None:
    """Span of the long form: the cheapest alignment of `symbols` onto the trailing `words`
    (all of them when `whole`); on a tie, the shortest."""
    limit = len(symbols) + 5
    if whole and len(words) > limit:
        return None
    words = words[-limit:]
    texts = tuple(w[2] for w in words)
    costs = _suffix_costs(texts, symbols)
    best: tuple[float, int] | None = None
    for k in ([0] if whole else range(len(texts) - 1, -1, -1)):
        cost = costs[k]
        if cost is not None and texts[k].lower() not in STOP and (best is None or cost < best[0]):
            best = (cost, k)
    return None if best is None else (words[best[1]][0], words[-1][1])


@lru_cache(maxsize=2048)
def _suffix_costs(words: tuple[str, ...], symbols: tuple[str, ...]) -> list[float | None]:
    """For each k, the least cost of aligning all `symbols` onto words[k:] (None: impossible)."""
    n, m = len(words), len(symbols)
    # go[i][j]: least cost of aligning symbols[j:] onto words[i:].
    go: list[list[float | None]] = [[None] * (m + 1) for _ in range(n + 1)]
    go[n][m] = 0.0
    for i in range(n - 1, -1, -1):
        w = words[i]
        stop = w.lower() in STOP or w == "&"
        row, nxt = go[i], go[i + 1]
        first = w[:1].lower()
        for j in range(m, -1, -1):
            best = nxt[j] if stop else None
            sym = symbols[j] if j < m else ""
            if sym and sym != "&" and not sym.isdigit() and sym.lower() != first and not (
                    sym in "xX" and w[:2].lower() == "ex"):
                row[j] = best  # this word cannot start the chunk
                continue
            if j < m and symbols[j] == "&":
                if (w.lower() == "and" or w == "&") and nxt[j + 1] is not None:
                    best = nxt[j + 1] if best is None else min(best, nxt[j + 1])
                row[j] = best
                continue
            for t in range(1, m - j + 1):
                c = _chunk_cost(w, symbols[j:j + t], stop)
                if c is None:
                    break
                rest = nxt[j + t]
                if rest is not None and (best is None or c + rest < best):
                    best = c + rest
            row[j] = best
    return [go[k][0] for k in range(n)]


@lru_cache(maxsize=8192)
def _chunk_cost(word: str, chunk: tuple[str, ...], stop: bool) -> float | None:
    """Cost of `word` supplying `chunk`: each hyphen/dot part gives a run starting at its
    initial (the first part must give one); letters from inside a part cost more."""
    if chunk[0].isdigit():
        numbers = _NUMBER_WORDS.get(chunk[0], ())
        if len(chunk) == 1 and (word.startswith(chunk[0]) or word.lower() in numbers):
            return 0.0
        return None
    if stop:
        if len(chunk) != 1 or chunk[0].lower() != word[0].lower():
            return None
        return 0.0 if chunk[0].islower() else 1.0
    parts = [p for p in _PARTS.split(word.replace("’", "'")) if p]
    if not parts or not parts[0][:1].isalnum():
        return None
    return _parts_cost(tuple(p.lower() for p in parts), tuple(c.lower() for c in chunk), True)


@lru_cache(maxsize=8192)
def _parts_cost(parts: tuple[str, ...], chunk: tuple[str, ...], first: bool) -> float | None:
    if not chunk:
        return 0.0
    if not parts:
        return None
    part, rest = parts[0], parts[1:]
    best: float | None = None
    if not first:
        best = _parts_cost(rest, chunk, False)
    if chunk[0] != part[0] and not (chunk[0] == "x" and part.startswith("ex")):
        return best
    # Take chunk[0] from the initial, then as many more as this part can give in order.
    pos, cost = 1, 0.0
    for t in range(1, len(chunk) + 1):
        if t > 1:
            found = part.find(chunk[t - 1], pos)
            if found < 0:
                break
            cost += 0.25 if found == pos else 1.0
            pos = found + 1
        after = _parts_cost(rest, chunk[t:], False)
        if after is not None and (best is None or cost + after < best):
            best = cost + after
    return best


def _caps_lines(body: str) -> list[tuple[int, int]]:
    """Lines set mostly in capitals (headlines, cables) and datelines ("WASHINGTON —"):
    their tokens are not acronyms."""
    first = _DATELINE.match(body)  # on the first line; the others follow a line break
    out = [first.span()] if first else []
    out += [(m.start() + 1, m.end()) for m in _DATELINE_AFTER_BREAK.finditer(body)]
    last = -1
    for run in _CAPS_RUN.finditer(body):
        a = body.rfind("\n", 0, run.start()) + 1
        b = body.find("\n", run.end())
        b = len(body) if b < 0 else b
        if a <= last:
            continue
        last = b
        words = _LETTERS.findall(body[a:b])
        if sum(w.isupper() for w in words) >= 0.6 * len(words):
            out.append((a, b))
    return out


def _looks_undefined(short: str) -> bool:
    """Whether an all-caps token could be an acronym at all (whatever its context)."""
    if len(short) > 10 or not _PLAIN.fullmatch(short) or sum(c.isalpha() for c in short) < 2:
        return False
    return _symbols(short) is not None and short not in CAPS_WORDS


def _in_context(body: str, start: int, short: str, caps: list[tuple[int, int]]) -> bool:
    """Whether this use of an all-caps token reads as an acronym where it stands."""
    end = start + len(short)
    if _DESIGNATOR.match(body, end) and body[end:end + 1] in "-/":
        return False  # "SM-3", "AN/TPY-2": a model designator
    if len(short) == 2 and _STATE_CODE.search(body, max(0, start - 20), start):
        return False  # "Austin, TX"
    if any(c.isdigit() for c in short) and _THREE_DIGITS.search(body[start:end + 4]):
        return False
    i = bisect.bisect_right(caps, (start, float("inf"))) - 1  # `caps`: sorted, disjoint
    return not (i >= 0 and caps[i][0] <= start < caps[i][1])


def _union(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The same places as `spans`, as sorted, disjoint spans (for a binary search)."""
    out: list[tuple[int, int]] = []
    for a, b in sorted(s for s in spans if s[0] < s[1]):
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out
