"""Resolvers for dates named by the calendar: "February 15, 2026", "in March", "mid-2024".

Each takes a match of its pattern in :mod:`dateline.analyze.timex_patterns` and returns a
:class:`~dateline.analyze.timex_base.Placed`, or None when the match is no date at all.
"""

from __future__ import annotations

import datetime as dt
import re

from dateline.analyze import timex_calendar as cal
from dateline.analyze import timex_patterns as tp
from dateline.analyze.timex_base import PART_MODS, Context, Placed, Tense, day, norm
from dateline.model import FuzzyDate, Precision


def part_note(match: re.Match[str]) -> str:
    """The part word of "early March", "the end of 2024": early, mid, late, end of, ..."""
    part = norm(match.groupdict().get("part")).strip(" -")
    return part.removeprefix("the ")


def calendar_day(match: re.Match[str], context: Context) -> Placed | None:
    """Month-and-day dates and ranges, in either order, with or without a year."""
    g = match.groupdict()
    month = tp.month_number(g.get("mon") or g["mon2"])
    month2 = tp.month_number(g["mon2"]) if g.get("mon2") else month
    dom = int(g["day"].rstrip("stndrh"))
    dom2 = int(g["day2"].rstrip("stndrh")) if g.get("day2") else None
    year = int(g["year"]) if g.get("year") else None
    placed = _days(context, (month, dom), year, (month2, dom2) if dom2 else None)
    if placed is not None and placed.date is None:
        return Placed(None, value=f"XXXX-{month:02d}-{dom:02d}")
    return placed


def _days(context: Context, first: tuple[int, int], year: int | None,
          last: tuple[int, int] | None) -> Placed | None:
    # 2000 is a leap year, so this rejects only days no year has ("February 30").
    if cal.safe_date(2000, *first) is None or (last and cal.safe_date(2000, *last) is None):
        return None
    if last and last[0] == first[0] and last[1] <= first[1]:
        return None
    wraps = last is not None and last[0] < first[0]  # "December 30 to January 2"
    if year is not None:
        start = cal.safe_date(year - wraps, *first)
        if start is None:
            return None
    elif context.anchor is None:
        return Placed(None)
    else:
        start = cal.closest_day(*first, context.anchor, context.tense)
        if start is None:  # a 29 February with no leap year within a year of the anchor
            return Placed(None)
    if last is None:
        return Placed(day(start))
    end = cal.safe_date(start.year + wraps, *last)
    return Placed(day(start), day(end)) if end is not None else None


def iso(match: re.Match[str], context: Context) -> Placed | None:
    date = cal.safe_date(int(match["year"]), int(match["mon"]), int(match["day"]))
    return Placed(day(date)) if date else None


def numeric(match: re.Match[str], context: Context) -> Placed | None:
    a, b = int(match["a"]), int(match["b"])
    # Month first unless impossible: the US form is the common one in English wire copy.
    month, dom = (b, a) if a > 12 else (a, b)
    date = cal.safe_date(int(match["year"]), month, dom)
    if date is None:
        return None
    note = "numeric date read as month/day" if a <= 12 and b <= 12 and a != b else ""
    return Placed(day(date), note=note)


def month_year(match: re.Match[str], context: Context) -> Placed | None:
    start = dt.date(int(match["year"]), tp.month_number(match["mon"]), 1)
    note = part_note(match)
    return Placed(FuzzyDate(start, Precision.MONTH), note=note, mod=PART_MODS.get(note, ""))


def month_rel(match: re.Match[str], context: Context) -> Placed | None:
    """"June last year", "early October this year": a month of a year named from the anchor."""
    note = part_note(match)
    number = tp.month_number(match["mon"])
    if context.anchor is None:
        return Placed(None, note=note, value=f"XXXX-{number:02d}", mod=PART_MODS.get(note, ""))
    year = context.anchor.year + {"last": -1, "next": 1}.get(norm(match["rel"]), 0)
    return Placed(FuzzyDate(dt.date(year, number, 1), Precision.MONTH), note=note,
                  mod=PART_MODS.get(note, ""))


def month(match: re.Match[str], context: Context) -> Placed | None:
    prep, mod = norm(match["prep"]), norm(match["mod"])
    number = tp.month_number(match["mon"])
    if match["poss"] and number == 5:
        return None  # "May's" is Theresa May's; "December's figures" is a month
    if not mod and not match["poss"] and (not prep or (
            number == 5 and prep in tp.WEAK_MAY_PREPS)):
        return None
    if re.match(r"\s[A-Z]", match.string[match.end():match.end() + 2]) and (
            len(match["mon"]) <= 4 or prep in tp.WEAK_MAY_PREPS):
        return None  # "Jan Kavan", "and June Smith": a first name
    part = mod.removeprefix("the ").removesuffix(" in")
    if part not in ("early", "mid", "late") and not part.endswith(" of"):
        part = ""
    timex_mod = PART_MODS.get(part, "")
    if context.anchor is None:
        return Placed(None, note=part, value=f"XXXX-{number:02d}", mod=timex_mod)
    anchor = context.anchor
    if mod == "last":
        start = dt.date(anchor.year - (number >= anchor.month), number, 1)
    elif mod == "next":
        start = dt.date(anchor.year + (number <= anchor.month), number, 1)
    elif mod == "this":
        start = dt.date(anchor.year, number, 1)
    elif prep == "since":
        # "since March": a start already passed, however near the next March is.
        start = dt.date(anchor.year - (number > anchor.month), number, 1)
    else:
        tense = Tense.PAST if mod == "earlier in" else context.tense
        start = cal.closest_month(number, anchor, tense)
    return Placed(FuzzyDate(start, Precision.MONTH), note=part, mod=timex_mod)


def _counts_something(match: re.Match[str]) -> bool:
    """Whether a bare number is followed by a plural noun ("2024 ballots")."""
    after = re.match(r"\s{1,2}([a-z]{3,20})\b", match.string[match.end():match.end() + 30])
    return after is not None and after.group(1).endswith("s") and not after.group(1).endswith(
        ("ss", "us", "is", "'s"))


def year(match: re.Match[str], context: Context) -> Placed | None:
    if not match["prep"] and not match["part"] and _counts_something(match):
        return None  # "2024 ballots": a count, not a year
    number = int(match["year"])
    start = FuzzyDate(dt.date(number, 1, 1), Precision.YEAR)
    note = part_note(match)
    timex_mod = PART_MODS.get(note, "")
    if not match["year2"]:
        return Placed(start, note=note, mod=timex_mod)
    text = match["year2"]
    end_year = int(text) if len(text) == 4 else number // 100 * 100 + int(text)
    if end_year <= number:
        return None
    return Placed(start, FuzzyDate(dt.date(end_year, 1, 1), Precision.YEAR), note=note,
                  mod=timex_mod)
