"""What the temporal resolvers share: the tense, the context of a match, its result.

A resolver takes a regex match and a :class:`Context` and returns a :class:`Placed` (or
None to reject the match). ``Placed`` carries both readings of an expression: the
calendar one the pipeline uses (``date``, ``end_date`` as :class:`FuzzyDate`) and the
TimeML TIMEX3 one (``timex_type``, ``value``, ``mod``); :func:`timex_value` derives the
value from the date where a resolver leaves it empty.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum

from dateline.model import FuzzyDate, Precision


class Tense(str, Enum):  # noqa: UP042 -- same str-mixin form as the enums in model.py
    """The coarse tense of a sentence, as news uses it to place undated days."""

    PAST = "past"
    PRESENT = "present"
    FUTURE = "future"


@dataclass(frozen=True)
class Context:
    anchor: dt.date | None
    tense: Tense


@dataclass(frozen=True)
class Placed:
    """What a resolver made of a match; relation None means compute it from the dates."""

    date: FuzzyDate | None
    end_date: FuzzyDate | None = None
    note: str = ""
    relation: str | None = None
    timex_type: str = "DATE"
    value: str = ""  # empty: derived from ``date`` and ``note`` by :func:`timex_value`
    mod: str = ""


Resolver = Callable[[re.Match[str], Context], "Placed | None"]

DAY = dt.timedelta(days=1)
# TIMEX3 mod for the part words of "early March", "the end of 2024", "mid-1990s".
PART_MODS = {"early": "START", "beginning of": "START", "start of": "START",
             "mid": "MID", "middle of": "MID", "late": "END", "end of": "END",
             "earlier": "START", "later": "END"}
# TIMEX3 mod for approximators and bounds before a duration or a date.
QUALIFIER_MODS = {
    "about": "APPROX", "around": "APPROX", "some": "APPROX", "roughly": "APPROX",
    "approximately": "APPROX", "nearly": "APPROX", "almost": "APPROX", "or so": "APPROX",
    "more than": "MORE_THAN", "over": "MORE_THAN", "less than": "LESS_THAN",
    "under": "LESS_THAN", "at least": "EQUAL_OR_MORE", "up to": "EQUAL_OR_LESS",
    "no more than": "EQUAL_OR_LESS", "within": "EQUAL_OR_LESS", "just": "",
    "only": "", "barely": "", "fully": "", "another": "", "an additional": "",
}


def day(value: dt.date) -> FuzzyDate:
    return FuzzyDate(value, Precision.DAY)


def norm(text: str | None) -> str:
    return " ".join((text or "").lower().split())


def week_value(value: dt.date) -> str:
    year, week, _ = value.isocalendar()
    return f"{year:04d}-W{week:02d}"


def timex_value(placed: Placed) -> str:
    """The TIMEX3 value: the resolver's own, else the ISO form of the date."""
    if placed.value:
        return placed.value
    date = placed.date
    if date is None:
        return "XXXX-XX-XX"
    if placed.note == "week":
        return week_value(date.value)
    if placed.note == "weekend":
        return week_value(date.value) + "-WE"
    return date.iso()


def duration_value(amount: float | None, unit: str) -> str:
    """ISO 8601 duration: P2Y, P1.5Y as P1Y6M, PT3H, PXD for an unknown count."""
    unit = unit.lower().removesuffix("s")
    letter = {"year": "Y", "month": "M", "week": "W", "day": "D", "hour": "H",
              "minute": "M", "second": "S", "decade": "DE", "century": "CE",
              "quarter": "Q", "centurie": "CE", "night": "D", "weekend": "WE"}.get(unit, "X")
    prefix = "PT" if unit in ("hour", "minute", "second") else "P"
    if unit == "decade":  # TimeBank writes "two decades" as P20Y
        return "PXDE" if amount is None else duration_value(amount * 10, "year")
    if amount is None:
        return f"{prefix}X{letter}"
    if not float(amount).is_integer():
        half = {"year": ("Y", 6, "M"), "day": ("D", 12, "H"), "hour": ("H", 30, "M"),
                "month": ("M", 15, "D"), "minute": ("M", 30, "S")}.get(unit)
        if half and amount * 2 == int(amount * 2):
            sub_prefix = "T" if half[2] == "H" and prefix == "P" else ""
            return f"{prefix}{int(amount)}{half[0]}{sub_prefix}{half[1]:g}{half[2]}"
        return f"{prefix}{amount:g}{letter}"
    return f"{prefix}{int(amount)}{letter}"
