"""The dated sentences of an article, read for timeline summarisation (:mod:`.tls`).

Each sentence of the article gets the days it refers to, found by Dateline's own temporal
engine on its fast path (regex tagger, rough tenses, no spaCy parse: see
:func:`dateline.analyze.article.chunk_times`), so that thousands of articles are read in
minutes. Only expressions placed at day precision count: a month or a year says too little
to put a sentence on a timeline, and a week ("last week") or a range ("June 1-3") is not
one day.

Two artefacts of the tagger are corrected here for counting: a weekday set off by a comma
before a calendar date ("Friday , September 19 , 2008") names that same date, not the
weekday nearest publication; and a bare clock time ("4:25 pm") names no day of its own
(the tagger places it on the publication day), so it is not a mention. A sentence that
opens with its day and a dash or colon ("May 19 - Oil reaches the marshes .") is marked as
an entry of a chronology the article carries, with the length of that heading.
"""

from __future__ import annotations

import datetime as dt
import re

from dateline.analyze.article import Chunk, chunk_times
from dateline.analyze.light import article_sentences
from dateline.model import Precision, TimeExpr
from dateline.present.tls import DatedSentence

# Notes of day-precision expressions that are not one day: a whole week or weekend.
_NOT_ONE_DAY = frozenset({"week", "weekend"})
_WEEKDAY = re.compile(r"(?:mon|tues|wednes|thurs|fri|satur|sun)day\.?", re.IGNORECASE)
_APPOSITION = re.compile(r"\s*,\s*")
# A clock time and nothing else: digits, an am/pm mark, perhaps a zone ("3:17 pm ET").
_CLOCK = re.compile(r"(?:at\s+)?\d{1,2}(?:[:.]\d{2})?\s*(?:[ap]\.?\s?m\.?)?(?:\s+[A-Z]{2,4})?",
                    re.IGNORECASE)
# A chronology entry: nothing but bullets before the day, a dash or colon after it.
_BULLETS = re.compile(r"[\W_]*(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day\.? , )?",
                      re.IGNORECASE)
_ENTRY_MARK = re.compile(r"\s*(?:-{1,2}|–|—|:)\s")
# Tokenized corpora (Timeline17, CoNLL-style) write "May 24 , 2010"; the tagger wants the
# comma on the day. Same-length rewrite, so offsets into the original text stay valid.
_SPACED_COMMA = re.compile(r"(?:(?<=\d)|(?<=\d(?:st|nd|rd|th))) , (?=\d)")
# A tokenized wire credit opening a sentence, "Tripoli , Libya -LRB- CNN -RRB- -- ": not
# part of what happened, and words a timeline entry would not repeat.
_CREDIT = re.compile(r"(?:(?:[A-Z][\w.'’-]*|,) ){0,8}-LRB- [A-Z][\w.]*(?: [A-Z][\w.]*){0,2} "
                     r"-RRB- (?:-{1,2}|_) ")


def dated_sentences(article: str, text: str, published: dt.date) -> list[DatedSentence]:
    """Every sentence of ``text`` with the days it mentions, resolved against ``published``.

    Offsets are character offsets into ``text``; ``position`` is the sentence's index in
    the article (0 = its lead), which the selection uses to prefer leads.
    """
    readable = _SPACED_COMMA.sub(",  ", text)
    out = []
    for position, (start, sentence) in enumerate(article_sentences(readable)):
        credit = _CREDIT.match(sentence)
        if credit and credit.end() < len(sentence):
            start, sentence = start + credit.end(), sentence[credit.end():]
        times = _mentions([used for _, used in chunk_times(Chunk(start, sentence), published)],
                          readable)
        heading = _entry_heading(times, readable, start)
        out.append(DatedSentence(
            text=text[start:start + len(sentence)], article=article, start=start,
            end=start + len(sentence), published=published, position=position,
            dates=_days(times), heading=heading if heading < len(sentence) else 0))
    return out


def _mentions(times: list[TimeExpr], text: str) -> list[TimeExpr]:
    """The expressions that name a single day of their own, in order of mention."""
    days = [t for t in times
            if t.date is not None and t.date.precision is Precision.DAY
            and t.note not in _NOT_ONE_DAY and t.end_date in (None, t.date)
            and not (t.timex_type == "TIME" and _CLOCK.fullmatch(t.text))]
    return [t for t, after in zip(days, [*days[1:], None], strict=False)
            if after is None or not _WEEKDAY.fullmatch(t.text)
            or not _APPOSITION.fullmatch(text[t.end:after.start])]


def _days(times: list[TimeExpr]) -> tuple[dt.date, ...]:
    """The distinct days of ``times``, in order of mention."""
    days: list[dt.date] = []
    for time in times:
        if time.date is not None and time.date.value not in days:
            days.append(time.date.value)
    return tuple(days)


def _entry_heading(times: list[TimeExpr], text: str, start: int) -> int:
    """The length of the heading ("* May 19 - ") when the sentence at ``start`` opens with
    its first day, then a dash or colon; 0 when it is no chronology entry."""
    if not times or not _BULLETS.fullmatch(text[start:times[0].start]):
        return 0
    mark = _ENTRY_MARK.match(text, times[0].end)
    return mark.end() - start if mark else 0
