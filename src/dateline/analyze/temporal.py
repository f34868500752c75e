"""Temporal expressions in English news: found by regex, placed on the calendar.

:func:`find_times` runs the patterns of :mod:`dateline.analyze.timex_patterns` over a
sentence, resolves every match against the publication date (the *anchor*) and keeps the
longest non-overlapping matches. :func:`tense_of` gives the coarse sentence tense that
decides between candidate dates.

Conventions, since :class:`~dateline.model.Precision` has no week and no part of a month:

- "last week", "this week", "next week" are the Monday-to-Sunday range of that ISO week
  at DAY precision (note ``week``); weekends are Saturday and Sunday (note ``weekend``).
- "early March", "mid-2024", "the end of last year" keep their MONTH or YEAR precision;
  the part goes into the note (``early``, ``mid``, ``late``, ``end of``, ...).
- Durations ("for two years", "three weeks") have ``date=None`` and note ``duration``;
  offsets from another event ("two days later", "the next day") note ``relative``; vague
  spans ("in recent weeks", "a few days ago") note ``vague``.
- Rolling spans ("the past two weeks", "the next three days") run from or to the anchor.
- A leading preposition ("on Sunday", "in 2024") is left out of the span; modifiers that
  change the date ("last Friday", "earlier in January") are kept in it.
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import Enum

from dateline.analyze import timex_patterns as tp
from dateline.model import FuzzyDate, Precision, TimeExpr


class Tense(str, Enum):  # noqa: UP042 -- same str-mixin form as the enums in model.py
    """The coarse tense of a sentence, as news uses it to place undated days."""

    PAST = "past"
    PRESENT = "present"
    FUTURE = "future"


_MODALS = frozenset({"will", "'ll", "’ll", "shall", "wo"})  # "wo" is spaCy's "won't"
_FUTURE_CUES = frozenset({"upcoming", "forthcoming"})
# Plans count unless the planning itself is told in the past ("had planned", "planned" VBD).
_PLAN_WORDS = frozenset({"scheduled", "planned"})
_TOLD_PAST = frozenset({"had", "has", "have", "was", "were"})
# Words that make a future only when followed by "to" + a base verb: "due to meet" is a
# plan, "due to the weather" is a cause.
_BEFORE_TO = frozenset({"going", "set", "due", "expected", "scheduled", "slated", "poised",
                        "plans", "plan", "planning", "is", "are", "am"})
# A participle is a main verb in the past only after these ("has been", "were killed");
# after "is" it is a present passive, and alone ("the wounded soldiers") an adjective.
_PAST_AUX = frozenset({"has", "have", "had", "'ve", "’ve", "'d", "’d", "was", "were",
                       "been", "having"})
_AUX_LOOKBACK = 3  # tokens between an auxiliary and its participle, adverbs skipped


def tense_of(tokens: Sequence[tuple[str, str]]) -> Tense:
    """The tense of one sentence from its (text, Penn tag) tokens.

    FUTURE if any future cue is present: the modal "will"/"'ll"/"shall" (tag MD), "going
    to"/"set to"/"due to"/"expected to"/"is to" + a base verb (VB), or the words
    "upcoming", "scheduled", "planned" (unless after had/has/have/was/were) and "next"
    (not "next to"). Otherwise PAST if any verb is VBD, or a VBN right after a perfect or
    past auxiliary ("has been", "were killed", adverbs skipped). Otherwise PRESENT.
    Future wins over past because "officials said talks will resume Monday" dates its
    event in the future.
    """
    words = [(text.lower(), tag) for text, tag in tokens]
    if any(_is_future_cue(words, i) for i in range(len(words))):
        return Tense.FUTURE
    if any(_is_past_verb(words, i) for i in range(len(words))):
        return Tense.PAST
    return Tense.PRESENT


def _is_future_cue(words: list[tuple[str, str]], i: int) -> bool:
    word, tag = words[i]
    after = words[i + 1][0] if i + 1 < len(words) else ""
    if tag == "MD":
        return word in _MODALS
    if word in _FUTURE_CUES:
        return True
    if word in _PLAN_WORDS and tag != "VBD" and (i == 0 or words[i - 1][0] not in _TOLD_PAST):
        return True
    if word == "next":
        return after != "to"
    return (word in _BEFORE_TO and after == "to" and i + 2 < len(words)
            and words[i + 2][1] == "VB")


def _is_past_verb(words: list[tuple[str, str]], i: int) -> bool:
    tag = words[i][1]
    if tag == "VBD":
        return True
    if tag != "VBN":
        return False
    for prev, prev_tag in reversed(words[max(0, i - _AUX_LOOKBACK):i]):
        if not prev_tag.startswith("RB"):
            # "'s been" is "has been"; "'s" before any other participle is "is".
            return prev in _PAST_AUX or (prev in ("'s", "’s") and words[i][0] == "been")
    return False


# A candidate date on the wrong side of the anchor for the tense must be this many times
# closer than the other candidate to win, so it wins only within 365 / (4 + 1) = 73 days.
# Set by hand on the cases in tests/test_temporal.py: past-tense announcements name dates a
# few weeks ahead ("announced a vote for March 3", 30 days), while a past "May 5" told in
# February (79 days ahead) is last May. A plain nearest-date rule with a tense tie-break
# would get the second wrong; a strict tense rule the first.
AGAINST_TENSE_WEIGHT = 4
_DAY = dt.timedelta(days=1)
# "earlier this year" lies before publication though the year contains it.
_EARLIER_LATER = {"earlier": "past", "later": "future"}


@dataclass(frozen=True)
class _Context:
    anchor: dt.date | None
    tense: Tense


@dataclass(frozen=True)
class _Placed:
    """What a resolver made of a match; relation None means compute it from the dates."""

    date: FuzzyDate | None
    end_date: FuzzyDate | None = None
    note: str = ""
    relation: str | None = None


_Resolver = Callable[[re.Match[str], _Context], _Placed | None]


def find_times(text: str, anchor: dt.date | None, tense: Tense = Tense.PAST,
               offset: int = 0) -> list[TimeExpr]:
    """All temporal expressions in ``text``, in order, resolved against ``anchor``.

    ``anchor`` is the publication date; with None only dates that carry their year are
    placed, the rest get ``date=None``. ``tense`` (see :func:`tense_of`) picks the year of a
    yearless "December 30" and the week of a bare "Sunday". Spans are ``offset`` plus the
    position in ``text``. ``relation`` compares the date with the anchor and falls back to
    the tense when either is unknown. Never raises; linear in ``len(text)``.
    """
    context = _Context(anchor, tense)
    found: list[tuple[int, TimeExpr]] = []
    for rank, (name, pattern) in enumerate(tp.rules()):
        resolve = _RESOLVERS[name]
        for match in pattern.finditer(text):
            try:
                placed = resolve(match, context)
            except (ValueError, OverflowError):
                # Arithmetic past dt.date's years 1 and 9999: still an expression, unplaced.
                placed = _Placed(None)
            if placed is not None:
                found.append((rank, _expr(match, placed, context, offset)))
    return _select(found)


def _expr(match: re.Match[str], placed: _Placed, context: _Context, offset: int) -> TimeExpr:
    group = "core" if "core" in match.re.groupindex else 0
    start, end = match.span(group)
    relation = placed.relation or _relation(placed, context)
    return TimeExpr(match.group(group), offset + start, offset + end, placed.date,
                    placed.end_date, relation, placed.note)


def _select(found: list[tuple[int, TimeExpr]]) -> list[TimeExpr]:
    """The longest matches that do not overlap; on equal length the earlier, then by rule."""
    ranked = sorted(found, key=lambda f: (f[1].start - f[1].end, f[1].start, f[0]))
    starts: list[int] = []
    kept: list[TimeExpr] = []
    for _, expr in ranked:
        i = bisect.bisect_left(starts, expr.start)
        if (i > 0 and kept[i - 1].end > expr.start) or (i < len(kept)
                                                       and kept[i].start < expr.end):
            continue
        starts.insert(i, expr.start)
        kept.insert(i, expr)
    return kept


def _relation(placed: _Placed, context: _Context) -> str:
    if placed.date is None or context.anchor is None:
        return context.tense.value
    if _last_day(placed.end_date or placed.date) < context.anchor:
        return "past"
    if placed.date.value > context.anchor:
        return "future"
    return "present"


# --- calendar arithmetic -----------------------------------------------------------------

def _last_day(date: FuzzyDate) -> dt.date:
    if date.precision is Precision.YEAR:
        return dt.date(date.value.year, 12, 31)
    if date.precision is Precision.MONTH:  # monthrange, unlike +1 month, works in 9999-12
        return date.value.replace(day=calendar.monthrange(date.value.year,
                                                          date.value.month)[1])
    return date.value


def _add_months(day: dt.date, months: int) -> dt.date:
    """The first day of the month ``months`` after the month of ``day``."""
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _day(value: dt.date) -> FuzzyDate:
    return FuzzyDate(value, Precision.DAY)


def _pick(candidates: list[tuple[int, dt.date]], tense: Tense) -> dt.date:
    """The candidate (signed distance to the anchor, date) nearest the anchor for the tense."""
    def cost(candidate: tuple[int, dt.date]) -> tuple[int, bool]:
        delta = candidate[0]
        against = delta > 0 if tense is Tense.PAST else delta < 0 and tense is Tense.FUTURE
        wrong_side = delta < 0 if tense is Tense.FUTURE else delta > 0
        return abs(delta) * (AGAINST_TENSE_WEIGHT if against else 1), wrong_side
    return min(candidates, key=cost)[1]


def _closest_day(month: int, day: int, anchor: dt.date, tense: Tense) -> dt.date | None:
    dates = [d for year in (anchor.year - 1, anchor.year, anchor.year + 1)
             if (d := _safe_date(year, month, day)) is not None]
    return _pick([((d - anchor).days, d) for d in dates], tense) if dates else None


def _closest_month(month: int, anchor: dt.date, tense: Tense) -> dt.date:
    here = anchor.year * 12 + anchor.month - 1
    indexes = [year * 12 + month - 1 for year in (anchor.year - 1, anchor.year, anchor.year + 1)]
    return _pick([(i - here, dt.date(i // 12, i % 12 + 1, 1)) for i in indexes], tense)


def _shift(anchor: dt.date, value: float, unit: str, sign: int) -> FuzzyDate:
    """The date ``value`` units before (sign -1) or after (sign 1) the anchor."""
    if unit in ("hour", "day", "week"):
        days = {"hour": value // 24, "day": round(value), "week": round(value * 7)}[unit]
        return _day(anchor + sign * int(days) * _DAY)
    if unit == "month" or (unit == "year" and not value.is_integer()):
        months = round(value * (12 if unit == "year" else 1))
        return FuzzyDate(_add_months(anchor, sign * months), Precision.MONTH)
    years = round(value * (10 if unit == "decade" else 1))
    return FuzzyDate(dt.date(anchor.year + sign * years, 1, 1), Precision.YEAR)


def _at(anchor: dt.date, precision: Precision) -> FuzzyDate:
    if precision is Precision.YEAR:
        return FuzzyDate(dt.date(anchor.year, 1, 1), precision)
    if precision is Precision.MONTH:
        return FuzzyDate(anchor.replace(day=1), precision)
    return _day(anchor)


# --- resolvers: one per pattern; None rejects the match as not a time at all -------------

def _norm(text: str | None) -> str:
    return " ".join((text or "").lower().split())


def _part_note(match: re.Match[str]) -> str:
    part = _norm(match.groupdict().get("part")).strip(" -")
    return part.removeprefix("the ")


def _unit(text: str) -> str:
    return text.lower().removesuffix("s")


def _calendar(match: re.Match[str], context: _Context) -> _Placed | None:
    """Month-and-day dates and ranges, in either order, with or without a year."""
    g = match.groupdict()
    month = tp.month_number(g.get("mon") or g["mon2"])
    month2 = tp.month_number(g["mon2"]) if g.get("mon2") else month
    day = int(g["day"].rstrip("stndrh"))
    day2 = int(g["day2"].rstrip("stndrh")) if g.get("day2") else None
    year = int(g["year"]) if g.get("year") else None
    return _days(context, (month, day), year, (month2, day2) if day2 else None)


def _days(context: _Context, first: tuple[int, int], year: int | None,
          last: tuple[int, int] | None) -> _Placed | None:
    # 2000 is a leap year, so this rejects only days no year has ("February 30").
    if _safe_date(2000, *first) is None or (last and _safe_date(2000, *last) is None):
        return None
    if last and last[0] == first[0] and last[1] <= first[1]:
        return None
    wraps = last is not None and last[0] < first[0]  # "December 30 to January 2"
    if year is not None:
        start = _safe_date(year - wraps, *first)
        if start is None:
            return None
    elif context.anchor is None:
        return _Placed(None)
    else:
        start = _closest_day(*first, context.anchor, context.tense)
        if start is None:  # a 29 February with no leap year within a year of the anchor
            return _Placed(None)
    if last is None:
        return _Placed(_day(start))
    end = _safe_date(start.year + wraps, *last)
    return _Placed(_day(start), _day(end)) if end is not None else None


def _iso(match: re.Match[str], context: _Context) -> _Placed | None:
    date = _safe_date(int(match["year"]), int(match["mon"]), int(match["day"]))
    return _Placed(_day(date)) if date else None


def _numeric(match: re.Match[str], context: _Context) -> _Placed | None:
    a, b = int(match["a"]), int(match["b"])
    # Month first unless impossible: the US form is the common one in English wire copy.
    month, day = (b, a) if a > 12 else (a, b)
    date = _safe_date(int(match["year"]), month, day)
    if date is None:
        return None
    note = "numeric date read as month/day" if a <= 12 and b <= 12 and a != b else ""
    return _Placed(_day(date), note=note)


def _month_year(match: re.Match[str], context: _Context) -> _Placed | None:
    start = dt.date(int(match["year"]), tp.month_number(match["mon"]), 1)
    return _Placed(FuzzyDate(start, Precision.MONTH), note=_part_note(match))


def _month(match: re.Match[str], context: _Context) -> _Placed | None:
    prep, mod = _norm(match["prep"]), _norm(match["mod"])
    month = tp.month_number(match["mon"])
    if not mod and (not prep or (month == 5 and prep in tp.WEAK_MAY_PREPS)):
        return None
    part = mod.removeprefix("the ").removesuffix(" in")
    if part not in ("early", "mid", "late") and not part.endswith(" of"):
        part = ""
    if context.anchor is None:
        return _Placed(None, note=part)
    anchor = context.anchor
    if mod == "last":
        start = dt.date(anchor.year - (month >= anchor.month), month, 1)
    elif mod == "next":
        start = dt.date(anchor.year + (month <= anchor.month), month, 1)
    elif mod == "this":
        start = dt.date(anchor.year, month, 1)
    else:
        tense = Tense.PAST if mod == "earlier in" else context.tense
        start = _closest_month(month, anchor, tense)
    return _Placed(FuzzyDate(start, Precision.MONTH), note=part)


def _year(match: re.Match[str], context: _Context) -> _Placed | None:
    if not match["prep"] and not match["part"]:
        return None  # a bare number such as "2024" is as often a count as a year
    year = int(match["year"])
    start = FuzzyDate(dt.date(year, 1, 1), Precision.YEAR)
    note = _part_note(match)
    if not match["year2"]:
        return _Placed(start, note=note)
    text = match["year2"]
    end_year = int(text) if len(text) == 4 else year // 100 * 100 + int(text)
    if end_year <= year:
        return None
    return _Placed(start, FuzzyDate(dt.date(end_year, 1, 1), Precision.YEAR), note=note)


def _relday(match: re.Match[str], context: _Context) -> _Placed | None:
    word = _norm(match["word"])
    anchor = context.anchor
    if anchor is None:
        return _Placed(None)
    if word == "overnight":
        # News says "overnight" of the night that ended on the morning of publication.
        if context.tense is Tense.FUTURE:
            return _Placed(_day(anchor), _day(anchor + _DAY), "night", "future")
        return _Placed(_day(anchor - _DAY), _day(anchor), "night", "past")
    return _Placed(_day(anchor + tp.RELDAY_OFFSETS[word] * _DAY),
                   relation=_EARLIER_LATER.get(word.split()[0]))


def _weekday(match: re.Match[str], context: _Context) -> _Placed | None:
    anchor = context.anchor
    if anchor is None:
        return _Placed(None)
    mod = _norm(match["mod"])
    weekday = tp.weekday_number(match["wd"])
    back = (anchor.weekday() - weekday) % 7  # days since the latest such day; 0 = today
    ahead = (weekday - anchor.weekday()) % 7
    if mod in ("last", "past", "this past"):
        return _Placed(_day(anchor - (back or 7) * _DAY))
    if mod in ("next", "coming", "this coming") or (context.tense is Tense.FUTURE
                                                     and not (mod == "this" and back == 0)):
        return _Placed(_day(anchor + (ahead or 7) * _DAY))
    if context.tense is Tense.PAST:
        return _Placed(_day(anchor - back * _DAY))
    # Present tense (headlines: "Talks resume Monday") can point either way; the nearest
    # day wins, and 7 being odd there is never a tie.
    return _Placed(_day(anchor - back * _DAY if back <= ahead else anchor + ahead * _DAY))


def _relunit(match: re.Match[str], context: _Context) -> _Placed | None:
    mod, unit = _norm(match["mod"]), match["unit"].lower()
    if mod == "the" and unit != "weekend":
        return None  # "the year", "the month": which one is unknown
    anchor = context.anchor
    if anchor is None:
        return _Placed(None, note=_part_note(match))
    if unit in ("week", "weekend"):
        return _week(unit, mod, anchor, context.tense)
    step = {"last": -1, "next": 1}.get(mod, 0)
    if unit == "month":
        start = FuzzyDate(_add_months(anchor, step), Precision.MONTH)
    else:
        start = FuzzyDate(dt.date(anchor.year + step, 1, 1), Precision.YEAR)
    return _Placed(start, note=_part_note(match), relation=_EARLIER_LATER.get(mod.split()[0]))


def _week(unit: str, mod: str, anchor: dt.date, tense: Tense) -> _Placed:
    monday = anchor - anchor.weekday() * _DAY
    if unit == "weekend":
        shift = {"last": -7, "next": 7}.get(mod, 0)
        if mod == "the" and tense is Tense.PAST and anchor.weekday() < 5:
            shift = -7
        elif mod == "the" and tense is Tense.FUTURE and anchor.weekday() == 6:
            shift = 7
        saturday = monday + (5 + shift) * _DAY
        return _Placed(_day(saturday), _day(saturday + _DAY), "weekend")
    monday += {"last": -7, "next": 7}.get(mod, 0) * _DAY
    start, end = monday, monday + 6 * _DAY
    if mod == "earlier this":
        end = anchor
    elif mod == "later this":
        start = anchor
    return _Placed(_day(start), _day(end), "week", _EARLIER_LATER.get(mod.split()[0]))


def _rolling(match: re.Match[str], context: _Context) -> _Placed | None:
    direction, unit, num = match["dir"].lower(), _unit(match["unit"]), match["num"]
    plural = match["unit"].lower().endswith("s")
    if not match["the"] and direction not in ("recent", "past", "coming"):
        return None  # "last week", "next month" are calendar units, not rolling spans
    if direction in ("following", "preceding", "previous") or (
            not num and not plural and unit in ("hour", "day")):
        return _Placed(None, note="relative")  # "the next day": after some other event
    value = tp.number_value(num) if num else (None if plural else 1.0)
    if direction == "recent" or value is None:
        return _Placed(None, note="vague")
    if context.anchor is None:
        return _Placed(None, note="duration")
    sign = -1 if direction in ("past", "last") else 1
    other = _shift(context.anchor, value, unit, sign)
    here = _at(context.anchor, other.precision)
    if sign < 0:
        return _Placed(other, here, "span ending at publication", "past")
    return _Placed(here, other, "span starting at publication", "future")


def _duration(match: re.Match[str], context: _Context) -> _Placed | None:
    qual, rel, num = _norm(match["qual"]), _norm(match["rel"]), match["num"]
    unit = _unit(match["unit"])
    if num is None and not (match["unit"].lower().endswith("s")
                            and (rel == "ago" or qual in ("for", "over"))):
        return None  # a lone "days" or "year" is no expression; "for years" is
    if num and num.lower() in ("a", "an") and not (qual or rel or match["half"]):
        return None  # "a year" alone reads as a rate ("$5bn a year") as often as a span
    value = tp.number_value(num) if num else None
    if value is not None and match["half"]:
        value += 0.5  # "a year and a half"
    if rel == "ago":
        if value is None:
            return _Placed(None, note="vague")
        return _Placed(_shift(context.anchor, value, unit, -1)) if context.anchor else _Placed(None)
    if rel:
        return _Placed(None, note="relative")
    if (qual == "in" and value is not None and context.anchor is not None
            and context.tense is not Tense.PAST):
        return _Placed(_shift(context.anchor, value, unit, 1))  # "talks resume in two weeks"
    return _Placed(None, note="duration")


_RESOLVERS: dict[str, _Resolver] = {
    "iso": _iso, "numeric": _numeric, "mdy_range": _calendar, "mdy": _calendar,
    "dmy_range": _calendar, "dmy": _calendar, "month_year": _month_year, "month": _month,
    "year": _year, "relday": _relday, "weekday": _weekday, "relunit": _relunit,
    "rolling": _rolling, "duration": _duration,
}
