"""The query language: Whoosh's parser plus our date expressions, checks and clear errors.

Words are stemmed and ANDed; "phrases"; AND / OR / NOT and parentheses; field:value for
title, source, author, tag, type; date: with absolute and relative forms; prefix* (three
letters at least); typo~ (and typo~2).
"""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime, timedelta

from whoosh import qparser, query as wq
from whoosh.fields import Schema

from index import userfilters
from index.schema import slug

FIELDS = (
    "title", "body", "source", "author", "tag", "type", "date",
    "person", "org", "place", "programme", "acronym", "money",
)
ALIASES = {
    "tags": "tag", "text": "body", "content": "body", "by": "author", "kind": "type",
    "format": "type", "organisation": "org", "organization": "org", "people": "person",
    "program": "programme", "system": "programme", "location": "place",
}
KEYWORD_FIELDS = ("tag", "type", "acronym")
# What a bare word searches: the brief's own words (the other fields are filters).
WORD_FIELDS = ("title", "body")
MIN_PREFIX = 3
MAX_QUERY = 1000


class QueryError(ValueError):
    """A query that cannot be run, with a message that says how to fix it."""


_DATE_CLAUSE = re.compile(
    r"(?<![\w\"])date:(?:\[(?P<range>[^\]]*)\]|(?P<op>[<>]=?)?(?P<value>[\w\-/.:]+))",
    re.I,
)
_SURROGATE = re.compile("[\ud800-\udfff]")
_FIELD = re.compile(r"(?<![\w\"])(?P<name>[A-Za-z_]+):(?=\S)")
_QUOTED_KEYWORD = re.compile(
    r"(?<![\w\"])(?P<name>tags?|type|kind|format|acronym):\"(?P<value>[^\"]*)\"",
    re.I,
)
_MONEY = re.compile(r"(?<![\w\"])money:(?:\[(?P<range>[^\]]*)\]|(?P<op>[<>]=?)?(?P<value>[\w.,$£€]+))", re.I)
_AMOUNT = re.compile(r"^[$£€]?(\d+(?:[.,]\d+)*)\s*(k|m|mn|b|bn|t|tn|thousand|million|billion|trillion)?$", re.I)
_MULTIPLIERS = {"k": 1e3, "thousand": 1e3, "m": 1e6, "mn": 1e6, "million": 1e6,
                "b": 1e9, "bn": 1e9, "billion": 1e9, "t": 1e12, "tn": 1e12, "trillion": 1e12}


def amount(text: str) -> float:
    """500m, 1.5bn, $2,000,000 -> a number, for money: queries."""
    m = _AMOUNT.match(text.strip())
    if not m:
        raise QueryError(f"amount {text!r} not understood: write 1000000, 500m, 1.5bn or 2t")
    value = float(m.group(1).replace(",", ""))
    return value * _MULTIPLIERS.get((m.group(2) or "").lower(), 1.0)


def _rewrite_money(m: re.Match[str]) -> str:
    if m.group("range") is not None:
        parts = re.match(r"^\s*(.*?)\s*\bto\b\s*(.*?)\s*$", m.group("range"), re.I)
        if not parts:
            raise QueryError("a money range reads money:[100m to 2bn]")
        lo = repr(amount(parts.group(1))) if parts.group(1) else ""
        hi = repr(amount(parts.group(2))) if parts.group(2) else ""
        return f"money:[{lo} TO {hi}]".replace("[ TO", "[TO").replace(" TO ]", " TO]")
    value = amount(m.group("value"))
    op = m.group("op") or ">="
    if op in (">", ">="):
        return f"money:{'{' if op == '>' else '['}{value!r} TO]"
    return f"money:[TO {value!r}{'}' if op == '<' else ']'}"
_RELATIVE = re.compile(r"^(?:last-?)?(\d{1,4})-?(d|day|days|w|wk|week|weeks|m|mo|month|months|y|yr|year|years)$", re.I)
_OFFSET = re.compile(r"^-(\d{1,4})\s*(d|day|days|w|week|weeks|m|month|months|y|year|years)$", re.I)


def _month_shift(day: date, months: int) -> date:
    y, m = divmod(day.month - 1 - months, 12)
    year, month = day.year + y, m + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _ago(today: date, n: int, unit: str) -> date:
    unit = unit[0].lower()
    if unit == "d":
        return today - timedelta(days=n)
    if unit == "w":
        return today - timedelta(weeks=n)
    if unit == "m":
        return _month_shift(today, n)
    return _month_shift(today, 12 * n)


def date_bounds(text: str, today: date) -> tuple[date, date]:
    """The first and last day a date word names: 2026, 2026-03, 2026-03-05, 30d, today..."""
    t = text.strip().lower()
    if t in ("today", "now"):
        return today, today
    if t == "yesterday":
        d = today - timedelta(days=1)
        return d, d
    if t in ("this-week", "week"):
        start = today - timedelta(days=today.weekday())
        return start, today
    if t in ("this-month", "month"):
        return today.replace(day=1), today
    if t == "last-month":
        first = _month_shift(today.replace(day=1), 1)
        return first, first.replace(day=calendar.monthrange(first.year, first.month)[1])
    if t in ("this-year", "year"):
        return date(today.year, 1, 1), today
    if t == "last-year":
        return date(today.year - 1, 1, 1), date(today.year - 1, 12, 31)
    m = _RELATIVE.match(t)
    if m:
        return _ago(today, int(m.group(1)), m.group(2)), today
    m = _OFFSET.match(t)
    if m:
        d = _ago(today, int(m.group(1)), m.group(2))
        return d, d
    m = re.match(r"^(\d{4})(?:[-/](\d{1,2})(?:[-/](\d{1,2}))?)?$", t)
    if m:
        year = int(m.group(1))
        try:
            if m.group(3):
                d = date(year, int(m.group(2)), int(m.group(3)))
                return d, d
            if m.group(2):
                month = int(m.group(2))
                return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
            return date(year, 1, 1), date(year, 12, 31)
        except ValueError:
            pass
    raise QueryError(
        f"date {text!r} not understood: use 2026, 2026-03, 2026-03-05, 30d, 12w, 6m, 1y, "
        "today, yesterday, this-month, last-year, or a range like date:[2026-01-01 to 2026-06-30]"
    )


def _stamp(day: date, end: bool) -> str:
    return day.strftime("%Y%m%d")


# Undated briefs have sortdate 0: an open lower end starts here so that they never match.
_EARLIEST = "10000101"


def _rewrite_date(m: re.Match[str], today: date) -> str:
    if m.group("range") is not None:
        parts = re.match(r"^\s*(.*?)\s*\bto\b\s*(.*?)\s*$", m.group("range"), re.I)
        if not parts:
            raise QueryError("a date range reads date:[2026-01-01 to 2026-06-30] (either end may be empty)")
        lo, hi = parts.group(1), parts.group(2)
        start = _stamp(date_bounds(lo, today)[0], False) if lo else _EARLIEST
        stop = _stamp(date_bounds(hi, today)[1], True) if hi else ""
        if stop and start > stop:
            raise QueryError(f"date range [{lo} to {hi}] ends before it starts")
        return f"sortdate:[{start} TO {stop}]".replace(" TO ]", " TO]")
    first, last = date_bounds(m.group("value"), today)
    op = m.group("op")
    if op == ">":
        return f"sortdate:[{_stamp(last + timedelta(days=1), False)} TO]"
    if op == ">=":
        return f"sortdate:[{_stamp(first, False)} TO]"
    if op == "<":
        return f"sortdate:[{_EARLIEST} TO {_stamp(first - timedelta(days=1), True)}]"
    if op == "<=":
        return f"sortdate:[{_EARLIEST} TO {_stamp(last, True)}]"
    return f"sortdate:[{_stamp(first, False)} TO {_stamp(last, True)}]"


def _outside_quotes(text: str, pattern: re.Pattern[str], repl) -> str:  # type: ignore[no-untyped-def]
    """Apply a substitution only to the parts of the query that are not "quoted"."""
    pieces = re.split(r"(\"[^\"]*\")", text)
    return "".join(p if i % 2 else pattern.sub(repl, p) for i, p in enumerate(pieces))


def prepare(text: str, today: date | None = None) -> str:
    """The user's query rewritten into what Whoosh's parser understands."""
    if len(text) > MAX_QUERY:
        raise QueryError(f"query longer than {MAX_QUERY} characters")
    today = today or date.today()
    # A byte that is not UTF-8 in argv arrives as a lone surrogate: it matches nothing.
    text = _SURROGATE.sub("\ufffd", text)
    text = text.replace("\u201c", '"').replace("\u201d", '"')
    if text.count('"') % 2:
        raise QueryError('unclosed quote: a phrase reads "like this"')
    depth = 0
    for ch in text:
        depth += (ch == "(") - (ch == ")")
        if depth < 0:
            raise QueryError("a ')' closes nothing")
    if depth:
        raise QueryError("a '(' is never closed")
    text = _QUOTED_KEYWORD.sub(lambda m: f"{m.group('name')}:{slug(m.group('value')) or '-'}", text)
    text = _outside_quotes(text, _DATE_CLAUSE, lambda m: _rewrite_date(m, today))
    text = _outside_quotes(text, _MONEY, _rewrite_money)

    def field(m: re.Match[str]) -> str:
        name = m.group("name").lower()
        name = ALIASES.get(name, name)
        if name in FIELDS or name == "sortdate":
            return f"{name}:"
        if name in userfilters.NAMES:  # is:, has:, note: (answered by the notes: parse())
            return f"{name}:"
        if name in ("http", "https", "mailto"):
            return m.group(0)
        raise QueryError(
            f"unknown field {m.group('name')!r}: use title, source, author, tag, type, date, "
            "person, org, place, programme, acronym or money; is:, has:, note: for your notes"
        )

    return _outside_quotes(text, _FIELD, field)


class _Parser(qparser.QueryParser):
    def term_query(self, fieldname, text, termclass, boost=1.0, tokenize=True, removestops=True):  # type: ignore[no-untyped-def]
        """A prefix is the word as typed, lower-cased, never stemmed: stemming made `defens*`
        `defen*` and `mis*` `mi*` (too short)."""
        if termclass is wq.Prefix and fieldname in self.schema and not self.schema[fieldname].self_parsing():
            return wq.Prefix(fieldname, re.sub(r"^[\W_]+", "", text.lower()), boost=boost)
        return super().term_query(fieldname, text, termclass, boost, tokenize, removestops)


def make_parser(schema: Schema) -> qparser.QueryParser:
    """Words search title and body; all words must match unless OR says otherwise."""
    parser = _Parser(None, schema, group=qparser.AndGroup)  # as qparser.MultifieldParser
    parser.add_plugin(qparser.MultifieldPlugin(list(WORD_FIELDS)))
    parser.add_plugin(qparser.FuzzyTermPlugin())
    # `-word` excludes, as in every search box; only at the start of a word, so F-35 and
    # space-based stay words. No `+` (with AND as the default it would make the rest optional).
    parser.add_plugin(qparser.PlusMinusPlugin(plusexpr=r"(?!)", minusexpr=r"(?:^|(?<=\s))-(?=[\w\"(])"))
    parser.remove_plugin_class(qparser.BoostPlugin)
    return parser


def _check(q: wq.Query, schema: Schema | None = None) -> None:
    for node in _walk(q):
        if isinstance(node, (wq.Prefix, wq.Wildcard, wq.FuzzyTerm)) and schema is not None:
            field = schema[node.fieldname] if node.fieldname in schema else None
            if field is None or not field.indexed or not field.format:
                raise QueryError(f"{node.fieldname}: takes no prefix, wildcard or typo search")
        if isinstance(node, (wq.Prefix, wq.Wildcard)):
            text = str(node.text)
            head = re.split(r"[*?]", text, maxsplit=1)[0]
            if len(head) < MIN_PREFIX:
                raise QueryError(
                    f"'{text}' is too short a prefix: give at least {MIN_PREFIX} letters before *"
                )
        if isinstance(node, wq.FuzzyTerm) and node.maxdist > 2:
            raise QueryError("typo tolerance goes up to 2 edits (word~2)")


def _walk(q: wq.Query):  # type: ignore[no-untyped-def]
    yield q
    for child in q.children():
        yield from _walk(child)


def parse(text: str, schema: Schema, today: date | None = None,
          notes: userfilters.Provider | None = None) -> wq.Query:
    """A checked Whoosh query for the user's text. Raises QueryError with the reason.
    `notes` answers is:, has:, note: and the analyst's tag: (index/userfilters.py)."""
    prepared, clauses = userfilters.mark(prepare(text, today), notes is not None)
    if not prepared.strip():
        raise QueryError("empty query")
    try:
        q = make_parser(schema).parse(prepared)
    except QueryError:
        raise
    except Exception as exc:  # the parser's own errors, in its words
        raise QueryError(f"could not parse the query: {exc}") from None
    q = _fuzzy_prefix(q)
    if q is wq.NullQuery or isinstance(q, type(wq.NullQuery)):
        raise QueryError("nothing to search for (only common words or operators?)")
    _check(q, schema)
    return userfilters.resolve(q, clauses, notes)


def _fuzzy_prefix(q: wq.Query) -> wq.Query:
    """Typo tolerance keeps the first letter: much faster, and typos rarely start words."""
    if isinstance(q, wq.FuzzyTerm):
        # At least the first letter; at most the whole word (`0~/2` asks for 2 of 1: Whoosh
        # then fails with IndexError, which would read as a damaged index).
        q.prefixlength = min(max(q.prefixlength, 1), len(q.text))
        return q
    return q.apply(_fuzzy_prefix) if q.children() else q


_FUZZY_WORD = re.compile(r"(?<![\w:])(\w{2,})~([12])?(?!\w)")


def fuzzy_words(text: str) -> dict[str, tuple[str, int]]:
    """Stem -> (the word as typed, edits) for each `word~` in the query."""
    from whoosh.analysis import StemmingAnalyzer

    analyzer = StemmingAnalyzer()
    out = {}
    for m in _FUZZY_WORD.finditer(text):
        tokens = [t.text for t in analyzer(m.group(1))]
        if tokens:
            out[tokens[0]] = (m.group(1).lower(), int(m.group(2) or 1))
    return out


def expand_fuzzy(q: wq.Query, words, typed: dict[str, tuple[str, int]], deadline=None) -> wq.Query:  # type: ignore[no-untyped-def]
    """`intercepter~` also matches the stems of indexed words near the word as typed.

    Whoosh compares the stem ("intercept") with indexed stems, which misses
    "interceptor" (stem "interceptor", two edits away); the word as typed is one edit away.
    """
    from whoosh.analysis import StemmingAnalyzer

    analyzer = StemmingAnalyzer()

    def visit(node: wq.Query) -> wq.Query:
        if isinstance(node, wq.FuzzyTerm) and node.text in typed:
            word, dist = typed[node.text]
            near = words.within(word, dist, deadline)[:50]
            stems = {t.text for w in near for t in analyzer(w)} - {node.text}
            if stems:
                return wq.Or([node] + [wq.Term(node.fieldname, s) for s in sorted(stems)])
            return node
        return node.apply(visit) if node.children() else node

    return visit(q)


def expand_prefixes(q: wq.Query, words) -> wq.Query:  # type: ignore[no-untyped-def]
    """`fishi*` finds "fishing": prefixes match the words as written, not their stems.

    The index holds stems ("fish"), so a prefix over stems misses words whose stem is
    shorter than the prefix. The corpus word list gives the words that start with it;
    their stems are searched (the 200 most common, which also bounds the cost).
    """
    from whoosh.analysis import StemmingAnalyzer

    analyzer = StemmingAnalyzer()

    def visit(node: wq.Query) -> wq.Query:
        if isinstance(node, wq.Prefix) and node.fieldname in WORD_FIELDS:
            found = words.starting_with(str(node.text), limit=200)
            stems = sorted({t.text for w in found for t in analyzer(w)})
            if stems:
                return wq.Or([wq.Term(node.fieldname, s) for s in stems])
            return node
        return node.apply(visit) if node.children() else node

    return visit(q)
