"""Kinds of TIMEX3 value error, for error analysis of the temporal engine.

:func:`category` names what went wrong with a relaxed match whose values differ, from the
gold and system TIMEX3 alone: the first rule that fits wins, so a "last week" read as a
duration counts as "date vs duration", not as "week". The categories follow the ways news
names time (business periods, weeks, weekdays, ...), so that each can be measured before
and after a change to the rules that handle it.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

from dateline.evaluate.timeml import Timex

CATEGORIES = (
    "date vs duration", "reference (now, recently)", "business period", "week or weekend",
    "weekday", "time of day", "offset (ago, later)", "decade or century", "season",
    "set (daily, every)", "month or day: year", "year", "other",
)

_WEEKDAY = re.compile(r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b", re.I)
_BUSINESS = re.compile(r"quarter|period|year-ago|year-earlier|fiscal|\bhalf\b|-Q|-H", re.I)
_OFFSET = re.compile(r"\b(?:ago|later|earlier|before|after)\b", re.I)
_CLOCK = re.compile(r"T(?:\d|MO|AF|EV|NI)")
_MONTH = re.compile(r"^\d{4}-\d\d(?:-\d\d)?$")


def _duration(value: str) -> bool:
    return value.startswith("P") and not value.startswith("PAST_REF") and not (
        value.startswith("PRESENT"))


def _both(gold: Timex, system: Timex) -> str:
    return f"{gold.text} {system.text} {gold.value} {system.value}"


@functools.cache
def _rules() -> tuple[tuple[str, Callable[[Timex, Timex], bool]], ...]:
    both = _both
    return (
        ("date vs duration", lambda g, s: _duration(g.value) != _duration(s.value)
         and "SET" not in (g.type, s.type)),
        ("reference (now, recently)", lambda g, s: "_REF" in g.value + s.value),
        ("business period", lambda g, s: bool(_BUSINESS.search(both(g, s)))),
        ("week or weekend", lambda g, s: "-W" in g.value + s.value
         or "week" in both(g, s).lower()),
        ("weekday", lambda g, s: bool(_WEEKDAY.search(g.text + " " + s.text))),
        ("time of day", lambda g, s: bool(_CLOCK.search(g.value + s.value))),
        ("offset (ago, later)", lambda g, s: bool(_OFFSET.search(g.text + " " + s.text))),
        ("decade or century", lambda g, s: len(g.value.rstrip("X")) <= 3
         or len(s.value) <= 3 or "centur" in both(g, s).lower()),
        ("season", lambda g, s: bool(re.search(r"-(?:SP|SU|FA|WI)", g.value + s.value))),
        ("set (daily, every)", lambda g, s: "SET" in (g.type, s.type)),
        ("month or day: year", lambda g, s: bool(_MONTH.match(g.value))
         and g.value[4:] == s.value[4:]),
        ("year", lambda g, s: g.value[:4].isdigit() and s.value[:4].isdigit()),
    )


def category(gold: Timex, system: Timex) -> str:
    """The kind of error of a relaxed match with a wrong value (one of CATEGORIES)."""
    return next((name for name, fits in _rules() if fits(gold, system)), "other")
