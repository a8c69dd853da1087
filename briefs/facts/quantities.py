"""Quantities: a number with its unit or counted noun ("28 satellites", "500 to 600 km", "8%").

Decisions (the tests in tests/briefs/test_facts_quantities.py pin them down):
- `amount` is the number in the unit as written ("2.5 million square miles" -> 2.5e6, unit
  "square mile"). A range ("500-600 km", "between 500 and 600 km", "8- to 16-metre") is one
  fact: amount = the low end, extra {"low", "high"}. "from X to Y" is a change, so two facts,
  unless a range verb precedes ("ranging from", "varies from").
- Qualifiers ("nearly", "up to", "more than", "~") stay out of the span, in extra["qualifier"].
- Vague counts ("dozens of satellites", "hundreds of thousands", "several hundred troops") get
  a conventional lower bound as `amount` (dozens -> 24, thousands -> 2,000, several hundred ->
  300) and extra {"vague": True}; consumers that need exact figures check it.
- `unit` is a normalised singular: measurements use British names ("kilometre", "metre",
  "nautical mile", "degree Celsius", "percent", "Mach"); counts use the counted noun in the
  singular ("satellite", "VBIED"); nouns with no usable singular stay as they are ("aircraft",
  "personnel", "staff", "troops", "people"). A bare number ("totals 6,602") has unit None.
- Not quantities: years ("in 2026"), dates ("5 March", "Jan. 1"), times ("0800 GMT", "2 pm"),
  identifiers glued to letters or after a capitalised name ("F-35", "SM-6", "Falcon 9",
  "Section 889", "Tranche 3"), ordinals, phone numbers, list and footnote markers, currency
  nouns, and anything overlapping `exclude` (the money facts). "nm" after a space is a nautical
  mile, glued ("7nm") a nanometre; "m" glued before a plural noun ("5m people") is million.
"""


from __future__ import annotations

import re

from briefs.facts.model import Fact
from briefs.facts.numbers import (
    DIGITS, MULT, SCALE, SMALL, UNIFRAC, VAGUE, WORDNUM, back, number_value, qualifier,
    range_context, rx, trie,
)
from briefs.facts.units import OF as _OF
from briefs.facts.units import counted as _counted
from briefs.facts.units import unit_at

_DIGIT_CHARS = "0123456789½⅓⅔¼¾⅛⅜⅝⅞⅕"
_VAGUE_WORDS = ("dozens", "hundreds", "thousands", "millions", "billions", "scores", "tens")
_A = r"(?=[ \u00a0]+(?:few|dozen|hundred|thousand|million|billion|trillion)\b)"
# Candidates, scanned in the lowered text: every branch starts with a literal, so `re` skips
# through plain text quickly.
SCAN = rx("|".join([*(re.escape(c) + r"[\d,.]*" for c in _DIGIT_CHARS), "an?" + _A,
                     trie([*SMALL, *_VAGUE_WORDS, "several", "half"], top=True)]))
# The same candidates in two scans (their matches never overlap: digits and letters), words
# only where no letter precedes (those are never taken, and hide no other candidate).
_SCAN_DIGITS = rx("|".join(re.escape(c) + r"[\d,.]*" for c in _DIGIT_CHARS))
_WORD_ALTS = "an?" + _A + "|" + trie([*SMALL, *_VAGUE_WORDS, "several", "half"], top=True)
_SCAN_WORDS = rx("(?<![a-z])(?:" + _WORD_ALTS + ")")
# The words' scan made quicker (see _word_spans): a word at the start, then the character
# before each word taken with it (a letter test to skip by, where the look-behind is a match
# tried at every character).
_FIRST_WORD = rx("(?:" + _WORD_ALTS + ")")
_AFTER_NON_LETTER = rx("[^a-z](" + _WORD_ALTS + ")")
_NUM_C = rx(rf"(?P<num>{DIGITS})(?P<plus>\+|-?plus\b)?(?P<mult>{MULT})?")
_WORD_C = rx(rf"(?P<num>{WORDNUM})(?P<plus>-?plus\b)?")
_VAGUE_C = rx(r"(?i:(?:(?:tens|hundreds)[ \u00a0]+of[ \u00a0]+)?(?:dozens|hundreds|thousands|millions|billions"
              r"|scores(?=[ \u00a0]+of\b)))(?![A-Za-z])")
_FEW_C = rx(r"(?i:(?:several|a[ \u00a0]+few)[ \u00a0]+(?:dozen|hundred|thousand|million|billion))\b")
_GLUE = set(".,/#§@:$£€¥+^%=&'’–")
_RANGE = rx(rf"(?P<sep>-[ \u00a0]*to[ \u00a0]+|[ \u00a0]*[–—][ \u00a0]*|-"
            rf"|[ \u00a0]+(?:to|through|and|or)[ \u00a0]+)"
            rf"(?:Mach[ \u00a0]?)?(?P<n2>{DIGITS}|{WORDNUM})(?P<m2>{MULT})?")
_MONTH_AFTER = rx(r"[ \u00a0](?i:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b")
_AFTER_SKIP = rx(
    r"(?:[ \u00a0]?(?:[ap]\.?m\b\.?|GMT|UTC|Zulu|[ECMP][SD]T|BST|CET|hrs?\b(?=[ \u00a0]*(?:local|GMT|UTC)))"
    r"|[ \u00a0](?:U\.S\.C|USC|CFR|C\.F\.R|Stat\.|B\.?C\.?E?\b|A\.D\.|AD\b|CE\b)"
    r"|[ \u00a0](?i:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b|[:.]\d|/\d|-\d+-|[A-Za-z])")
_FOOTNOTE = rx(r"[.)]|[ \u00a0]+[A-Z\[_*]")
# Look-backs run on the reversed text before a number: one anchored match instead of a scan.
_PREV_R = re.compile(r"\s(:?)([\w.'’&/-]*[A-Za-z])")
_TAIL_R = rx(r"([ \u00a0]*(?:[-–—]|ot|hguorht|dna|ro)[ \u00a0]*)(\d+)(?![\d.,])")
_YEAR_R = re.compile(r"\s(?:ni|yb|ecnis|litnu|morf|fo|gnirud|erofeb|retfa|hguorht|yf|lacsif|raey)(?![a-z])")
ID_WORDS = set("""no nos p pp para paras fig figs sec sect art vol ch section sections page pages paragraph
figure table chapter article clause line lines item items annex appendix version v number rule step phase tier block
increment tranche flight batch lot option title division part subpart subsection stage level class grade zone
type model mark mk serial stat report issue day week resolution act law room route highway channel gate pier
runway terminal platoon squadron wing group unit order bill""".split())
FUNCTION = set("""the a an of and or but to in on at by for with from into than that this these those its their
his her our my your all both each every another some only just nearly almost about around roughly approximately
approx over under up more fewer less most least exactly perhaps maybe also still yet now then when while if as
since after before during until within without between among additional total per plus top past last next first
there here what which who how why where estimated is are was were has have had do does did will would can could
should might must be being been said says""".split())
_MONTHS = set("jan feb mar apr may jun jul aug sep oct nov dec".split())
_DET_ONE = set("the that this no any every each which some".split())
_PHONE = re.compile(r"\+\d{1,3}(?:[ \u00a0.-]?\(?\d{1,4}\)?){2,5}|\(\d{3}\)[ \u00a0]?\d{3}-\d{4}")
# Its two branches, each led by a literal (a quick scan); see _phones.
_PHONE_PLUS, _PHONE_PAREN = (re.compile(p) for p in _PHONE.pattern.split("|"))
_SPAN = re.Match.span
_PLUSMINUS = rx(rf"[ \u00a0]?(?:±|\+/-|\+-)[ \u00a0]?({DIGITS})")
_LETTERS = re.compile(r"[a-z]+")


def extract(body: str, exclude: list[tuple[int, int]] | tuple = (),
            low: str | None = None) -> list[Fact]:
    """Every quantity in `body` that does not overlap a span in `exclude` (the money facts);
    `low` is body.lower(), if known."""
    out: list[Fact] = []
    phones = _phones(body) if "+" in body or ") " in body else []
    blocked, i = sorted([*exclude, *phones]), 0
    last = 0
    low = body.lower() if low is None else low
    text = low if len(low) == len(body) else body
    for start, end in sorted([*map(_SPAN, _SCAN_DIGITS.finditer(text)), *_word_spans(text)]):
        if start < last:
            continue
        fact = _candidate(body, body[start:end], start)
        if fact is not None:
            last = fact.end
            while i < len(blocked) and blocked[i][1] <= fact.start:
                i += 1  # facts come in order: skip the money spans already behind
            if not any(a < fact.end and fact.start < b for a, b in blocked[i:i + 3]):
                out.append(fact)
    return out


def _word_spans(text: str) -> list[tuple[int, int]]:
    """The spans _SCAN_WORDS.finditer gives. A word never ends where the next may start (it
    ends with a letter), so taking the character before each word skips none."""
    first = _FIRST_WORD.match(text)
    spans = [first.span()] if first else []
    rest = _AFTER_NON_LETTER.finditer(text, first.end() if first else 0)
    return spans + [m.span(1) for m in rest]


def _phones(body: str) -> list[tuple[int, int]]:
    """The spans _PHONE.finditer gives: the matches of its two branches, but for a "(" one
    inside a "+" one (a "+" number holds its "(555)"; nothing holds a "+")."""
    spans = [m.span() for m in _PHONE_PLUS.finditer(body)] if "+" in body else []
    if "(" in body:
        spans = sorted(spans + [m.span() for m in _PHONE_PAREN.finditer(body)])
    out: list[tuple[int, int]] = []
    for span in spans:
        if not out or span[0] >= out[-1][1]:
            out.append(span)
    return out


def _candidate(text: str, token: str, s: int) -> Fact | None:
    c = text[s - 1] if s else " "
    if token[0] in _DIGIT_CHARS:
        if c in "-−":
            c2 = text[s - 2] if s > 1 else " "
            if c2.isalnum() or c2 in ")].,":
                return None  # "F-35", "52-48"
            s -= 1
        elif c.isalnum() or c in _GLUE or (c in "_>" and text[s - 2:s - 1].isalnum()):
            return None  # "FY2026", "v1.2", "memo_03_26", "<br>56"
        m, kind = _NUM_C.match(text, s), "num"
    else:
        e = s + len(token)
        if c.isalpha() or c in "-'’" or text[e:e + 1].isalpha():
            return None  # inside a word: "often", "weight"
        low = token.lower()
        m, kind = (_VAGUE_C.match(text, s), "vague") if low in _VAGUE_WORDS else (None, "")
        if low in ("several", "a", "an"):
            m, kind = _FEW_C.match(text, s), "few"
        if not m and kind != "vague":
            m, kind = _WORD_C.match(text, s), "word"
    return _one(text, m, kind) if m else None


def _one(text: str, m: re.Match, kind: str) -> Fact | None:
    s, e = m.span()
    extra: dict[str, object] = {}
    if kind in ("vague", "few"):
        amount = 1.0 if kind == "few" else 2.0
        for tok in _LETTERS.findall(m.group().lower()):
            amount *= VAGUE.get(tok, 1)
        of = _OF.match(text, e)
        got = _counted(text, of.end()) if of else _counted(text, e) if kind == "few" else None
        if got and got[0] is None:
            return None  # "millions of nominal dollars": money's business
        unit, e = got if got else (None, e)
        return _fact(text, s, e, amount, unit, {"vague": True})
    digits, raw = kind == "num", m.group("num")
    value, mult = number_value(raw), m.group("mult") if kind == "num" else None
    if value is None or (mult and raw[-1] in UNIFRAC):
        return None
    value *= _scale(mult)
    if m.group("plus"):
        extra["qualifier"] = "plus"
    word_one = not digits and raw.lower() in ("one", "zero")
    mach = _mach(text, s) if digits else None
    unit, got = None, None if mach is not None else unit_at(text, e, digits)
    if mach is not None:
        s, unit = mach, "Mach"
    elif not got:
        ident = _is_id_before(text, s, raw)
        if ident == 1 or (ident == 2 and not _counted(text, e)) or _id_tail(text, s, raw):
            return None
        if text[e:e + 1] == "-" and text[e + 1:e + 2].isalpha() and not m.group("plus"):
            return None  # "two-stage booster", "3-star general"
    if digits and not mult and not got and _AFTER_SKIP.match(text, e) and not (
            text.startswith("m", e) and _counted(text, e + 1)):
        return None  # times, dates, glued identifiers
    if got:
        unit, e = got
    elif digits and not mult and text.startswith("m", e):
        value, e = value * 1e6, e + 1  # "5m people"
    pm = _PLUSMINUS.match(text, e) if "±" in text[e:e + 3] or "+" in text[e:e + 3] else None
    if pm and (unit or unit_at(text, pm.end(), digits)):
        extra["uncertainty"] = number_value(pm.group(1))
        got = None if unit else unit_at(text, pm.end(), digits)
        unit, e = got if got else (unit, pm.end())
    nxt = text[e:e + 2].lstrip(" \t\u00a0\n")[:1]
    rng = _RANGE.match(text, e) if nxt and nxt in "-–—taoM" and not (m.group("plus") or pm) else None
    if rng and (rng.group("n2")[0].isdigit() or rng.group("n2")[0] in "-−½") == digits:
        got = _range(text, rng, value, unit, digits, s, bool(mult))
        if got == "skip":
            return None
        if got and got[0] == "split":
            unit, got = got[1], None
        if got:
            value, high, unit, e = got
            extra.update(low=value, high=high)
    if "/" in raw and unit is None and not text.startswith(" of ", e):
        return None
    counted = False
    if unit is None:
        got = _counted(text, e, one=word_one)
        if got and got[0] is None:
            return None  # "2 million nominal dollars": money's business
        if got:
            (unit, e), counted = got, True
        elif word_one or (digits and raw.isdigit() and (len(raw) >= 4 or (raw[0] == "0" and len(raw) > 1))):
            return None  # bare "2026", "3080897", "06": a year, a page, a code
        elif digits and "low" not in extra:
            if (text[s - 1:s] in "([" and text[e:e + 1] in ")]") or (
                    _line_start(text, s) and _FOOTNOTE.match(text, e)):
                return None  # "(2)", "[5]", "1. Summary", "14 GPRA Modernization Act" (a footnote)
            if text[e:e + 1] == ")" and value < 20 and not qualifier(text, s):
                return None  # "..., 2) the effects of inflation"
    if digits and _year_like(raw, value) and value >= 1900 and (
            _YEAR_R.match(back(text, s, 12).lower()) or (counted and not qualifier(text, s))):
        return None  # "in 2025 satellites ...", "fiscal year 2024 obligations"
    return _fact(text, s, e, value, unit, extra)


def _fact(text: str, s: int, e: int, amount: float, unit: str | None, extra: dict[str, object]) -> Fact:
    q = qualifier(text, s)
    if q and "qualifier" not in extra:
        extra["qualifier"] = q
    return Fact(type="quantity", text=text[s:e], start=s, end=e, amount=amount, unit=unit, extra=extra)


def _scale(mult: str | None) -> float:
    key = (mult or "").strip(" \t\u00a0\n-")
    return SCALE.get(key, SCALE.get(key.lower(), 1.0)) if key else 1.0


def _year_like(raw: str, value: float) -> bool:
    return raw.isdigit() and len(raw) == 4 and 1000 <= value <= 2100


def _line_start(text: str, s: int) -> bool:
    return not text[text.rfind("\n", 0, s) + 1:s].strip()


def _mach(text: str, s: int) -> int | None:
    if text[s - 2:s - 1] not in ("h", "H") and text[s - 1:s] not in ("h", "H"):
        return None
    before = text[max(0, s - 6):s].rstrip(" \u00a0")
    if before.lower().endswith("mach") and not before[-5:-4].isalpha():
        return s - len(text[max(0, s - 6):s]) + len(before) - 4
    return None


def _prev_word(text: str, s: int) -> tuple[str, bool] | None:
    m = _PREV_R.match(back(text, s))
    return (m.group(2)[::-1], bool(m.group(1))) if m else None


def _is_id_before(text: str, s: int, raw: str) -> int:
    """1 when the number at `s` names something ("F-35", "Falcon 9", "Section 889", "no one");
    2 after an ALL-CAPS word (a name unless a counted noun follows); else 0."""
    j = s - 1
    while j >= 0 and text[j] in " \t\u00a0\n":
        j -= 1
    if j >= 0 and (text[j] in "§#№=" or (text[j] in "\"'" and text[j - 1:j] == "=")):
        return 1
    if j > 0 and text[j] == ")" and text[text.rfind("(", 0, j) + 1:j].isupper():
        return 1  # "Directive (DODD) 3000.09"
    if raw.istitle() and j >= 0 and text[j] not in '.!?:"“' and "\n" not in text[j:s]:
        return 1  # "Five Eyes", "Tranche Two"
    prev = _prev_word(text, s)
    if not prev:
        return 0
    word, colon = prev
    low = word.lower().rstrip(".")
    if low in ID_WORDS or (raw.lower() == "one" and low in _DET_ONE):
        return 1
    if colon or (word.endswith(".") and len(low) > 3 and low[:3] not in _MONTHS):
        return 0  # "Sensors: 6 satellites", "... in Iraq. 42 people"
    if not word[0].isupper() or low in FUNCTION or word.endswith(("'s", "’s")):
        return 0
    return 2 if word.isupper() and word.isalpha() and len(word) >= 5 else 1


def _id_tail(text: str, s: int, raw: str) -> bool:
    """True for the end of a range of identifiers or days: "Tranches 1 to 3", "November 16 - 17"."""
    end = s + 1 if raw[0] in "-−" else s
    m = _TAIL_R.match(back(text, end, 40))
    if not m:
        return False
    head, sep = end - m.end(2), m.group(1)[::-1]
    prev = _prev_word(text, head)
    if prev and prev[0].lower()[:3] in _MONTHS:
        return True
    if sep.strip(" \t\u00a0\n") in ("-", "—") and sep != sep.strip(" \t\u00a0\n"):
        return False  # "SERIAL 1 - 12 MISSILES": a separator, not a range
    return _is_id_before(text, head, m.group(2)[::-1]) == 1


def _range(text: str, rng: re.Match, low: float, unit: str | None, digits: bool, s: int, has_mult: bool):
    """(low, high, unit, end) when `rng` continues a range; 'skip' for ids and dates; else None."""
    sep = rng.group("sep").strip(" \t\u00a0\n").lower()
    high = number_value(rng.group("n2"))
    if high is None:
        return None
    if rng.group("m2"):
        scale = _scale(rng.group("m2"))
        high *= scale
        if not has_mult and low <= high / scale:
            low *= scale
    if sep == "-":
        if text.startswith("-", rng.end()) and text[rng.end() + 1:rng.end() + 2].isdigit():
            return "skip"  # 1-877-275-8397
        n1, n2 = text[s:rng.start()], rng.group("n2")
        if low >= high or (low >= 1000 and low == int(low) and (len(n2) == 2 or 1000 <= high <= 2100)):
            return "skip"  # 52-48, 2013-14, 2020-2025
        if not unit and len(n1) == 3 and len(n2) == 4 and n1.isdigit() and n2.isdigit():
            return "skip"  # 512-6000, a phone number
    ctx = range_context(text, s)
    if sep == "to" and ctx == "from" and not unit and (got := unit_at(text, rng.end(), digits)):
        return "split", got[0]  # "from 25 to 64 percent": a change; the first takes the unit
    if (sep == "and" and ctx != "between") or (sep == "to" and ctx == "from") or (sep == "or" and unit):
        return None
    if low >= high and (sep != "to" or not unit):
        return None  # "2,448 or 93 percent", "7 to 5"
    if _MONTH_AFTER.match(text, rng.end()):
        return "skip"  # "11-13 Dec."
    got = unit_at(text, rng.end(), digits)
    if unit and (not got or got[0] != unit):
        return None
    return min(low, high), max(low, high), got[0] if got else unit, got[1] if got else rng.end()
