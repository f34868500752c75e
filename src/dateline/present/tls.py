"""Timeline summarisation: the l most important days of a story, k sentences for each.

A pure function of dated sentences (see :mod:`.tls_input` for reading them from text), in
two flavours that share their parts:

- :func:`summarise`, Dateline's method. A day is important when many *articles* mention
  it, above all articles written afterwards (a day still cited weeks later mattered), and
  when many articles appear on it or the next day (news breaks in a burst). Each chosen
  day's summary is picked from the sentences that mention that day and the undated lead
  sentences published on it or the next day: the sentences closest to the centroid of
  that pool (TF-IDF cosine), with maximal marginal relevance so that two wordings of one
  fact are not both taken. An entry of a chronology an article carries ("May 19 - ...")
  counts more for its day, and is shown without its date heading.
- :func:`datewise`, the DATEWISE-style baseline of Ghalandari and Ifrim (2020) without its
  supervised date ranker: days ranked by how many sentences mention them, the same
  candidate pool, and greedy summary-to-centroid optimisation (their CentroidOpt).

Both return at most ``n_days`` days (the l of the TLS literature), each with at most
``per_day`` sentences (k), every sentence keeping its article id and character offsets.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from dateline import errors

__all__ = ["DatedSentence", "TimelineDay", "TlsSettings", "datewise", "rank_days", "summarise"]


@dataclass(frozen=True)
class DatedSentence:
    """One sentence of an article, with the days it mentions (possibly none)."""

    text: str
    article: str
    start: int  # character offsets into the article text
    end: int
    published: dt.date  # the article's publication date
    position: int = 0  # index of the sentence in its article; 0 is the lead
    dates: tuple[dt.date, ...] = ()
    # When the sentence is an entry of a chronology the article carries, headed by its first
    # day ("May 19 - Oil reaches the marshes ."): the length of that heading; else 0.
    heading: int = 0


@dataclass(frozen=True)
class TimelineDay:
    date: dt.date
    sentences: tuple[DatedSentence, ...]


@dataclass(frozen=True)
class TlsSettings:
    """The few constants of the selection; defaults are what the benchmark reports."""

    # Undated sentences stand for their publication day only near the top of an article:
    # DATEWISE's clip_sents, the lead is where news states what just happened.
    lead_sentences: int = 5
    # An undated lead counts for its publication day and the day before (DATEWISE's
    # pub_end=2): papers report yesterday's events.
    publication_days: int = 2
    # Weight of one article published on a day (or the next) against one article that
    # mentions the day: articles appearing is weaker evidence than articles citing it.
    # On t17-dev date F1 is flat across 0 to 1 (.604 / .607 / .596 at 0, 0.5, 1).
    publication_weight: float = 0.5
    # A mention from an article published after the day counts this much more than one
    # from before or on the day: later reporting that still cites a day marks it important.
    # On t17-dev: date F1 .594 without the bonus, .607 at 1, .607 at 3.
    later_mention_bonus: float = 1.0
    # Maximal marginal relevance: 1.0 ranks by centroid similarity alone; lower trades
    # relevance for novelty against sentences already chosen for the day. On t17-dev 0.7
    # beat 1.0 and 0.5 on both ROUGE-1 and ROUGE-2.
    mmr_lambda: float = 0.7
    # The day's centroid is mixed with the whole story's at this weight: an entry should
    # say what happened that day *in this story*, not in the other news of the day. Tried
    # 0, 0.5 and 2 on t17-dev; 0.5 was best for both ROUGE-1 and ROUGE-2.
    topic_weight: float = 0.5
    # A chronology entry an article gives under the day (``DatedSentence.heading``) has its
    # relevance multiplied by 1 + this: an editor already wrote it as a timeline entry,
    # one event in a few words. On t17-dev AR-2 F1 .0484 / .0504 / .0505 at 0.5 / 1 / 2
    # (.0449 without); the gain is uneven over topics, see docs/benchmarks.md.
    entry_bonus: float = 1.0
    # Above this TF-IDF cosine two sentences are one fact in two wordings (a rewrite adds
    # or drops an adjective): the second is never taken, whatever MMR says.
    max_overlap: float = 0.8
    # Sentences shorter or longer than this (in tokens) rarely make a good timeline entry:
    # fragments and captions, or paragraph-long run-ons that cost precision.
    min_tokens: int = 6
    # 40 is twice a typical timeline sentence (Timeline17's gold: median 19 tokens); on
    # t17-dev 30 lost recall and 60 precision.
    max_tokens: int = 40


# ----------------------------------------------------------------------------- vectors

_WORD = re.compile(r"[a-z0-9]+(?:['’][a-z]+)?")
_STOP_WORDS = (
    "a an the and or but if of to in on at by for with from as is are was were be been being "
    "has have had do does did that this these those it its it's he she they them his her "
    "their we our you your i me my not no than then so such there here which who whom "
    "whose what when where why how all any each both few more most other some only own same "
    "too very can will would should could may might must shall about above after again "
    "against before below between during into through under until up down out off over "
    "once further also said says say mr mrs ms lrb rrb s")
_STOP = frozenset(_STOP_WORDS.split())

Vector = dict[str, float]
# Share of tokens that must be words for a sentence to count as prose; news sentences run
# at 0.8-0.9 (punctuation and numbers are the rest), comment stamps and tables below 0.5.
PROSE_SHARE = 0.6


def _terms(text: str) -> list[str]:
    return [w for w in _WORD.findall(text.lower()) if w not in _STOP and len(w) > 1]


class _Tfidf:
    """TF-IDF vectors (unit length) with document frequencies over the whole input."""

    def __init__(self, texts: Iterable[str]) -> None:
        df: Counter[str] = Counter()
        n = 0
        for text in texts:
            df.update(set(_terms(text)))
            n += 1
        self.idf = {t: math.log((1 + n) / (1 + c)) + 1.0 for t, c in df.items()}
        self._cache: dict[str, Vector] = {}

    def vector(self, text: str) -> Vector:
        found = self._cache.get(text)
        if found is None:
            counts = Counter(_terms(text))
            raw = {t: c * self.idf.get(t, 1.0) for t, c in counts.items()}
            found = _unit(raw)
            self._cache[text] = found
        return found


def _unit(vector: Vector) -> Vector:
    norm = math.sqrt(sum(v * v for v in vector.values()))
    return {t: v / norm for t, v in vector.items()} if norm else {}


def _cosine(a: Vector, b: Vector) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(t, 0.0) for t, v in a.items())


def _centroid(vectors: Sequence[Vector]) -> Vector:
    total: defaultdict[str, float] = defaultdict(float)
    for vector in vectors:
        for t, v in vector.items():
            total[t] += v
    return _unit(dict(total))


# ------------------------------------------------------------------------- candidates


class _Pool:
    """Which sentences may summarise which day: those mentioning it, and undated leads
    published on it or within ``publication_days`` after it."""

    def __init__(self, sentences: Sequence[DatedSentence], settings: TlsSettings) -> None:
        self.mentions: defaultdict[dt.date, list[DatedSentence]] = defaultdict(list)
        self.published: defaultdict[dt.date, list[DatedSentence]] = defaultdict(list)
        for s in sentences:
            for day in s.dates:
                self.mentions[day].append(s)
            if not s.dates and s.position < settings.lead_sentences:
                for back in range(settings.publication_days):
                    self.published[s.published - dt.timedelta(days=back)].append(s)

    def copies(self, day: dt.date) -> list[DatedSentence]:
        """The pool with every copy of a repeated sentence."""
        return [*self.mentions.get(day, ()), *self.published.get(day, ())]

    def candidates(self, day: dt.date) -> list[DatedSentence]:
        """Distinct texts (the first copy kept), mentions first."""
        seen: set[str] = set()
        out = []
        for s in self.copies(day):
            key = " ".join(_terms(s.text))
            if key and key not in seen:
                seen.add(key)
                out.append(s)
        return out


# ---------------------------------------------------------------------- date ranking


def _in_span(day: dt.date, span: tuple[dt.date, dt.date] | None) -> bool:
    return span is None or span[0] <= day <= span[1]


def rank_days(sentences: Sequence[DatedSentence], settings: TlsSettings,
              span: tuple[dt.date, dt.date] | None = None) -> list[tuple[dt.date, float]]:
    """Days by importance: articles citing them (later ones weigh more) and articles
    published on them or the next day, strongest first; ties go to the earlier day."""
    cited: defaultdict[dt.date, set[str]] = defaultdict(set)
    cited_later: defaultdict[dt.date, set[str]] = defaultdict(set)
    appeared: defaultdict[dt.date, set[str]] = defaultdict(set)
    for s in sentences:
        for day in s.dates if _is_prose(s.text) else ():
            cited[day].add(s.article)
            if s.published > day:
                cited_later[day].add(s.article)
        for back in range(settings.publication_days):
            appeared[s.published - dt.timedelta(days=back)].add(s.article)
    scores = {day: len(cited[day]) + settings.later_mention_bonus * len(cited_later[day])
              + settings.publication_weight * len(appeared[day])
              for day in set(cited) | set(appeared) if _in_span(day, span)}
    return sorted(scores.items(), key=lambda item: (-item[1], item[0]))


def _rank_days_by_sentences(sentences: Sequence[DatedSentence],
                            span: tuple[dt.date, dt.date] | None) -> list[dt.date]:
    """DATEWISE's MentionCountDateRanker: sentences whose (first) day is the day."""
    counts = Counter(s.dates[0] for s in sentences if s.dates and _in_span(s.dates[0], span))
    return [day for day, _ in sorted(counts.items(), key=lambda item: (-item[1], item[0]))]


# -------------------------------------------------------------------------- selection


def _fits(s: DatedSentence, settings: TlsSettings) -> bool:
    n = len(s.text.split())
    return settings.min_tokens <= n <= settings.max_tokens and _is_prose(s.text)


def _is_prose(text: str) -> bool:
    """Not page furniture: reader comments and bylines ("March 8 , 2011 at 6:20 pm |"),
    tables and lists are mostly numbers, symbols and bars, prose is mostly words."""
    tokens = text.split()
    words = sum(1 for t in tokens if t[:1].isalpha())
    return "|" not in text and words >= PROSE_SHARE * len(tokens)


def _mmr(candidates: Sequence[DatedSentence], copies: Sequence[DatedSentence], k: int,
         tfidf: _Tfidf, topic: Vector, settings: TlsSettings,
         day: dt.date) -> list[DatedSentence]:
    """Up to k candidates near the day's centroid, each new one penalised by its nearest
    already chosen neighbour. The centroid is taken over every copy of the pool's sentences
    (a fact many outlets repeat weighs more) plus ``topic_weight`` times the story's;
    chronology entries for the day weigh ``1 + entry_bonus`` times their similarity."""
    vectors = [tfidf.vector(s.text) for s in candidates]
    daily = _centroid([tfidf.vector(s.text) for s in copies])
    centroid = _unit({t: daily.get(t, 0.0) + settings.topic_weight * topic.get(t, 0.0)
                      for t in daily.keys() | topic.keys()})
    relevance = [_cosine(v, centroid) * (1 + settings.entry_bonus * _is_entry_for(s, day))
                 for v, s in zip(vectors, candidates, strict=True)]
    allowed = [i for i, s in enumerate(candidates) if _fits(s, settings) and vectors[i]]
    chosen: list[int] = []
    while allowed and len(chosen) < k:
        def gain(i: int) -> float:
            overlap = max((_cosine(vectors[i], vectors[j]) for j in chosen), default=0.0)
            return settings.mmr_lambda * relevance[i] - (1 - settings.mmr_lambda) * overlap
        best = max(allowed, key=gain)
        allowed.remove(best)
        if all(_cosine(vectors[best], vectors[j]) <= settings.max_overlap for j in chosen):
            chosen.append(best)
    return [_unheaded(candidates[i]) for i in chosen]


def _unheaded(s: DatedSentence) -> DatedSentence:
    """A chronology entry as the timeline shows it: its words, without its heading date
    (which the timeline already gives)."""
    if not s.heading:
        return s
    return replace(s, text=s.text[s.heading:], start=s.start + s.heading, heading=0)


def _is_entry_for(s: DatedSentence, day: dt.date) -> bool:
    return s.heading > 0 and s.dates[:1] == (day,)


def _centroid_opt(candidates: Sequence[DatedSentence], k: int,
                  tfidf: _Tfidf) -> list[DatedSentence]:
    """CentroidOpt: add the sentence that brings the summary's sum vector closest to the
    pool's centroid, until k are chosen (exact duplicates are skipped)."""
    vectors = [tfidf.vector(s.text) for s in candidates]
    centroid = _centroid(vectors)
    chosen: list[int] = []
    remaining = [i for i, v in enumerate(vectors) if v]
    while remaining and len(chosen) < k:
        def score(i: int) -> float:
            return _cosine(_centroid([vectors[j] for j in [*chosen, i]]), centroid)
        best = max(remaining, key=score)
        remaining.remove(best)
        if all(_cosine(vectors[best], vectors[j]) < 0.9999 for j in chosen):
            chosen.append(best)
    return [candidates[i] for i in chosen]


def _build(days: Iterable[dt.date], n_days: int, pick: _Picker) -> list[TimelineDay]:
    timeline: list[TimelineDay] = []
    for day in days:
        if len(timeline) >= n_days:
            break
        chosen = pick(day)
        if chosen:
            timeline.append(TimelineDay(day, tuple(chosen)))
    return sorted(timeline, key=lambda entry: entry.date)


class _Picker:
    """The summary of one day: MMR (Dateline) or CentroidOpt (the baseline)."""

    def __init__(self, pool: _Pool, k: int, tfidf: _Tfidf, settings: TlsSettings,
                 topic: Vector | None = None) -> None:
        self.pool, self.k, self.tfidf, self.settings = pool, k, tfidf, settings
        self.topic = topic  # the story's centroid; None for the baseline

    def __call__(self, day: dt.date) -> list[DatedSentence]:
        candidates = self.pool.candidates(day)
        if self.topic is not None:
            return _mmr(candidates, self.pool.copies(day), self.k, self.tfidf, self.topic,
                        self.settings, day)
        return _centroid_opt(candidates, self.k, self.tfidf)


def _check(n_days: int, per_day: int) -> None:
    if n_days < 1 or per_day < 1:
        raise ValueError(errors.E050_TLS_SIZE.format(l=n_days, k=per_day))


def summarise(sentences: Sequence[DatedSentence], n_days: int, per_day: int,
              settings: TlsSettings | None = None,
              span: tuple[dt.date, dt.date] | None = None) -> list[TimelineDay]:
    """Dateline's timeline of ``sentences``: at most ``n_days`` days (the protocol's l;
    inside ``span`` when given), at most ``per_day`` sentences each (k), in date order."""
    _check(n_days, per_day)
    settings = settings or TlsSettings()
    tfidf = _Tfidf(s.text for s in sentences)
    topic = _centroid([tfidf.vector(s.text) for s in sentences if _is_prose(s.text)])
    picker = _Picker(_Pool(sentences, settings), per_day, tfidf, settings, topic)
    return _build((day for day, _ in rank_days(sentences, settings, span)), n_days, picker)


def datewise(sentences: Sequence[DatedSentence], n_days: int, per_day: int,
             settings: TlsSettings | None = None,
             span: tuple[dt.date, dt.date] | None = None) -> list[TimelineDay]:
    """The DATEWISE-style baseline: days by sentence mention count, CentroidOpt summaries."""
    _check(n_days, per_day)
    settings = settings or TlsSettings()
    tfidf = _Tfidf(s.text for s in sentences)
    picker = _Picker(_Pool(sentences, settings), per_day, tfidf, settings)
    return _build(_rank_days_by_sentences(sentences, span), n_days, picker)
