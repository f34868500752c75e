"""Temporal expressions in English news: found by regex, placed on the calendar, and
normalised as TimeML TIMEX3 (type, value, mod).

:func:`find_times` runs the patterns of :mod:`~dateline.analyze.timex_patterns` (days,
months, years, relative days and spans), :mod:`~dateline.analyze.timex_extra`
(references, sets, quarters, seasons, decades, clock times) and
:mod:`~dateline.analyze.timex_holidays` over a sentence, resolves
every match against the publication date (the *anchor*) with the resolvers of
``timex_dates``, ``timex_relative`` and ``timex_extra``, and keeps the longest
non-overlapping matches. :func:`tense_of` gives the coarse sentence tense that decides
between candidate dates. Values that depend on the rest of the document ("a year
earlier" in a quarterly report) are revised by
:func:`dateline.analyze.timex_discourse.resolve_document`.

Conventions, since :class:`~dateline.model.Precision` has no week and no part of a month:

- "last week", "this week", "next week" are the Monday-to-Sunday range of that ISO week
  at DAY precision (note ``week``, value ``2026-W07``); weekends are Saturday and Sunday
  (note ``weekend``, value ``2026-W07-WE``).
- "early March", "mid-2024", "the end of last year" keep their MONTH or YEAR precision;
  the part goes into the note (``early``, ``mid``, ``late``, ``end of``, ...) and the
  TIMEX3 mod (START, MID, END).
- Durations ("two years", "three weeks") have ``date=None``, note ``duration`` and a
  DURATION value (``P2Y``); offsets from another event ("two days later", "the next day")
  note ``relative`` ("two days later" is the DURATION "two days", "later" a TimeML
  signal); vague spans ("in recent weeks", "a few days ago") note ``vague``.
- Rolling spans ("the past two weeks", "the next three days") run from or to the anchor.
- Spans follow TimeBank: a leading preposition ("on Sunday", "for two years", "in 2024")
  is left out; modifiers that change the date or bound a span ("last Friday", "earlier in
  January", "more than four hours") and the article of a determined span ("the past two
  weeks", "the third quarter") are kept in it.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import re
from collections.abc import Sequence

from dateline.analyze import timex_dates as dates
from dateline.analyze import timex_extra as extra
from dateline.analyze import timex_holidays as holidays
from dateline.analyze import timex_patterns as tp
from dateline.analyze import timex_relative as relative
from dateline.analyze.timex_base import Context, Placed, Resolver, Tense, timex_value
from dateline.analyze.timex_calendar import last_day
from dateline.model import TimeExpr

__all__ = ["Tense", "find_times", "tense_of"]


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


def find_times(text: str, anchor: dt.date | None, tense: Tense = Tense.PAST,
               offset: int = 0) -> list[TimeExpr]:
    """All temporal expressions in ``text``, in order, resolved against ``anchor``.

    ``anchor`` is the publication date; with None only dates that carry their year are
    placed, the rest get ``date=None``. ``tense`` (see :func:`tense_of`) picks the year of a
    yearless "December 30" and the week of a bare "Sunday". Spans are ``offset`` plus the
    position in ``text``. ``relation`` compares the date with the anchor and falls back to
    the tense when either is unknown. Every expression also carries its TimeML TIMEX3
    ``timex_type``, ``value`` and ``mod``. Never raises; linear in ``len(text)``.
    """
    context = Context(anchor, tense)
    found: list[tuple[int, TimeExpr]] = []
    for rank, name, match in _matches(text):
        try:
            placed = _RESOLVERS[name](match, context)
        except (ValueError, OverflowError):
            # Arithmetic past dt.date's years 1 and 9999: still an expression, unplaced.
            placed = Placed(None)
        if placed is not None:
            found.append((rank, _expr(match, placed, context, offset)))
    return _select(found)


# A sentence is searched again with another tense (or its clause's); the matches do not
# depend on it, only their resolution does.
@functools.lru_cache(maxsize=256)
def _matches(text: str) -> tuple[tuple[int, str, re.Match[str]], ...]:
    """Every rule's matches in the text, by rule rank: (rank, rule name, match)."""
    present = _triggers_in(text)
    return tuple((rank, name, match) for rank, (name, pattern) in enumerate(tp.rules())
                 if not present.isdisjoint(tp.TRIGGERS[name])
                 for match in pattern.finditer(text))


def _triggers_in(text: str) -> set[str]:
    """The trigger keys of :data:`~dateline.analyze.timex_patterns.TRIGGERS` that the text
    holds ("#digit": any digit), each looked for once rather than once per rule."""
    lower = text.lower()
    present = {key for key in _trigger_keys() if key in lower}
    if _digit().search(text) is not None:
        present.add("#digit")
    return present


@functools.cache
def _trigger_keys() -> frozenset[str]:
    return frozenset(key for keys in tp.TRIGGERS.values() for key in keys if key != "#digit")


@functools.cache
def _digit() -> re.Pattern[str]:
    return re.compile(r"\d")


def _expr(match: re.Match[str], placed: Placed, context: Context, offset: int) -> TimeExpr:
    group = "core" if "core" in match.re.groupindex else 0
    start, end = match.span(group)
    relation = placed.relation or _relation(placed, context)
    return TimeExpr(match.group(group), offset + start, offset + end, placed.date,
                    placed.end_date, relation, placed.note, placed.timex_type,
                    timex_value(placed), placed.mod)


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


def _relation(placed: Placed, context: Context) -> str:
    if placed.date is None or context.anchor is None:
        return context.tense.value
    if last_day(placed.end_date or placed.date) < context.anchor:
        return "past"
    if placed.date.value > context.anchor:
        return "future"
    return "present"


_RESOLVERS: dict[str, Resolver] = {
    "iso": dates.iso, "numeric": dates.numeric, "mdy_range": dates.calendar_day,
    "mdy": dates.calendar_day, "dmy_range": dates.calendar_day, "dmy": dates.calendar_day,
    "month_year": dates.month_year, "month_rel": dates.month_rel, "month": dates.month,
    "year": dates.year,
    "relday": relative.relday, "weekday": relative.weekday, "relunit": relative.relunit,
    "rolling": relative.rolling, "duration": relative.duration, **extra.RESOLVERS,
    **holidays.RESOLVERS,
}
