"""The analyze stage for whole articles: a pure function of the article text and date."""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import itertools
import logging
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Any

from dateline.analyze import dating, lexicon, light, nlp, participants, statements
from dateline.analyze.actors import ActorRegistry, has_name
from dateline.analyze.anchors import BUILTIN, Anchor, load_anchors
from dateline.analyze.arbitrate import with_types
from dateline.analyze.clauses import clause_tokens, has_future_verb, token_at
from dateline.analyze.enrich import enrich
from dateline.analyze.events import is_new_date, sentence_mentions
from dateline.analyze.temporal import Tense, find_times, tense_of
from dateline.model import (
    Analysis,
    Article,
    DateConflict,
    DateSource,
    Entity,
    FuzzyDate,
    Mention,
    Precision,
    PubDate,
    Sentence,
    TimeExpr,
)
from dateline.settings import Settings

log = logging.getLogger(__name__)

# Sentences parsed per spaCy batch: short single-sentence documents batch well.
PARSE_BATCH = 256
# Articles planned and parsed together, so a long stream is never all held in memory.
ARTICLE_CHUNK = 64
# A planned event dated this far before publication is a wrong year, not a plan: news
# announces talks weeks ahead, never a year after their date.
WRONG_YEAR_DAYS = 300
_YEAR = re.compile(r"\b(19|20)\d\d\b")


@dataclass(frozen=True)
class Chunk:
    """One sentence of an article: its offset and text, and its parse when it may hold an
    event (the others are read without a parser, see :mod:`dateline.analyze.light`)."""

    start: int
    text: str
    doc: Any | None = None


E021_ANALYSIS_FAILED = ("[E021] the analysis failed ({error}); the article is stored with its "
                        "text and no events; please report it with the article")


def anchor_of(article: Article) -> dt.date | None:
    date = article.published.date
    return date.value if date is not None else None


def analyze_articles(articles: Iterable[Article], settings: Settings) -> Iterator[Analysis]:
    """Sentences, entities, times and event mentions for each article, in order."""
    pipeline = nlp.load(settings.spacy_model)
    anchors = load_anchors(settings.anchors_file)
    pending = iter(articles)
    while chunk := list(itertools.islice(pending, ARTICLE_CHUNK)):
        plans = [plan(a, settings.max_analysis_chars) for a in chunk]
        texts = [text for p in plans for _, text, parse in p.sentences if parse]
        docs = iter(pipeline.pipe(texts, batch_size=PARSE_BATCH))
        for article, p in zip(chunk, plans, strict=True):
            chunks = [Chunk(start, text, next(docs) if parse else None)
                      for start, text, parse in p.sentences]
            try:
                yield analyze_chunks(article, chunks, anchors, p.notes)
            except Exception as exc:  # a bug on one odd page must not sink a whole run
                log.exception("analysis of %s failed", article.id)
                note = E021_ANALYSIS_FAILED.format(error=f"{type(exc).__name__}: {exc}")
                yield Analysis(article.id, tuple(Sentence(c.start, c.start + len(c.text),
                                                          c.text) for c in chunks),
                               (), (), (), None, (), (*p.notes, note))


@dataclass(frozen=True)
class Plan:
    sentences: list[tuple[int, str, bool]]  # (offset, text, worth parsing)
    notes: tuple[str, ...]


def plan(article: Article, max_chars: int) -> Plan:
    """The article's sentences and which of them to parse; overlong text is cut, noted."""
    text, notes = article.text, tuple[str, ...]()
    if len(text) > max_chars:
        cut = text.rfind("\n", 0, max_chars)
        text = text[: cut if cut > max_chars // 2 else max_chars]
        notes = (f"only the first {len(text):,} of {len(article.text):,} characters were "
                 f"analysed (Settings.max_analysis_chars)",)
        log.warning("article %s: %s", article.id, notes[0])
    sentences = light.article_sentences(text)
    parse = [lexicon.may_hold_event(s) or statements.may_hold_statement(s)
             or participants.may_name_participants(s) for _, s in sentences]
    for i, (_, sent) in enumerate(sentences):
        if i and parse[i] and statements.PRONOUN_SPEECH.search(sent):
            parse[i - 1] = True  # "He said ...": the person is named just before
    return Plan([(start, sent, wanted) for (start, sent), wanted in zip(sentences, parse,
                                                                        strict=True)], notes)


def analyze_chunks(article: Article, chunks: Sequence[Chunk],
                   anchors: Sequence[Anchor] = BUILTIN, notes: tuple[str, ...] = ()) -> Analysis:
    """The analysis of one article from its sentences, some of them parsed."""
    # The dating clues cost a clause walk per match; most articles with a date never need
    # them (only a suspect printed year does), so they are gathered on first use.
    evidence = functools.cache(lambda: dating.gather([(c.text, c.start) for c in chunks],
                                                     tense_lookup(chunks), anchors))
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
    mentions: list[Mention] = []
    entities: list[Entity] = []
    last_person: str | None = None  # for "he said": the last person named
    registry = ActorRegistry()  # every name first, so "Umerov" finds "Rustem Umerov"
    for chunk in chunks:
        for ent in chunk.doc.ents if chunk.doc is not None else ():
            if has_name(ent.text):
                registry.observe(ent.text, ent.label_, chunk.text)
    for chunk in chunks:
        found = []
        for printed, final in chunk_times(chunk, anchor):
            final = _checked_year(final, anchor, evidence, anchors)
            if final.date != printed.date and printed.date and final.date:
                conflicts.append(DateConflict(
                    article.id, printed.text, printed.start, printed.end, printed.date.iso(),
                    final.date.iso(), (final.note, *_clues(evidence(), printed.start))))
            found.append(coarsen(final, known))
        times.extend(found)
        if chunk.doc is None:
            continue
        entities.extend(Entity(e.text, e.label_, e.start_char + chunk.start,
                               e.end_char + chunk.start) for e in chunk.doc.ents)
        if chunk.start >= body_start:  # a headline repeats the body, less precisely
            local = [_shift(t, -chunk.start) for t in found]
            mentions.extend(_shift_mention(m, chunk.start) for m in sentence_mentions(
                article.id, chunk.doc[:], local, known, last_person, registry))
        last_person = statements.last_person(chunk.doc) or last_person
    docs = [c.doc for c in chunks if c.doc is not None]
    mentions = participants.with_participants(
        mentions, participants.mediators(docs, registry), participants.delegates(docs, registry))
    mentions = enrich(with_types(mentions), entities)
    return Analysis(
        article.id, tuple(Sentence(c.start, c.start + len(c.text), c.text) for c in chunks),
        tuple(entities), tuple(times), tuple(mentions), published, tuple(conflicts), notes)


def _shift(time: TimeExpr, by: int) -> TimeExpr:
    return replace(time, start=time.start + by, end=time.end + by)


def _shift_mention(mention: Mention, by: int) -> Mention:
    s = mention.sentence
    return replace(mention, sentence=Sentence(s.start + by, s.end + by, s.text))


def chunk_times(chunk: Chunk, anchor: dt.date | None) -> list[tuple[TimeExpr, TimeExpr]]:
    """A sentence's times at article offsets, as (as printed, as used) pairs."""
    if chunk.doc is not None:
        return [(_shift(a, chunk.start), _shift(b, chunk.start))
                for a, b in sentence_times(chunk.doc[:], anchor)]
    base = tense_of(light.rough_tags(chunk.text)) if anchor is not None else Tense.PAST
    runs = {base: find_times(chunk.text, anchor, base, chunk.start)}
    found = []
    for expr in runs[base]:
        local = expr.start - chunk.start
        tense = light.clause_tense(chunk.text, local, expr.end - chunk.start) or base
        if tense not in runs:
            runs[tense] = find_times(chunk.text, anchor, tense, chunk.start)
        same = [e for e in runs[tense] if (e.start, e.end) == (expr.start, expr.end)]
        chosen = same[0] if same else expr
        found.append((chosen, correct_year(chosen, tense, anchor)))
    return found


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


def tense_lookup(chunks: Sequence[Chunk]) -> dating.TenseAt:
    """The tense of the clause at a character offset of the article."""
    starts = [c.start for c in chunks]

    def tense_at(char: int) -> Tense:
        if not chunks:
            return Tense.PAST
        chunk = chunks[max(0, bisect.bisect_right(starts, char) - 1)]
        local = char - chunk.start
        if chunk.doc is None:
            return light.clause_tense(chunk.text, local, local + 1) or tense_of(
                light.rough_tags(chunk.text))
        doc = chunk.doc
        i = max(0, bisect.bisect_right([t.idx for t in doc], local) - 1)
        return clause_tense(clause_tokens(doc[i])) if len(doc) else Tense.PAST

    return tense_at


def clause_tense(clause: list[Any]) -> Tense:
    return tense_of([(t.text, t.tag_) for t in clause])


def sentence_times(sent: Any, anchor: dt.date | None) -> list[tuple[TimeExpr, TimeExpr]]:
    """The sentence's time expressions, each resolved with the tense of its own clause, as
    (as printed, as used) pairs: they differ where a future event's year was corrected."""
    resolved: dict[Tense, list[TimeExpr]] = {}
    text, start = sent.text, sent.start_char  # a span's text is joined anew on each read

    def resolve(tense: Tense) -> list[TimeExpr]:
        if tense not in resolved:  # the regex pass is cheap; parse-free re-runs are fine
            resolved[tense] = find_times(text, anchor, tense, offset=start)
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
