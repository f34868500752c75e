"""Event mentions: a trigger word, its PLOVER type and mode, roles, time and modality."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from dateline.analyze import lexicon, roles
from dateline.analyze.quantities import find_quantities
from dateline.analyze.temporal import Tense
from dateline.model import FuzzyDate, Mention, Modality, Precision, Sentence, TimeExpr

# Determiners that make a noun trigger refer back to an event told earlier ("the strike",
# "this attack"); such references add no new event unless they carry their own date.
ANAPHORIC_DETS = frozenset({"the", "this", "that", "these", "those", "such"})
# Nouns that turn the event inside their "of" phrase into a date marker, not a new event:
# "the anniversary of the invasion", "the aftermath of the strike".
MARKER_NOUNS = frozenset({"anniversary", "aftermath", "wake", "memory", "commemoration"})
# Confidence is a heuristic score until issue #4 calibrates it: a base and bonuses for
# each role the rules could fill.
BASE_CONFIDENCE = 0.4
BONUS = {"verb": 0.15, "date": 0.15, "actor": 0.15, "place": 0.1}


def trigger_of(token: Any) -> tuple[str, str] | None:
    """The (type, mode) a token triggers, or None."""
    lemma = token.lemma_.lower()
    if token.pos_ == "VERB":
        for child in token.children:
            key = (lemma, child.lower_)
            if child.dep_ == "prep" and key in lexicon.PHRASAL_TRIGGERS:
                return lexicon.PHRASAL_TRIGGERS[key]
        entry = lexicon.VERB_TRIGGERS.get(lemma)
    elif token.pos_ in ("NOUN", "PROPN"):
        entry = lexicon.NOUN_TRIGGERS.get(lemma) or lexicon.NOUN_TRIGGERS.get(token.lower_)
    else:
        return None
    if entry is None:
        return None
    cues = lexicon.NEEDS_CUE.get(lemma)
    if cues and not any(cue in token.sent.text.lower() for cue in cues):
        return None
    return entry


def mode_of(kind: str, mode: str, sentence: str) -> str:
    lowered = sentence.lower()
    if kind == "ASSAULT" and not mode:
        return next((m for word, m in lexicon.ASSAULT_MODES if word in lowered), "")
    if kind == "CONSULT" and not mode and any(c in lowered for c in lexicon.THIRD_PARTY_CUES):
        return "third-party"
    return mode


def modality_of(trigger: Any, tense: Tense) -> Modality:
    """Whether the event happened, by the words around its trigger and the tense."""
    clause = " ".join(t.lower_ for t in trigger.head.subtree) + " "
    own = " ".join(t.lower_ for t in trigger.subtree) + " " + trigger.head.lower_ + " "
    if any(w in clause for w in lexicon.CANCEL_WORDS):
        return Modality.CANCELLED
    if any(w in clause for w in lexicon.POSTPONE_WORDS):
        return Modality.POSTPONED
    if any(w in clause for w in lexicon.DENY_WORDS):
        return Modality.DENIED
    if tense is Tense.FUTURE or any(w in own for w in lexicon.PLAN_WORDS):
        return Modality.PLANNED
    if any(w in clause for w in lexicon.HYPOTHETICAL_WORDS):
        return Modality.HYPOTHETICAL
    if any(w in clause for w in lexicon.CLAIM_WORDS):
        return Modality.CLAIMED
    return Modality.HAPPENED


def governing_time(trigger: Any, times: Sequence[TimeExpr]) -> TimeExpr | None:
    """The time expression that governs a trigger: one in its clause, else the nearest."""
    dated = [t for t in times if t.date is not None]
    if not dated:
        return None
    clause = trigger.head if trigger.dep_ not in ("ROOT",) else trigger
    lo = min(t.idx for t in clause.subtree)
    hi = max(t.idx + len(t) for t in clause.subtree)
    inside = [t for t in dated if lo <= t.start and t.end <= hi]
    pool = inside or dated
    return min(pool, key=lambda t: abs(t.start - trigger.idx))


def _is_reference(token: Any, time: TimeExpr | None) -> bool:
    if token.pos_ == "VERB":
        return False
    if token.head.lower_ == "of" and token.head.head.lemma_.lower() in MARKER_NOUNS:
        return True
    if time is not None:
        return False
    dets = [c.lower_ for c in token.children if c.dep_ in ("det", "poss")]
    return bool(dets) and dets[0] in ANAPHORIC_DETS


def _fallback_date(token: Any, tense: Tense, published: dt.date | None) -> FuzzyDate | None:
    """Undated past-tense reports in news are about the day of publication or the one before;
    generic plurals ("drone strikes") are not events of a day."""
    if published is None or tense is not Tense.PAST:
        return None
    if token.tag_ == "NNS" and not any(c.dep_ == "det" for c in token.children):
        return None
    return FuzzyDate(published, Precision.DAY)


def sentence_mentions(
    article_id: str,
    sent: Any,
    times: Sequence[TimeExpr],
    tense: Tense,
    published: dt.date | None,
) -> list[Mention]:
    """The event mentions of one sentence: at most one per PLOVER type, verbs first."""
    found: dict[str, Mention] = {}
    sentence = Sentence(sent.start_char, sent.end_char, sent.text)
    quantities = find_quantities(sent.text)
    candidates = sorted(sent, key=lambda t: (t.pos_ != "VERB", t.dep_ != "ROOT", t.i))
    for token in candidates:
        entry = trigger_of(token)
        if entry is None or entry[0] in found:
            continue
        kind, mode = entry
        time = governing_time(token, times)
        if _is_reference(token, time):
            continue
        actors, recipients = roles.actors_and_recipients(token)
        place = roles.place_of(token)
        date = time.date if time else _fallback_date(token, tense, published)
        found[kind] = Mention(
            article_id=article_id,
            sentence=sentence,
            type=kind,
            mode=mode_of(kind, mode, sent.text),
            trigger=token.text,
            actors=actors,
            recipients=recipients,
            place=place,
            date=date,
            end_date=time.end_date if time else None,
            date_text=time.text if time else "",
            modality=modality_of(token, tense),
            quantities=quantities if kind == "ASSAULT" else find_quantities(""),
            speaker=actors[0] if actors and kind in ("ACCUSE", "REJECT", "THREATEN") else None,
            confidence=_confidence(token, time, actors, place),
        )
    return list(found.values())


def _confidence(token: Any, time: TimeExpr | None, actors: tuple[str, ...],
                place: str | None) -> float:
    score = BASE_CONFIDENCE
    score += BONUS["verb"] if token.pos_ == "VERB" else 0.0
    score += BONUS["date"] if time is not None else 0.0
    score += BONUS["actor"] if actors else 0.0
    score += BONUS["place"] if place else 0.0
    return round(min(score, 0.95), 2)
