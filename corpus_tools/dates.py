"""Dates as news sources write them, read into ISO 8601; a form that cannot be read is kept as written."""

from __future__ import annotations

import re
from datetime import date, datetime

_DATE_FORMATS = ("%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%d %b %Y", "%Y/%m/%d")
_ISO_PREFIX = re.compile(r"^\d{4}-\d{2}-\d{2}")
_SLASHED = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")


def iso_date(value: str) -> str:
    """Return an ISO 8601 form of a date written in a common news format, or the value itself."""
    cleaned = value.strip()
    if not cleaned or _ISO_PREFIX.match(cleaned):
        return cleaned
    slashed = _SLASHED.match(cleaned)
    if slashed:
        return _slashed_date(cleaned, int(slashed[1]), int(slashed[2]), int(slashed[3]))
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(cleaned, fmt).date().isoformat()
        except ValueError:
            continue
    return cleaned


def _slashed_date(written: str, first: int, second: int, year: int) -> str:
    """"12/31/2017" (American) and "31/12/2017" (European) are each one date; "03/04/2017" may be March or
    April, and stays as written: read month-first, every day-first export got wrong dates without a word."""
    if first <= 12 and second <= 12 and first != second:
        return written
    month, day = (first, second) if first <= 12 else (second, first)
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return written


_MONTHS = {name: number for number, names in enumerate((
    "januar jänner janvier enero janeiro januari gennaio",
    "februar février febrero fevereiro februari febbraio",
    "märz mars marzo março marts",
    "april avril abril aprile",
    "mai mayo maio maj maggio",
    "juni juin junio junho giugno",
    "juli juillet julio julho luglio",
    "august août agosto augusti",
    "september septembre septiembre setiembre setembro settembre",
    "oktober octobre octubre outubro ottobre",
    "november novembre noviembre novembro",
    "dezember décembre diciembre dezembro december desember dicembre"), 1) for name in names.split()}
_NUMERIC_DATE = re.compile(r"^(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4})$")
_NAMED_DATE = re.compile(r"^(\d{1,2})(?:\.|º|er)?\s+(?:de\s+)?(\w+)\s+(?:de\s+)?(\d{4})$")
_ORDINAL = re.compile(r"(?<=\d)(?:st|nd|rd|th)\b")


def iso_date_multilingual(value: str) -> str:
    """ISO 8601 for a date as a byline or dateline writes it: English forms with ordinals ("May 3rd, 2024"),
    "14.05.2024", "15. Mai 2024", "18 de maio de 2024"; a form it cannot read is kept as written."""
    iso = iso_date(_ORDINAL.sub("", value))
    if _ISO_PREFIX.match(iso):
        return iso
    numeric = _NUMERIC_DATE.match(value)
    named = _NAMED_DATE.match(value)
    if numeric:
        day, month, year = int(numeric[1]), int(numeric[2]), int(numeric[3])
    elif named and named[2].lower() in _MONTHS:
        day, month, year = int(named[1]), _MONTHS[named[2].lower()], int(named[3])
    else:
        return value
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return value


def reuters_date(value: str) -> str:
    """Reuters-21578's `26-FEB-1987 15:01:01.79` as an ISO 8601 date and time (the hundredths dropped)."""
    try:
        return datetime.strptime(value.split(".")[0].strip(), "%d-%b-%Y %H:%M:%S").isoformat()
    except ValueError:
        return value


NO_DATE = -(1 << 31)
"""The day number of a record without a readable date."""


_CALENDAR_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
"""The calendar form ISO dates sort by as text; date.fromisoformat also reads a week date ("2024-W05-1")."""


def day_number(value: object) -> int:
    """Days since year 1 of an ISO date (YYYY-MM-DD...), or NO_DATE: dedup compares dates as integers, split as
    text, which only the calendar form allows."""
    if not isinstance(value, str) or not _CALENDAR_DATE.match(value):
        return NO_DATE
    try:
        return date.fromisoformat(value[:10]).toordinal()
    except ValueError:
        return NO_DATE


_ISO_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]([01]\d|2[0-3]):([0-5]\d)")


def minute_number(value: object) -> int:
    """1 + the minutes since midnight of an ISO date and time (YYYY-MM-DDTHH:MM...), as written (any offset
    ignored), or 0 for a date without a time: dedup tells a report issued at the same time every day by it."""
    match = _ISO_TIME.match(value) if isinstance(value, str) else None
    return int(match.group(1)) * 60 + int(match.group(2)) + 1 if match else 0
