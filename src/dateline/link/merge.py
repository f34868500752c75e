"""Cross-article event merging: which mentions tell of the same real event.

The rule of this first version (tested in tests/test_merge.py): two mentions are one event
when they have the same PLOVER type, the same kind of modality (it happened / it is planned),
dates at most ``merge_window_days`` apart, and neither their places nor their actors
contradict each other. A planned meeting and a report that it happened are one event when
both state the same day and place. Among several candidate events the one sharing most wins.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from dateline.link.disputes import choose, disputes, readings
from dateline.model import FuzzyDate, Mention, Modality, Precision

# Modalities that can describe the same event: a claimed strike is still the strike; a
# planned meeting that was postponed is still that planned meeting.
MODALITY_GROUPS = {
    Modality.HAPPENED: "real", Modality.CLAIMED: "real",
    Modality.PLANNED: "plan", Modality.POSTPONED: "plan", Modality.CANCELLED: "plan",
    Modality.DENIED: "denied", Modality.HYPOTHETICAL: "hypothetical",
}
SYMMETRIC_TYPES = frozenset({"CONSULT", "AGREE", "COOPERATE"})
# Modes that make a separate event of their own even on the same day and with the same
# people: a speech, a visit.
DISTINCT_MODES = frozenset({"speech", "visit"})
# News reports an undated event on the day it happened or up to two days later.
UNDATED_LOOKBACK_DAYS = 2
# Place names compared by their first letters, so "Dnipro" matches "Dnipropetrovsk region"
# and "Kyiv" matches "Kyiv region" while "Odesa" and "Kharkiv" stay apart.
PLACE_PREFIX = 5
GENERIC_PLACE_WORDS = frozenset(
    {"region", "city", "port", "village", "town", "oblast", "province", "area", "the", "of",
     "district", "capital", "state", "russia", "ukraine", "russia’s", "ukraine’s"}
)


@dataclass(frozen=True)
class EventView:
    """What merging needs to know of a stored event."""

    id: str
    type: str
    date: FuzzyDate | None
    place: str | None
    actors: tuple[str, ...]
    modality: Modality
    recipients: tuple[str, ...] = ()
    mode: str = ""


def place_keys(place: str | None) -> frozenset[str]:
    if not place:
        return frozenset()
    words = place.lower().replace(",", " ").replace("'s", "").split()
    return frozenset(w[:PLACE_PREFIX] for w in words if w not in GENERIC_PLACE_WORDS)


def days_apart(a: FuzzyDate, b: FuzzyDate) -> int:
    """Days between two dates; a month- or year-precision date is as wide as its period."""
    if Precision.YEAR in (a.precision, b.precision):
        return 0 if a.value.year == b.value.year else 366
    if Precision.MONTH in (a.precision, b.precision):
        return 0 if (a.value.year, a.value.month) == (b.value.year, b.value.month) else 31
    return abs((a.value - b.value).days)


def match_score(mention: Mention, event: EventView, window: int) -> int | None:
    """How well a mention fits an event (higher is better), or None if it cannot be it."""
    if mention.type != event.type or mention.date is None or event.date is None:
        return None
    groups = {MODALITY_GROUPS[mention.modality], MODALITY_GROUPS[event.modality]}
    if len(groups) > 1 and not (groups == {"plan", "real"} and _plan_came_true(mention, event)):
        return None
    if mention.mode != event.mode and {mention.mode, event.mode} & DISTINCT_MODES:
        return None  # a speech to a conference is not a meeting on its sidelines
    if not mention.date_text:
        return _undated_score(mention, event)
    if days_apart(mention.date, event.date) > window:
        return None
    same_day = mention.date == event.date
    score = 1 if same_day else 0
    mine, theirs = place_keys(mention.place), place_keys(event.place)
    if mine and theirs:
        if not mine & theirs:
            return None
        score += 2
    elif (mine or theirs) and not same_day:
        return None  # a place on one side only: too weak to bridge a day's difference
    side_a, side_b = _sides(mention, event)
    if side_a and side_b:
        if not side_a & side_b:
            return None
        score += 2
    if mention.date.precision != event.date.precision and score < 2:
        return None  # "talks in January" is not the meeting of 31 January without more
    return score


def _plan_came_true(mention: Mention, event: EventView) -> bool:
    """A planned (or postponed) meeting and the report that it took place are one event
    when both state its date and its place, and these agree: "talks moved to Wednesday in
    Abu Dhabi" and "negotiators met in Abu Dhabi on Wednesday". Only meetings and
    agreements are scheduled like this; a strike "planned" for a day is another matter."""
    assert mention.date is not None and event.date is not None
    mine, theirs = place_keys(mention.place), place_keys(event.place)
    return (mention.type in SYMMETRIC_TYPES and bool(mention.date_text)
            and mention.date.precision is Precision.DAY
            and event.date.precision is Precision.DAY
            and days_apart(mention.date, event.date) <= 1 and bool(mine & theirs))


def _undated_score(mention: Mention, event: EventView) -> int | None:
    """A mention dated only by its publication day happened on that day or a little before;
    it joins an event of those days that names the same place or, for meetings and
    agreements, the same people (for strikes "Russia" alone says too little)."""
    assert mention.date is not None and event.date is not None
    back = (mention.date.value - event.date.value).days
    if event.date.precision is not Precision.DAY or not 0 <= back <= UNDATED_LOOKBACK_DAYS:
        return None
    mine, theirs = place_keys(mention.place), place_keys(event.place)
    if mine and theirs and not mine & theirs:
        return None
    side_a, side_b = _sides(mention, event)
    if side_a and side_b and not side_a & side_b:
        return None
    if mine & theirs:
        return 2
    if mention.type in SYMMETRIC_TYPES and side_a & side_b:
        return 1
    return None


def _sides(mention: Mention, event: EventView) -> tuple[set[str], set[str]]:
    """Who takes part, as compared for merging. Meetings and agreements are symmetric:
    "Witkoff met Dmitriev" and "Dmitriev held talks with Witkoff" are one meeting, so
    their actors and recipients are compared together; for a strike, only who struck."""
    if mention.type in SYMMETRIC_TYPES:
        return (_keys([*mention.actors, *mention.recipients]),
                _keys([*event.actors, *event.recipients]))
    return _keys(mention.actors), _keys(event.actors)


def _keys(names: Sequence[str]) -> set[str]:
    """Names compared by their last word, so "Volodymyr Zelensky" meets "Zelensky" (full
    entity canonicalisation comes with the link stage's entity table)."""
    return {name.split()[-1].lower() for name in names if name.split()}


def best_event(mention: Mention, events: Sequence[EventView], window: int) -> EventView | None:
    scored = [(s, e) for e in events if (s := match_score(mention, e, window)) is not None]
    if not scored:
        return None
    return max(scored, key=lambda pair: (pair[0], pair[1].id))[1]


def new_event_id(mention: Mention) -> str:
    key = f"{mention.article_id}:{mention.sentence.start}:{mention.type}"
    return "e" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:11]


def _modality(mentions: Sequence[Mention], date: object,
              published: Mapping[str, str]) -> str:
    """The most common modality, except that a plan reported as done by an article from
    its day or later has happened: the later report knows more."""
    if isinstance(date, FuzzyDate):
        done = [m.modality.value for m in mentions
                if MODALITY_GROUPS[m.modality] == "real"
                and published.get(m.article_id, "")[:10] >= date.iso()[:10]]
        if done and len(done) < len(mentions):
            return str(_most_common(done))
    return str(_most_common([m.modality.value for m in mentions]))


def _most_common(values: Sequence[object]) -> object:
    """The most frequent value; ties go to the first seen (the earliest source)."""
    counts = Counter(values)
    best = max(counts.values())
    return next(v for v in values if counts[v] == best)


def canonical_fields(mentions: Sequence[Mention],
                     published: Mapping[str, str] | None = None) -> dict[str, object]:
    """The displayed fields of an event from all its mentions (agreement first), and where
    its sources disagree (see :mod:`dateline.link.disputes`); ``published`` maps article
    ids to their publication dates, for the recency rule."""
    published = published or {}
    found = disputes(mentions, published)
    shown = {d["field"]: d["shown"] for d in found}
    # A date the text states ("on Sunday") outranks one taken from the publication day.
    dated = [m for m in mentions if m.date is not None and m.date_text] or [
        m for m in mentions if m.date is not None]
    precise = [m for m in dated if m.date and m.date.precision is Precision.DAY] or dated
    date_pick = _most_common([(m.date, m.end_date) for m in precise]) if precise else None
    date, end = date_pick if isinstance(date_pick, tuple) else (None, None)
    places = [m.place for m in mentions if m.place]
    actors = Counter(a for m in mentions for a in m.actors)
    recipients = Counter(a for m in mentions for a in m.recipients)
    counts = {field: readings(field, mentions, published) for field in ("killed", "injured")}
    killed, injured = (choose(f, counts[f]).value[0] if counts[f] else None  # type: ignore[index]
                       for f in ("killed", "injured"))
    lead = max(mentions, key=lambda m: (m.confidence, -mentions.index(m)))
    modes = [m.mode for m in mentions if m.mode]
    confidence = 1.0
    for m in mentions:
        confidence *= 1.0 - m.confidence
    return {
        "type": lead.type,
        "mode": _most_common(modes) if modes else "",
        "date": str(shown["date"]) if "date" in shown else (
            date.iso() if isinstance(date, FuzzyDate) else None),
        "end_date": end.iso() if isinstance(end, FuzzyDate) else None,
        "place": str(shown["place"]) if "place" in shown else (
            _most_common(places) if places else None),
        "actors": json.dumps([a for a, _ in actors.most_common()]),
        "recipients": json.dumps([a for a, _ in recipients.most_common()]),
        "modality": _modality(mentions, date, published),
        "summary": lead.sentence.text,
        "killed": killed,
        "injured": injured,
        "confidence": round(1.0 - confidence, 3),
        "disputes": json.dumps(found, ensure_ascii=False),
    }
