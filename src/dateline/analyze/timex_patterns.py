"""The vocabulary and regular expressions behind :mod:`dateline.analyze.temporal`.

Every pattern is built from bounded pieces (``\\s{1,2}``, fixed word lists, no nested
repetition), so matching stays linear in the length of the text. Patterns are compiled on
first use by :func:`rules`, never at import.
"""

from __future__ import annotations

import functools
import re

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11,
    "nov": 11, "december": 12, "dec": 12,
}
WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6,
}
# None marks a vague count ("several days"): an expression, but not a calendar offset.
NUMBER_WORDS: dict[str, float | None] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "a hundred": 100,
    "a couple of": 2, "a couple": 2, "a dozen": 12, "a few": None, "few": None,
    "several": None, "many": None,
}
_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_UNITS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
HALF = re.compile(r"(?:[- ]and[- ]a[- ]half|\s?½|\s1/2)$", re.IGNORECASE)
RELDAY_OFFSETS = {
    "today": 0, "tonight": 0, "earlier today": 0, "later today": 0, "this morning": 0,
    "this afternoon": 0, "this evening": 0, "yesterday": -1, "last night": -1,
    "tomorrow": 1, "the day before yesterday": -2, "the day after tomorrow": 2,
}
# "to May", "and May", "by May", "the May government" name Theresa May as often as the
# month. Before the other months "the", "a" and "for" make a month: "the October
# slaying", "a June agreement", "figures for January" (6 of 6 in TimeBank + AQUAINT).
WEAK_MAY_PREPS = frozenset({"of", "to", "and", "from", "between", "by", "around", "for", "the",
                            "a", "an"})

# Words after a number that make it a count, not a day or a year: "February 4 and 25
# people", "a total of 1950 soldiers". Taken from casualty reports, where the clash is common.
_COUNT_NOUNS = (
    r"people|persons|others|more|soldiers|troops|civilians|children|women|men|residents|"
    r"members|officers|police|policemen|fighters|militants|rebels|workers|migrants|"
    r"refugees|prisoners|hostages|homes|houses|buildings|votes|cases|deaths|dead|"
    r"km|kilometres|kilometers|miles|dollars|euros|pounds|tonnes|tons|"
    r"times|percent|per\s+cent"
)
# "25 killed" is a count too, but right after its month a day stays a date before a
# participle: "the blasts on Aug. 7 killed 258 people" (2 of 2 in TimeBank + AQUAINT).
_COUNTED_PARTICIPLES = r"killed|injured|wounded"
_NOT_COUNT = r"(?!\s{1,2}(?i:" + _COUNT_NOUNS + "|" + _COUNTED_PARTICIPLES + r")\b|\s?%)"
_NOT_COUNT_AFTER_MONTH = r"(?!\s{1,2}(?i:" + _COUNT_NOUNS + r")\b|\s?%)"


def _cased(words: list[str]) -> str:
    """Title and upper case only: lower-case "march" and "may" are verbs, not months."""
    forms = [f for w in words for f in (w.title(), w.upper())]
    return "|".join(sorted(forms, key=len, reverse=True))


def _month() -> str:
    full = [w for w in MONTHS if len(w) > 4 or w in ("may", "june", "july")]
    short = [w for w in MONTHS if w not in full]
    return r"(?:(?:" + _cased(full) + r")\b|(?:" + _cased(short) + r")(?:\.|\b))"


def _number() -> str:
    compound = r"(?:" + "|".join(_TENS) + r")[- ](?:" + "|".join(_UNITS) + r")\b"
    words = sorted((re.escape(w).replace(r"\ ", r"\s") for w in NUMBER_WORDS),
                   key=len, reverse=True)
    return (r"(?i:(?:\d{1,3}(?:\.\d{1,2}|\s?½|\s1/2)?|" + compound + "|" + "|".join(words)
            + r")(?:[- ]and[- ]a[- ]half)?)")


_DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?\b(?![:.,]\d)" + _NOT_COUNT
_MONTH_DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?\b(?![:.,]\d)" + _NOT_COUNT_AFTER_MONTH
_YEAR = r"(?:19\d\d|20\d\d|2100)\b(?![.,/]\d|-\d\d?-\d)" + _NOT_COUNT
_PART = (r"(?P<part>(?i:early|mid|late)[- ]\s?"
         r"|(?i:(?:the\s)?(?:end|beginning|start|middle)\s{1,2}of)\s{1,2})")
_UNIT = r"(?i:hours?|days?|weeks?|months?|years?|decades?|minutes?|quarters?|centuries|century)\b"


def _calendar_sources() -> dict[str, str]:
    """Dates named by the calendar: "February 15, 2026", "in January", "since 2024"."""
    m, day, year, part = _month(), _DAY, _YEAR, _PART
    sep = r"\s{0,2}(?:-|–|—|to\b|and\b|&|through\b|until\b|till\b)\s{0,2}"
    of = r"(?:of\s{1,2})?"
    trail = r"(?:,?\s{1,2}(?:of\s)?(?P<year>" + year + r"))?"
    return {
        "iso": r"\b(?P<year>19\d\d|20\d\d)-(?P<mon>0[1-9]|1[0-2])-(?P<day>0[1-9]|[12]\d|3[01])"
               r"(?!\d)",
        "numeric": r"\b(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<year>" + year + ")",
        "mdy_range": r"\b(?P<mon>" + m + r")\s{0,2}(?P<day>" + day + ")" + sep
                     + r"(?:(?P<mon2>" + m + r")\s{0,2})?(?P<day2>" + day + ")" + trail,
        "mdy": r"\b(?:" + _weekday() + r",?\s{1,2})?(?P<mon>" + m + r")\s{0,2}(?P<day>"
               + _MONTH_DAY + ")" + trail,
        "dmy_range": r"\b(?P<day>" + day + r")(?:\s{1,2}" + of + r"(?P<mon>" + m + "))?" + sep
                     + r"(?P<day2>" + day + r")\s{1,2}" + of + r"(?P<mon2>" + m + ")" + trail,
        "dmy": r"\b(?P<day>" + day + r")\s{1,2}" + of + r"(?P<mon>" + m + ")" + trail,
        "month_year": r"\b" + part + r"?(?P<mon>" + m + r"),?\s{1,2}(?:of\s)?(?P<year>"
                      + year + ")",
        "month_rel": r"\b" + part + r"?(?P<mon>" + m + r")\s{1,2}(?P<rel>(?i:this|last|next))"
                     r"\s{1,2}(?i:year)\b",
        "month": r"\b(?:(?P<prep>(?i:in|since|until|till|by|during|from|through|throughout|"
                 r"before|after|of|to|between|and|around|for|(?:the|a|an)(?=\s{1,2}(?-i:[A-Z]))))\s{1,2})?(?P<core>(?:(?P<mod>"
                 r"(?i:earlier\s+in|later\s+in|early\s+in|late\s+in|last|next|this|early|mid|"
                 r"late|(?:the\s)?(?:end|beginning|start|middle)\s{1,2}of))[- ]\s?)?(?P<mon>"
                 + m + r"))(?P<poss>'s|’s)?",
        "year": r"\b(?:(?P<prep>(?i:in|since|by|of|until|till|before|after|during|from|"
                r"through|throughout|to|between|and|around|circa|as\s+of))\s{1,2})?(?P<core>"
                + part + r"?(?<![/\d]/)(?P<year>" + year + r")(?:\s{0,2}(?:-|–|—|to\b)\s{0,2}"
                r"(?P<year2>19\d\d|20\d\d|\d\d)\b(?![.,/-]\d))?)",
    }


def month_pattern() -> str:
    """A month name or abbreviation, title or upper case."""
    return _month()


def weekday_pattern() -> str:
    return _weekday()


def _weekday() -> str:
    return r"(?:" + _cased(list(WEEKDAYS)) + r")\b"


_DAY_PART = r"(?i:morning|afternoon|evening|night)\b"
# Words before a duration that bound or blur it: kept in the span, read as its mod.
_APPROX = (r"(?i:nearly|almost|about|around|some|roughly|approximately|more\s+than|"
           r"less\s+than|no\s+more\s+than|under|at\s+least|up\s+to|fully|another|"
           r"an\s+additional)")


def _relative_sources() -> dict[str, str]:
    """Times named from the publication date or as spans: "last Friday", "two days ago"."""
    num, unit, part, wday = _number(), _UNIT, _PART, _weekday()
    return {
        "relday": r"(?i:\b(?P<core>(?:(?P<edge>earlier|later|early|late)\s{1,2})?(?P<word>"
                  r"the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow"
                  r"|today|tonight|overnight|yesterday|tomorrow"
                  r"|last\s+night|this\s+(?:morning|afternoon|evening))"
                  r"(?:\s{1,2}(?P<part>morning|afternoon|evening|night))?)\b)",
        "weekday": r"\b(?:(?P<prep>(?i:on|by|until|till|since|from|before|after))\s{1,2})?"
                   r"(?P<core>(?:(?P<mod>(?i:last|next|this\s+past|this\s+coming|this|past|"
                   r"coming|early|late|the\s+previous|previous))\s{1,2})?(?P<wd>"
                   + wday + r")(?:\s{1,2}(?P<part>" + _DAY_PART + r"))?)",
        "relunit": r"\b(?:(?i:over|at|during|on|by|for|since|until|in)\s{1,2})?(?P<core>"
                   + part + r"?(?P<mod>(?i:earlier\s+this|later\s+this|early\s+this|"
                   r"late\s+this|this\s+past|this\s+coming|earlier\s+that|later\s+that|last|"
                   r"this|next|the\s+same|that\s+same|that|the))\s{1,2}(?P<unit>(?i:weekend|"
                   r"week|month|year|day))\b)"
                   r"(?![-‐]\w)",
        "rolling": r"\b(?P<core>(?P<the>(?i:the)\s{1,2})?(?P<dir>(?i:past|last|previous|next|"
                   r"coming|following|preceding|recent))\s{1,2}(?:(?P<num>" + num
                   + r")\s{1,2})?(?P<unit>" + unit + "))",
        # After a preposition an approximator stays out of the span, as in TimeBank: "for
        # about two weeks" tags "two weeks"; so do "about", "some" and the like anywhere
        # but before "ago" (5 of 6 in TimeBank + AQUAINT), while "nearly" and "almost"
        # stay in ("nearly two years"); a determiner never goes with a hyphenated
        # adjective: "the two-week strike" tags "two-week". "later" is a TimeML signal
        # outside the span ("three days later" tags "three days", 4 of 4 as above).
        "duration": r"\b(?<!per\s)(?:(?P<prep>(?i:for|after|within|during|over|in))\s{1,2}"
                    r"(?:(?i:about|nearly|almost|around|roughly|approximately|some|just|only)"
                    r"\s{1,2})?)?"
                    r"(?:(?i:about|around|roughly|approximately|some)\s{1,2}"
                    r"(?![^.;]{0,40}?\b(?i:ago)\b))?"
                    r"(?P<core>(?P<det>(?i:the|its|their)\s{1,2}(?:(?i:first|final|entire|full|"
                    r"whole|same|latest|initial|early|last)\s{1,2})?(?!\S{1,20}-(?i:hour|day|"
                    r"week|month|year|decade|minute)\b))?"
                    r"(?:(?P<approx>" + _APPROX + r")\s{1,2})?(?:(?P<num>" + num
                    + r")(?:\s{1,2}|-(?=(?i:hour|day|week|month|year|decade|minute)\b)))?"
                    r"(?P<unit>" + unit + r")(?!-old|-[a-z]{1,10}-old|\s{1,2}old\b)"
                    r"(?P<half>\s{1,2}(?i:and\s{1,2}a\s{1,2}half)\b)?"
                    r"(?:\s{1,2}(?i:or\s+so)\b)?(?:\s{1,2}(?P<rel>(?i:ago|earlier)\b))?)"
                    r"(?:\s{1,2}(?P<after>(?i:later|afterwards?)\b))?",
    }


_MONTH_KEYS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov",
               "dec")
_UNIT_KEYS = ("hour", "day", "week", "month", "year", "decade", "minute", "quarter", "centur")
# Lower-case substrings one of which a text must hold for a rule to be tried at all
# ("#digit": any digit). A cheap filter before the full patterns: it doubles the speed
# of find_times on news, where most sentences hold no time expression.
TRIGGERS: dict[str, tuple[str, ...]] = {
    "iso": ("#digit",), "numeric": ("#digit",), "mdy_range": _MONTH_KEYS, "mdy": _MONTH_KEYS,
    "dmy_range": _MONTH_KEYS, "dmy": _MONTH_KEYS, "month_year": _MONTH_KEYS,
    "month_rel": _MONTH_KEYS, "month": _MONTH_KEYS, "year": ("#digit",),
    "relday": ("today", "tonight", "overnight", "yesterday", "tomorrow", "night", "morning",
               "afternoon", "evening"),
    "weekday": ("day",), "relunit": ("week", "month", "year", "day"), "rolling": _UNIT_KEYS,
    "duration": _UNIT_KEYS,
    "ref": ("now", "current", "recent", "past", "future", "term", "days", "present",
            "lately"),
    "set": ("daily", "nightly", "weekly", "monthly", "annually", "yearly", "hourly", "every",
            "each"),
    "quarter": ("quarter", "period"), "yearago": ("year-",), "half": ("half",),
    "fiscal": ("fiscal", "full"),
    "weekof": ("week of",), "yearend": ("end",),
    "season": ("spring", "summer", "fall", "autumn", "winter"),
    "decade": ("0s", "0's", "ties"), "century": ("century",),
    "clock": ("m.", "am", "pm", "noon", "midnight", "midday", "o'clock", "mid"),
    "spelled": ("nineteen", "thousand"),
    "holiday": ("new year", "valentine", "independence", "fourth of", "halloween", "veterans",
                "christmas", "boxing", "thanksgiving", "king", "presidents", "memorial",
                "mother", "father", "labor", "columbus", "easter", "good friday", "palm",
                "ash", "holy", "election"),
}


@functools.cache
def rules() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """(name, pattern) pairs; on equal spans the earlier rule wins."""
    from dateline.analyze import timex_extra, timex_holidays

    sources = (_calendar_sources() | _relative_sources() | timex_extra.sources()
               | timex_holidays.sources())
    return tuple((name, re.compile(src)) for name, src in sources.items())


def month_number(text: str) -> int:
    return MONTHS[text.rstrip(".").lower()]


def weekday_number(text: str) -> int:
    return WEEKDAYS[text.lower()]


def number_value(text: str) -> float | None:
    """The value of "3", "two", "twenty-five", "two-and-a-half"; None for vague counts."""
    text = " ".join(text.lower().split())
    half = 0.5 if HALF.search(text) else 0.0
    text = HALF.sub("", text)
    tens, _, unit = text.replace(" ", "-").partition("-")
    if tens in _TENS and unit in _UNITS:
        return _TENS.index(tens) * 10 + 20 + _UNITS.index(unit) + 1 + half
    if text in NUMBER_WORDS:
        value = NUMBER_WORDS[text]
        return None if value is None else value + half
    return float(text) + half
