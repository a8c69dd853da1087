"""Key sentences (three, extractive) and keywords (8 to 12 words or phrases) of a brief.

Sentences are scored by how close their content words are to the brief's own word profile
(a centroid of term frequencies, each term weighted by how many sentences use it), plus
a bonus for sharing words with the title and for coming early (news leads with its point),
minus a penalty for quotes that are mostly quotation. Headings, list fragments, very short
or very long sentences, tables and boilerplate ("For more information, contact", disclaimers,
copyright lines, links) are never chosen. The three best that do not repeat each other are
returned in the order of the brief, each with extra={"rank": 1..3, "score": s}.

Keywords are runs of content words (a phrase breaks at stop words and punctuation), scored
by frequency and the weight of their words, with a bonus for the title and for capitalised
names and acronyms; a phrase that only occurs inside a longer kept one is dropped. Each is
anchored at its first occurrence, with extra={"count": n, "score": s}. Deterministic: ties
break by position. Pure Python, no corpus statistics, a small built-in stop-word list.
"""

from __future__ import annotations

import bisect
import math
import re
from collections import Counter
from itertools import chain, islice
from functools import lru_cache

from briefs.facts.model import Fact
from briefs.facts.sentences import Sentence

STOP_WORDS = frozenset("""
a about above after again against all almost also although always am among an and another any are
around as at be because been before being below between both but by can could did do does doing
done down during each either else enough even ever every few for from further had has have having
he her here hers him his how however i if in into is it its itself just last least less like made
make many may me might more most much must my near nearly neither never new next no nor not now of
off often on once one only onto or other others our out over own per perhaps put rather said same
says see seen several she should since so some still such than that the their them then there
these they this those though through thus to too toward towards under until up upon us very via
was we well were what when where whether which while who whom whose why will with within without
would yet you your also told according including include includes included year years month months
week weeks day days today yesterday tomorrow percent per cent billion million thousand first
second third two three four five six seven eight nine ten dozen mr mrs ms dr get got go going gone
say saying way ways part parts lot lots thing things time times use used uses using well already
end ends early late later whose january february march april may june july august september
october november december monday tuesday wednesday thursday friday saturday
sunday""".split()) | {""}
_BOILERPLATE = re.compile(
    r"for more information|contact (?:us|the)|all rights reserved|copyright|©|disclaimer|"
    r"click here|"
    r"subscribe|sign up|newsletter|follow us|privacy policy|terms of use|download (?:the )?pdf|"
    r"this (?:report|brief|document) (?:was|is) (?:prepared|produced|available)|views expressed|"
    r"do(?:es)? not necessarily (?:reflect|represent)|https?://|www\.|@\w+\.\w+")
_ANCHORS = ("for more information", "contact ", "all rights reserved", "copyright", "©", "disclaimer",
            "click here", "subscribe", "sign up", "newsletter", "follow us", "privacy policy",
            "terms of use", "download ", "this report ", "this brief ", "this document ",
            "views expressed", "do not necessarily", "does not necessarily", "http", "www.", "@")
_BOILER_START = re.compile(r"(?:figure|table|sources?|notes?|image|photo|credit)s?\b", re.I)
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9'’\-]*[A-Za-z0-9]|[A-Z]")
# Words, and the numbers and punctuation between them (given as "": they break a phrase).
_TOKEN = re.compile(r"([A-Za-z][A-Za-z0-9'’\-]*[A-Za-z0-9]|[A-Z])|\d[\d,.]*|[^\w\s]")
_QUOTED = re.compile(r"[\"“][^\"“”]*[\"”]")
# Two capitals (small letters) starting a word; the look-behind after the first letter lets
# `re` skip to letters quickly.
_LOWER = re.compile(r"[a-z](?<!\w[a-z])[a-z]")
_UPPER = re.compile(r"[A-Z](?<!\w[A-Z])[A-Z]")
_END = re.compile(r"[.!?][\"'”’)]*$")  # (see _ends_sentence)
_CLOSERS, _STOPS = "\"'”’)", frozenset(".!?")
_SPACE = re.compile(r"\s+")
_LIST = re.compile(r"^\s*(?:[-*•▪]|\d{1,3}[.)]|[A-Za-z][.)]|#{1,6})\s")


def extract(body: str, sentences: list[Sentence], title: str, low: str | None = None) -> list[Fact]:
    """Three key sentences and 8 to 12 keywords, anchored in `body`; `low` is body.lower(), if
    known."""
    raw = [_TOKEN.findall(s.text) for s in sentences]
    norm = _NORMS.__getitem__
    norms = [list(map(norm, toks)) for toks in raw]
    boiler = _boilerplate(body, sentences, low)
    tf = Counter(chain.from_iterable(norms))
    terms = [set(norm) - STOP_WORDS for norm in norms]
    df = Counter(chain.from_iterable(terms))
    title_terms = {_norm(w) for w in _WORD.findall(title)} - STOP_WORDS
    weight = {t: (_LOG1[n] if n < 64 else 1.0 + math.log(n)) * (1.0 if df[t] > 1 else 0.5)
              for t, n in tf.items() if t not in STOP_WORDS}
    # a word that may be (part of) a keyword, else None
    content = {t: t if t not in STOP_WORDS and len(t) > 1 else None for t in tf}
    return _key_sentences(body, sentences, norms, terms, boiler, weight, title_terms) + _keywords(
        body, sentences, raw, norms, boiler, weight, title_terms, content)


def _boilerplate(body: str, sentences: list[Sentence], low: str | None = None) -> list[bool]:
    """Which sentences hold boilerplate (one pass over the body, then a binary search)."""
    flags = [bool(_BOILER_START.match(s.text)) for s in sentences]
    starts = [s.start for s in sentences]
    low = body.lower() if low is None else low
    # Every match starts with an anchor: try the pattern there (str.find is quicker than a
    # scan). That also tries places inside a match a scan would report, which lie in its
    # sentence (no match spans a sentence break), so the same sentences are marked.
    for anchor in _ANCHORS:
        p = low.find(anchor)
        while p >= 0:
            if _BOILERPLATE.match(low, p):
                i = bisect.bisect_right(starts, p) - 1
                if i >= 0 and p < sentences[i].end:
                    flags[i] = True
            p = low.find(anchor, p + 1)
    return flags


class _Cache(dict):
    """word -> f(word), filled on first use; emptied when it grows large."""

    def __init__(self, f):
        super().__init__()
        self.f = f

    def __missing__(self, word: str) -> str | None:
        if len(self) > 50_000:
            self.clear()
        value = self[word] = self.f(word)
        return value


@lru_cache(maxsize=16384)
def _norm(word: str) -> str:
    """Lowercase, plural folded ("satellites" -> "satellite"), short acronyms kept; "" for
    punctuation and numbers."""
    if not word[:1].isalpha():
        return ""
    if word.isupper() and 1 < len(word) <= 5 and word.lower() not in STOP_WORDS:
        return word
    if len(word) > 2 and word.endswith("s") and word[:-1].isupper() and len(word) <= 6:
        return word[:-1]
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is", "ics")):
        return w[:-1]
    return w


_NORMS = _Cache(_norm)
_SQRT = {1: math.sqrt(1), 2: math.sqrt(2), 3: math.sqrt(3)}
_LOG1 = [0.0] + [1.0 + math.log(n) for n in range(1, 64)]


def _candidate(text: str, n: int, body: str) -> bool:
    if n < 6 or n > 70 or "|" in text or _LIST.match(text) or not _ends_sentence(text):
        return False  # lists, tables, headings, fragments, cut-off lines
    return text.upper() != text or _shouting(body)


def _ends_sentence(text: str) -> bool:
    """_END.search(text), read from the end: a stop, then closing marks (before a last "\n")."""
    if text.rstrip(_CLOSERS)[-1:] in _STOPS:
        return True
    return text.endswith("\n") and text[:-1].rstrip(_CLOSERS)[-1:] in _STOPS


@lru_cache(maxsize=8)
def _shouting(body: str) -> bool:
    """Whether the brief is set in capitals (a cable), so capitals say nothing: more than three
    times as many words start with two capitals as with two small letters (in the first 4,000
    characters). The small ones are counted only as far as needed."""
    sample = body[:4000]
    limit = -(-len(_UPPER.findall(sample)) // 3)
    return len(list(islice(_LOWER.finditer(sample), limit))) < limit


def _key_sentences(body: str, sentences: list[Sentence], norms: list[list[str]],
                   terms: list[set[str]], boiler: list[bool], weight: dict[str, float],
                   title_terms: set[str]) -> list[Fact]:
    rows: list[tuple[int, float]] = []
    term_weight = weight.__getitem__
    for i, s in enumerate(sentences):
        if terms[i] and not boiler[i] and _candidate(s.text, len(norms[i]) - norms[i].count(""), body):
            rows.append((i, sum(map(term_weight, terms[i])) / math.sqrt(len(terms[i]))))
    top = max((r[1] for r in rows), default=1.0) or 1.0
    scored: list[tuple[float, int]] = []
    for rank, (i, mass) in enumerate(rows):
        title = len(terms[i] & title_terms) / len(title_terms) if title_terms else 0.0
        position = 0.25 / (1 + rank) + (0.1 if rank < 3 else 0.0)
        text = sentences[i].text
        quoted = 0.0
        if '"' in text or "“" in text:
            quoted = sum(len(m.group()) for m in _QUOTED.finditer(text)) / len(text)
        scored.append((0.6 * mass / top + 0.35 * title + position - 0.3 * quoted, i))
    scored.sort(key=lambda x: (-x[0], x[1]))
    chosen: list[tuple[float, int]] = []
    for score, i in scored:
        mine = terms[i]
        if all(len(mine & terms[j]) / min(len(mine), len(terms[j])) < 0.6 for _, j in chosen):
            chosen.append((score, i))
        if len(chosen) == 3:
            break
    out = []
    for rank, (score, i) in enumerate(chosen, 1):
        s = sentences[i]
        extra = {"rank": rank, "score": round(score, 4)}
        out.append(Fact("key_sentence", s.text, s.start, s.end, extra=extra))
    return sorted(out, key=lambda f: f.start)


def _keywords(body: str, sentences: list[Sentence], raw: list[list[str]], norms: list[list[str]],
              boiler: list[bool], weight: dict[str, float], title_terms: set[str],
              content: dict[str, str | None]) -> list[Fact]:
    first: dict[tuple[str, ...], int] = {}
    content_of = content.__getitem__
    found: list[tuple[str, ...]] = []  # every use of every key, in the order counted
    for si in range(len(norms) - 1, -1, -1):  # backwards, so that `first` ends at the first use
        text = sentences[si].text
        if boiler[si] or text.upper() == text and not _shouting(body):
            continue  # boilerplate, or a headline in capitals
        c = list(map(content_of, norms[si]))  # a word that may be part of a keyword, else None
        c1 = c[1:]
        keys = list(zip(filter(None, c)))  # words, pairs and triples of such words
        keys += [(x, y) for x, y in zip(c, c1) if x and y]
        keys += [(x, y, z) for x, y, z in zip(c, c1, c[2:]) if x and y and z]
        found += keys
        first.update(dict.fromkeys(keys, si))
    counts: Counter[tuple[str, ...]] = Counter(found)
    base = []
    term_weight = weight.__getitem__  # every term of a key has a weight
    common = [kc for kc in counts.items() if kc[1] > 1 or not title_terms.isdisjoint(kc[0])] if \
        title_terms else [kc for kc in counts.items() if kc[1] > 1]
    for key, count in common:
        score = count * sum(map(term_weight, key)) / _SQRT[len(key)]
        score *= 1.5 if not title_terms.isdisjoint(key) else 1.0
        base.append((score, first[key], key, count))
    base.sort(key=lambda x: (-x[0], x[1]))
    scored = []
    for score, si, key, count in base[:32]:  # names and acronyms get a bonus
        surface = _surface(key, norms[si], raw[si])
        named = surface[0].isupper() or surface[0][0].isupper() and surface[0] is not raw[si][0]
        scored.append((score * (1.2 if named else 1.0), si, key, count, surface))
    scored.sort(key=lambda x: (-x[0], x[1]))
    kept: list[tuple[float, int, tuple[str, ...], int, list[str]]] = []
    for item in scored:
        score, _, key, count, _ = item
        if any(_inside(key, k[2]) and k[3] >= 0.6 * count for k in kept):
            continue  # mostly part of a longer phrase already kept
        shorter = [x for x in kept if _inside(x[2], key)]
        if shorter and any(count < 0.6 * x[3] for x in shorter):
            continue  # the shorter phrase is the more general keyword
        if len(key) > 1 and any(not set(key).isdisjoint(k[2]) and not _inside(k[2], key)
                                for k in kept):
            continue  # overlaps a kept phrase without containing it
        kept = [x for x in kept if x not in shorter] + [item]
        if len(kept) == 12 or (len(kept) >= 8 and score < 0.3 * kept[0][0]):
            break
    kept.sort(key=lambda x: (-x[0], x[1]))
    out = []
    for score, si, _, count, surface in kept:
        phrase = " ".join(surface)
        start = _find(body, phrase, sentences[si].start)
        end = start + len(phrase)
        if start < 0:  # the words are broken across lines
            span = _spaced(body, surface, sentences[si].start)
            if span is None:
                continue
            start, end = span
        end -= 2 if body[start:end].endswith(("'s", "’s")) else 0
        extra = {"count": count, "score": round(score, 3)}
        out.append(Fact("keyword", body[start:end], start, end, extra=extra))
    return out


def _surface(key: tuple[str, ...], norm: list[str], raw: list[str]) -> list[str]:
    """The words of the sentence that `key` (normalised) stands for."""
    n, i = len(key), -1
    stop = len(norm) - n + 1  # the last place it may start, plus one
    try:
        while stop > 0:
            i = norm.index(key[0], i + 1, stop)
            if tuple(norm[i:i + n]) == key:
                return raw[i:i + n]
    except ValueError:
        pass  # not (or no longer) found
    return list(key)


def _spaced(body: str, words: list[str], start: int) -> tuple[int, int] | None:
    """The first span from `start` on of `words` with white space between them (as the regex
    "\\s+".join(map(re.escape, words)) finds it; no word starts with white space)."""
    pos = body.find(words[0], start)
    while pos >= 0:
        end = pos + len(words[0])
        for w in words[1:]:
            gap = _SPACE.match(body, end)
            if gap is None or not body.startswith(w, gap.end()):
                break
            end = gap.end() + len(w)
        else:
            return pos, end
        pos = body.find(words[0], pos + 1)
    return None


def _find(body: str, first: str, start: int) -> int:
    """Where the words first occur, as whole words, from `start` on (-1 when not found)."""
    pos = body.find(first, start)
    while pos >= 0:
        before = body[pos - 1] if pos else " "
        after = body[pos + len(first):pos + len(first) + 1]
        if not (before.isalnum() or before in "-'’") and not (after.isalnum() or after == "-"):
            return pos
        pos = body.find(first, pos + 1)
    return -1


def _inside(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    n = len(short)
    return n < len(long) and any(long[i:i + n] == short for i in range(len(long) - n + 1))
