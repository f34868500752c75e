"""When was an article written? Its publication date inferred from its own words.

Every temporal clue in the text becomes a piece of :class:`Evidence` with a penalty for
each candidate publication day: explicit dates (their month and day, and separately their
year), month names, weekdays, durations and anniversaries measured from well-known anchors
(:mod:`dateline.analyze.anchors`), and terms of office. The day with the lowest total wins;
the precision reported is what the near-best days share (a day, a month, a year), so an
article that only supports "2024" is dated "2024", not a made-up day.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from dateline.analyze.anchors import TERMS, Anchor
from dateline.analyze.temporal import Tense
from dateline.model import FuzzyDate, Precision

MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
_MONTH = r"(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|" \
         r"Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
_DAY = r"(\d{1,2})(?:st|nd|rd|th)?"
MONTH_DAY = re.compile(
    rf"\b{_MONTH}\s+{_DAY}(?:\s*(?:-|–|and)\s*\d{{1,2}})?(?:,?\s+(\d{{4}}))?\b"
    rf"|\b{_DAY}(?:\s*(?:-|–|and)\s*\d{{1,2}})?\s+{_MONTH}(?:,?\s+(\d{{4}}))?\b")
MONTH_ONLY = re.compile(rf"\b(?:in|earlier in|later in|early|late|mid-?|since|until)\s+"
                        rf"{_MONTH}(?![a-z])(?!\s*\d)", re.IGNORECASE)
WEEKDAY = re.compile(r"\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")
NUMBER = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
          "eight": 8, "nine": 9, "ten": 10, "a": 1}
ORDINAL = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
           "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10}
DURATION = re.compile(
    r"\b(?P<qual>nearly|almost|more than|over|about|around|some)?\s*"
    r"(?P<num>\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|a)"
    r"(?P<half>[- ]and[- ]a[- ]half)?[- ]years?\b", re.IGNORECASE)
ANNIVERSARY = re.compile(r"\b(?P<ord>first|second|third|fourth|fifth|sixth|seventh|eighth|"
                         r"ninth|tenth)\s+anniversary\b", re.IGNORECASE)
IN_YEAR = re.compile(r"\b(?:in|of|since|during)\s+(\d{4})\b")
# Penalty scales, in penalty points per day or month of disagreement. A stated year that
# disagrees costs YEAR_MISMATCH, less than a duration from an anchor that is a year off,
# because a rewrite garbles a year more easily than "nearly four years".
DAY_WEIGHT_AGREE = 0.1
DAY_WEIGHT_AGAINST = 0.2
WEEKDAY_WEIGHT = 0.15
MONTH_WEIGHT = 0.5
YEAR_MISMATCH = 4.0
ANCHOR_MONTH_WEIGHT = 1.0
CAP = 10.0
# A stated year this far from the candidate is a historical reference, not a garbled year
# of recent news (rewrites seen in practice are off by one or two).
HISTORY_YEARS = 2
# Candidate days within this score of the best one are "as good"; what they share is the
# precision the inference can honestly claim.
TIE_MARGIN = 0.3
# A year is claimed when the near-best days fit in a year and this share lies in one
# calendar year (a window of "two and a half years since" spills over New Year by days).
YEAR_SHARE = 0.8


@dataclass(frozen=True)
class Evidence:
    text: str
    start: int  # offset in the article text; -1 for article-wide clues
    penalty: Callable[[dt.date], float]
    years: tuple[int, ...] = ()  # the years this clue points to, to choose candidates


@dataclass(frozen=True)
class Inferred:
    date: FuzzyDate
    confidence: float
    evidence: tuple[str, ...]


TenseAt = Callable[[int], Tense]


def _nearest(month: int, day: int, around: dt.date) -> dt.date | None:
    best = None
    for year in (around.year - 1, around.year, around.year + 1):
        try:
            when = dt.date(year, month, day)
        except ValueError:
            continue
        if best is None or abs((when - around).days) < abs((best - around).days):
            best = when
    return best


def _day_penalty(month: int, day: int, tense: Tense,
                 year: int | None = None) -> Callable[[dt.date], float]:
    def penalty(c: dt.date) -> float:
        if year is not None and abs(year - c.year) > HISTORY_YEARS:
            return 0.0  # "on 24 February 2022" in a later article is history, not news
        when = _nearest(month, day, c)
        if when is None:
            return CAP
        gap = (when - c).days
        against = (gap > 1 and tense is Tense.PAST) or (gap < 0 and tense is Tense.FUTURE)
        weight = DAY_WEIGHT_AGAINST if against else DAY_WEIGHT_AGREE
        return min(CAP, (1.0 if against else 0.0) + abs(gap) * weight)
    return penalty


def _year_penalty(month: int, day: int, year: int) -> Callable[[dt.date], float]:
    return lambda c: 0.0 if (w := _nearest(month, day, c)) and w.year == year else YEAR_MISMATCH


def _month_penalty(month: int, tense: Tense) -> Callable[[dt.date], float]:
    def penalty(c: dt.date) -> float:
        back = (c.month - month) % 12
        ahead = (month - c.month) % 12
        gap = ahead if tense is Tense.FUTURE else back
        # "in January", told in February, is as recent as told in January
        return min(CAP, max(0, gap - 1) * MONTH_WEIGHT)
    return penalty


def _weekday_penalty(weekday: int, tense: Tense) -> Callable[[dt.date], float]:
    def penalty(c: dt.date) -> float:
        back = (c.weekday() - weekday) % 7
        return WEEKDAY_WEIGHT * ((7 - back) % 7 if tense is Tense.FUTURE else back)
    return penalty


def _window_penalty(low: dt.date, high: dt.date) -> Callable[[dt.date], float]:
    def penalty(c: dt.date) -> float:
        outside = (low - c).days if c < low else (c - high).days if c > high else 0
        return min(CAP, outside / 30.0 * ANCHOR_MONTH_WEIGHT)
    return penalty


def _add_months(day: dt.date, months: int) -> dt.date:
    year, month = divmod(day.month - 1 + months, 12)
    return dt.date(day.year + year, month + 1, min(day.day, 28))


def _duration_window(anchor: dt.date, match: re.Match[str]) -> tuple[dt.date, dt.date]:
    years = NUMBER.get(match["num"].lower()) or int(match["num"])
    months = years * 12 + (6 if match["half"] else 0)
    expected = _add_months(anchor, months)
    qual = (match["qual"] or "").lower()
    if qual in ("nearly", "almost"):
        return _add_months(expected, -9), expected
    if qual in ("more than", "over"):
        return expected, _add_months(expected, 12)
    return _add_months(expected, -4), _add_months(expected, 4)


def _sentence_evidence(sent: str, start: int, tense_at: TenseAt,
                       anchors: Sequence[Anchor]) -> list[Evidence]:
    found: list[Evidence] = []
    for m in MONTH_DAY.finditer(sent):
        month_name, day, year = (m[1], m[2], m[3]) if m[1] else (m[5], m[4], m[6])
        month, tense = MONTHS[month_name.lower().rstrip(".")], tense_at(start + m.start())
        if not 1 <= int(day) <= 31:
            continue
        stated = int(year) if year else None
        found.append(Evidence(m[0], start + m.start(),
                              _day_penalty(month, int(day), tense, stated)))
        if year:
            found.append(Evidence(m[0], start + m.start(),
                                  _year_penalty(month, int(day), int(year)), (int(year),)))
    for m in MONTH_ONLY.finditer(sent):
        month = MONTHS[m[1].lower().rstrip(".")]
        found.append(Evidence(m[0], start + m.start(),
                              _month_penalty(month, tense_at(start + m.start()))))
    for m in WEEKDAY.finditer(sent):
        found.append(Evidence(m[0], start + m.start(), _weekday_penalty(
            WEEKDAYS[m[1].lower()], tense_at(start + m.start()))))
    for anchor in anchors:
        if anchor.cue.search(sent):
            found.extend(_anchor_evidence(anchor, sent, start, tense_at))
    return found


def _anchor_evidence(anchor: Anchor, sent: str, start: int,
                     tense_at: TenseAt) -> list[Evidence]:
    found = []
    for m in DURATION.finditer(sent):
        low, high = _duration_window(anchor.date, m)
        found.append(Evidence(f"{m[0].strip()} since {anchor.name} ({anchor.date})",
                              start + m.start(), _window_penalty(low, high),
                              tuple(range(low.year, high.year + 1))))
    for m in ANNIVERSARY.finditer(sent):
        when = _add_months(anchor.date, 12 * ORDINAL[m["ord"].lower()])
        found.append(Evidence(f"{m[0]} of {anchor.name} ({anchor.date})", start + m.start(),
                              _window_penalty(when - dt.timedelta(days=90),
                                              when + dt.timedelta(days=30)), (when.year,)))
    if not found and anchor.deadline:
        tense = tense_at(start + anchor.cue.search(sent).start())  # type: ignore[union-attr]
        if tense is not Tense.PAST:  # "the treaty is expiring": shortly before the anchor
            found.append(Evidence(f"{anchor.name} ahead ({anchor.date})", start,
                                  _window_penalty(anchor.date - dt.timedelta(days=120),
                                                  anchor.date), (anchor.date.year,)))
    return found


def gather(sentences: Sequence[tuple[str, int]], tense_at: TenseAt,
           anchors: Sequence[Anchor]) -> list[Evidence]:
    """All dating evidence of an article: sentences are (text, start offset) pairs."""
    text = " ".join(s for s, _ in sentences)
    relevant = [a for a in anchors if a.topic.search(text)]
    evidence = [e for s, start in sentences
                for e in _sentence_evidence(s, start, tense_at, relevant)]
    for pattern, _begin, _end in TERMS:
        match = pattern.search(text)
        if match:
            terms = [(b, e) for p, b, e in TERMS if p.pattern == pattern.pattern]
            evidence.append(Evidence(match[0], -1, _terms_penalty(terms)))
    return _dedupe_terms(evidence)


def _terms_penalty(terms: list[tuple[dt.date, dt.date]]) -> Callable[[dt.date], float]:
    return lambda c: min(_window_penalty(b, e)(c) for b, e in terms)


def _dedupe_terms(evidence: list[Evidence]) -> list[Evidence]:
    seen: set[tuple[str, int]] = set()
    unique = []
    for item in evidence:
        if item.start >= 0 or (item.text, item.start) not in seen:
            seen.add((item.text, item.start))
            unique.append(item)
    return unique


# Candidate years are those the clues name, one on each side; more than this many years
# of candidates means the clues disagree too much to date the article.
MAX_YEARS = 8


def total(evidence: Sequence[Evidence], day: dt.date) -> float:
    return sum(e.penalty(day) for e in evidence)


def infer(evidence: Sequence[Evidence]) -> Inferred | None:
    """The most consistent publication day and the precision the clues support."""
    years = sorted({y for e in evidence for y in e.years if 1900 <= y <= 2100})
    if not years:
        return None
    span = sorted({y + d for y in years for d in (-1, 0, 1)})
    if len(span) > MAX_YEARS:
        span = years
    days = [dt.date(y, 1, 1) + dt.timedelta(days=i) for y in span
            for i in range(366 if calendar.isleap(y) else 365)]
    scored = sorted((total(evidence, d), d) for d in days)
    best_score, best = scored[0]
    ties = [d for s, d in scored if s <= best_score + TIE_MARGIN]
    if (max(ties) - min(ties)).days <= 7:
        precision = Precision.DAY
    elif len({(d.year, d.month) for d in ties}) == 1:
        precision = Precision.MONTH
    elif (max(ties) - min(ties)).days <= 366 and sum(
            d.year == best.year for d in ties) >= YEAR_SHARE * len(ties):
        precision = Precision.YEAR
    else:
        return None
    value = best if precision is Precision.DAY else dt.date(
        best.year, best.month if precision is Precision.MONTH else 1, 1)
    confidence = _confidence(scored, best_score, best, precision)
    used = tuple(dict.fromkeys(e.text for e in evidence if e.start >= -1))[:12]
    return Inferred(FuzzyDate(value, precision), confidence, used)


def _confidence(scored: list[tuple[float, dt.date]], best_score: float, best: dt.date,
                precision: Precision) -> float:
    """How clearly the best reading beats its nearest rival outside the claimed precision:
    a margin m of penalty points gives m / (m + 1)."""
    def outside(day: dt.date) -> bool:
        if precision is Precision.DAY:
            return abs((day - best).days) > 3
        if precision is Precision.MONTH:
            return (day.year, day.month) != (best.year, best.month)
        return day.year != best.year

    rival = next((s for s, d in scored if outside(d)), best_score + CAP)
    margin = rival - best_score
    return round(margin / (margin + 1.0), 2)


def shift_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


# A printed date is suspect only if it lies more than this far from publication, while
# its month and day with the publication's year lie within NEAR_DAYS of it.
SUSPECT_DAYS = 300
NEAR_DAYS = 60
# How much better (in penalty points) the publication's year must fit the article's other
# clues than the printed year before the printed year is called wrong.
YEAR_MARGIN = 2.0


Clues = Callable[[], Sequence[Evidence]]  # the article's evidence, gathered on first call


def wrong_year(day: dt.date, stated_year: str, anchor: dt.date,
               clues: Clues, anchors: Sequence[Anchor]) -> dt.date | None:
    """The corrected date when a printed year contradicts the rest of the article, else None.

    Historical dates ("on 24 February 2022") are left alone: anchor dates themselves, and
    years the article's clues fit as well as the publication year.
    """
    if not _YEAR.search(stated_year) or abs((day - anchor).days) <= SUSPECT_DAYS:
        return None
    if any(a.date == day for a in anchors):
        return None
    fixed = _nearest(day.month, day.day, anchor)
    if fixed is None or fixed.year == day.year or abs((fixed - anchor).days) > NEAR_DAYS:
        return None
    alternative = shift_years(anchor, day.year - fixed.year)
    evidence = clues()
    if total(evidence, alternative) - total(evidence, anchor) < YEAR_MARGIN:
        return None
    return fixed


_YEAR = re.compile(r"\b(19|20)\d\d\b")
