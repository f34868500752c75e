"""Patterns and resolvers for the TimeML expressions beyond days, months and years.

References to the present, past and future ("now", "recently", "the near future"),
recurring times ("daily", "every Thursday"), business periods ("the third quarter",
"fiscal 1989", "the first half of 1990"), seasons, decades, centuries, clock times ("10:35
a.m. Thursday") and years spelled out in transcripts ("nineteen ninety-six").
Patterns are bounded like those of :mod:`dateline.analyze.timex_patterns`.
"""

from __future__ import annotations

import datetime as dt
import functools
import re

from dateline.analyze import timex_calendar as cal
from dateline.analyze import timex_patterns as tp
from dateline.analyze.timex_base import (
    PART_MODS,
    QUALIFIER_MODS,
    Context,
    Placed,
    Tense,
    day,
    norm,
)
from dateline.analyze.timex_extra_values import (
    clock_day,
    season_year,
    spelled_year,
)
from dateline.analyze.timex_relative import DEADLINE, DEADLINE_WINDOW, FISCAL_YEAR_END
from dateline.model import FuzzyDate, Precision

_REFS = {
    "now": "PRESENT_REF", "right now": "PRESENT_REF", "currently": "PRESENT_REF",
    "current": "PRESENT_REF", "these days": "PRESENT_REF", "nowadays": "PRESENT_REF",
    "at present": "PRESENT_REF", "presently": "PRESENT_REF", "recently": "PAST_REF",
    "lately": "PAST_REF", "the past": "PAST_REF", "the future": "FUTURE_REF",
    "the near future": "FUTURE_REF", "the distant future": "FUTURE_REF",
    "the near term": "FUTURE_REF", "the short term": "FUTURE_REF",
    "the long term": "FUTURE_REF",
}
_SETS = {"daily": "P1D", "nightly": "P1D", "weekly": "P1W", "monthly": "P1M",
         "annually": "P1Y", "yearly": "P1Y", "hourly": "PT1H"}
_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3,
             "4th": 4, "final": 4, "last": 4}
_SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
_DECADE_WORDS = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6,
                 "seventies": 7, "eighties": 8, "nineties": 9}
_CENTURY_WORDS = {"nineteenth": 19, "twentieth": 20, "twenty-first": 21, "eighteenth": 18,
                  "seventeenth": 17, "sixteenth": 16}


def sources() -> dict[str, str]:
    """The patterns, by rule name (a resolver of the same name reads each)."""
    year = r"(?P<year>(?:19|20)\d\d)\b"
    ordinal = r"(?i:first|second|third|fourth|final|1st|2nd|3rd|4th)"
    return {
        "ref": r"\b(?P<core>(?i:right\s+now|now|currently|current|these\s+days|nowadays|"
               r"at\s+present|presently|recently|lately|the\s+past|the\s+(?:near\s+|distant\s+)?"
               r"future|the\s+(?:near|short|long)\s+term))\b(?![-‐]\w)",
        "set": r"\b(?P<core>(?i:(?P<adverb>daily|nightly|weekly|monthly|annually|yearly|"
               r"hourly)|(?:every|each)\s{1,2}(?:other\s{1,2})?(?P<unit>day|night|morning|"
               r"evening|week|weekend|month|year|quarter|hour|summer|winter|spring|fall|"
               r"autumn|(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday)|"
               r"(?P<mon>january|february|march|april|may|june|july|august|september|"
               r"october|november|december))))\b",
        "quarter": r"\b(?P<core>(?:(?P<det>(?i:the|this|that|last|next|(?:this|last|next)"
                   r"\s+year's))\s{1,2}(?!(?:(?i:fiscal)\s{1,2})?" + ordinal + r"-(?i:quarter)"
                   r"\b))?(?:(?P<adj>(?i:fiscal|calendar|latest|current|"
                   r"comparable|same|corresponding|year-ago|year-earlier|most\s+recent|"
                   r"recent|previous|prior|just-ended|(?:19|20)\d\d))[\s-]{1,2}){0,3}"
                   r"(?:(?P<ord>" + ordinal + r")[\s-]{1,2}(?:(?i:fiscal)\s{1,2})?)?"
                   r"(?P<noun>(?i:quarter|period))(?P<plural>s)?(?:\s{1,2}of\s{1,2}(?:(?i:fiscal)\s{1,2})?"
                   + year + r"|\s{1,2}(?i:last\s{1,2}year|a\s{1,2}year\s{1,2}(?:ago|earlier))"
                   r"(?![-'’]))?)\b(?!\s{1,2}(?i:of\s{1,2}(?:a|an|the|its|their|all)\b|"
                   r"century|mile|point|inch|percent)|-(?i:point|percent|mile|final|to-))",
        "yearago": r"\b(?P<core>(?i:year-(?:earlier|ago)))\b(?!-)",
        "half": r"\b(?P<core>(?:(?i:the)\s{1,2})?(?P<which>(?i:first|second|last|latter|"
                r"back))[\s-]{1,2}(?i:half)(?:(?=-\w)|(?:\s{1,2}(?i:of)\s{1,2}(?:(?i:fiscal)\s"
                r"{1,2})?(?:" + year + r"|(?P<rel>(?i:the|this|last|next))\s{1,2}(?i:year)\b))"
                r"|(?!\s{1,2}(?i:of)\b)))",
        "fiscal": r"\b(?P<core>(?:(?i:the)\s{1,2})?(?:(?P<mod>(?i:current|latest|last|next|"
                  r"previous|past|coming|this|full|entire))\s{1,2})?(?:(?i:fiscal)\s{1,2}"
                  r"(?:(?i:year)\s{1,2})?" + year + r"|(?i:fiscal)[\s-]{1,2}(?i:year)\b"
                  r"(?!\s{1,2}(?:19|20)\d\d)|(?<=the\s)(?i:full)\s{1,2}(?i:year)\b))",
        "weekof": r"\b(?P<core>(?i:the)\s{1,2}(?i:week)\s{1,2}(?i:of)\s{1,2}(?P<mon>"
                  + tp.month_pattern() + r")\s{0,2}(?P<day>3[01]|[12]\d|0?[1-9])\b"
                  r"(?:,?\s{1,2}" + year + r")?)",
        "yearend": r"\b(?P<core>(?:(?i:the)\s{1,2})?(?i:year)(?:[\s-]{1,2}|'s\s{1,2})"
                   r"(?i:end)\b)(?!-\w)",
    } | _named_sources()


def _named_sources() -> dict[str, str]:
    """Seasons, decades, centuries, clock times and spelled-out years."""
    year = r"(?P<year>(?:19|20)\d\d)\b"
    month = tp.month_pattern()
    return {
        "season": r"\b(?:(?P<prep>(?i:in|during|by|since|until|through|over|for))\s{1,2})?"
                  r"(?P<core>(?:(?P<mod>(?i:last|this|next|this\s+past|"
                  r"this\s+coming|the|the\s+early|the\s+late|early|late|mid))[\s-]{1,2})?"
                  r"(?P<season>(?i:spring|summer|fall|autumn|winter))(?:,?\s{1,2}(?:(?i:of)"
                  r"\s{1,2})?" + year + r")?)\b(?!\s{1,2}(?i:of)\s{1,2}(?!(?:19|20)\d\d))",
        "decade": r"\b(?P<core>(?:(?i:the)\s{1,2})?(?:(?P<part>(?i:early|mid|late))[\s-]"
                  r"{1,2})?(?:(?P<dec>1[0-9]\d0|20[0-9]0)'?s|'(?P<short>\d0)s|(?P<word>"
                  r"(?i:twenties|thirties|forties|fifties|sixties|seventies|eighties|"
                  r"nineties))))\b",
        "century": r"\b(?P<core>(?:(?i:the)\s{1,2})?(?:(?P<part>(?i:early|mid|late))[\s-]"
                   r"{1,2})?(?:(?P<num>\d{1,2})(?:st|nd|rd|th)|(?P<word>(?i:nineteenth|"
                   r"twentieth|twenty-first|eighteenth|seventeenth|sixteenth))|(?P<rel>"
                   r"(?i:this|last|next|the\s+last|the\s+next|the\s+past)))[\s-]{1,2}"
                   r"(?i:century))\b(?!-old)",
        "clock": r"\b(?P<core>(?:(?P<approx>(?i:about|around|approximately|shortly\s+"
                 r"(?:before|after)|just\s+(?:before|after)))\s{1,2})?(?:(?P<h>[01]?\d|2[0-3])"
                 r"(?::(?P<m>[0-5]\d))?\s{0,2}(?P<ampm>(?i:[ap]\.m\b(?:\.(?!\s*$))?|[ap]m\b|"
                 r"o'clock))|(?P<word>(?i:noon|midnight|midday|mid-?afternoon|mid-?morning)"
                 r"\b))(?:\s{1,2}(?P<tz>(?:[ECMP][SD]T|GMT|UTC)\b))?(?:,?\s{1,2}(?:(?i:on)\s"
                 r"{1,2})?(?P<day>" + tp.weekday_pattern() + r"|(?i:today|yesterday|tomorrow)"
                 r"\b|" + month + r"\s{0,2}(?:3[01]|[12]\d|0?[1-9])\b))?)",
        "spelled": r"\b(?P<core>(?:(?i:the\s+year)\s{1,2})?(?:(?i:nineteen)[\s-](?P<tens>"
                   r"(?i:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|"
                   r"eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|"
                   r"ninety))(?:[\s-](?P<unit>(?i:one|two|three|four|five|six|seven|eight|"
                   r"nine))\b)?|(?i:two\s+thousand)(?:\s+(?i:and\s+)?(?P<unit2>(?i:one|two|"
                   r"three|four|five|six|seven|eight|nine|ten))\b)?))\b",
    }


def ref(match: re.Match[str], context: Context) -> Placed | None:
    if match["core"] == "Now" and match.string.startswith(",", match.end()):
        return None  # "Now, he says, ...": a discourse marker (untagged 3 of 3 in TimeBank)
    return Placed(None, note="vague", value=_REFS[norm(match["core"])])


def set_(match: re.Match[str], context: Context) -> Placed | None:
    if match["adverb"]:
        return Placed(None, note="set", timex_type="SET", value=_SETS[match["adverb"].lower()])
    if match["wd"]:
        value = f"XXXX-WXX-{tp.weekday_number(match['wd']) + 1}"
    elif match["mon"]:
        value = f"XXXX-{tp.month_number(match['mon']):02d}"
    else:
        unit = match["unit"].lower()
        value = {"day": "P1D", "night": "P1D", "morning": "XXXX-XX-XXTMO",
                 "evening": "XXXX-XX-XXTEV", "week": "P1W", "weekend": "P1WE",
                 "month": "P1M", "year": "P1Y", "quarter": "P1Q", "hour": "PT1H"}.get(
                     unit, "XXXX-" + _SEASONS.get(unit, "XX"))
    return Placed(None, note="set", timex_type="SET", value=value)


def quarter(match: re.Match[str], context: Context) -> Placed | None:
    """Quarters; the note tells :mod:`timex_discourse` which ones name the quarter a
    report is about ("quarter"), refer back to it ("quarter-ref") or to the same quarter a
    year before ("quarter-ago")."""
    det, adj, words = norm(match["det"]), norm(match["adj"]), norm(match["core"])
    if not (det or match["ord"] or match["year"] or adj) or (
            match["noun"].lower() == "period" and not adj):
        return None  # a bare "quarter" is as often a fraction as a period
    if match["plural"] and not match["year"]:
        return Placed(None, note="duration", timex_type="DURATION", value="PXQ")
    stated = re.search(r"(?:19|20)\d\d", words)
    ordinal = _ORDINALS.get(norm(match["ord"]), 0)
    # "the year-ago quarter", "the same period last year", "the quarter a year ago".
    ago = any(w in words for w in ("year-ago", "year-earlier", "last year", "a year ago",
                                   "a year earlier"))
    note = "quarter-ago" if ago else "quarter" if ordinal else "quarter-ref"
    anchor = context.anchor
    if stated:
        year_, number = int(stated.group()), ordinal
        note = "quarter" if ordinal else "quarter-year"
    elif anchor is None:
        return Placed(None, note=note, value=f"XXXX-Q{ordinal or 'X'}")
    elif ordinal:
        year_, number = cal.latest_quarter(ordinal, anchor)
    elif (ended := _ended(match, anchor)) is not None and not ago:
        # "the quarter ended Sept. 30": the calendar quarter holding most of its three
        # months (its middle), whatever the company's fiscal numbering.
        middle = ended - dt.timedelta(days=45)
        year_, number = middle.year, (middle.month + 2) // 3
        note = "quarter-ended"
    else:
        step = {"current": 0, "next": 1}.get(det, -1)
        step = 0 if "current" in adj else step
        note = "quarter" if step >= 0 or det == "last" else note
        year_, number = cal.quarter_of(anchor, step)
    year_ += -1 if ago else 1 if "next year's" in words else 0
    if not number:
        return Placed(None, note=note, value=f"{year_:04d}-QX")
    start = FuzzyDate(cal.quarter_start(year_, number), Precision.MONTH)
    return Placed(start, note=note, value=f"{year_:04d}-Q{number}")


def _ended(match: re.Match[str], anchor: dt.date) -> dt.date | None:
    """The date in "<quarter> ended <month> <day>[, <year>]" after the match; without a
    year, the anchor's year, or the year before if "ended" names a day still to come."""
    found = _ended_pattern().match(match.string, match.end())
    if found is None:
        return None
    month, day = tp.month_number(found["month"]), int(found["day"])
    year_ = int(found["year"]) if found["year"] else anchor.year
    try:
        date = dt.date(year_, month, day)
        if not found["year"] and date > anchor and found["verb"].lower() == "ended":
            date = dt.date(year_ - 1, month, day)
    except ValueError:
        return None
    return date


@functools.cache
def _ended_pattern() -> re.Pattern[str]:
    return re.compile(r"\s{1,2}(?:that\s{1,2})?(?P<verb>(?i:ended|ending))\s{1,2}(?P<month>"
                      + tp.month_pattern() + r")\s{0,2}(?P<day>3[01]|[12]\d|0?[1-9])\b"
                      r"(?:,?\s{1,2}(?P<year>(?:19|20)\d\d)\b)?")


def yearago(match: re.Match[str], context: Context) -> Placed | None:
    """"year-earlier results": a year before; the quarter's, in a quarterly report."""
    if context.anchor is None:
        return Placed(None, note="quarter-ago", value="XXXX")
    return Placed(None, note="quarter-ago", value=f"{context.anchor.year - 1:04d}")


def half(match: re.Match[str], context: Context) -> Placed | None:
    number = 1 if norm(match["which"]) == "first" else 2
    anchor = context.anchor
    if match["year"]:
        year_ = int(match["year"])
    elif anchor is None:
        return Placed(None, value=f"XXXX-H{number}")
    else:
        year_ = anchor.year + {"last": -1, "next": 1}.get(norm(match["rel"]), 0)
    return Placed(FuzzyDate(cal.quarter_start(year_, 2 * number - 1), Precision.MONTH),
                  note="half", value=f"{year_:04d}-H{number}")


def fiscal(match: re.Match[str], context: Context) -> Placed | None:
    if match["year"]:
        year_ = int(match["year"])
    elif FISCAL_YEAR_END.match(match.string, match.end()):
        # "the fiscal year ended Jan. 31": twelve months, a duration as "the year ended".
        return Placed(None, note="duration", timex_type="DURATION", value="P1Y")
    elif context.anchor is None:
        return Placed(None, value="XXXX")
    else:
        step = {"last": -1, "previous": -1, "past": -1, "next": 1, "coming": 1}
        year_ = context.anchor.year + step.get(norm(match["mod"]), 0)
    return Placed(FuzzyDate(cal.quarter_start(year_, 1), Precision.YEAR), value=f"{year_:04d}")


def weekof(match: re.Match[str], context: Context) -> Placed | None:
    """"the week of March 6": the ISO week holding that day."""
    month, dom = tp.month_number(match["mon"]), int(match["day"])
    if match["year"]:
        date = cal.safe_date(int(match["year"]), month, dom)
    elif context.anchor is None:
        return Placed(None, note="week", value="XXXX-WXX")
    else:
        date = cal.closest_day(month, dom, context.anchor, context.tense)
    if date is None:
        return None
    monday = date - dt.timedelta(days=date.weekday())
    return Placed(day(monday), day(monday + dt.timedelta(days=6)), "week")


def yearend(match: re.Match[str], context: Context) -> Placed | None:
    if context.anchor is None:
        return Placed(None, value="XXXX", mod="END")
    return Placed(FuzzyDate(cal.quarter_start(context.anchor.year, 1), Precision.YEAR),
                  note="end of", mod="END")


def season(match: re.Match[str], context: Context) -> Placed | None:
    mod, name = norm(match["mod"]), match["season"]
    if name.islower() and name.lower() in ("fall", "spring") and not (
            mod or match["year"] or norm(match["prep"]) in ("in", "during")):
        return None  # "prices fall", "a spring of water"
    if not (mod or match["year"] or match["prep"]):
        return None
    code = _SEASONS[name.lower()]
    part = mod.removeprefix("the ")
    year_ = season_year(code, mod, match["year"], norm(match["prep"]), context)
    value = f"{year_:04d}-{code}" if year_ is not None else f"XXXX-{code}"
    return Placed(None, note="season", value=value, mod=PART_MODS.get(part, ""))


def decade(match: re.Match[str], context: Context) -> Placed | None:
    if match["dec"]:
        value = match["dec"][:3]
    elif match["short"]:
        century = 20 if context.anchor and context.anchor.year >= 2000 + int(
            match["short"]) + 10 else 19
        value = f"{century}{match['short'][0]}"
    else:
        if not norm(match["core"]).startswith("the"):
            return None  # "in their twenties" is an age
        value = f"19{_DECADE_WORDS[match['word'].lower()]}"
    # No calendar date for the pipeline: a decade is too coarse to date an event by.
    return Placed(None, note="decade", value=value, mod=PART_MODS.get(norm(match["part"]), ""))


def century(match: re.Match[str], context: Context) -> Placed | None:
    if match["num"]:
        number = int(match["num"])
    elif match["word"]:
        number = _CENTURY_WORDS[match["word"].lower()]
    elif context.anchor is None:
        return Placed(None, value="XX")
    else:
        rel = norm(match["rel"])
        step = -1 if rel == "last" else 1 if rel == "next" else 0
        if rel.startswith("the "):
            return Placed(None, note="duration", timex_type="DURATION", value="P100Y")
        number = context.anchor.year // 100 + 1 + step
    if not 1 <= number <= 30:
        return None
    return Placed(None, note="century", value=f"{number - 1:02d}",
                  mod=PART_MODS.get(norm(match["part"]), ""))


def clock(match: re.Match[str], context: Context) -> Placed | None:
    mod = QUALIFIER_MODS.get(norm(match["approx"]).split(" ")[0], "")
    if DEADLINE.search(match.string, max(0, match.start() - DEADLINE_WINDOW), match.start()):
        context = Context(context.anchor, Tense.FUTURE)  # "until 9 a.m. Tuesday"
    date = clock_day(match["day"], context)
    prefix = date.isoformat() if date else "XXXX-XX-XX"
    placed_date = FuzzyDate(date, Precision.DAY) if date else None
    word = norm(match["word"]).replace("-", "")
    if word:
        value = {"noon": "T12:00", "midday": "T12:00", "midnight": "T24:00",
                 "midafternoon": "TAF", "midmorning": "TMO"}[word]
        mod = "MID" if word.startswith("midafternoon") or word == "midmorning" else mod
        return Placed(placed_date, timex_type="TIME", value=prefix + value, mod=mod)
    hour, minute = int(match["h"]), int(match["m"] or 0)
    ampm = match["ampm"].lower()
    if ampm.startswith("p") and hour < 12:
        hour += 12
    elif ampm.startswith("a") and hour == 12:
        hour = 0
    if hour > 24 or (ampm.startswith("o") and hour > 12):
        return None
    return Placed(placed_date, timex_type="TIME", value=f"{prefix}T{hour:02d}:{minute:02d}",
                  mod=mod)


def spelled(match: re.Match[str], context: Context) -> Placed | None:
    year_ = spelled_year(match["tens"], match["unit"], match["unit2"])
    if year_ is None:
        return None
    return Placed(FuzzyDate(cal.quarter_start(year_, 1), Precision.YEAR), value=f"{year_:04d}")


RESOLVERS = {
    "ref": ref, "set": set_, "quarter": quarter, "yearago": yearago, "half": half, "fiscal": fiscal,
    "weekof": weekof,
    "yearend": yearend, "season": season, "decade": decade, "century": century,
    "clock": clock, "spelled": spelled,
}
