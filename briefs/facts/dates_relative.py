"""Helpers for briefs.facts.dates: relative dates ("yesterday", "last July", "on Tuesday", "two
years ago"), holidays, numeric dates, the word lists that tell a year from a number, and the
calendar arithmetic that resolves a relative date against the brief's date (`ref`).

A relative date without a reference date, or too vague ("in the coming weeks", "recent
years"), is kept with value None; so is the story's own time ("later that day", "the year
before"). "Recently" alone places nothing on a timeline and is no date (neither gold set, GUM
nor re3d, marks it). A bare weekday or a year-less date points to the past (news convention)
unless its sentence speaks of the future ("will", "scheduled", "is to", ...).
"""

from __future__ import annotations

import re
from calendar import monthrange
from datetime import date, timedelta

Built = tuple[str | None, dict[str, object]] | None
_MONTH_NAMES = ("january jan", "february feb", "march mar", "april apr", "may", "june jun",
                "july jul", "august aug", "september sep sept", "october oct", "november nov",
                "december dec")
MONTHS = {name: i + 1 for i, names in enumerate(_MONTH_NAMES) for name in names.split()}
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
WEEKDAY_RE = "|".join([w.capitalize() for w in WEEKDAYS] + [w.upper() for w in WEEKDAYS])
NUMBER_WORDS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty".split())} | {
    "a": 1, "an": 1, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "hundred": 100}
SEASONS = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}
_DAYPARTS = ("morning", "afternoon", "evening", "night")
_ALIASES = {"this past": "last", "this coming": "next", "past": "last"}
# Words after which relative patterns are tried (the lowercased body is searched for them).
RELATIVE_WORDS = (*WEEKDAYS, "yesterday", "today", "tonight", "tomorrow", "recent", "weekend",
                  "fortnight", "minute", "hour", "day", "week", "month", "year", "decade",
                  *SEASONS, "morning", "afternoon", "evening", "night")
# A four-digit number after these words, or before a counted noun, is not a year.
LABELS = frozenset("""section sec article art resolution res report no nos number chapter clause
    paragraph para rule directive regulation order bill item page p pp table figure fig annex form
    appendix flight route highway room unit model version v code title part volume vol issue case
    docket contract hull tail serial batch lot block phase increment hill iso stanag std mission
    step level tier station gate exit road suite box ext tel ref id pin reg hr amendment procedure
    stat cve ch sect usc cfr grid frequency channel patent""".split())
COUNTED = frozenset("""satellites troops soldiers personnel people men women children civilians
    aircraft jets fighters planes helicopters drones missiles rockets rounds shells bombs munitions
    tanks vehicles ships vessels boats submarines sorties strikes units jobs employees workers staff
    members refugees migrants casualties deaths dead killed wounded injured prisoners detainees
    hostages km kilometres kilometers miles nm metres meters feet ft m kg tons tonnes pounds lbs
    year years dollars euros yuan yen hours hrs minutes seconds days weeks times cases votes seats
    pages words barrels acres hectares mw gw kw mph knots sailors airmen marines officers police
    militants insurgents rebels contractors engineers students warheads launchers radars sensors
    users accounts computers devices""".split())
STRONG = frozenset("in since by until till during before after from through throughout".split())
MAY_MARCH_OK = frozenset("""in on by since until till from during through throughout before
    after last next this early late mid every each around""".split())
# Nouns after "today's"/"tomorrow's" that make it a day, not a figure of speech.
_EVENT_NOUNS = frozenset("""meeting meetings launch vote summit session hearing hearings briefing
    test strike strikes attack attacks announcement talks deadline election speech flight
    ceremony parade exercise statement decision report release event events visit call press
    edition game match signing debate deal agreement""".split())
_FUNCTION_WORDS = frozenset("""in on by since until till from during through throughout before
    after last next this early late mid every each around at of and or the a an for to""".split())
# Led by literals and run on lowercased text: fast to scan (checked for a word start by hand).
_FUTURE = re.compile(r"(?:will|shall|won't|going\s+to|is\s+to|are\s+to|scheduled|slated|set\s+"
                     r"(?:to|for)|expected|expects|plans?|planned|planning|due|upcoming|intends?|"
                     r"aims?\s+to|would|['’]ll)\b")
_SAID = re.compile(r"\b(?:said|announced|told|reported|confirmed|stated)\s+(?:on\s+)?$")
_PAST_SPEECH = re.compile(r"\b(?:said|says|told|announced|reported|added|wrote)\b")
_CAP_BEFORE = re.compile(r"(?:^|([.!?:;\"“(]|\n)\s*)?\b([A-Z][A-Za-z]+)\s+$")
_PREV_WORD = re.compile(r"([A-Za-z§#]+)\.?\s*$")
_UNITS = "minute|hour|day|week|month|year|decade"
_NUM = "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
_VAGUE = r"a\s+few|a\s+couple\s+of|a\s+couple|several|a\s+number\s+of|many|some|few|couple\s+of"

# Matched against the lowercased body (same offsets), so no case-insensitive scanning.
RELATIVE = re.compile(
    r"(?P<deictic>(?:the\s+day\s+(?:before|after)\s+|(?:earlier|later)\s+)?\b(?:yesterday|today|"
    r"tonight|tomorrow)\b(?:\s+(?:morning|afternoon|evening|night))?(?=(?P<poss>['’]s\s+"
    r"(?P<noun>[a-z-]+(?:\s+[a-z-]+){0,2}))?))"
    rf"|(?P<ago>\b(?P<n>\d+|{_NUM}|{_VAGUE})[\s-]+(?P<agounit>{_UNITS})s?\s+(?P<agodir>ago|back|"
    r"from\s+now|hence)\b)"
    r"|(?P<period>\b(?:the\s+)?(?:past|last|coming|next|previous|following|recent)\s+(?:(?:"
    rf"{_NUM}|{_VAGUE}|\d+(?:-plus)?)\s+)?(?:{_UNITS})s(?:\s+(?:and|or)\s+(?:weeks|months|days|"
    r"years))?\b(?!\s+of\b))"
    r"|(?P<narrative>\b(?:(?:earlier|later)\s+(?:in\s+the|that)\s+(?P<nu>day|week|month|year)|"
    r"the\s+(?P<nb>day|week|month|year)\s+(?:before|after))\b)"
    r"|(?P<unit>\b(?:(?P<q>earlier|later|early|late|mid|end|the\s+(?:end|start|beginning|middle|"
    r"rest|remainder|first\s+half|second\s+half)\s+of)[-\s]+)?(?P<dir>this\s+past|this\s+coming|"
    r"this|last|next|the\s+past|the\s+last|the\s+previous|the\s+coming|the\s+next|the\s+"
    r"following|the|past|coming|previous)[-\s]+(?P<u>day|week(?:end)?|fortnight|month|quarter|"
    r"year|decade|century|spring|summer|autumn|fall|winter|morning|afternoon|evening|night)\b"
    r"(?!\s+of\b|\s+(?:old|long|century)\b))"
    r"|(?P<yearend>\b(?:(?:year|month)[-\s]end|end[-\s]of[-\s]year|mid-?year)\b)"
    r"|(?P<wd>\b(?:(?P<wdir>this\s+past|this\s+coming|last|next|this|coming|past)\s+)?(?P<wname>"
    + "|".join(WEEKDAYS) + r")\b(?:\s+(?P<part>morning|afternoon|evening|night))?)")
_SKIP_BEFORE_WEEKDAY = re.compile(r"\b(?:Black|Good|Super|Ash|Bloody|Cyber|Easter|Palm|Holy|"
                                  r"Maundy|Shrove|Fat|Man|Girl|Blue|Giving|Casual|Mad)\s+$")
_WEEKDAY_NAME_AFTER = re.compile(r"\s+(?:(?:Morning|Night|Evening|Afternoon)\s+[A-Z]|(?:Times|"
                                 r"Post|Mail|Telegraph|Express|Herald|Mirror|Live)\b)")
_HABITUAL = re.compile(r"\b(?:a|every|each|first|second|third|fourth|fifth)\s+$")
_THAN_AS, _WORD_BEFORE = re.compile(r"\s+(?:than|as)\b|-"), re.compile(r"\w[ \t]+$")
_DAY_AFTER, _SPACES = re.compile(r"\bday\s+(before|after)\b"), re.compile(r"\s+")
_THE_OF, _CAP_AFTER = re.compile(r"^the\s+|\s+of$"), re.compile(r"\s+[A-Z][a-z]")
_PERIOD_OK = re.compile(r"(?:the|recent|coming)\b|\S+\s+(?:\d|[a-z]+\s+[a-z])")


_SHARED = ("day", "night", "ties", "ning", "week")  # parts that several trigger words share


def occurrences(low: str, words) -> list[tuple[str, int]]:
    """(word, offset) of every occurrence of each of `words` in `low`: word by word, in order
    of offset (as str.find finds them). Words sharing a part are found through it, searched once."""
    out, seen = [], {}
    for word in words:
        key, shift = _KEYS.get(word) or _KEYS.setdefault(word, _key(word))
        at = seen.get(key)
        if at is None:
            at, i = seen.setdefault(key, []), low.find(key)
            while i >= 0:
                at.append(i)
                i = low.find(key, i + 1)
        out += [(word, j - shift) for j in at if j >= shift and low.startswith(word, j - shift)]
    return out


_KEYS: dict[str, tuple[str, int]] = {}


def _key(word: str) -> tuple[str, int]:
    key = next((k for k in _SHARED if k in word), word)
    return key, word.find(key)


def year_of(text: str, base: int | None = None) -> int:
    """A year from "2026", "26" or "'26" (two digits: the century of `base`, else 20xx)."""
    digits = text.lstrip("'’")
    if len(digits) == 4:
        return int(digits)
    if base is not None:
        return base // 100 * 100 + int(digits)
    return 2000 + int(digits) if int(digits) < 70 else 1900 + int(digits)


def prev_word(body: str, start: int) -> str:
    """The word before `start`, lowercased ("" if none)."""
    m = _PREV_WORD.search(body, max(0, start - 20), start)
    return m.group(1).lower() if m else ""


def after_name(body: str, start: int) -> bool:
    """Is `start` right after a capitalised word that is not a sentence's first word?"""
    m = _CAP_BEFORE.search(body, max(0, start - 25), start)
    if not m or m.group(2).lower() in _FUNCTION_WORDS:
        return False
    return not (m.group(1) or m.start() == 0 or m.start(2) == 0)


def _cue(text: str) -> re.Match[str] | None:
    """The first future cue in lowercased `text` that starts a word."""
    for m in _FUTURE.finditer(text):
        if not (m.start() and text[m.start() - 1].isalpha()) or m.group()[0] in "'’":
            return m
    return None


def is_future(body: str, start: int) -> bool:
    """Does the sentence around `start` speak of the future?"""
    window = body[max(0, start - 300):start].lower()
    cut = max(window.rfind(". "), window.rfind("! "), window.rfind("? "), window.rfind("\n\n"))
    if _cue(window[cut + 1:]):
        return True
    ahead = body[start:start + 60].lower()
    stop = min((i for i in (ahead.find("."), ahead.find(";"), ahead.find("?")) if i >= 0),
               default=60)
    cue = _cue(ahead[:stop])
    return bool(cue and not _PAST_SPEECH.search(ahead, 0, cue.start()))


def infer_year(month: int, day: int | None, ref: date, future: bool) -> int:
    """Year of a year-less month (and day): the brief's year, unless tense says otherwise."""
    diff = (date(ref.year, month, min(day or 15, monthrange(ref.year, month)[1])) - ref).days
    if diff > 180 and not future:
        return ref.year - 1
    return ref.year + 1 if diff < -180 and future else ref.year


def month_year(month: int, direction: str, ref: date, future: bool) -> int:
    """Year of "last July", "next March", "this May" or a bare "July"."""
    if direction == "last":
        return ref.year if month < ref.month else ref.year - 1
    if direction == "next":
        return ref.year if month > ref.month else ref.year + 1
    return ref.year if direction == "this" else infer_year(month, None, ref, future)


def shift_month(ref: date, n: int) -> str:
    total = ref.year * 12 + ref.month - 1 + n
    return f"{total // 12:04d}-{total % 12 + 1:02d}"


def iso_week(d: date) -> str:
    year, week, _ = d.isocalendar()
    return f"{year:04d}-W{week:02d}"


def weekday_date(wd: int, direction: str, ref: date, future: bool) -> date:
    back, ahead = (ref.weekday() - wd) % 7, (wd - ref.weekday()) % 7
    if direction == "last" or (direction == "past" and back):
        return ref - timedelta(days=back or 7)
    if direction in ("next", "coming"):
        return ref + timedelta(days=ahead or 7)
    return ref + timedelta(days=ahead) if future else ref - timedelta(days=back)


def weekday_year(year: int, month: int, day: int, weekday: str) -> int:
    """The year nearest `year` in which `day` `month` fell on `weekday` ("Thursday 31 October")."""
    fits = [y for y in (year, year - 1, year + 1) if day <= monthrange(y, month)[1] and
            WEEKDAYS[date(y, month, day).weekday()][:3] == weekday[:3].lower()]
    return fits[0] if fits else year


def _unit_value(direction: str, unit: str, ref: date, future: bool) -> tuple[str | None, str]:
    """Value and granularity of "this/last/next UNIT"."""
    if unit in _DAYPARTS:
        if direction == "this" or (direction == "last" and unit == "night"):
            return (ref - timedelta(days=direction == "last")).isoformat(), "day"
        return None, "day"
    n = {"last": -1, "previous": -1, "next": 1, "coming": 1}.get(direction, 0)
    if unit == "weekend" and direction == "this" and not future and ref.weekday() < 5:
        n = -1  # "this weekend", told on a Tuesday in the past tense: the one just gone
    if unit in ("week", "weekend", "fortnight"):
        return iso_week(ref + timedelta(weeks=n)) + ("-WE" if unit == "weekend" else ""), "week"
    if unit == "month":
        return shift_month(ref, n), "month"
    if unit == "quarter":
        q = ref.year * 4 + (ref.month - 1) // 3 + n
        return f"{q // 4}-Q{q % 4 + 1}", unit
    if unit in ("year", "decade", "century"):
        values = {"year": str(ref.year + n), "decade": f"{ref.year // 10 * 10 + 10 * n}s",
                  "century": str(ref.year // 100 + n)}
        return values[unit], unit
    start, year = SEASONS[unit], ref.year + n
    if direction == "last":
        year = ref.year if ref.month > start + 2 else ref.year - 1
    elif direction in ("next", "coming"):
        year = ref.year if ref.month < start else ref.year + 1
    return str(year), "season"


def _deictic(m: re.Match[str], ref: date | None, body: str, extra: dict[str, object]) -> Built:
    """"yesterday", "today", "tomorrow morning", "the day before yesterday"."""
    if m.group("poss") and not _EVENT_NOUNS.intersection(m.group("noun").split()):
        return None  # "tomorrow's wars", "today's Army"
    if _THAN_AS.match(body[m.end():m.end() + 6]) or (body[m.start()].isupper(
            ) and _WORD_BEFORE.search(body[max(0, m.start() - 3):m.start()])):
        return None  # "stronger today than ever", "USA Today"
    text = m.group(0)
    offset = -1 if "yesterday" in text else 1 if "tomorrow" in text else 0
    after = _DAY_AFTER.search(text)
    offset += (-1 if after.group(1) == "before" else 1) if after else 0
    extra["granularity"] = "day"
    return (ref + timedelta(days=offset)).isoformat() if ref else None, extra


def _ago(m: re.Match[str], ref: date | None, body: str, extra: dict[str, object]) -> Built:
    """"two years ago", "three days ago", "a decade ago", "six months from now"."""
    unit, n = m.group("agounit"), m.group("n")
    count = int(n) if n.isdigit() else NUMBER_WORDS.get(n)
    extra["granularity"] = "day" if unit in ("minute", "hour") else unit
    if ref is None or count is None:
        return None, extra
    sign = 1 if m.group("agodir") in ("from now", "hence") else -1
    if unit in ("minute", "hour", "day"):
        hours = count * (24 if unit == "day" else unit == "hour")
        return (ref + timedelta(hours=sign * hours)).isoformat(), extra
    if unit == "week":
        return iso_week(ref + timedelta(weeks=sign * count)), extra
    if unit == "month":
        return shift_month(ref, sign * count), extra
    extra["granularity"] = "year"
    return str(ref.year + sign * count * (10 if unit == "decade" else 1)), extra


def _unit(m: re.Match[str], ref: date | None, body: str, extra: dict[str, object]) -> Built:
    """"last year", "next month", "this week", "earlier this year", "the end of the month"."""
    direction, unit, qualifier = _SPACES.sub(" ", m.group("dir")), m.group("u"), m.group("q")
    if direction == "the" and (not qualifier or unit in _DAYPARTS) or (unit == "day" and (
            qualifier or direction not in ("next", "the next", "the following", "the previous"))):
        return None  # "the middle of the night", "to this day"
    if qualifier:
        extra["qualifier"] = _THE_OF.sub("", qualifier)
    direction = _ALIASES.get(direction, direction)
    extra["granularity"] = unit
    if direction.startswith("the ") or unit == "day":  # "the following day", "the past year"
        extra["granularity"] = "period" if direction in ("the past", "the last") else unit
        return None, extra
    if unit in SEASONS:
        extra["qualifier"] = unit
    if ref is None:
        return None, extra
    value, extra["granularity"] = _unit_value(direction, unit, ref, is_future(body, m.start()))
    return value, extra


def _weekday(m: re.Match[str], ref: date | None, body: str, extra: dict[str, object]) -> Built:
    """"on Tuesday", "last Friday", "next Monday": capitalised, not "Black Friday"."""
    start = m.start("wname")
    if not body[start].isupper() or _SKIP_BEFORE_WEEKDAY.search(body, max(0, start - 12), start) \
            or _WEEKDAY_NAME_AFTER.match(body, m.end("wname")):
        return None
    if not m.group("wdir") and _HABITUAL.search(body, max(0, start - 8), start):
        return None  # "on a Monday", "the third Tuesday of every month"
    direction = (m.group("wdir") or "").replace("this past", "last").replace("this coming", "next")
    extra["granularity"] = "day"
    if ref is None:
        return None, extra
    future = not _SAID.search(body, max(0, start - 16), start) and is_future(body, start)
    return weekday_date(WEEKDAYS.index(m.group("wname")), direction, ref, future).isoformat(), extra


def resolve(m: re.Match[str], ref: date | None, body: str) -> Built:
    """(value, extra) for a RELATIVE match (made on the lowercased body), or None if no date."""
    kind, text = m.lastgroup, m.group(0)
    extra: dict[str, object] = {"relative": True, "granularity": "period"}
    if kind in ("deictic", "ago", "unit", "wd"):
        return {"deictic": _deictic, "ago": _ago, "unit": _unit, "wd": _weekday}[kind](
            m, ref, body, extra)
    if kind == "narrative":  # "later that day", "the year before": the story's time
        extra["granularity"] = m.group("nu") or m.group("nb")
        return None, extra
    if kind == "period" and not _PERIOD_OK.match(text):
        return None  # "in last years"
    if kind == "yearend":
        unit = "month" if text.startswith("month") else "year"
        extra.update(granularity=unit, qualifier="mid" if "mid" in text else "end")
        value = None if ref is None else shift_month(ref, 0) if unit == "month" else str(ref.year)
        return value, extra
    return None, extra


HOLIDAY = re.compile(
    r"\b(?:(?P<hrel>(?i:last|next|this))\s+)?(?P<h>Christmas(?:\s+(?:Eve|Day))?|New\s+Year['’]s"
    r"\s+(?:Eve|Day)|Thanksgiving(?:\s+Day)?|Veterans['’]?\s+Day|Armistice\s+Day|Remembrance\s+"
    r"(?:Day|Sunday)|Memorial\s+Day|Labor\s+Day|Easter(?:\s+Sunday)?|Independence\s+Day|Ramadan|"
    r"Eid(?:\s+al-(?:Fitr|Adha))?|Halloween|Fourth\s+of\s+July)\b(?:\s+(?P<hy>(?:19|20)\d\d)\b)?")
HOLIDAY_TRIGGERS = ("Christmas", "New Year", "Thanksgiving", "Veterans", "Armistice",
                    "Remembrance", "Memorial Day", "Labor Day", "Easter", "Independence Day",
                    "Ramadan", "Eid", "Halloween", "Fourth of July")
# Month and day; day 0 is Thanksgiving, the fourth Thursday. Others (Easter, Ramadan, Eid,
# national days) are found but get no value.
_HOLIDAYS = {"christmas": (12, 25), "christmas day": (12, 25), "christmas eve": (12, 24),
             "new year's day": (1, 1), "new year's eve": (12, 31), "veterans day": (11, 11),
             "armistice day": (11, 11), "remembrance day": (11, 11), "halloween": (10, 31),
             "fourth of july": (7, 4), "thanksgiving": (11, 0), "thanksgiving day": (11, 0)}


def holiday(m: re.Match[str], ref: date | None, body: str) -> Built:
    """Holidays: a date when fixed (or Thanksgiving), in the year given or nearest the brief's."""
    if _CAP_AFTER.match(body[m.end():m.end() + 3]) or after_name(body, m.start()):
        return None  # Christmas Island, Easter Rising, Ramadan Kadyrov, Johnnie Christmas
    name = _SPACES.sub(" ", m.group("h").lower()).replace("’", "'").replace("s' ", "s ")
    extra: dict[str, object] = {"granularity": "day", "holiday": m.group("h")}
    month, day = _HOLIDAYS.get(name, (0, 0))
    if not m.group("hy"):
        extra["relative"] = True
    if not month or not (m.group("hy") or ref):
        return m.group("hy"), extra
    direction = (m.group("hrel") or "").lower()
    year = int(m.group("hy")) if m.group("hy") else month_year(month, direction, ref, is_future(
        body, m.start())) if ref else 0
    day = day or 22 + (3 - date(year, 11, 1).weekday()) % 7
    return f"{year:04d}-{month:02d}-{day:02d}", extra


NUMERIC = re.compile(
    r"(?:(?<![\w/.,-])(?P<iy>(?:19|20)\d\d)(?P<isep>[-/])(?P<im>0[1-9]|1[0-2])(?P=isep)(?P<id>0"
    r"[1-9]|[12]\d|3[01])(?:T\d\d:\d\d(?::\d\d)?Z?)?|(?<![\w/.,-])(?P<a>\d{1,2})(?P<sep>[/.])"
    r"(?P<b>\d{1,2})(?P=sep)(?P<c>(?:19|20)\d\d|\d\d)|(?<![\w/.,])(?P<nine>9/11))(?![\w/]|[.,]?\d)")
def numeric(m: re.Match[str], ref: date | None, body: str) -> Built:
    """"2026-03-05", "03/05/2026" (US order unless the first part is over 12), "9/11"."""
    if m.group("nine"):
        return "2001-09-11", {"granularity": "day", "event": "9/11"}
    if m.group("iy"):
        year, month, day = int(m.group("iy")), int(m.group("im")), int(m.group("id"))
    else:
        a, b, c = int(m.group("a")), int(m.group("b")), m.group("c")
        if m.group("sep") == "." and len(c) == 2:
            return None  # "1.2.26" is a version number
        year = year_of(c)
        month, day = (b, a) if m.group("sep") == "." or a > 12 else (a, b)
    if not (1 <= month <= 12 and 1 <= day <= monthrange(year, month)[1]):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}", {"granularity": "day"}
