"""Holidays named in (mostly American) news: "Thanksgiving Day", "last Christmas",
"Election Day", "Easter week", "New Year's Eve 1999".

A holiday is a DATE on its day; "Easter week" (Holy Week) is the ISO week of Easter
Sunday. Without a year, the holiday's year comes from the anchor as for a bare weekday:
"last"/"this past" the latest before publication, "next"/"this coming" the first after,
"this" the anchor's year, otherwise the tense (past: the latest on or before publication,
future: the first on or after, present: the nearest).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from dateline.analyze.timex_base import Context, Placed, Tense, day, norm, week_value

# Day of each fixed-date holiday.
_FIXED = {
    "new year's day": (1, 1), "new year's": (1, 1), "new year's eve": (12, 31),
    "valentine's day": (2, 14), "independence day": (7, 4), "fourth of july": (7, 4),
    "halloween": (10, 31), "veterans day": (11, 11), "christmas": (12, 25),
    "christmas day": (12, 25), "christmas eve": (12, 24), "boxing day": (12, 26),
}
# Nth weekday (0 = Monday) of a month; n = -1 is the last one.
_NTH_WEEKDAY = {
    "thanksgiving": (11, 3, 4), "thanksgiving day": (11, 3, 4),
    "martin luther king day": (1, 0, 3), "martin luther king jr. day": (1, 0, 3),
    "presidents day": (2, 0, 3), "presidents' day": (2, 0, 3), "memorial day": (5, 0, -1),
    "mother's day": (5, 6, 2), "father's day": (6, 6, 3), "labor day": (9, 0, 1),
    "columbus day": (10, 0, 2),
}
# Days from Easter Sunday.
_EASTER = {"easter": 0, "easter sunday": 0, "easter monday": 1, "good friday": -2,
           "palm sunday": -7, "ash wednesday": -46, "easter week": 0, "holy week": 0}
_WEEKS = frozenset({"easter week", "holy week"})
_DAY_WORD = r"(?:\s(?:Day|day)\b)"


def sources() -> dict[str, str]:
    """The holiday pattern: title case only ("labor day" is rare and "easter" rarer)."""
    names = (r"New\sYear's(?:\s(?:Day|Eve))?|Valentine's\sDay|Independence\sDay|"
             r"Fourth\sof\sJuly|Halloween|Veterans'?\sDay|Christmas(?:\s(?:Day|Eve))?|"
             r"Boxing\sDay|Thanksgiving" + _DAY_WORD + r"?|Martin\sLuther\sKing(?:\sJr\.)?\s"
             r"Day|Presidents'?\sDay|Memorial\sDay|Mother's\sDay|Father's\sDay|Labor\sDay|"
             r"Columbus\sDay|Easter(?:\s(?:Sunday|Monday|[Ww]eek))?|Good\sFriday|"
             r"Palm\sSunday|Ash\sWednesday|Holy\sWeek|Election\sDay")
    return {
        "holiday": r"\b(?P<core>(?:(?P<mod>(?i:last|next|this\s+past|this\s+coming|this))"
                   r"\s{1,2})?(?P<name>" + names + r")\b(?:,?\s{1,2}(?:of\s)?"
                   r"(?P<year>(?:19|20)\d\d)\b)?)(?!\s(?:Island|Rising|Offensive|Accord))",
    }


def _easter(year: int) -> dt.date:
    """Western Easter Sunday (the anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    m = (32 + 2 * e + 2 * i - h - k) % 7
    n = (a + 11 * h + 22 * m) // 451
    month, day_ = divmod(h + m - 7 * n + 114, 31)
    return dt.date(year, month, day_ + 1)


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> dt.date:
    if n > 0:
        first = dt.date(year, month, 1)
        return first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    last = dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)
    return last - dt.timedelta(days=(last.weekday() - weekday) % 7)


def _election_day(year: int) -> dt.date:
    """The Tuesday after the first Monday of November."""
    return _nth_weekday(year, 11, 0, 1) + dt.timedelta(days=1)


def holiday_date(name: str, year: int) -> dt.date:
    """The day of the holiday ``name`` (lower case, single spaces) in ``year``."""
    if name in _FIXED:
        return dt.date(year, *_FIXED[name])
    if name in _NTH_WEEKDAY:
        return _nth_weekday(year, *_NTH_WEEKDAY[name])
    if name in _EASTER:
        return _easter(year) + dt.timedelta(days=_EASTER[name])
    return _election_day(year)


def _year_of(on: Callable[[int], dt.date], mod: str, context: Context) -> int:
    anchor = context.anchor
    assert anchor is not None
    before = anchor.year if on(anchor.year) < anchor else anchor.year - 1
    after = anchor.year if on(anchor.year) > anchor else anchor.year + 1
    if mod in ("last", "this past"):
        return before
    if mod in ("next", "this coming"):
        return after
    if mod == "this" or on(anchor.year) == anchor:
        return anchor.year
    if context.tense is Tense.PAST:
        return before
    if context.tense is Tense.FUTURE:
        return after
    return before if (anchor - on(before)) <= (on(after) - anchor) else after


def holiday(match: re.Match[str], context: Context) -> Placed | None:
    name = norm(match["name"]).replace("veterans' day", "veterans day")
    if match["year"]:
        year = int(match["year"])
    elif context.anchor is None:
        return Placed(None, value="XXXX-WXX" if name in _WEEKS else "XXXX-XX-XX")
    else:
        year = _year_of(lambda y: _first_day(name, y), norm(match["mod"]), context)
    date = _first_day(name, year)
    if name in _WEEKS:
        return Placed(day(date), day(date + dt.timedelta(days=6)), "week",
                      value=week_value(date))
    return Placed(day(date), note="holiday")


def _first_day(name: str, year: int) -> dt.date:
    """The holiday's day, or the Monday of a holiday week (which has begun on it)."""
    date = holiday_date(name, year)
    return date - dt.timedelta(days=date.weekday()) if name in _WEEKS else date


RESOLVERS = {"holiday": holiday}
