"""Dates and timeline: absolute dates normalised with their granularity, relative ones resolved.

Values: "2026-03-05", "2026-03", "2026", "FY2026", "2027-Q1", "FY2027-Q1", "2030s", "19" (a
century), "2026-W10" (a week); extra["granularity"] is always set. Times of day are skipped.
A season, a half or an "early/mid/late" keeps the enclosing period as value and names the part
in extra["qualifier"]; a range keeps its start as value and its end in extra["end"]. Relative
and year-less dates set extra["relative"] and get a value only from `brief_date`.

Cheap literal scans find triggers (month names, keywords, digit runs); the full patterns are
matched only at a trigger or a few words before it; the longest overlapping match wins.
"""

from __future__ import annotations

import re
from calendar import monthrange
from collections.abc import Callable
from datetime import date
from operator import itemgetter

from briefs.facts import dates_relative as rel
from briefs.facts.model import Fact
from briefs.facts.numbers import trie

Built = tuple[str | None, dict[str, object]] | None
Found = dict[tuple[int, int], tuple[str | None, dict[str, object]]]
_FULL = "January|February|March|April|May|June|July|August|September|October|November|December"
_ABBR = "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec"
_FULL_LOWER = frozenset(_FULL.lower().split("|"))
_MON = (rf"(?<!\bLong\s)(?:(?:{_FULL}|{_FULL.upper()})(?![A-Za-z])|(?:{_ABBR}|{_ABBR.upper()})"
        r"(?:\.|(?![A-Za-z])))")  # not the Long March rockets
_WD = rel.WEEKDAY_RE + r"|(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)\."
_DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?!\d)"
_YEAR = r"(?:1\d{3}|20\d\d|2100)(?!\d|[,.]\d)"
_Y4 = r"(?:19\d\d|20\d\d|2100)"
_TO = r"\s*(?:-|–|—|to|through|thru)\s*"
_EML = r"(?i:early|mid|late)"

DAY_DATE = re.compile(
    rf"(?:\b(?P<wd>{_WD}),?\s+(?:the\s+)?)?(?:(?P<m1>{_MON})[ \t\xa0]*\n?[ \t\xa0]*(?P<d1>{_DAY})"
    rf"(?:{_TO}(?P<e1>{_DAY}))?(?:,?\s*(?P<y1>{_YEAR}))?|(?P<btw>[Bb]etween\s+)?(?<![\d.,$/-])"
    rf"(?P<d2>{_DAY})(?:(?P<and>\s+and\s+|{_TO})(?P<e2>{_DAY}))?\s+(?:of\s+)?(?P<m2>{_MON})"
    rf"(?:,?\s+(?P<y2>{_YEAR}))?)")
MONTH = re.compile(
    r"(?:(?P<rel>(?i:this\s+past|this\s+coming|last|next|this))\s+|(?P<q>(?i:early|mid|late|"
    rf"the\s+(?:end|start|beginning|middle)\s+of))[-\s]+)?\b(?P<mon>{_MON})(?:,?\s+(?:of\s+)?"
    rf"(?P<y>{_YEAR}))?")
DECADE = re.compile(
    rf"(?:\b[Tt]he\s+)?(?:(?P<q>{_EML})[-\s]+)?(?:(?<![\w$€£.,])(?P<c>1[89]\d|20\d)0|['’‘]"
    rf"(?P<s>\d)0)['’]?s\b|\b[Tt]he\s+(?:(?P<wq>{_EML})[-\s]+)?(?:(?i:nineteen)[-\s])?(?P<w>(?i:"
    rf"twen|thir|for|fif|six|seven|eigh|nine))ties\b|\b(?:[Tt]he\s+)?(?:(?P<cq>{_EML})[-\s]+)?"
    r"(?P<cn>19th|20th|21st|22nd|(?i:nineteenth|twentieth|twenty-first|twenty-second))\s+"
    r"(?i:century)\b(?!\s+[A-Z])")
FISCAL = re.compile(
    r"\bFY\s?['’-]?(?P<a>\d{4}|\d\d)(?!\d)(?:\s*(?:-|–|—|/|to|through|thru)\s*(?:FY\s?['’-]?)?"
    r"(?P<b>\d{4}|\d\d)(?!\d))?|\b(?i:fiscal|financial)\s+(?i:years?\s+)?(?:\(FY\)\s*)?(?P<c>"
    r"(?:19|20)\d\d|['’]\d\d)(?!\d)(?:\s*(?:-|–|—|/|to|through|thru)\s*(?P<d>(?:19|20)\d\d|\d\d)"
    r"(?!\d))?|\b(?:[Tt]he\s+)?(?P<e>(?:19|20)\d\d)(?:[-–/](?P<f>\d\d))?\s+(?i:fiscal|financial|"
    r"budget)\s+year\b")
_FY_WORDS = r"(?i:fiscal|financial)(?:\s+year)?|FY"
QUARTER = re.compile(
    rf"(?<![\w-])(?P<ay>{_Y4})[-\s]?Q(?P<aq>[1-4])\b|\bQ(?P<bq>[1-4])(?:(?:\s+of\s+|\s*[-/,]?\s*)"
    r"(?P<bfy>FY\s?|(?i:fiscal\s+(?:year\s+)?))?(?P<by>(?:19|20)\d\d|['’]?\d\d)(?!\d)|\s+of\s+"
    r"(?P<brel>this|next|last)\s+year)|\b(?P<cq>[1-4])Q\s?(?P<cy>(?:19|20)\d\d|['’]?\d\d)(?!\d)"
    r"|\b(?:[Tt]he\s+)?(?P<dq>(?i:first|second|third|fourth|final|1st|2nd|3rd|4th))\s+(?i:(?:"
    rf"fiscal\s+|calendar\s+)?quarter)(?:(?:\s+of|,)?\s+(?:(?i:the\s+)?(?P<dfy>{_FY_WORDS})\s*)?"
    r"(?P<dy>(?:19|20)\d\d|['’]?\d\d)(?!\d)|\s+(?i:of\s+)?(?P<drel>(?i:this|next|last|the))\s+"
    r"(?i:(?:fiscal\s+|financial\s+)?year))?|\b(?:[Tt]he\s+)?(?P<h>(?i:first|second|latter|1st|"
    rf"2nd))\s+half\s+of\s+(?:(?:the\s+)?(?P<hfy>{_FY_WORDS})\s*)?(?:(?P<hy>(?:19|20)\d\d)(?!\d)"
    r"|(?P<hrel>(?i:this|next|last|the))\s+(?i:year))|\b(?:H(?P<ih>[12])|(?P<jh>[12])H)(?:\s?"
    r"(?P<ify>FY\s?)(?P<iy>(?:19|20)?\d\d)|\s+(?P<jy>(?:19|20)\d\d)|\s?(?P<ky>['’]\d\d))(?!\d)")
QUAL_YEAR = re.compile(
    r"\b(?P<q>(?i:(?:the\s+)?(?:end|start|beginning|middle|spring|summer|autumn|fall|winter)\s+"
    r"of|early|mid|late|end|spring|summer|autumn|fall|winter))[-\s]+(?:(?i:the\s+year\s+))?"
    rf"(?P<y>{_Y4})(?!\d|['’]?s\b|[.,]\d)")
YEARS = re.compile(
    rf"(?<![\w$€£¥.,/#§'’+])(?<!\w[-–])(?P<y>{_Y4})(?:\s*(?P<sep>[-–—/])\s*(?P<y2>{_Y4}|\d\d))?"
    r"(?![\w%/]|[.,]\d|[-–]\d|:\d)")
_NEXT_WORD = re.compile(r"\s*([A-Za-z]+)")
_THE_OF = re.compile(r"^the\s+|\s+of$")
_NAME_AFTER, _AND_OR = re.compile(r"\s+[A-Z][a-z]+"), re.compile(r"\s+(?:and|or)\b")
_NOT_YEAR_AFTER = re.compile(r"(?:[$€£¥]|\b(?:USD|EUR|GBP|US\$|[AC]\$|Rs)|U\.S\.C\.|C\.F\.R\.|"
                             r"H\.\s?R\.|(?<![.\w])S\.)\s*§*\s*$")
_CONNECT = re.compile(r"\s*(?:-|–|—|to|through|thru|until|till|and)\s*")
_LIST = re.compile(r"\s*(?:,|,?\s*(?:and|or))\s*")
_BETWEEN = re.compile(r"\b(?:[Bb]etween|[Ff]rom)\s+$")
_NINE_ELEVEN = re.compile(r"\s+(?:attacks?|terror|hijack|[Cc]ommission|era)")
_URL = re.compile(r"(?:https?://|www\.)[^\s)\]>\"]+")
_TOKEN = re.compile(r"[\w'’.]+,?[-\s–]+")
# Digit runs worth a look: 4 digits, a day or month before "/" or ".", "Q1", "1Q", "'90s".
_DIGITS = re.compile(r"\d(?<!\d\d)(?:\d{3}(?!\d)|\d?(?=[/.]\d|[QH])|(?<=[QH]\d)|"
                     r"(?<=['’‘]\d)0(?=s))")
_QUAL_BEFORE = re.compile(r"(?i:early|mid|late|end|start|beginning|middle|of|spring|summer|"
                          r"autumn|fall|winter|year)[-\s]+$")
_FISCAL_AFTER = re.compile(r"(?:[-–/]\d\d)?\s+(?i:fiscal|financial|budget)\b")
_TENS = ("twen", "thir", "for", "fif", "six", "seven", "eigh", "nine")
_CENTURIES = {"nineteenth": 18, "twentieth": 19, "twenty-first": 20, "twenty-second": 21}
_ORDINAL = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4,
            "4th": 4, "final": 4}


def _md(m: re.Match[str], ref: date | None, body: str) -> Built:
    """Day dates: "Tuesday, March 5, 2026", "5-7 March 2026", "Sept. 11", "4 July"."""
    i = "1" if m.group("m1") else "2"
    month = rel.MONTHS[m.group("m" + i).rstrip(".").lower()]
    day, year_text = int(m.group("d" + i).rstrip("stndrh")), m.group("y" + i)
    end_day = int(m.group("e" + i).rstrip("stndrh")) if m.group("e" + i) else None
    if i == "2" and (m.group("and") or "").strip() == "and" and not m.group("btw"):
        return None  # "1 and 3 April" is two days unless "between"
    extra: dict[str, object] = {"granularity": "day"}
    if year_text:
        year = int(year_text)
    elif month == 9 and day == 11 and (_NINE_ELEVEN.match(body, m.end()) or body[
            max(0, m.start() - 5):m.start()].lower().endswith(("post-", "pre-"))):
        year, extra["event"] = 2001, "9/11"
    else:
        extra["relative"], extra["md"] = True, (month, day)
        if ref is None:
            return None, extra
        year = rel.infer_year(month, day, ref, rel.is_future(body, m.start()))
        year = rel.weekday_year(year, month, day, m.group("wd")) if m.group("wd") else year
    last = monthrange(year, month)[1]
    if day > last or (end_day and not day < end_day <= last):
        return None
    if end_day:
        extra["end"] = f"{year:04d}-{month:02d}-{end_day:02d}"
    return f"{year:04d}-{month:02d}-{day:02d}", extra


def _month(m: re.Match[str], ref: date | None, body: str) -> Built:
    """Months: "March 2026", "mid-March 2026", "last July", "in June"."""
    name = m.group("mon")
    month = rel.MONTHS[name.rstrip(".").lower()]
    extra: dict[str, object] = {"granularity": "month"}
    if m.group("q"):
        extra["qualifier"] = _THE_OF.sub("", m.group("q").lower())
    if m.group("y"):
        return f"{int(m.group('y')):04d}-{month:02d}", extra
    if name.lower() not in _FULL_LOWER:
        return None  # a bare abbreviation ("Mar") is not trusted alone
    if not m.group("rel") and not m.group("q"):
        if name.lower() in ("may", "march") and \
                rel.prev_word(body, m.start()) not in rel.MAY_MARCH_OK:
            return None  # "May" the modal or the name, "March" the verb
        if rel.after_name(body, m.start()) or (_NAME_AFTER.match(body[m.end():m.end() + 12])
                                               and not _AND_OR.match(body, m.end())):
            return None  # "Theresa May", "June Smith", "April Ryan"
    extra.update(relative=True, md=(month, None))
    if ref is None:
        return None, extra
    direction = (m.group("rel") or "").lower().replace("this past", "last")
    year = rel.month_year(month, direction.replace("this coming", "next"), ref,
                          rel.is_future(body, m.start()))
    return f"{year:04d}-{month:02d}", extra


def _decade(m: re.Match[str], ref: date | None, body: str) -> Built:
    """Decades and centuries: "the early 2030s", "the '90s", "the sixties", "the 21st century"."""
    q = m.group("q") or m.group("wq") or m.group("cq")
    extra: dict[str, object] = {"granularity": "decade"} | ({"qualifier": q.lower()} if q else {})
    if m.group("cn"):
        cn, extra["granularity"] = m.group("cn").lower(), "century"
        return str(int(cn[:2]) - 1 if cn[0].isdigit() else _CENTURIES[cn]), extra
    if m.group("w"):
        return f"19{_TENS.index(m.group('w').lower()) + 2}0s", extra
    decade = int(m.group("s") or 0) * 10
    century = 2000 if decade <= 20 else 1900
    return (f"{m.group('c')}0s" if m.group("c") else f"{decade + century}s"), extra


def _fiscal(m: re.Match[str], ref: date | None, body: str) -> Built:
    """Fiscal years: "FY2026", "FY26", "fiscal year 2026", "FY2026-FY2030"."""
    year = rel.year_of(m.group("a") or m.group("c") or m.group("e"))
    extra: dict[str, object] = {"granularity": "fiscal_year"}
    end_text = m.group("b") or m.group("d") or m.group("f")
    if end_text:
        end = rel.year_of(end_text, year)
        if not year < end <= year + 30:
            return None
        extra["end"] = f"FY{end}"
    return (f"FY{year}", extra) if 1900 <= year <= 2100 else None


def _quarter(m: re.Match[str], ref: date | None, body: str) -> Built:
    """Quarters and halves: "Q1 2027", "the first quarter of FY2027", "H2 2026", "1Q27"."""
    g = m.groupdict()
    extra: dict[str, object] = {"granularity": "quarter"}
    half, q = g["h"] or g["ih"] or g["jh"], (g["aq"] or g["bq"] or g["cq"] or g["dq"] or "").lower()
    if half:
        first = half.lower() in ("first", "1st", "1")
        extra.update(granularity="half", qualifier=("first" if first else "second") + " half")
    year_text = g["hy"] or g["iy"] or g["jy"] or g["ky"] or g["ay"] or g["by"] or g["cy"] or g["dy"]
    fy, word = g["hfy"] or g["ify"] or g["bfy"] or g["dfy"], g["hrel"] or g["drel"] or g["brel"]
    part = f"-Q{_ORDINAL.get(q, q)}" if q else ""
    if year_text and len(year_text) == 2 and not fy and g["cq"] is None:
        return None  # "Q1 26" is too loose; "Q1 '26", "Q1 FY26" and "1Q26" are fine
    if fy:
        extra["granularity"] = "fiscal_" + str(extra["granularity"])
    if year_text:
        year = rel.year_of(year_text)
    else:
        extra["relative"] = True
        if ref is None:
            return None, extra
        year = ref.year + {"next": 1, "last": -1}.get((word or "").lower(), 0)
    return f"{'FY' if fy else ''}{year}{part}", extra


def _qual_year(m: re.Match[str], ref: date | None, body: str) -> Built:
    """"mid-2027", "late 2026", "the end of 2026", "the summer of 2017"."""
    q = _THE_OF.sub("", m.group("q").lower())
    return m.group("y"), {"granularity": "season" if q in rel.SEASONS else "year", "qualifier": q}


def _years(m: re.Match[str], ref: date | None, body: str) -> Built:
    """A year (1900-2100) or a year range ("2027-2029", "2025-26"), unless a number in disguise."""
    year, prev = int(m.group("y")), rel.prev_word(body, m.start())
    if prev in rel.LABELS or _NOT_YEAR_AFTER.search(body, max(0, m.start() - 12), m.start()):
        return None  # "Section 2026", "$2026", "H.R. 2026"
    if m.group("y2"):
        two = len(m.group("y2")) == 2
        end = rel.year_of(m.group("y2"), year)
        if m.group("sep") == "-" and two and end <= year:  # "2026-03", an ISO month
            month = end % 100
            return (f"{year:04d}-{month:02d}", {"granularity": "month"}) if 0 < month <= 12 \
                else None
        if not year < end <= year + (10 if two else 100):
            return None  # "Revenue Procedure 2012-41"
        return str(year), {"granularity": "year", "end": str(end)}
    nxt = _NEXT_WORD.match(body, m.end(), m.end() + 20)
    word = nxt.group(1).lower() if nxt else ""
    if word in ("hours", "hrs", "gmt", "utc", "zulu", "local") or (
            word in rel.COUNTED and prev not in rel.STRONG):
        return None  # "1900 hours", "2026 satellites"
    return str(year), {"granularity": "year"}


Builder = Callable[[re.Match[str], "date | None", str], Built]
Rule = tuple[re.Pattern[str], Builder, int]  # full pattern, builder, words it may start before
_WORDS_BEFORE = itemgetter(2)
_AT_MONTH: tuple[Rule, ...] = ((DAY_DATE, _md, 4), (MONTH, _month, 3))
_NUMERIC: tuple[Rule, ...] = ((rel.NUMERIC, rel.numeric, 0),)
_FISCAL: tuple[Rule, ...] = ((FISCAL, _fiscal, 0),)
_QUARTER: tuple[Rule, ...] = ((QUARTER, _quarter, 3),)
_DECADE: tuple[Rule, ...] = ((DECADE, _decade, 4),)
_HOLIDAY: tuple[Rule, ...] = ((rel.HOLIDAY, rel.holiday, 1),)
_RELATIVE: tuple[Rule, ...] = ((rel.RELATIVE, rel.resolve, 4),)
# Capitalised triggers, scanned in the body (a pattern led by literals scans fast) ...
_UPPER = re.compile(trie(  # the longest wins
    [*f"{_FULL}|{_FULL.upper()}|{_ABBR}|{_ABBR.upper()}".split("|"), *rel.HOLIDAY_TRIGGERS, "FY"],
    top=True, gaps=False))
# ... and lowercase keywords, found with str.find in the lowercased body.
_LOWER: dict[str, tuple[tuple[Rule, ...], ...]] = {
    "fiscal": (_FISCAL,), "financial": (_FISCAL,), "quarter": (_QUARTER, _RELATIVE),
    "half": (_QUARTER,), "century": (_DECADE, _RELATIVE)} | {
    w + "ties": (_DECADE,) for w in _TENS
} | {w: (_RELATIVE,) for w in rel.RELATIVE_WORDS}


def _starts(body: str, s: int, k: int) -> list[int]:
    """`s` and the starts of up to `k` words right before it, farthest first."""
    out = [s]
    if k:
        for m in reversed(list(_TOKEN.finditer(body, max(0, s - 16 * k), s))):
            if m.end() != out[-1] or len(out) > k or (m.start() and body[m.start() - 1].isalnum()):
                break
            out.append(m.start())
    return out[::-1]


def _try(text: str, body: str, ref: date | None, s: int, e: int, rules: tuple[Rule, ...],
         found: Found) -> None:
    """Match each rule at the farthest start that yields a date covering [s, e)."""
    starts = _starts(body, s, max(map(_WORDS_BEFORE, rules)))
    for pattern, build, k in rules:
        for st in starts[-1 - k:]:
            m = pattern.match(text, st)
            if m and m.end() >= e:
                got = found.get(m.span()) or build(m, ref, body)
                if got is not None:
                    found[m.span()] = got
                    break


def _year_rules(body: str, s: int, e: int) -> tuple[Rule, ...]:
    """What a four-digit year may start or end, judged from the characters around it."""
    nxt, rules = body[e:e + 2], [(YEARS, _years, 0)]
    if nxt[:1] in ("-", "–", "/", "s", "'", "’") or nxt == " Q":  # "2026-03-05", "2027 Q1", "1990s"
        rules += [(rel.NUMERIC, rel.numeric, 0), (QUARTER, _quarter, 0), (DECADE, _decade, 2)]
    if _FISCAL_AFTER.match(body, e):
        rules.append((FISCAL, _fiscal, 1))
    if s and (body[s - 1] in "-–" or body[s - 1].isspace()  # (which "[-\s]+$" needs)
              and _QUAL_BEFORE.search(body, max(0, s - 12), s)):
        rules += [(QUAL_YEAR, _qual_year, 4), (DECADE, _decade, 2)]
    return tuple(rules)


def _candidates(body: str, ref: date | None, low: str | None = None) -> Found:
    found: Found = {}
    for m in _UPPER.finditer(body):
        s, word = m.start(), m.group()
        if not (s and body[s - 1].isalpha()):
            rules = _FISCAL if word == "FY" else _HOLIDAY if word in rel.HOLIDAY_TRIGGERS \
                else _AT_MONTH
            after = body[m.end():m.end() + 1]
            if rules is _AT_MONTH and after.isascii() and after.isalpha():
                continue  # "Marine", "Augment": _MON wants no letter after the (longest) month
            _try(body, body, ref, s, m.end(), rules, found)
    for m in _DIGITS.finditer(body):
        s, e, digits = m.start(), m.end(), m.group()
        if len(digits) == 4 and "1800" <= digits <= "2100":
            _try(body, body, ref, s, e, _year_rules(body, s, e), found)
        if len(digits) <= 2 and body[e:e + 1] in ("/", "."):
            _try(body, body, ref, s, e, _NUMERIC, found)  # "03/05/2026", "9/11"
        if s and body[s - 1] in "QH" or body[e:e + 1] in ("Q", "H"):  # "Q1 2027", "1H26"
            _try(body, body, ref, s - (body[s - 1] in "QH"), e, ((QUARTER, _quarter, 0),), found)
        if s and body[s - 1] in "'’‘" and digits[1:] == "0" and body[e:e + 1] == "s":  # "'90s"
            _try(body, body, ref, s - 1, e, ((DECADE, _decade, 2),), found)
    low = body.lower() if low is None else low  # a few characters change length when lowercased:
    if len(low) != len(body):
        low = "".join(c if len(c.lower()) != 1 else c.lower() for c in body)  # keep those as they are
    relative_done: set[int] = set()
    for word, i in rel.occurrences(low, _LOWER):
        if not (i and low[i - 1].isalpha()):
            for rules in _LOWER[word]:
                if rules is not _RELATIVE:
                    _try(body, body, ref, i, i + len(word), rules, found)
                elif i not in relative_done:  # relative patterns run on the lowercased text
                    relative_done.add(i)
                    _try(low, body, ref, i, i + len(word), rules, found)
    return found


def _select(body: str, found: Found) -> list[Fact | None]:
    """Longest first; a match that overlaps one already kept (or a web address) is dropped."""
    taken = bytearray(len(body))
    for m in _URL.finditer(body) if "http" in body or "www." in body else ():
        taken[m.start():m.end()] = b"\x01" * (m.end() - m.start())
    kept = []
    for s, e in sorted(found, key=lambda c: (c[0] - c[1], c[0])):
        if 1 not in taken[s:e]:
            taken[s:e] = b"\x01" * (e - s)
            kept.append((s, e))
    return [Fact("date", body[s:e], s, e, found[s, e][0], extra=found[s, e][1])
            for s, e in sorted(kept)]


def _give_year(fact: Fact, year: int) -> None:
    """Date a year-less day or month ("March" in "March and April 2025")."""
    md = fact.extra.get("md")
    if isinstance(md, tuple):
        fact.value = f"{year:04d}-{md[0]:02d}" + (f"-{md[1]:02d}" if md[1] else "")
        fact.extra.pop("relative", None)


def _merge(body: str, facts: list[Fact | None]) -> None:
    """Join "A to B", "A-B" and "between A and B" into one fact: value A, extra["end"] B; give
    "March" the year of "March and April 2025"."""
    for i in range(len(facts) - 2, -1, -1):
        a, b = facts[i], facts[i + 1]
        if a and b and b.value and b.value[:1].isdigit() and not b.extra.get("relative") and \
                _LIST.fullmatch(body, a.end, b.start):
            _give_year(a, int(b.value[:4]))
    for i in range(len(facts) - 1):
        a, b = facts[i], facts[i + 1]
        if a is None or b is None or not _CONNECT.fullmatch(body, a.end, b.start):
            continue
        lead = _BETWEEN.search(body, max(0, a.start - 8), a.start)
        if body[a.end:b.start].strip() == "and" and not (lead and lead.group()[0] in "Bb"):
            continue
        granularity, md, b_md = a.extra["granularity"], a.extra.get("md"), b.extra.get("md")
        if granularity != b.extra["granularity"] or "end" in a.extra or "end" in b.extra or \
                granularity in ("time", "period"):
            continue
        if isinstance(md, tuple) and isinstance(b_md, tuple) and a.value and b.value:
            # "June 1-September 15": the end follows the start
            b.value = f"{int(a.value[:4]) + (b_md[0] < md[0]):04d}" + b.value[4:]
        elif isinstance(md, tuple) and b.value and not b.extra.get("relative"):  # "March-May 2026"
            _give_year(a, int(b.value[:4]) - (md[0] > int(b.value[5:7])))
        a.extra["end"] = b.value
        a.start, a.end = (lead.start() if lead else a.start), b.end
        a.text = body[a.start:a.end]
        facts[i + 1] = None


def extract(body: str, brief_date: date | None = None, low: str | None = None) -> list[Fact]:
    """Date facts in `body`, in order; body[f.start:f.end] == f.text (`low`: body.lower())."""
    facts = _select(body, _candidates(body, brief_date, low))
    _merge(body, facts)
    out = [f for f in facts if f is not None]
    for f in out:
        f.extra.pop("md", None)
    return out
