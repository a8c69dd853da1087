"""The number grammar shared by money and quantities: digits, words, scales, qualifiers."""

from __future__ import annotations

import re

_SPACE = r"(?:[ \t\u00a0]+\n?[ \t\u00a0]*|\n[ \t\u00a0]*)"  # one gap, at most one line break


def rx(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """Compile `pattern`, reading "[ \\u00a0]" (with +, * or ?) as a gap with at most one line break."""
    for old, new in (("+", ""), ("*", "?"), ("?", "?"), ("", "")):
        pattern = pattern.replace(r"[ \u00a0]" + old, _SPACE + new)
    return re.compile(pattern, flags)


def trie(words: list[str] | set[str], top: bool = False, gaps: bool = True) -> str:
    """`words` as a regex trie. Every branch starts with a literal, so `re` can jump to the
    first characters; the longest word wins. `top` leaves the branches ungrouped; a space is
    "[ \\u00a0]+" (a gap, for rx), or with `gaps` false a space."""
    root: dict = {}
    for w in words:
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def alts(node: dict) -> list[str]:
        return [(r"[ \u00a0]+" if ch == " " and gaps else re.escape(ch)) + body(sub)
                for ch, sub in node.items() if ch]

    def body(node: dict) -> str:
        a = alts(node)
        if not a:
            return ""
        out = a[0] if len(a) == 1 and "" not in node else "(?:" + "|".join(a) + ")"
        return out + "?" if "" in node else out

    return "|".join(alts(root)) if top else body(root)


SMALL = {w: i for i, w in enumerate("zero one two three four five six seven eight nine ten eleven twelve "
                                    "thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split())}
SMALL.update({w: 10 * i for i, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split(),
                                               2)})
SCALE = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "k": 1e3, "m": 1e6, "mn": 1e6,
         "mln": 1e6, "mil": 1e6, "b": 1e9, "bn": 1e9, "bln": 1e9, "t": 1e12, "tn": 1e12, "trn": 1e12,
         "crore": 1e7, "lakh": 1e5}
FRACTION = {"half": 2, "halves": 2, "third": 3, "quarter": 4, "fourth": 4, "fifth": 5, "sixth": 6,
            "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10}
UNIFRAC = {"½": .5, "⅓": 1 / 3, "⅔": 2 / 3, "¼": .25, "¾": .75, "⅛": .125, "⅜": .375, "⅝": .625, "⅞": .875,
           "⅕": .2}
VAGUE = {"dozens": 12, "hundreds": 100, "thousands": 1e3, "millions": 1e6, "billions": 1e9, "scores": 20,
         "tens": 10, "several": 3, "few": 2, "dozen": 12, "hundred": 100, "thousand": 1e3, "million": 1e6,
         "billion": 1e9}
_SCALES = "dozen|hundred|thousand|million|billion|trillion"

# A number in digits: 1,200 / 10 000 / 2.5 / 4e14 / 2.48×10^-5 / 2 1/2 / 2½ / 1/4; a sign when not glued.
DIGITS = (r"(?:(?<![\w)\].,])[-−](?=\d))?(?>\d+/\d+(?![\d/])|(?:\d{1,3}(?:,\d{3})+(?!\d)"
          r"|\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![\d,.])|\d+)(?:\.\d+)?(?:[eE][-+−]?\d{1,2}(?!\w))?"
          r"(?:[ \u00a0\u202f]\d/\d{1,2}(?![\d/])|[½⅓⅔¼¾⅛⅜⅝⅞⅕]"
          r"|[ \u00a0]?[×x][ \u00a0]?10\^?[-−+]?\d{1,2}(?!\d))?"
          r"|[½⅓⅔¼¾⅛⅜⅝⅞⅕])")
_WN = trie([*SMALL, *_SCALES.split("|")])
_FR = trie([*FRACTION, *(w + "s" for w in FRACTION if w != "half")])
_AND = r"(?:(?<=hundred)|(?<=thousand)|(?<=million)|(?<=billion))\s+(?:and|&)\s+"
WORDNUM = (rf"(?i:\b(?:(?:half\s+)?an?\s+(?={_SCALES})|(?!{_SCALES}))"
           rf"{_WN}(?:(?:{_AND}|-|[ \u00a0]+|\s+and\s+(?=a\s+half))(?:{_WN}|{_FR}|a\s+half)\b)*\b)")
MULT = r"(?:[ \u00a0]?-?(?i:thousand|million|billion|trillion)\b|[ \u00a0]?(?:bn|mn|mln|tn)\b|[kKMB](?![\w]))"

QUALIFIERS = ["nearly", "almost", "about", "around", "approximately", "approx.", "approx", "roughly", "some",
              "circa", "over", "under", "more than", "less than", "fewer than", "at least", "at most", "up to",
              "as many as", "as much as", "as few as", "as little as", "in excess of", "upwards of", "close to",
              "just over", "just under", "well over", "well under", "no more than", "no fewer than",
              "no less than", "not more than", "not less than", "an estimated", "estimated", "only", "exactly",
              "on the order of", "the equivalent of", "~", "≈", ">", "<", "≥", "≤"]
_QUAL_R = rx(r"[ \u00a0]*(" + trie([q[::-1] for q in QUALIFIERS]) + r")(?![\w.])")
_CTX_R = rx(r"[ \u00a0]+(neewteb|morf(?:[ \u00a0]+(?:s?egnar|degnar|gnignar|seirav|yrav|deirav|gniyrav"
            r"|erehwyna))?)(?![a-z])")  # "between", "from", "ranging from"... read backwards


_PLAIN = re.compile(r"-?[\d,]*\.?\d+")
_LETTERS, _TIMES_TEN = re.compile(r"[a-z]+"), re.compile(r"[×x]10\^?")
_SEPARATORS = re.compile(r"[,\s\u00a0\u202f]")


def number_value(s: str) -> float | None:
    """The value of a number written in digits or words; None when it isn't one."""
    if s.isdigit():
        return float(s)
    s = s.strip().replace("−", "-")
    if not s:
        return None
    if _PLAIN.fullmatch(s):
        return float(s.replace(",", ""))
    if not (s[0].isdigit() or s[0] in "-.+" or s[0] in UNIFRAC):
        return _words(_LETTERS.findall(s.lower()))
    sign = -1.0 if s[0] == "-" else 1.0
    s, frac = s.lstrip("-+"), 0.0
    if s and s[-1] in UNIFRAC:
        frac, s = UNIFRAC[s[-1]], s[:-1]
    if "/" in s:
        whole, _, f = s.rpartition(" ")
        num, den = (int(x) for x in f.split("/"))
        if not den or num >= den:
            return None
        frac, s = num / den, whole
    base, *exp = _TIMES_TEN.split(_SEPARATORS.sub("", s))
    return sign * ((float(base) if base else 0.0) + frac) * (10.0 ** int(exp[0]) if exp else 1.0)


def _words(tokens: list[str]) -> float | None:
    if len(tokens) > 2 and tokens[0] == "half" and tokens[1] in ("a", "an"):
        rest = _words(["one", *tokens[2:]])
        return rest / 2 if rest is not None else None
    total = cur = 0.0
    for i, t in enumerate(tokens):
        if t in ("a", "an"):
            cur = cur + 0.5 if tokens[i + 1:i + 2] == ["half"] else cur or 1
        elif t in SMALL:
            if cur % 100 and (cur % 10 or SMALL[t] >= 10):
                return None  # "two three"
            cur += SMALL[t]
        elif t in ("hundred", "dozen"):
            cur = (cur or 1) * (100 if t == "hundred" else 12)
        elif t in SCALE:
            total, cur = total + (cur or 1) * SCALE[t], 0.0
        elif t in FRACTION or t.rstrip("s") in FRACTION:
            if not (i and tokens[i - 1] == "a"):
                cur = (cur or 1) / FRACTION.get(t, FRACTION.get(t.rstrip("s"), 1))
        elif t != "and":
            return None
    return total + cur


def back(text: str, end: int, n: int = 30) -> str:
    """Up to `n` characters before `end`, reversed: look-backs become one anchored match."""
    return text[max(0, end - n):end][::-1]


def qualifier(text: str, start: int) -> str | None:
    """The hedge just before `start` ("nearly", "up to", "more than"), lower-cased."""
    m = _QUAL_R.match(back(text, start, 24).lower())
    return " ".join(m.group(1)[::-1].split()) if m else None


def range_context(text: str, start: int) -> str | None:
    """'from' or 'between' ("between", "ranging from") just before `start`, past any qualifier."""
    rev = back(text, start, 44).lower()
    q = _QUAL_R.match(rev)
    m = _CTX_R.match(rev, q.end() if q else 0)
    return None if not m else "from" if m.group(1) == "morf" else "between"
