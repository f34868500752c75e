"""The type of each mention, where the lexicon and the sentence classifier meet.

The lexicon finds the trigger word, and with it the roles, time, place and modality; it
types the event by that one word. The classifier (:mod:`dateline.analyze.eventtype`)
reads the whole sentence but cannot tell an event from no event, so it never makes a
mention, it only weighs the ones the lexicon found. Per sentence:

- each mention in doubt (a ``STATEMENT``, or a trigger of rule confidence below ``WEAK``:
  nouns like "talks", "agreement", "sanctions") has its sentence classified, and its
  confidence becomes an even blend of the rule's and the classifier's probability
  of the mention's type: a trigger the whole sentence agrees with rises, one it does not
  ("talks" in a sentence about a strike) falls;
- a ``STATEMENT`` (a speech verb with no event type of its own) gets as its mode the
  classifier's type, lower-cased, when that is a verbal event type (ACCUSE, REJECT,
  REQUEST, THREATEN, SUPPORT, AGREE, CONCEDE) of probability >= ``SWITCH`` that the
  sentence does not already hold: "Rutte said attacks signal no seriousness about peace"
  is a STATEMENT/reject, which a PLOVER export can code as REJECT. The type stays
  STATEMENT, so a user who wants every statement finds them all.

The classifier does not retype the lexicon's events. It was trained to give one type per
sentence, and a sentence of news often holds two events ("In a meeting with Zelenskyy,
Rubio emphasized ..."): on the seed articles, letting a sure classifier (0.6, then 0.85)
retype a sentence's first mention turned meetings, talks and strikes into SUPPORT, REJECT
and ASSAULT far more often than it fixed a trigger read out of context. ``SWITCH`` was
raised from 0.6 to 0.85 for the same reason, after reading those switches.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from dateline.analyze import eventtype
from dateline.analyze.statements import STATEMENT
from dateline.model import Mention

SWITCH = 0.85
# A trigger the lexicon is this sure of (a verb with its roles, "shelled", "met") keeps its
# own confidence: the classifier costs a MiniLM pass per sentence, the most expensive step
# of the analysis, and is spent where the trigger alone is weak ("talks", "agreement").
WEAK = 0.5
VERBAL = frozenset({"ACCUSE", "REJECT", "REQUEST", "THREATEN", "SUPPORT", "AGREE",
                    "CONCEDE"})


def with_types(mentions: Sequence[Mention]) -> list[Mention]:
    """The mentions with their types settled and their confidence blended."""
    if not mentions:
        return []
    by_sentence: dict[tuple[int, int], list[int]] = {}
    for i, m in enumerate(mentions):
        by_sentence.setdefault((m.sentence.start, m.sentence.end), []).append(i)
    by_sentence = {k: v for k, v in by_sentence.items()
                   if any(_in_doubt(mentions[i]) for i in v)}
    keys = list(by_sentence)
    firsts = [mentions[by_sentence[k][0]] for k in keys]
    predictions = eventtype.classify(
        [m.sentence.text for m in firsts],
        [_present(m.actors, m.sentence.text) for m in firsts],
        [_present(m.recipients, m.sentence.text) for m in firsts])
    out = list(mentions)
    for key, prediction in zip(keys, predictions, strict=True):
        _settle(out, by_sentence[key], prediction)
    return out


def _in_doubt(mention: Mention) -> bool:
    """Statements (for their stance) and mentions whose trigger alone is weak evidence."""
    return mention.type == STATEMENT or mention.confidence < WEAK


def _settle(out: list[Mention], indexes: list[int], prediction: eventtype.TypePrediction) -> None:
    kind, p = prediction.type, prediction.confidence
    found = {out[i].type for i in indexes}
    for i in indexes:
        m = out[i]
        if not _in_doubt(m):
            continue
        own = _probability(prediction, m.type)
        if m.type == STATEMENT:
            if kind in VERBAL and kind not in found and p >= SWITCH:
                out[i] = replace(m, mode=kind.lower(), confidence=_blend(m.confidence, p))
            continue
        out[i] = replace(m, confidence=_blend(m.confidence, own))


def _probability(prediction: eventtype.TypePrediction, kind: str) -> float:
    label = "YIELD" if kind in ("CONCEDE", "RETREAT") else kind
    return float(prediction.scores.get(label, 0.0))


def _blend(rule: float, model: float) -> float:
    return round(0.5 * rule + 0.5 * model, 3)


def _present(names: Sequence[str], sentence: str) -> str | None:
    """The first name that is written in the sentence as it is (so it can be marked)."""
    return next((n for n in names if n and n in sentence), None)

