"""Calendar arithmetic for the temporal resolvers: nearest dates, shifts, last days."""

from __future__ import annotations

import calendar
import datetime as dt

from dateline.analyze.timex_base import DAY, Tense, day
from dateline.model import FuzzyDate, Precision

# A candidate date on the wrong side of the anchor for the tense must be this many times
# closer than the other candidate to win, so it wins only within 365 / (4 + 1) = 73 days.
# Set by hand on the cases in tests/test_temporal.py: past-tense announcements name dates a
# few weeks ahead ("announced a vote for March 3", 30 days), while a past "May 5" told in
# February (79 days ahead) is last May. A plain nearest-date rule with a tense tie-break
# would get the second wrong; a strict tense rule the first.
AGAINST_TENSE_WEIGHT = 4


def last_day(date: FuzzyDate) -> dt.date:
    if date.precision is Precision.YEAR:
        return dt.date(date.value.year, 12, 31)
    if date.precision is Precision.MONTH:  # monthrange, unlike +1 month, works in 9999-12
        return date.value.replace(day=calendar.monthrange(date.value.year,
                                                          date.value.month)[1])
    return date.value


def add_months(start: dt.date, months: int) -> dt.date:
    """The first day of the month ``months`` after the month of ``day``."""
    index = start.year * 12 + start.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def safe_date(year: int, month: int, dom: int) -> dt.date | None:
    try:
        return dt.date(year, month, dom)
    except ValueError:
        return None


def pick(candidates: list[tuple[int, dt.date]], tense: Tense) -> dt.date:
    """The candidate (signed distance to the anchor, date) nearest the anchor for the tense."""
    def cost(candidate: tuple[int, dt.date]) -> tuple[int, bool]:
        delta = candidate[0]
        against = delta > 0 if tense is Tense.PAST else delta < 0 and tense is Tense.FUTURE
        wrong_side = delta < 0 if tense is Tense.FUTURE else delta > 0
        return abs(delta) * (AGAINST_TENSE_WEIGHT if against else 1), wrong_side
    return min(candidates, key=cost)[1]


def closest_day(month: int, dom: int, anchor: dt.date, tense: Tense) -> dt.date | None:
    dates = [d for year in (anchor.year - 1, anchor.year, anchor.year + 1)
             if (d := safe_date(year, month, dom)) is not None]
    return pick([((d - anchor).days, d) for d in dates], tense) if dates else None


def closest_month(month: int, anchor: dt.date, tense: Tense) -> dt.date:
    here = anchor.year * 12 + anchor.month - 1
    indexes = [year * 12 + month - 1 for year in (anchor.year - 1, anchor.year, anchor.year + 1)]
    return pick([(i - here, dt.date(i // 12, i % 12 + 1, 1)) for i in indexes], tense)


def shift(anchor: dt.date, value: float, unit: str, sign: int) -> FuzzyDate:
    """The date ``value`` units before (sign -1) or after (sign 1) the anchor."""
    if unit in ("hour", "day", "week"):
        days = {"hour": value // 24, "day": round(value), "week": round(value * 7)}[unit]
        return day(anchor + sign * int(days) * DAY)
    if unit == "month" or (unit == "year" and not value.is_integer()):
        months = round(value * (12 if unit == "year" else 1))
        return FuzzyDate(add_months(anchor, sign * months), Precision.MONTH)
    years = round(value * (10 if unit == "decade" else 1))
    return FuzzyDate(dt.date(anchor.year + sign * years, 1, 1), Precision.YEAR)


def at(anchor: dt.date, precision: Precision) -> FuzzyDate:
    if precision is Precision.YEAR:
        return FuzzyDate(dt.date(anchor.year, 1, 1), precision)
    if precision is Precision.MONTH:
        return FuzzyDate(anchor.replace(day=1), precision)
    return day(anchor)



def quarter_start(year: int, quarter: int) -> dt.date:
    return dt.date(year, 3 * quarter - 2, 1)


def latest_quarter(quarter: int, anchor: dt.date) -> tuple[int, int]:
    """(year, quarter) of the latest such quarter begun by the anchor date.

    Whatever the tense: news names a quarter to report on it ("third-quarter profit will
    be lower" in October is this year's third quarter); later ones take "next year's".
    """
    year = anchor.year if quarter_start(anchor.year, quarter) <= anchor else anchor.year - 1
    return year, quarter


def quarter_of(anchor: dt.date, step: int = 0) -> tuple[int, int]:
    """(year, quarter) ``step`` quarters after the one holding the anchor."""
    index = anchor.year * 4 + (anchor.month - 1) // 3 + step
    return index // 4, index % 4 + 1
