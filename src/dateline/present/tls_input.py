"""The dated sentences of an article, read for timeline summarisation (:mod:`.tls`).

Each sentence of the article gets the days it refers to, found by Dateline's own temporal
engine on its fast path (regex tagger, rough tenses, no spaCy parse: see
:func:`dateline.analyze.article.chunk_times`), so that thousands of articles are read in
minutes. Only expressions placed at day precision count: a month or a year says too little
to put a sentence on a timeline, and a week ("last week") or a range ("June 1-3") is not
one day.
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
# Tokenized corpora (Timeline17, CoNLL-style) write "May 24 , 2010"; the tagger wants the
# comma on the day. Same-length rewrite, so offsets into the original text stay valid.
_SPACED_COMMA = re.compile(r"(?<=\d) , (?=\d)")
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
        times = [used for _, used in chunk_times(Chunk(start, sentence), published)]
        out.append(DatedSentence(
            text=text[start:start + len(sentence)], article=article, start=start,
            end=start + len(sentence), published=published, position=position,
            dates=_days(times)))
    return out


def _days(times: list[TimeExpr]) -> tuple[dt.date, ...]:
    """The distinct single days among ``times``, in order of mention."""
    days: list[dt.date] = []
    for time in times:
        if (time.date is None or time.date.precision is not Precision.DAY
                or time.note in _NOT_ONE_DAY
                or (time.end_date is not None and time.end_date != time.date)):
            continue
        if time.date.value not in days:
            days.append(time.date.value)
    return tuple(days)
