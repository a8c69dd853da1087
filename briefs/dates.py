"""Dates as briefs write them: ISO, US numeric, "April 10, 2026", RFC 822, feed tuples."""

from __future__ import annotations

import re
from datetime import date, datetime
from email.utils import parsedate_tz

_MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
            ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
            ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
            ("december", "dec"),
        ]
    )
    for m in names
}

_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$")
_ISO_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_US = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
_MDY = re.compile(r"^([A-Za-z]+)\.?\s+(\d{1,2}),?\s+(\d{4})$")
_DMY = re.compile(r"^(\d{1,2})\s+([A-Za-z]+)\.?,?\s+(\d{4})$")
_MY = re.compile(r"^([A-Za-z]+)\.?,?\s+(\d{4})$")
_YEAR = re.compile(r"^(\d{4})$")


def parse_date(value: str | None) -> date | None:
    """The calendar date a metadata value names, or None when it names none."""
    if not value:
        return None
    text = " ".join(str(value).split()).strip().rstrip(".")
    if not text:
        return None
    for pattern, order in (
        (_ISO, "ymd"), (_COMPACT, "ymd"), (_US, "mdy"), (_MDY, "Mdy"), (_DMY, "dMy")
    ):
        m = pattern.match(text)
        if m:
            return _build(m.groups(), order)
    m = _ISO_MONTH.match(text)
    if m:
        return _safe(int(m.group(1)), int(m.group(2)), 1)
    m = _MY.match(text)
    if m and m.group(1).lower() in _MONTHS:
        return _safe(int(m.group(2)), _MONTHS[m.group(1).lower()], 1)
    m = _YEAR.match(text)
    if m:
        return _safe(int(m.group(1)), 1, 1)
    parsed = parsedate_tz(text)
    if parsed:
        return _safe(parsed[0], parsed[1], parsed[2])
    try:
        return datetime.fromisoformat(text).date()
    except ValueError:
        return None


def _build(groups: tuple[str, ...], order: str) -> date | None:
    parts = dict(zip(order, groups))
    if "M" in parts:
        month = _MONTHS.get(parts["M"].lower())
        if month is None:
            return None
    else:
        month = int(parts["m"])
    return _safe(int(parts["y"]), month, int(parts["d"]))


def _safe(year: int, month: int, day: int) -> date | None:
    if not 1000 <= year <= 2999:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None
