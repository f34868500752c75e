"""Calendar helpers for :mod:`dateline.analyze.timex_extra`: clock days, seasons, years
spelled out in words."""

from __future__ import annotations

import datetime as dt
import re

from dateline.analyze import timex_calendar as cal
from dateline.analyze import timex_patterns as tp
from dateline.analyze.timex_base import DAY, Context, Tense, norm

# First month of each season (winter starts in December, of the year before January).
_SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
_TEENS = ("ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
          "seventeen", "eighteen", "nineteen")
_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_UNITS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
_RELDAYS = {"today": 0, "yesterday": -1, "tomorrow": 1}


def clock_day(text: str | None, context: Context) -> dt.date | None:
    """The day a clock time is on: the named day, else the anchor itself."""
    anchor = context.anchor
    if anchor is None:
        return None
    if not text:
        return anchor
    word = norm(text)
    if word in _RELDAYS:
        return anchor + _RELDAYS[word] * DAY
    if word in tp.WEEKDAYS:
        number = tp.WEEKDAYS[word]
        back = (anchor.weekday() - number) % 7
        ahead = (number - anchor.weekday()) % 7
        if context.tense is Tense.FUTURE:
            return anchor + ahead * DAY
        return anchor - back * DAY
    found = re.match(r"([A-Za-z]+\.?)\s*(\d+)", text)
    if found is None:
        return anchor
    return cal.closest_day(tp.month_number(found.group(1)), int(found.group(2)), anchor,
                           context.tense)


def season_year(code: str, mod: str, year: str | None, prep: str,
                context: Context) -> int | None:
    """The year of "last fall", "this summer", "the winter of 1994", "in spring"."""
    if year:
        return int(year)
    anchor = context.anchor
    if anchor is None:
        return None
    # Index of the anchor's season and the candidate seasons, counted in quarters.
    here = _season_index(anchor)
    this = anchor.year * 4 + list(_SEASON_START).index(code)
    if code == "WI" and anchor.month <= 2:
        this -= 4  # in January, "this winter" began last December
    word = mod.removeprefix("the ").strip() or prep
    if word in ("last", "this past", "past"):
        return (this - 4 if this >= here else this) // 4
    if word in ("next", "this coming", "coming"):
        return (this + 4 if this <= here else this) // 4
    if word == "this" or context.tense is Tense.PRESENT:
        return this // 4
    if context.tense is Tense.PAST and this > here:
        return (this - 4) // 4
    if context.tense is Tense.FUTURE and this < here:
        return (this + 4) // 4
    return this // 4


def _season_index(anchor: dt.date) -> int:
    """Quarter-count index of the season holding the anchor (winter: Dec-Feb)."""
    month = anchor.month
    if month <= 2:
        return (anchor.year - 1) * 4 + 3
    return anchor.year * 4 + (0 if month < 6 else 1 if month < 9 else 2 if month < 12 else 3)


def spelled_year(tens: str | None, unit: str | None, unit2: str | None) -> int | None:
    """1996 from "nineteen", "ninety", "six"; 2000 + n from "two thousand (and) n"."""
    if tens is None:
        extra = norm(unit2)
        if not extra:
            return 2000
        return 2000 + (_UNITS.index(extra) + 1 if extra in _UNITS else 10)
    tens_word, unit_word = norm(tens), norm(unit)
    if tens_word in _TEENS:
        if unit_word:
            return None  # "nineteen twelve six" is no year
        return 1900 + 10 + _TEENS.index(tens_word)
    value = 1900 + 20 + 10 * _TENS.index(tens_word)
    return value + (_UNITS.index(unit_word) + 1 if unit_word else 0)
