"""The analyze stage for whole articles: a pure function of the article text and date."""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from typing import Any

from dateline.analyze import dating, nlp
from dateline.analyze.anchors import BUILTIN, Anchor, load_anchors
from dateline.analyze.clauses import clause_tokens, has_future_verb, token_at
from dateline.analyze.events import is_new_date, sentence_mentions
from dateline.analyze.temporal import Tense, find_times, tense_of
from dateline.model import (
    Analysis,
    Article,
    DateConflict,
    DateSource,
    Entity,
    FuzzyDate,
    Precision,
    PubDate,
    Sentence,
    TimeExpr,
)
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
    anchors = load_anchors(settings.anchors_file)
    pending = list(articles)
    texts = (a.text[: settings.max_analysis_chars] for a in pending)
    for article, doc in zip(pending, pipeline.pipe(texts, batch_size=BATCH_SIZE), strict=True):
        yield analyze_doc(article, doc, anchors)


def analyze_doc(article: Article, doc: Any, anchors: Sequence[Anchor] = BUILTIN) -> Analysis:
    """The analysis of one article from its parsed spaCy Doc."""
    sents = [s for s in doc.sents if s.text.strip()]
    # The dating clues cost a clause walk per match; most articles with a date never need
    # them (only a suspect printed year does), so they are gathered on first use.
    evidence = functools.cache(lambda: dating.gather([(s.text, s.start_char) for s in sents],
                                           tense_lookup(doc), anchors))
    published = None
    known = article.published.date
    if known is None:
        published = infer_published(evidence())
        known = published.date if published else None
    anchor = known.value if known else None
    body_start = len(article.title) if article.title and article.text.startswith(
        article.title) else 0
    times: list[TimeExpr] = []
    conflicts: list[DateConflict] = []
    mentions = []
    for sent in sents:
        found = []
        for printed, final in sentence_times(sent, anchor):
            final = _checked_year(final, anchor, evidence, anchors)
            if final.date != printed.date and printed.date and final.date:
                conflicts.append(DateConflict(
                    article.id, printed.text, printed.start, printed.end, printed.date.iso(),
                    final.date.iso(), (final.note, *_clues(evidence(), printed.start))))
            found.append(coarsen(final, known))
        times.extend(found)
        if sent.start_char >= body_start:  # a headline repeats the body, less precisely
            mentions.extend(sentence_mentions(article.id, sent, found, known))
    return Analysis(
        article.id, tuple(Sentence(s.start_char, s.end_char, s.text) for s in sents),
        tuple(Entity(e.text, e.label_, e.start_char, e.end_char) for e in doc.ents),
        tuple(times), tuple(mentions), published, tuple(conflicts))


def coarsen(time: TimeExpr, known: FuzzyDate | None) -> TimeExpr:
    """A time resolved against a publication date known only to the month or year is known
    no better than that ("on Sunday" in an article of "2024" is somewhere in 2024), unless
    it states its own year."""
    if known is None or known.precision is Precision.DAY or time.date is None \
            or _YEAR.search(time.text) or _rank(time.date) <= _rank(known):
        return time
    return replace(time, date=_cut(time.date, known.precision),
                   end_date=_cut(time.end_date, known.precision) if time.end_date else None)


def _rank(date: FuzzyDate) -> int:
    return {Precision.YEAR: 0, Precision.MONTH: 1, Precision.DAY: 2}[date.precision]


def _cut(date: FuzzyDate, precision: Precision) -> FuzzyDate:
    day = date.value
    value = dt.date(day.year, 1 if precision is Precision.YEAR else day.month, 1)
    return FuzzyDate(value, precision)


def infer_published(evidence: Sequence[dating.Evidence]) -> PubDate | None:
    found = dating.infer(evidence)
    if found is None:
        return None
    return PubDate(found.date, DateSource.INFERRED, "; ".join(found.evidence), found.confidence)


def _checked_year(time: TimeExpr, anchor: dt.date | None, evidence: dating.Clues,
                  anchors: Sequence[Anchor]) -> TimeExpr:
    if anchor is None or time.date is None or time.date.precision is not Precision.DAY \
            or time.note.startswith("year corrected"):
        return time
    fixed = dating.wrong_year(time.date.value, time.text, anchor, evidence, anchors)
    if fixed is None:
        return time
    shift = fixed.year - time.date.value.year
    end = time.end_date
    if end is not None:
        end = FuzzyDate(dating.shift_years(end.value, shift), end.precision)
    note = (f"year corrected from {time.date.value.year} to {fixed.year}: the article's other "
            f"clues place it in {anchor.year}")
    return replace(time, date=FuzzyDate(fixed, Precision.DAY), end_date=end, note=note)


def _clues(evidence: Sequence[dating.Evidence], skip: int) -> tuple[str, ...]:
    """The article's clues other than the printed date itself, for the conflict record."""
    return tuple(dict.fromkeys(e.text for e in evidence if e.start != skip))[:8]


def tense_lookup(doc: Any) -> dating.TenseAt:
    """The tense of the clause at a character offset of the document."""
    starts = [t.idx for t in doc]

    def tense_at(char: int) -> Tense:
        if not starts:
            return Tense.PAST
        i = max(0, bisect.bisect_right(starts, char) - 1)
        return clause_tense(clause_tokens(doc[i]))

    return tense_at


def clause_tense(clause: list[Any]) -> Tense:
    return tense_of([(t.text, t.tag_) for t in clause])


def sentence_times(sent: Any, anchor: dt.date | None) -> list[tuple[TimeExpr, TimeExpr]]:
    """The sentence's time expressions, each resolved with the tense of its own clause, as
    (as printed, as used) pairs: they differ where a future event's year was corrected."""
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
        final = chosen
        if token is not None and has_future_verb(clause_tokens(token)):
            final = correct_year(chosen, Tense.FUTURE, anchor)
        found.append((chosen, final))
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
