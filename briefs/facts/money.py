"""Money: amounts with their ISO 4217 currency ("$1.2bn", "EUR 300 million", "4.5 million euros").

Decisions (see tests/briefs/test_facts_money.py for the table):
- `amount` is in units of the currency (1.2e9 for "$1.2bn"; 0.5 for "50 cents"); `currency`
  is an ISO code. A bare "$" is USD; "¥" is JPY (CN¥ and RMB are CNY).
- Qualifiers ("nearly", "up to", "more than", "about", "~") stay out of the span, as in the
  re3d gold set, and go to extra["qualifier"].
- Ranges ("$11 billion to $17 billion", "$11-17bn", "between $40m and $120m") are one fact
  spanning the range: amount = the low end, extra {"low", "high"}; a low end without its own
  multiplier borrows the high end's ("$11-17bn" -> 11e9) unless it is already larger.
  "from $1bn to $2bn" is a change, so two facts, unless a range verb precedes ("ranges from").
- Rates keep their denominator in the span and in extra["per"] ("$50 million per satellite").
- Vague sums ("millions of dollars") get the conventional lower bound (2e6) and extra
  {"vague": True}. Parenthesised amounts are conversions ("(US$1.4 billion)") or asides ("the
  request ($2.1 billion)"), except in accounting notation: brackets holding only the amount
  after a verb such as "is", "was", "totalled" or a colon mean a negative ("income was
  ($12.5 million)": -12.5e6, brackets in the span).
- A coin named with "a" is one of it: "a penny" (0.01 GBP), "a cent", "a dime".
- "pounds" without a multiplier or "sterling" is a weight, left to quantities; so is "won"
  without a multiplier or "Korean"; "$" must be followed by a number ("$PATH" is not money).
"""

from __future__ import annotations

import bisect
import re

from briefs.facts.model import Fact
from briefs.facts.numbers import (
    DIGITS, MULT, SCALE, WORDNUM, back, number_value, qualifier, range_context, rx, trie,
)
from briefs.facts.quantities import SCAN

SYMBOLS = {"$": "USD", "US$": "USD", "U.S.$": "USD", "USD$": "USD", "A$": "AUD", "AU$": "AUD",
           "AUD$": "AUD", "C$": "CAD", "CA$": "CAD", "CAN$": "CAD", "NZ$": "NZD", "HK$": "HKD",
           "S$": "SGD", "SG$": "SGD", "NT$": "TWD", "R$": "BRL", "£": "GBP", "€": "EUR", "¥": "JPY",
           "CN¥": "CNY", "₹": "INR", "Rs": "INR", "Rs.": "INR", "₽": "RUB", "₩": "KRW", "₪": "ILS",
           "₺": "TRY", "₴": "UAH"}
CODES = ("USD EUR GBP JPY AUD CAD NZD CHF CNY RMB INR KRW SEK NOK DKK PLN RUB UAH SGD HKD TWD SAR "
         "AED ZAR BRL MXN ILS TRY QAR KWD EGP PKR IDR").split()
WORDS = {"dollar": "USD", "euro": "EUR", "pound": "GBP", "sterling": "GBP", "yen": "JPY", "yuan": "CNY",
         "renminbi": "CNY", "rupee": "INR", "ruble": "RUB", "rouble": "RUB", "won": "KRW", "franc": "CHF",
         "krone": "NOK", "kroner": "NOK", "krona": "SEK", "kronor": "SEK", "zloty": "PLN", "lira": "TRY",
         "shekel": "ILS", "riyal": "SAR", "dirham": "AED", "hryvnia": "UAH", "hryvnas": "UAH",
         "peso": "MXN", "cent": "USD", "pence": "GBP", "penny": "GBP", "pennies": "GBP", "dime": "USD",
         "¢": "USD"}
ADJECTIVES = {"us": "USD", "u.s.": "USD", "american": "USD", "australian": "AUD", "canadian": "CAD",
              "new zealand": "NZD", "hong kong": "HKD", "singapore": "SGD", "singaporean": "SGD",
              "taiwan": "TWD", "new taiwan": "TWD", "taiwanese": "TWD", "swiss": "CHF",
              "japanese": "JPY", "chinese": "CNY", "indian": "INR", "pakistani": "PKR", "russian": "RUB",
              "south korean": "KRW", "korean": "KRW", "swedish": "SEK", "norwegian": "NOK",
              "danish": "DKK", "polish": "PLN", "turkish": "TRY", "israeli": "ILS", "saudi": "SAR",
              "qatari": "QAR", "emirati": "AED", "uae": "AED", "ukrainian": "UAH", "egyptian": "EGP",
              "mexican": "MXN", "philippine": "PHP", "british": "GBP", "euro": "EUR"}
_SUB_UNIT = {"cent": 0.01, "pence": 0.01, "penny": 0.01, "pennies": 0.01, "¢": 0.01, "dime": 0.1}

# Every prefix starts with a literal, so the scan skips through plain text quickly.
_CODE_AHEAD = r"(?=[ \u00a0]?[-−]?\d)"
_PRE_ALTS = [re.escape(k) for k in sorted(SYMBOLS, key=len, reverse=True) if k not in ("Rs", "Rs.")]
_PRE_ALTS += [r"US[ \u00a0]\$", r"Rs\.?" + _CODE_AHEAD, *(c + _CODE_AHEAD for c in CODES)]
_PRE = "|".join(_PRE_ALTS)
MONEY_MULT = MULT[:-1] + r"|[mbT](?![\w])|[ \u00a0]?(?:mil|crore|lakh)\b)"
_TAIL = (r"(?:(?P<per>[ \u00a0]?/[ \u00a0]?[A-Za-z]+|[ \u00a0]per[ \u00a0][a-z]+"
         r"|[ \u00a0](?:a|an)[ \u00a0](?:year|month|week|day|hour)\b))?")
_SEP = r"(?P<sep>[ \u00a0]*[-–—][ \u00a0]*|[ \u00a0]+(?:to|through|and)[ \u00a0]+|-[ \u00a0]*to[ \u00a0]+)"
_ADJ = "|".join(re.escape(a).replace(r"\ ", r"[ \u00a0]") for a in sorted(ADJECTIVES, key=len, reverse=True))
_ADJ = r"(?i:(?P<adj>" + _ADJ + r")[ \u00a0]+)?"
_WORDS = sorted({w + "s?" for w in WORDS if w != "¢"}, reverse=True)
_WORD = r"(?i:(?P<word>pounds?[ \u00a0]+sterling|" + "|".join(_WORDS) + r"|¢))"
# "$1.2bn", "US$ 870 million", "EUR 300m", "$11-17bn", "$11 billion to $17 billion", "$15.4/hour"
PREFIXED = rx(
    rf"(?P<cur>{_PRE})[ \u00a0]?(?P<a1>(?P<n1>{DIGITS})(?P<m1>{MONEY_MULT})?)"
    rf"(?:{_SEP}(?P<cur2>{_PRE})?[ \u00a0]?(?P<n2>{DIGITS})(?P<m2>{MONEY_MULT})?)?(?![\w$£€¥])" + _TAIL)
# "4.5 million euros", "500 million pounds sterling", "210 billion yen", "300 million EUR", "-15€"
SUFFIXED = rx(
    rf"(?<![\w.,/$£€¥\-−])(?P<a1>(?P<n1>{DIGITS}|{WORDNUM})(?P<m1>{MULT})?)"
    rf"(?:{_SEP}(?P<n2>{DIGITS}|{WORDNUM})(?P<m2>{MULT})?)?"
    rf"(?:[ \u00a0]?(?P<sym>€|£|¢)|[ \u00a0]?(?P<code>{'|'.join(CODES)})\b|[ \u00a0]+{_ADJ}{_WORD}\b)"
    + _TAIL)
_NAMES = {"€", "£", "¢", *CODES}
_NAMES |= {v for w in WORDS if w != "¢" for f in (w, w + "s") for v in (f, f.title(), f.upper())}
_CURRENCY_SCAN = rx(trie(_NAMES, top=True))
_NAME_LOW = re.compile(trie({w.lower() for w in _NAMES if w not in CODES}, top=True))  # on the lowered text
_CODE_SCAN = re.compile(trie(CODES, top=True))
_PRE_END = set("$£€¥₹₽₩₪₺₴.s")
# Prefixes read backwards from the first digit of an amount ("$-99.99", "US$ 5", "EUR300m").
_PRE_R = rx(r"[-−]?[ \u00a0]?(" + trie({k[::-1] for k in [*SYMBOLS, "US $", *CODES]}) + ")")
_DIGIT_RUN = re.compile(r"\d[\d,.]*")
VAGUE = rx(
    rf"(?i:\b(?P<v>(?:(?:tens|hundreds)[ \u00a0]+of[ \u00a0]+)?(?:thousands|millions|billions|trillions))"
    rf"[ \u00a0]+of[ \u00a0]+){_ADJ}{_WORD}\b")
_VAGUE_BASE = {"tens": 10, "hundreds": 100, "thousands": 1e3, "millions": 1e6, "billions": 1e9,
               "trillions": 1e12}
_LETTERS, _SPACES, _GAP = re.compile(r"[a-z]+"), re.compile(r"\s+"), re.compile(r"[ \u00a0]")
_SCALED = re.compile(r"(?i)thousand|million|billion|trillion")
_YEAR, _PER = re.compile(r"(?:19|20)\d\d"), re.compile(r"^[ \u00a0]?(?:/|per|an?)[ \u00a0]?")
# Before "(" in accounting notation: a linking verb, a colon, an equals sign, a table cell.
_ACCOUNTING = re.compile(r"(?:\b(?:is|was|were|are|been|totals?|totall?ed|stood\s+at|came\s+to)"
                         r"|[:=|\t])[ \u00a0]*$")
_ONE_COIN = re.compile(r"\b(?:a[ \u00a0]+single|a|one|single)[ \u00a0]+(?P<coin>penny|cent|dime)"
                       r"\b(?![-'’])")
# What _ONE_COIN needs around its coin: a quicker scan than its own, to skip it.
_COIN_AFTER_SPACE = re.compile(r"[ \u00a0](?:penny|cent|dime)\b(?![-'’])")


def extract(body: str, low: str | None = None) -> list[Fact]:
    """Every amount of money in `body`, in order of position (`low`: body.lower(), if known)."""
    facts: list[Fact] = []
    taken: list[tuple[int, int]] = []  # sorted, never overlapping

    def free(a: int, b: int) -> bool:
        i = bisect.bisect_left(taken, (b,))
        return not (i and taken[i - 1][1] > a)

    def add(got: list[Fact]) -> None:
        facts.extend(got)
        for f in got:
            bisect.insort(taken, (f.start, f.end))

    pos = 0
    for d in _DIGIT_RUN.finditer(body):
        i = d.start()
        c = body[i - 1:i]
        if c in (" ", "\u00a0", "-", "−"):
            c = body[i - 2:i - 1]
        if i < pos or not (c in _PRE_END or c.isupper()):
            continue
        p = _PRE_R.match(back(body, i, 9))
        m = PREFIXED.match(body, d.start() - p.end(1)) if p else None
        if not m:
            continue
        c = body[m.start() - 1] if m.start() else " "
        if c.isalnum() or c in "$£€¥." or not free(m.start(), m.end()):
            continue  # "USA$", "x$5"
        got = _prefixed(body, m)
        add(got)
        pos = got[-1].end if got else m.end()  # the rest of the match may hold another amount
    low = body.lower() if low is None else low
    if len(low) == len(body):  # the same offsets: scan the lowered text, fewer branches
        hits = sorted([*(m.span() for m in _NAME_LOW.finditer(low)),
                       *(m.span() for m in _CODE_SCAN.finditer(body))])
    else:
        hits = [m.span() for m in _CURRENCY_SCAN.finditer(body)]
    for h0, h1 in hits:
        if body[h0 - 1:h0].isalpha() or body[h1:h1 + 1].isalpha() or not free(h0, h1):
            continue
        for c in SCAN.finditer(low if len(low) == len(body) else body, max(0, h0 - 80), h0):
            start = c.start() - 1 if body[c.start() - 1:c.start()] in ("-", "−") else c.start()
            m = SUFFIXED.match(body, start) or SUFFIXED.match(body, c.start())
            cur = m and (m.group("word") and m.start("word") or m.group("sym") and m.start("sym")
                         or m.group("code") and m.start("code"))
            if cur == h0 and free(m.start(), m.end()):
                add(_suffixed(body, m))
                break
    if hits and _may_name_coins(low):
        add([f for f in _coins(body, low) if free(f.start, f.end)])
    if hits and ("illions of" in low or "housands of" in low):
        for m in VAGUE.finditer(body):
            if free(m.start(), m.end()):
                amount = 2.0
                for tok in _LETTERS.findall(m.group("v").lower()):
                    amount *= _VAGUE_BASE.get(tok, 1)
                add([Fact("money", m.group(), m.start(), m.end(), amount=amount,
                          currency=_word_currency(m.group("word"), m.group("adj")), extra={"vague": True})])
    facts.sort(key=lambda f: f.start)
    return facts


def _scale(mult: str | None) -> float:
    if not mult:
        return 1.0
    key = mult.strip(" \t\u00a0\n-")
    return SCALE.get(key, SCALE.get(key.lower(), 1.0))


def _word_currency(word: str, adj: str | None) -> str:
    w = _SPACES.sub(" ", word.lower())
    if adj:
        a = _SPACES.sub(" ", adj.lower())
        if a in ADJECTIVES and not (w.startswith("euro") and a != "euro"):
            return ADJECTIVES[a]
    w = "pound" if w.startswith("pound") else w
    return WORDS.get(w, WORDS.get(w.rstrip("s"), "USD"))


def _prefixed(body: str, m: re.Match) -> list[Fact]:
    cur = m.group("cur")
    code = SYMBOLS.get(_GAP.sub("", cur), cur if cur in CODES else "USD")
    code = "CNY" if code == "RMB" else code
    start, sign = m.start(), 1.0
    if body[start - 1:start] in ("-", "−") and not body[start - 2:start - 1].isalnum():
        start, sign = start - 1, -1.0  # "-$5 million"
    if body[start - 1:start] == "(" and body[m.end():m.end() + 1] == ")" and \
            _ACCOUNTING.search(body, max(0, start - 24), start - 1) and not m.group("n2"):
        got = _build(body, m, start, code, -1.0, 1.0)  # "income was ($12.5m)": a negative
        for f in got:
            f.start, f.end, f.text = start - 1, m.end() + 1, body[start - 1:m.end() + 1]
        return got
    return _build(body, m, start, code, sign, 1.0)


def _may_name_coins(low: str) -> bool:
    """False when _ONE_COIN cannot match: no coin word after a space ("percent" is none)."""
    return (" cent" in low or " penny" in low or " dime" in low or "\xa0" in low) and \
        _COIN_AFTER_SPACE.search(low) is not None


def _coins(body: str, low: str) -> list[Fact]:
    """"a penny", "a cent", "a dime": one of the coin."""
    out = []
    for m in _ONE_COIN.finditer(low):
        word = m.group("coin")
        out.append(Fact("money", body[m.start():m.end()], m.start(), m.end(),
                        amount=_SUB_UNIT[word], currency=WORDS[word], extra={}))
    return out


def _suffixed(body: str, m: re.Match) -> list[Fact]:
    word = m.group("word")
    mult = m.group("m1") or m.group("m2")
    scaled = mult or _SCALED.search(m.group("a1"))
    if word:
        w = word.lower()
        after = body[m.end():m.end() + 4].lower()
        if w.startswith("pound") and "sterling" not in w and (not scaled or after.startswith(" of")):
            return []  # a weight
        if w == "won" and not scaled and not m.group("adj"):
            return []
        code = _word_currency(word, m.group("adj"))
        unit = _SUB_UNIT.get(w, _SUB_UNIT.get(w.rstrip("s"), 1.0))
        if w in ("cent", "cents") and m.group("adj"):
            code = _word_currency("dollar", m.group("adj"))
    else:
        sym, code, unit = m.group("sym"), m.group("code"), 1.0
        if sym == "¢":  # "5¢": cents of a dollar
            code, unit = "USD", 0.01
        else:
            code = SYMBOLS[sym] if sym else ("CNY" if code == "RMB" else code)
    if not m.group("n1")[0].isdigit() and m.group("n1")[0] not in "-−" and not word:
        return []
    if _YEAR.fullmatch(m.group("a1")) and not m.group("n2"):
        return []  # "in constant 2025 dollars"
    return _build(body, m, m.start(), code, 1.0, unit)


def _build(body: str, m: re.Match, start: int, code: str, sign: float, unit: float) -> list[Fact]:
    low = number_value(m.group("n1"))
    if low is None:
        return []
    low *= _scale(m.group("m1")) * sign * unit
    extra: dict[str, object] = {}
    q = qualifier(body, start)
    if q:
        extra["qualifier"] = q
    per = m.group("per")
    if per:
        extra["per"] = _PER.sub("", per).lower()
    if m.group("n2") is None:
        return [Fact("money", body[start:m.end()], start, m.end(), amount=low, currency=code, extra=extra)]
    high = number_value(m.group("n2"))
    if high is None:
        return []
    high *= _scale(m.group("m2")) * unit
    if not m.group("m1") and m.group("m2") and abs(low) <= abs(high) / _scale(m.group("m2")):
        low *= _scale(m.group("m2"))
    sep = m.group("sep").strip(" \t\u00a0\n").lower()
    ctx = range_context(body, start)
    cur2 = m.group("cur2") if "cur2" in m.re.groupindex else None
    code2 = SYMBOLS.get(_GAP.sub("", cur2), cur2) if cur2 else code
    if sep == "and" and ctx != "between" and not cur2 or code2 != code:
        end1 = m.end("a1")  # "$3.6bn and 5 million Australian dollars": the second is not ours
        return [Fact("money", body[start:end1], start, end1, amount=low, currency=code, extra=extra)]
    if (sep == "and" and ctx != "between") or (sep == "to" and ctx == "from") or low > high:
        # Two amounts, not a range: "from $1bn to $2bn", "$5m and $10m".
        end1 = m.end("a1")
        first = Fact("money", body[start:end1], start, end1, amount=low, currency=code,
                     extra={k: v for k, v in extra.items() if k != "per"})
        s2 = m.start("cur2") if cur2 else m.start("n2")
        second = Fact("money", body[s2:m.end()], s2, m.end(), amount=high, currency=code,
                      extra={k: v for k, v in extra.items() if k == "per"})
        return [first, second]
    extra.update(low=low, high=high)
    return [Fact("money", body[start:m.end()], start, m.end(), amount=low, currency=code, extra=extra)]
