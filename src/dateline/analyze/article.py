"""The analyze stage for whole articles: a pure function of the article text and date."""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import Any

from dateline.analyze import nlp
from dateline.analyze.clauses import clause_tokens, token_at
from dateline.analyze.events import is_new_date, sentence_mentions
from dateline.analyze.temporal import Tense, find_times, tense_of
from dateline.model import Analysis, Article, Entity, FuzzyDate, Precision, Sentence, TimeExpr
from dateline.settings import Settings

# spaCy's throughput is best with batches of a few dozen news articles.
BATCH_SIZE = 32
# A planned event dated this far before publication is a wrong year, not a plan: news
# announces talks weeks ahead, never a year after their date.
WRONG_YEAR_DAYS = 300
FUTURE_MODALS = frozenset({"will", "shall", "'ll", "’ll"})
FUTURE_LEADS = frozenset({"due", "set", "expected", "scheduled", "slated", "going"})
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
    body_start = len(article.title) if article.title and article.text.startswith(
        article.title) else 0
    sentences: list[Sentence] = []
    times: list[TimeExpr] = []
    mentions = []
    for sent in doc.sents:
        if not sent.text.strip():
            continue
        sentences.append(Sentence(sent.start_char, sent.end_char, sent.text))
        found = sentence_times(sent, anchor)
        times.extend(found)
        if sent.start_char >= body_start:  # a headline repeats the body, less precisely
            mentions.extend(sentence_mentions(article.id, sent, found, anchor))
    entities = tuple(Entity(e.text, e.label_, e.start_char, e.end_char) for e in doc.ents)
    return Analysis(article.id, tuple(sentences), entities, tuple(times), tuple(mentions))


def has_future_verb(clause: list[Any]) -> bool:
    """A verb form that puts the clause itself in the future ("will take place", "is due to
    meet"), as opposed to a plan adjective on one of its nouns ("before scheduled talks")."""
    words = [t.lower_ for t in clause]
    if any(t.tag_ == "MD" and t.lower_ in FUTURE_MODALS for t in clause):
        return True
    return any(a in FUTURE_LEADS and b == "to" for a, b in itertools.pairwise(words))


def clause_tense(clause: list[Any]) -> Tense:
    return tense_of([(t.text, t.tag_) for t in clause])


def sentence_times(sent: Any, anchor: dt.date | None) -> list[TimeExpr]:
    """The sentence's time expressions, each resolved with the tense of its own clause."""
    resolved: dict[Tense, list[TimeExpr]] = {}

    def resolve(tense: Tense) -> list[TimeExpr]:
        if tense not in resolved:  # the regex pass is cheap; parse-free re-runs are fine
            resolved[tense] = find_times(sent.text, anchor, tense, offset=sent.start_char)
        return resolved[tense]

    found = []
    for expr in resolve(Tense.PAST):
        token = token_at(sent, expr.start)
        tense = Tense.PAST
        if token is not None:
            clause = clause_tokens(token)
            tense = Tense.FUTURE if is_new_date(sent, expr, clause) else clause_tense(clause)
        same = [t for t in resolve(tense) if (t.start, t.end) == (expr.start, expr.end)]
        chosen = same[0] if same else expr
        if token is not None and has_future_verb(clause_tokens(token)):
            chosen = correct_year(chosen, Tense.FUTURE, anchor)
        found.append(chosen)
    return found


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
