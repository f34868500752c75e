"""An article's publication date, always with the source and the string it came from.

Sources are tried in order of trust: the page metadata (or the input's ``published``
field), a date in the URL, a wire dateline or "Published:" line at the top of the text,
and the user's ``--published``. A date is never invented: with none of these the result
is ``PubDate(None, DateSource.UNKNOWN)``, never today.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from email.utils import parsedate_tz
from urllib.parse import urlsplit

from dateline.model import DateSource, FuzzyDate, Precision, PubDate

# Dates outside these years are CMS placeholders (0001-01-01, 9999-12-31) or typos; the
# floor still leaves room for archive material from the last century.
MIN_YEAR = 1900
MAX_YEAR = 2100
# URLs are full of digit runs (article ids, image sizes); only years in the era of news
# on the web are taken as dates there, so that an id like /19761203/ is not a date.
URL_MIN_YEAR = 1990
URL_MAX_YEAR = 2100
# Unix time zero is what a CMS writes when its date field was empty, not a real date.
EPOCH_PLACEHOLDER = dt.date(1970, 1, 1)
# The longest date field seen in practice ("Wednesday, September 15, 2026 at 10:30 a.m.
# EDT") is under 50 characters; anything much longer is a sentence, not a date.
MAX_DATE_STRING_CHARS = 80
# Datelines and "Published:" lines sit right under the headline; 300 characters cover a
# long headline plus the dateline, and looking further would pick up dates of events.
DATELINE_WINDOW = 300

_MONTH_NUMBERS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_MONTH = (
    r"(?i:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?(?![A-Za-z])"
)
_DAY = r"(?P<day>[0-3]?\d)(?i:st|nd|rd|th)?(?!\d)"
_YEAR = r"(?P<year>\d{4})(?!\d)"
_MONTH_DATES = (
    rf"(?P<month>{_MONTH})\s*{_DAY}(?:(?:,\s*|\s+){_YEAR})?",  # Feb 15, 2026
    rf"{_DAY}\s+(?i:of\s+)?(?P<month>{_MONTH}),?(?:\s+{_YEAR})?",  # 15 February 2026
    rf"(?P<month>{_MONTH}),?\s+{_YEAR}",  # February 2026
)
_WEEKDAY = r"(?:(?i:mon|tue|wed|thu|fri|sat|sun)[A-Za-z]*\.?,?\s+)?"
_TIME = (
    r"(?:(?:,\s*|\s+)(?i:at\s+)?\d{1,2}(?:[:.]\d{2}){0,2}\s*(?i:[ap]\.?m\.?)?"
    r"(?:\s*(?:[A-Za-z]{1,5}|[+-]\d{2}:?\d{2}))?)?"
)
_MONTH_DATE_PARTS = tuple(re.compile(p) for p in _MONTH_DATES)
_MONTH_DATE_FULL = tuple(re.compile(rf"{_WEEKDAY}{p}{_TIME}") for p in _MONTH_DATES)
_ANY_MONTH = re.compile(_MONTH)

_ISO_TIME = r"(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:[Zz]|UTC|GMT|[+-]\d{2}:?\d{2})?)?"
_ISO = re.compile(
    rf"(?P<year>\d{{4}})(?:(?P<sep>[-/])(?P<month>\d{{1,2}})(?:(?P=sep)(?P<day>\d{{1,2}}))?)?"
    rf"{_ISO_TIME}"
)
_ISO_COMPACT = re.compile(
    r"(?P<year>\d{4})(?P<month>\d{2})(?P<day>\d{2})(?:T\d{2}:?\d{2}(?::?\d{2})?(?:Z|[+-]\d{2}:?\d{2})?)?"
)

# A URL date must fill whole path segments (or slug pieces), so digits inside ids do not.
_URL_END = r"(?=[/_.-]|$)"
_URL_DATES = (
    (
        re.compile(
            rf"(?<=[/_-])(?P<year>\d{{4}})(?P<sep>[/_-])(?P<month>\d{{1,2}})"
            rf"(?P=sep)(?P<day>\d{{1,2}}){_URL_END}"
        ),
        Precision.DAY,
    ),
    (
        re.compile(
            rf"(?<=/)(?P<year>\d{{4}})/(?P<month>[A-Za-z]{{3,9}})/(?P<day>\d{{1,2}}){_URL_END}"
        ),
        Precision.DAY,
    ),
    (
        re.compile(rf"(?<=[/_-])(?P<year>\d{{4}})(?P<month>\d{{2}})(?P<day>\d{{2}}){_URL_END}"),
        Precision.DAY,
    ),
    (re.compile(r"(?<=/)(?P<year>\d{4})/(?P<month>\d{1,2})(?=/|$)"), Precision.MONTH),
)

_DATE_TEXT = (
    rf"(?:{_MONTH}\s*[0-3]?\d(?i:st|nd|rd|th)?(?!\d)(?:(?:,\s*|\s+)\d{{4}}(?!\d))?"
    rf"|[0-3]?\d(?i:st|nd|rd|th)?\s+{_MONTH},?(?:\s+\d{{4}}(?!\d))?)"
)
_DASH = r"(?:--|[-–—])"
_AGENCY = r"(?:\(\s*[^()\n]{1,40}\)\s*)?"
# "KYIV, Feb 15 (Reuters) -", "MOSCOW, February 15, 2026 (AP) —", "KYIV, Ukraine, ...":
# a capitalised place, then the date, then an optional agency and the dash.
_WIRE_DATELINE = re.compile(
    rf"(?P<place>[A-Z][^\n,()]{{0,40}}(?:,\s*[A-Z][^\n,()]{{0,30}}){{0,2}}),\s*"
    rf"(?P<date>{_DATE_TEXT})\s*{_AGENCY}{_DASH}"
)
_DATE_LED = re.compile(rf"(?P<date>{_DATE_TEXT})\s*{_AGENCY}{_DASH}")
_PUBLISHED_PREFIX = re.compile(
    r"(?i:(?:first\s+)?published|posted|(?:last\s+)?updated|date)(?i:\s+on)?\s*[:\-–—]?\s*"
)
_FIELD_SEPARATOR = re.compile(r"\s*[|•·]\s*")


@dataclass(frozen=True)
class _Found:
    date: FuzzyDate
    source: DateSource
    evidence: str


def date_from_string(value: str) -> FuzzyDate | None:
    """The date written in a metadata-like string, or None when it is not one.

    Reads ISO 8601 (``2026-02-15``, ``2026-02-15T09:30:00Z``, ``2026-02``, ``2026``),
    month names (``Feb 15, 2026``, ``15 February 2026``, ``February 2026``) and RFC 2822
    (``Sun, 15 Feb 2026 10:00:00 GMT``). The calendar date is taken as written, without
    converting time zones: the publisher's local day is the one its text refers to.
    Numeric day/month orders (``02/15/2026``) are ambiguous and not read.
    """
    text = " ".join(value.split())
    if not text or len(text) > MAX_DATE_STRING_CHARS:
        return None
    for parse in (_iso_date, _month_name_date, _rfc2822_date):
        found = parse(text)
        if found is not None:
            return found if _plausible(found, MIN_YEAR, MAX_YEAR) else None
    return None


def date_from_url(url: str) -> FuzzyDate | None:
    """The date in a URL path: /2026/02/15/, /2026-02-15-slug, /20260215/, /2026/feb/15/,
    or /2026/02/ (month precision). Years outside 1990-2100 are ignored."""
    try:
        path = urlsplit(url).path
    except ValueError:  # malformed netloc such as "http://[::1"
        path = url
    for pattern, precision in _URL_DATES:
        for match in pattern.finditer(path):
            month = _month_value(match.group("month"))
            day = int(match.group("day")) if precision is Precision.DAY else None
            if month is None:
                continue
            found = _make_date(int(match.group("year")), month, day)
            if found is not None and _plausible(found, URL_MIN_YEAR, URL_MAX_YEAR):
                return found
    return None


def date_from_dateline(text: str, reference: dt.date | None = None) -> tuple[FuzzyDate, str] | None:
    """The date of a dateline at the top of an article, with the dateline as evidence.

    Reads wire datelines ("KYIV, Feb 15 (Reuters) -", "MOSCOW, February 15, 2026 (AP) —"),
    date-led lines ("Feb. 15, 2026 —") and lines that hold only a date, optionally after
    "Published:" or "Updated:". Only lines starting in the first ``DATELINE_WINDOW``
    characters are read. A date without a year is placed in the year that puts it closest
    to ``reference``, and is not read at all when no reference is given.
    """
    offset = 0
    for line in text.split("\n"):
        if offset >= DATELINE_WINDOW:
            break
        offset += len(line) + 1
        found = _line_dateline(line.strip(), reference)
        if found is not None:
            return found
    return None


def resolve_pubdate(
    *, metadata: str | None, url: str | None, text: str, user: str | None
) -> PubDate:
    """The publication date from the most trusted source that has one.

    Precedence: metadata > URL > dateline > user's ``--published`` > unknown. A less
    trusted source is used instead only when it is more precise and agrees with the
    trusted one (metadata "2026-02" and URL /2026/02/15/ give 2026-02-15 from the URL).
    """
    ranked: list[_Found] = []
    if metadata and (found := date_from_string(metadata)) is not None:
        ranked.append(_Found(found, DateSource.METADATA, metadata.strip()))
    if url and (found := date_from_url(url)) is not None:
        ranked.append(_Found(found, DateSource.URL, url.strip()))
    user_date = date_from_string(user) if user else None
    # A yearless dateline ("KYIV, Feb 15 (Reuters)") takes its year from whatever date is
    # already known; without one it is better left unread than guessed.
    known = _refine(ranked).date if ranked else user_date
    reference = _middle(known) if known is not None else None
    dateline = date_from_dateline(text, reference=reference)
    if dateline is not None:
        ranked.append(_Found(dateline[0], DateSource.DATELINE, dateline[1]))
    if user and user_date is not None:
        ranked.append(_Found(user_date, DateSource.USER, user.strip()))
    if not ranked:
        return PubDate(None, DateSource.UNKNOWN)
    best = _refine(ranked)
    return PubDate(best.date, best.source, best.evidence)


def _iso_date(text: str) -> FuzzyDate | None:
    match = _ISO.fullmatch(text) or _ISO_COMPACT.fullmatch(text)
    if match is None:
        return None
    parts = match.groupdict()
    month = int(parts["month"]) if parts["month"] else None
    day = int(parts["day"]) if parts["day"] else None
    return _make_date(int(parts["year"]), month, day)


def _month_name_date(text: str) -> FuzzyDate | None:
    for pattern in _MONTH_DATE_FULL:
        match = pattern.fullmatch(text)
        if match is not None:
            parts = match.groupdict()
            if not parts.get("year"):
                return None  # a year cannot be guessed here without a reference
            day = parts.get("day")
            return _make_date(
                int(parts["year"]),
                _MONTH_NUMBERS[parts["month"][:3].lower()],
                int(day) if day else None,
            )
    return None


def _rfc2822_date(text: str) -> FuzzyDate | None:
    # email.utils guesses freely from any run of numbers; a month name keeps it honest.
    if _ANY_MONTH.search(text) is None or not any(c.isdigit() for c in text):
        return None
    try:
        parsed = parsedate_tz(text)
    except (ValueError, IndexError, TypeError, OverflowError):
        return None
    if parsed is None:
        return None
    return _make_date(parsed[0], parsed[1], parsed[2])


def _month_value(text: str) -> int | None:
    if text.isdigit():
        return int(text)
    if _ANY_MONTH.fullmatch(text) is None:
        return None
    return _MONTH_NUMBERS[text[:3].lower()]


def _make_date(year: int, month: int | None, day: int | None) -> FuzzyDate | None:
    try:
        if month is None:
            return FuzzyDate(dt.date(year, 1, 1), Precision.YEAR)
        if day is None:
            return FuzzyDate(dt.date(year, month, 1), Precision.MONTH)
        return FuzzyDate(dt.date(year, month, day), Precision.DAY)
    except (ValueError, OverflowError):
        return None


def _plausible(found: FuzzyDate, first_year: int, last_year: int) -> bool:
    if found.precision is Precision.DAY and found.value == EPOCH_PLACEHOLDER:
        return False
    return first_year <= found.value.year <= last_year


def _line_dateline(line: str, reference: dt.date | None) -> tuple[FuzzyDate, str] | None:
    """The dateline date of one line, if the line starts with a dateline or is a date."""
    for pattern in (_WIRE_DATELINE, _DATE_LED):
        match = pattern.match(line)
        if match is not None:
            found = _date_with_reference(match.group("date"), reference)
            if found is not None:
                return found, match.group(0).strip()
    if len(line) > MAX_DATE_STRING_CHARS:
        return None
    prefix = _PUBLISHED_PREFIX.match(line)
    rest = line[prefix.end() :] if prefix else line
    candidate = _FIELD_SEPARATOR.split(rest, maxsplit=1)[0]
    found = _date_with_reference(candidate, reference)
    # A bare year on a line of its own is more likely a heading ("1991") than a dateline.
    if found is None or (prefix is None and found.precision is Precision.YEAR):
        return None
    return found, line


def _date_with_reference(text: str, reference: dt.date | None) -> FuzzyDate | None:
    found = date_from_string(text)
    if found is not None or reference is None:
        return found
    for pattern in _MONTH_DATE_FULL[:2]:  # the month-and-day forms
        match = pattern.fullmatch(" ".join(text.split()))
        if match is not None and not match.group("year"):
            month = _MONTH_NUMBERS[match.group("month")[:3].lower()]
            return _closest_year(month, int(match.group("day")), reference)
    return None


def _closest_year(month: int, day: int, reference: dt.date) -> FuzzyDate | None:
    """The day-and-month placed in the year that brings it closest to the reference."""
    candidates: list[dt.date] = []
    for year in (reference.year - 1, reference.year, reference.year + 1):
        try:
            candidates.append(dt.date(year, month, day))
        except ValueError:  # Feb 29 outside leap years, or "Feb 31"
            continue
    if not candidates:
        return None
    best = min(candidates, key=lambda d: abs((d - reference).days))
    found = FuzzyDate(best, Precision.DAY)
    return found if _plausible(found, MIN_YEAR, MAX_YEAR) else None


def _middle(found: FuzzyDate) -> dt.date:
    """The middle of a date's period, so a yearless day is placed inside a known year."""
    if found.precision is Precision.YEAR:
        return dt.date(found.value.year, 7, 2)
    if found.precision is Precision.MONTH:
        return dt.date(found.value.year, found.value.month, 15)
    return found.value


_PRECISION_RANK = {Precision.YEAR: 0, Precision.MONTH: 1, Precision.DAY: 2}


def _refine(ranked: list[_Found]) -> _Found:
    """The most trusted date, made more precise by less trusted ones that agree with it."""
    best = ranked[0]
    for candidate in ranked[1:]:
        finer = _PRECISION_RANK[candidate.date.precision] > _PRECISION_RANK[best.date.precision]
        if finer and _within(candidate.date, best.date):
            best = candidate
    return best


def _within(fine: FuzzyDate, coarse: FuzzyDate) -> bool:
    if fine.value.year != coarse.value.year:
        return False
    return coarse.precision is Precision.YEAR or fine.value.month == coarse.value.month
