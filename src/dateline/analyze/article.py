"""The analyze stage for whole articles: a pure function of the article text and date."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import Any

from dateline.analyze import nlp
from dateline.analyze.events import sentence_mentions
from dateline.analyze.temporal import Tense, find_times, tense_of
from dateline.model import Analysis, Article, Entity, FuzzyDate, Precision, Sentence, TimeExpr
from dateline.settings import Settings

# spaCy's throughput is best with batches of a few dozen news articles.
BATCH_SIZE = 32
# A planned event dated this far before publication is a wrong year, not a plan: news
# announces talks weeks ahead, never a year after their date.
WRONG_YEAR_DAYS = 300
_YEAR = re.compile(r"\b(19|20)\d\d\b")


def anchor_of(article: Article) -> dt.date | None:
    date = article.published.date
    return date.value if date is not None else None


def analyze_articles(articles: Iterable[Article], settings: Settings) -> Iterator[Analysis]:
    """Sentences, entities, times and event mentions for each article, in order."""
    pipeline = nlp.load(settings.spacy_model)
    pending = list(articles)
    texts = (a.text[: settings.max_analysis_chars] for a in pending)
    for article, doc in zip(pending, pipeline.pipe(texts, batch_size=BATCH_SIZE), strict=True):
        yield analyze_doc(article, doc)


def analyze_doc(article: Article, doc: Any) -> Analysis:
    """The analysis of one article from its parsed spaCy Doc."""
    anchor = anchor_of(article)
    sentences: list[Sentence] = []
    times: list[TimeExpr] = []
    mentions = []
    for sent in doc.sents:
        if not sent.text.strip():
            continue
        sentences.append(Sentence(sent.start_char, sent.end_char, sent.text))
        tense = tense_of([(t.text, t.tag_) for t in sent])
        found = [correct_year(t, tense, anchor)
                 for t in find_times(sent.text, anchor, tense, offset=sent.start_char)]
        times.extend(found)
        mentions.extend(sentence_mentions(article.id, sent, found, tense, anchor))
    entities = tuple(Entity(e.text, e.label_, e.start_char, e.end_char) for e in doc.ents)
    return Analysis(article.id, tuple(sentences), entities, tuple(times), tuple(mentions))


def correct_year(time: TimeExpr, tense: Tense, anchor: dt.date | None) -> TimeExpr:
    """An explicit year that puts a future-tense event long before publication is a typo in
    the year (a rewrite's wrong year); move it to the first such date after publication."""
    if (anchor is None or time.date is None or tense is not Tense.FUTURE
            or time.date.precision is not Precision.DAY or not _YEAR.search(time.text)):
        return time
    if (anchor - time.date.value).days < WRONG_YEAR_DAYS:
        return time
    shift = _years_to_future(time.date.value, anchor)
    fixed = FuzzyDate(_add_years(time.date.value, shift), time.date.precision)
    end = time.end_date
    if end is not None:
        end = FuzzyDate(_add_years(end.value, shift), end.precision)
    note = (f"year corrected from {time.date.value.year} to {fixed.value.year}: "
            f"a future event cannot precede the publication date {anchor.isoformat()}")
    return replace(time, date=fixed, end_date=end, relation="future", note=note)


def _years_to_future(date: dt.date, anchor: dt.date) -> int:
    shift = anchor.year - date.year
    if _add_years(date, shift) < anchor:
        shift += 1
    return shift


def _add_years(date: dt.date, years: int) -> dt.date:
    try:
        return date.replace(year=date.year + years)
    except ValueError:  # 29 February in a year without it
        return date.replace(year=date.year + years, day=28)
