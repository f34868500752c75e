"""Resolvers for times named from the publication date and for spans of time.

"yesterday", "last Friday", "next week", "the past two weeks", "three days ago", "for two
years". TIMEX3 values follow TimeML: days as dates, weeks as ISO weeks (``2026-W07``),
weekends as ``2026-W07-WE``, parts of a day as ``2026-02-15TMO``, spans as durations
(``P2W``) with their calendar reading kept in ``date``/``end_date`` for the pipeline.
"""

from __future__ import annotations

import datetime as dt
import re

from dateline.analyze import timex_calendar as cal
from dateline.analyze import timex_patterns as tp
from dateline.analyze.timex_base import (
    DAY,
    PART_MODS,
    QUALIFIER_MODS,
    Context,
    Placed,
    Tense,
    day,
    duration_value,
    norm,
    timex_value,
    week_value,
)
from dateline.analyze.timex_dates import part_note
from dateline.model import FuzzyDate, Precision

# "earlier this year" lies before publication though the year contains it.
_EARLIER_LATER = {"earlier": "past", "later": "future"}
# "that year", "later that day", "the same week": the time the text last named.
_DEMONSTRATIVES = frozenset({"that", "that same", "the same", "earlier that", "later that"})
# The value of an anaphor before :mod:`timex_discourse` resolves it, by unit.
ANAPHOR_TEMPLATES = {"day": "XXXX-XX-XX", "week": "XXXX-WXX", "month": "XXXX-XX",
                     "year": "XXXX"}
FISCAL_YEAR_END = re.compile(r"\s{1,2}(?:ended|ending|that\s+ended|to)\b")
_DAY_PARTS = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI",
              "tonight": "NI", "overnight": "NI"}


def _unit(text: str) -> str:
    return text.lower().removesuffix("s")


def _part_of_day(placed: Placed, part: str | None) -> Placed:
    """TIME with a part-of-day value ("2026-02-14TNI") when a part of the day is named."""
    code = _DAY_PARTS.get(norm(part))
    if code is None or placed.date is None:
        return placed
    return Placed(placed.date, placed.end_date, placed.note, placed.relation, "TIME",
                  placed.date.iso() + "T" + code, placed.mod)


def relday(match: re.Match[str], context: Context) -> Placed | None:
    word = norm(match["word"])
    anchor = context.anchor
    mod = PART_MODS.get(norm(match["edge"]), "")
    if anchor is None:
        return Placed(None, mod=mod)
    if word == "overnight":
        # News says "overnight" of the night that ended on the morning of publication.
        if context.tense is Tense.FUTURE:
            return _part_of_day(Placed(day(anchor), day(anchor + DAY), "night", "future"),
                                "night")
        return _part_of_day(Placed(day(anchor - DAY), day(anchor), "night", "past"), "night")
    base = word.split()[-1] if word.startswith(("this ", "last ")) else word
    offset = tp.RELDAY_OFFSETS[word]
    placed = Placed(day(anchor + offset * DAY), relation=_EARLIER_LATER.get(norm(
        match["edge"])), mod=mod)
    return _part_of_day(placed, match["part"] or base)


def weekday(match: re.Match[str], context: Context) -> Placed | None:
    anchor = context.anchor
    mod = norm(match["mod"])
    timex_mod = PART_MODS.get(mod, "")
    if anchor is None:
        return Placed(None, mod=timex_mod)
    number = tp.weekday_number(match["wd"])
    back = (anchor.weekday() - number) % 7  # days since the latest such day; 0 = today
    ahead = (number - anchor.weekday()) % 7
    # "Thursday's ruling" names an event already reported: in TimeBank + AQUAINT 21 of 21
    # such possessives are on or before publication, whatever the sentence's tense.
    possessive = match.string.startswith(("'s", "’s"), match.end())
    tense = Tense.PAST if possessive and not match["part"] else context.tense
    prep = norm(match["prep"])
    if prep == "since":
        tense = Tense.PAST
    elif ((prep in ("until", "till") and not _FRAME.search(match.string, 0, match.start("core")))
          or _AS_SOON_AS.search(match.string, max(0, match.start() - _AS_SOON_AS_WINDOW),
                                match.start())):
        # A deadline or the earliest date: today or ahead, whatever the clause's tense;
        # "Until Thursday, they had not..." opening a clause frames it and keeps its tense.
        tense = Tense.FUTURE if back else Tense.PAST
    if mod in ("last", "past", "this past", "the previous", "previous"):
        date = anchor - (back or 7) * DAY
    elif mod in ("next", "coming", "this coming") or (tense is Tense.FUTURE
                                                     and not (mod == "this" and back == 0)):
        date = anchor + (ahead or 7) * DAY
    elif tense is Tense.PAST:
        date = anchor - back * DAY
    else:
        # Present tense (headlines: "Talks resume Monday") can point either way; the
        # nearest day wins, and 7 being odd there is never a tie.
        date = anchor - back * DAY if back <= ahead else anchor + ahead * DAY
    # "Friday night" stays a DATE (TimeBank's majority type). "Friday evening" is TEV in
    # 3 of 3 TimeBank + AQUAINT golds; "night" is the plain day (a TNI scored no better:
    # the gold often tags "Friday" alone), as is "morning" (5 of 8).
    suffix = _NAMED_DAY_PARTS.get((match["part"] or "").lower(), "")
    value = day(date).iso() + suffix if suffix else ""
    return Placed(day(date), mod=timex_mod, value=value)


_NAMED_DAY_PARTS = {"evening": "TEV"}
_AS_SOON_AS = re.compile(r"\bas\s+(?:soon|early)\s+as\s+$", re.IGNORECASE)
# "until" opening a clause: "Until Thursday, ...", "Up until Thursday, however, ...".
_FRAME = re.compile(r"(?:^|[,;:]\s{0,2}|[\"“`']\s{0,2})(?:up\s+)?(?:until|till)\s{1,2}$",
                    re.IGNORECASE)
# A deadline before a clock time: "until 9 a.m. Tuesday".
DEADLINE = re.compile(r"\b(?:until|till)\s{1,2}(?:about\s{1,2})?$", re.IGNORECASE)
# Its longest match is 14 characters; searched from the text's start before every clock
# time it was quadratic (60 KB of "10 p.m. " took 15 s). \b still sees the character
# before the window.
DEADLINE_WINDOW = 20
# "as soon as" sits right before the day; searching the whole sentence before every
# weekday was quadratic (a 100 KB run of weekday names took 18 s).
_AS_SOON_AS_WINDOW = 40


def relunit(match: re.Match[str], context: Context) -> Placed | None:
    mod, unit = norm(match["mod"]), match["unit"].lower()
    note = part_note(match)
    timex_mod = PART_MODS.get(note) or PART_MODS.get(mod.split()[0], "")
    anchor = context.anchor
    if match["mod"] == "This" and match["unit"] == "Week":
        return None  # a title case "This Week" in running text is a programme's name
    if mod in _DEMONSTRATIVES and unit != "weekend" and not (unit == "day" and mod == "that"):
        # "that year", "later that day": the time last named, see timex_discourse.
        return Placed(None, note="anaphor", value=ANAPHOR_TEMPLATES[unit])
    if unit == "day":
        return None  # "the day", "this day"; bare "that day" is mostly untagged in TimeBank
    if mod == "the" and unit != "weekend":
        if unit == "year" and FISCAL_YEAR_END.match(match.string, match.end()):
            # "the year ended Sept. 30": a company's twelve months, a duration in TimeBank.
            return Placed(None, note="duration", timex_type="DURATION", value="P1Y")
        year = f"{anchor.year:04d}" if anchor else "XXXX"
        # "for the year", "the end of the year": the year of publication (6 of 7 in
        # TimeBank + AQUAINT outside "the year ended ...").
        return Placed(None, value={"week": f"{year}-WXX", "month": f"{year}-XX",
                                   "year": year}[unit], mod=timex_mod)
    if anchor is None:
        return Placed(None, note=note, mod=timex_mod, value={
            "week": "XXXX-WXX", "weekend": "XXXX-WXX-WE", "month": "XXXX-XX"}.get(unit, "XXXX"))
    if unit in ("week", "weekend"):
        placed = _week(unit, mod, anchor, context.tense)
        return Placed(placed.date, placed.end_date, placed.note, placed.relation,
                      value=timex_value(placed), mod=timex_mod)
    step = {"last": -1, "next": 1, "this past": -1, "this coming": 1}.get(mod, 0)
    if unit == "month":
        start = FuzzyDate(cal.add_months(anchor, step), Precision.MONTH)
    else:
        start = FuzzyDate(dt.date(anchor.year + step, 1, 1), Precision.YEAR)
    return Placed(start, note=note, relation=_EARLIER_LATER.get(mod.split()[0]),
                  mod=timex_mod)


def _week(unit: str, mod: str, anchor: dt.date, tense: Tense) -> Placed:
    monday = anchor - anchor.weekday() * DAY
    if unit == "weekend":
        shift = {"last": -7, "next": 7, "this past": -7, "this coming": 7}.get(mod, 0)
        if mod == "the" and tense is Tense.PAST and anchor.weekday() < 5:
            shift = -7
        elif mod == "the" and tense is Tense.FUTURE and anchor.weekday() == 6:
            shift = 7
        saturday = monday + (5 + shift) * DAY
        return Placed(day(saturday), day(saturday + DAY), "weekend")
    monday += {"last": -7, "next": 7}.get(mod, 0) * DAY
    start, end = monday, monday + 6 * DAY
    if mod == "earlier this":
        end = anchor
    elif mod == "later this":
        start = anchor
    return Placed(day(start), day(end), "week", _EARLIER_LATER.get(mod.split()[0]),
                  value=week_value(monday))


def rolling(match: re.Match[str], context: Context) -> Placed | None:
    direction, unit, num = match["dir"].lower(), _unit(match["unit"]), match["num"]
    plural = match["unit"].lower().endswith("s")
    if not match["the"] and direction not in ("recent", "past", "coming"):
        return None  # "last week", "next month" are calendar units, not rolling spans
    if direction in ("following", "preceding", "previous", "next") and not num and not plural:
        # "the next day": a day after the time last named, see timex_discourse.
        # "the next year" more often counts from publication, unless a date was just named.
        note = {"preceding": "anaphor-1", "previous": "anaphor-1",
                "following": "anaphor+1"}.get(direction, "anaphor+1 near")
        return Placed(None, note=note, value=ANAPHOR_TEMPLATES.get(unit, "XXXX"))
    if unit == "year" and not num and (plural and direction in ("recent", "past")
                                        and not match["the"]):
        # "recent years", "past years": a vague past (4 of 6 in TimeBank + AQUAINT).
        return Placed(None, note="vague", value="PAST_REF")
    if (unit == "year" and not num and not plural and direction == "past" and match["the"]
            and context.anchor is not None):
        # "the past year": the calendar year before publication (2 of 2, as above).
        year_ = context.anchor.year - 1
        return Placed(FuzzyDate(dt.date(year_, 1, 1), Precision.YEAR), value=f"{year_:04d}")
    value = tp.number_value(num) if num else (None if plural else 1.0)
    duration = duration_value(value, unit)
    if direction in ("following", "preceding", "previous"):
        return Placed(None, note="relative", timex_type="DURATION", value=duration)
    if direction == "recent" or value is None:
        return Placed(None, note="vague", timex_type="DURATION", value=duration)
    if context.anchor is None or unit not in ("hour", "day", "week", "month", "year",
                                              "decade"):
        return Placed(None, note="duration", timex_type="DURATION", value=duration)
    sign = -1 if direction in ("past", "last") else 1
    other = cal.shift(context.anchor, value, unit, sign)
    here = cal.at(context.anchor, other.precision)
    if sign < 0:
        return Placed(other, here, "span ending at publication", "past", "DURATION", duration)
    return Placed(here, other, "span starting at publication", "future", "DURATION",
                  duration)


def duration(match: re.Match[str], context: Context) -> Placed | None:
    prep, rel, num = norm(match["prep"]), norm(match["rel"] or match["after"]), match["num"]
    approx = norm(match["approx"])
    unit = _unit(match["unit"])
    plural = match["unit"].lower().endswith("s")
    if match["det"] and num is None:
        return None  # "the days": only "the two days", "the first nine months" are spans
    if num is None and not (plural and (rel == "ago" or prep in ("for", "over", "within")
                                        or _around_bare_unit(match))):
        return None  # a lone "days" or "year" is no expression; "for years" is
    if num and num.lower() in ("a", "an") and not (prep or rel or approx or match["half"]):
        return None  # "a year" alone reads as a rate ("$5bn a year") as often as a span
    value = tp.number_value(num) if num else None
    if value is not None and match["half"]:
        value += 0.5  # "a year and a half"
    mod = QUALIFIER_MODS.get(approx, "")
    if rel in ("ago", "earlier", "later", "before", "after", "afterward", "afterwards"):
        return _offset(value, unit, rel, mod, context)
    span = duration_value(value, unit)
    if (prep == "in" and value is not None and context.anchor is not None
            and context.tense is not Tense.PAST and unit != "quarter"):
        # "talks resume in two weeks": a duration in TimeML, a date for the pipeline.
        return Placed(cal.shift(context.anchor, value, unit, 1), timex_type="DURATION",
                      value=span, mod=mod)
    return Placed(None, note="duration", timex_type="DURATION", value=span, mod=mod)


def _around_bare_unit(match: re.Match[str]) -> bool:
    """"in the weeks before the vote", "days after the raid": a span without a count."""
    before = match.string[max(0, match.start() - 5):match.start()].lower().split()
    after = match.string[match.end():match.end() + 12].lower().split()
    return (bool(before) and before[-1] == "the" and bool(after)
            and after[0] in ("before", "after", "ahead", "since", "following", "leading"))


def _offset(value: float | None, unit: str, rel: str, mod: str, context: Context) -> Placed:
    """"three days ago" (from publication), "two days later" (from some other event)."""
    if rel != "ago":
        if (value, unit, rel) != (1, "year", "earlier"):
            # "two days later", "a day earlier": TimeML's duration from an event the text
            # names elsewhere (5 of 5 in TimeBank + AQUAINT), "later" left as a signal.
            return Placed(None, note="relative", timex_type="DURATION",
                          value=duration_value(value, unit), mod=mod)
        if context.anchor is None:
            return Placed(None, note="year-ago", value="XXXX", mod=mod)
        # "a year earlier" compares with the same period a year before: a date, the
        # quarter a report is about (see timex_discourse), else the year before publication.
        placed = cal.shift(context.anchor, 1.0, unit, -1)
        return Placed(None, note="year-ago", value=_offset_value(placed, unit), mod=mod)
    if value is None:
        return Placed(None, note="vague", value="PAST_REF", mod=mod)
    if context.anchor is None or unit in ("quarter", "minute", "second"):
        return Placed(None, mod=mod)
    placed = cal.shift(context.anchor, value, unit, -1)
    note = "year-ago" if (value, unit) == (1, "year") else ""
    return Placed(placed, note=note, value=_offset_value(placed, unit), mod=mod)


def _offset_value(date: FuzzyDate, unit: str) -> str:
    if unit == "week":
        return week_value(date.value)
    if unit == "hour":
        return date.iso()
    if unit == "decade":
        return f"{date.value.year // 10:03d}"
    return date.iso()
