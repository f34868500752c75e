"""Event mentions: a trigger word, its PLOVER type and mode, roles, time and modality."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from dateline.analyze import lexicon, nlp, roles, statements
from dateline.analyze.actors import ActorRegistry, has_name, mention_role, split_compound
from dateline.analyze.clauses import clause_tokens, has_future_verb
from dateline.analyze.quantities import find_quantities
from dateline.analyze.temporal import Tense, tense_of
from dateline.model import (
    ActorRef,
    FuzzyDate,
    Mention,
    Modality,
    Sentence,
    TimeExpr,
)

# Determiners that make a noun trigger refer back to an event told earlier ("the strike",
# "this attack"); such references add no new event unless they carry their own date.
ANAPHORIC_DETS = frozenset({"the", "this", "that", "these", "those", "such"})
# Nouns that turn the event inside their "of" phrase into a date marker, not a new event:
# "the anniversary of the invasion", "the aftermath of the strike".
MARKER_NOUNS = frozenset({"anniversary", "aftermath", "wake", "memory", "commemoration"})
SPEECH_VERBS = frozenset({"tell", "address", "speak", "brief"})
HABITUAL_WORDS = frozenset({"repeatedly", "regularly", "often", "routinely", "frequently",
                            "usually", "constantly", "continually", "increasingly"})
# "US-brokered talks", "the meeting, mediated by the US": the noun is the event.
ADJECTIVAL_DEPS = frozenset({"amod", "compound", "acl"})
OBJECT_DEPS = frozenset({"dobj", "nsubjpass", "ccomp", "dative", "xcomp"})
# A time introduced by one of these is a reference point, not the event's own time:
# "pushed back from Sunday", "a day after Tuesday's attack".
REFERENCE_PREPS = frozenset({"from", "since", "before", "after", "until", "till", "by"})
NEW_DATE_PREPS = frozenset({"to", "until", "till"})
# Confidence is a heuristic score until issue #4 calibrates it: a base and bonuses for
# each role the rules could fill.
BASE_CONFIDENCE = 0.4
BONUS = {"verb": 0.15, "date": 0.15, "actor": 0.15, "place": 0.1}
SPEAKER_TYPES = frozenset({"ACCUSE", "REJECT", "THREATEN", "REQUEST"})
# Modes that make a mention an event of its own beside one of the same type.
DISTINCT_MODES = frozenset({"speech", "visit"})
# Types whose trigger verb can be said words: "praised", "welcomed", "agreed".
SPEECH_ACT_TYPES = frozenset({"SUPPORT", "AGREE", "CONCEDE"})


def trigger_of(token: Any) -> tuple[str, str] | None:
    """The (type, mode) a token triggers, or None."""
    pos = token.pos_
    if pos not in ("VERB", "NOUN", "PROPN"):
        return None
    if pos == "VERB" and token.dep_ in ADJECTIVAL_DEPS:
        return None  # "US-brokered talks": the talks are the event, not the brokering
    lemma = nlp.lemma(token).lower()
    if pos == "VERB":
        for child in token.children:
            key = (lemma, child.lower_)
            if child.dep_ == "prep" and key in lexicon.PHRASAL_TRIGGERS:
                return lexicon.PHRASAL_TRIGGERS[key]
        entry = lexicon.VERB_TRIGGERS.get(lemma)
        objects = [c for c in token.children if c.dep_ in OBJECT_DEPS]
        if entry is not None and lemma in lexicon.NEEDS_OBJECT and not objects:
            return None
        for obj in objects:
            key = (lemma, nlp.lemma(obj).lower())
            if key in lexicon.OBJECT_OVERRIDES:
                entry = lexicon.OBJECT_OVERRIDES[key]
    else:
        entry = lexicon.NOUN_TRIGGERS.get(lemma) or lexicon.NOUN_TRIGGERS.get(token.lower_)
        if entry is None and lemma in lexicon.COUNTED_WEAPONS and any(
                c.dep_ == "nummod" for c in token.children):
            entry = ("ASSAULT", lexicon.COUNTED_WEAPONS[lemma])  # "71 ballistic missiles"
    if entry is None:
        return None
    cues = lexicon.NEEDS_CUE.get(lemma)
    if cues and not _has_cue(token.sent.text.lower(), cues):
        return None
    return entry


def _has_cue(text: str, cues: Sequence[str]) -> bool:
    """Whether a word of the text starts with one of the cues ("negotiat" in "negotiators")."""
    return any(re.search(r"\b" + re.escape(cue), text) for cue in cues)


def mode_of(kind: str, mode: str, sentence: str) -> str:
    lowered = sentence.lower()
    if kind == "ASSAULT" and not mode:
        return next((m for word, m in lexicon.ASSAULT_MODES if word in lowered), "")
    if kind == "CONSULT" and not mode and any(c in lowered for c in lexicon.THIRD_PARTY_CUES):
        return "third-party"
    return mode


def _has(tokens: Sequence[Any], cues: tuple[frozenset[str], tuple[str, ...]]) -> bool:
    lemmas, phrases = cues
    if any(t.lower_ in lemmas or nlp.lemma(t).lower() in lemmas for t in tokens):
        return True
    text = " " + " ".join(t.lower_ for t in tokens) + " "
    return any(f" {phrase} " in text for phrase in phrases)


def modality_of(trigger: Any, clause: Sequence[Any], tense: Tense) -> Modality:
    """Whether the event happened, by the words of its clause and the clause's tense."""
    if trigger.pos_ in ("VERB", "AUX"):
        own = list(clause)
    else:  # a noun's modifiers and the words that govern it: "preparing for talks"
        own = [*trigger.subtree, trigger.head, trigger.head.head]
    if _has(clause, lexicon.CANCEL_CUES):
        return Modality.CANCELLED
    if _has(clause, lexicon.POSTPONE_CUES):
        return Modality.POSTPONED
    if _has(clause, lexicon.DENY_CUES):
        return Modality.DENIED
    # the clause's own verb must be future ("will meet", "is due to meet"); a plan word on
    # another noun ("took place before scheduled talks") does not make this event a plan
    if has_future_verb(list(clause)) or _has(own, lexicon.PLAN_CUES):
        return Modality.PLANNED
    if any(t.tag_ == "MD" and t.lower_ in lexicon.HYPOTHETICAL_MODALS for t in clause) or any(
        t.lower_ == "if" and t.dep_ == "mark" for t in clause
    ):
        return Modality.HYPOTHETICAL
    if _has(clause, lexicon.CLAIM_CUES) or statements.inside_quote(trigger):
        return Modality.CLAIMED
    return Modality.HAPPENED


def is_new_date(sent: Any, time: TimeExpr, clause: Sequence[Any]) -> bool:
    """Whether a time is the new date of a postponed event ("put off until Thursday"),
    which lies ahead whatever the tense of the report."""
    return _preposition(sent, time) in NEW_DATE_PREPS and _has(clause, lexicon.POSTPONE_CUES)


def _preposition(sent: Any, time: TimeExpr) -> str:
    """The word just before a time expression, lower-cased ("" at the sentence start)."""
    before = sent.doc.text[sent.start_char : time.start].split()
    return before[-1].lower() if before else ""


def governing_time(
    trigger: Any, clause: Sequence[Any], times: Sequence[TimeExpr], modality: Modality
) -> TimeExpr | None:
    """The time expression of the trigger's own clause that dates the event, if any."""
    chars = {t.idx for t in clause}
    own = [t for t in times if t.date is not None and t.start in chars]
    if modality is Modality.POSTPONED:  # "pushed back to Wednesday": the new date
        later = [t for t in own if _preposition(trigger.sent, t) in NEW_DATE_PREPS]
        if later:
            return later[0]
    own = [t for t in own if _preposition(trigger.sent, t) not in REFERENCE_PREPS]
    if not own:
        return None
    # A time inside the trigger's own phrase ("talks scheduled for 20 February") beats one
    # elsewhere in its clause; then the nearest wins.
    lo, hi = trigger.left_edge.idx, trigger.right_edge.idx + len(trigger.right_edge)
    inside = [t for t in own if lo <= t.start < hi]
    return min(inside or own, key=lambda t: abs(t.start - trigger.idx))


def _is_reference(token: Any, time: TimeExpr | None) -> bool:
    if token.pos_ == "VERB":
        return False
    if token.head.lower_ == "of" and nlp.lemma(token.head.head).lower() in MARKER_NOUNS:
        return True
    if time is not None:
        return False
    dets = [c.lower_ for c in token.children if c.dep_ in ("det", "poss")]
    return bool(dets) and dets[0] in ANAPHORIC_DETS


def _is_address(token: Any, kind: str) -> bool:
    """ "told the conference", "spoke to the summit": a speech, not a meeting."""
    if kind != "CONSULT" or token.pos_ not in ("NOUN", "PROPN"):
        return False
    head = token.head.head if token.head.lower_ == "to" else token.head
    return nlp.lemma(head).lower() in SPEECH_VERBS


def _is_negated(token: Any) -> bool:
    """ "no agreement", "did not meet", "failed to produce a deal": nothing happened."""
    if any(c.dep_ == "det" and c.lower_ == "no" for c in token.children):
        return True
    verb = token if token.pos_ in ("VERB", "AUX") else token.head
    chain = [verb, verb.head] if verb.dep_ == "xcomp" else [verb]
    return any(c.dep_ == "neg" for v in chain for c in v.children) or any(
        nlp.lemma(v).lower() == "fail" for v in chain)


def _fallback_date(token: Any, clause: Sequence[Any], tense: Tense,
                   published: FuzzyDate | None) -> FuzzyDate | None:
    """Undated past-tense reports in news are about the day of publication or the one before;
    generic plurals ("drone strikes") and habits ("has repeatedly targeted") are not events
    of a day."""
    if published is None or tense is not Tense.PAST:
        return None
    if any(t.lower_ in HABITUAL_WORDS for t in clause):
        return None
    if token.tag_ == "NNS" and not any(c.dep_ == "det" for c in token.children):
        return None
    return published  # at the precision the publication date is known


def sentence_mentions(
    article_id: str, sent: Any, times: Sequence[TimeExpr], published: FuzzyDate | None,
    last_person: str | None = None, registry: ActorRegistry | None = None,
) -> list[Mention]:
    """The event mentions of one sentence: at most one per PLOVER type, verbs first, then
    its statements (see :mod:`dateline.analyze.statements`)."""
    if registry is None:
        registry = ActorRegistry()
        for ent in sent.ents:
            if has_name(ent.text):
                registry.observe(ent.text, ent.label_, sent.text)
    # one mention per type, but a speech or a visit is not the talks it is about
    found: dict[tuple[str, str], Mention] = {}
    triggers: dict[tuple[str, str], Any] = {}
    candidates = sorted(sent, key=lambda t: (t.pos_ != "VERB", t.dep_ != "ROOT", t.i))
    for token in candidates:
        entry = trigger_of(token)
        if entry is None:
            continue
        slot = (entry[0], entry[1] if entry[1] in DISTINCT_MODES else "")
        if slot in found:
            continue
        mention = _mention(article_id, sent, token, entry, times, published, registry)
        if mention is not None:
            found[slot] = mention
            triggers[slot] = token
    for verb in statements.speech_verbs(sent):
        speaker = statements.speaker_of(verb, last_person)
        if speaker is not None:
            written = roles.written(speaker)
            speaker = registry.resolve(written, context=sent.text).name if has_name(
                written) else None
        quote = statements.said(verb)
        if speaker is None or not quote:
            continue
        topic = statements.topic_of(verb)
        # the verb is an event itself ("warned"), or speaks for one of the speaker's
        # ("condemned the strike, labeling it ..."): that mention gains the words
        owner = next((k for k, t in triggers.items() if t.i == verb.i or (
            k[0] in SPEAKER_TYPES | SPEECH_ACT_TYPES and t.i == verb.head.i)), None)
        if owner is not None:
            found[owner] = replace(found[owner], speaker=speaker, quote=quote, topic=topic)
            continue
        if not statements.is_about_affairs(sent, quote):
            continue  # "I just tried to keep my skis flat," the winner said
        told = [k for k in triggers if statements.is_report(verb, triggers[k], quote)]
        for k in told:  # "..., the governor said" of an attack: the speaker is its source
            found[k] = replace(found[k], speaker=found[k].speaker or speaker)
        if told:
            continue
        base = _mention(article_id, sent, verb, (statements.STATEMENT, ""), times, published,
                        registry)
        if base is not None:
            found[(statements.STATEMENT, str(verb.i))] = replace(
                base, actors=(speaker,), speaker=speaker, quote=quote, topic=topic,
                actor_refs=_refs([speaker], sent.text, registry))
    return list(found.values())


def _mention(
    article_id: str, sent: Any, token: Any, entry: tuple[str, str],
    times: Sequence[TimeExpr], published: FuzzyDate | None, registry: ActorRegistry,
) -> Mention | None:
    kind, mode = entry
    text = sent.text  # a span's text is joined anew from its tokens on each read
    clause = clause_tokens(token)
    tense = tense_of([(t.text, t.tag_) for t in clause])
    modality = modality_of(token, clause, tense)
    time = governing_time(token, clause, times, modality)
    if _is_reference(token, time) or _is_negated(token):
        return None
    raw_actors, raw_recipients = roles.actors_and_recipients(token)
    if nlp.lemma(token).lower() in lexicon.COUNTED_WEAPONS and \
            nlp.lemma(token.head).lower() in lexicon.COUNTING_VERBS:
        raw_actors = ()  # "Ukraine reported 71 missiles": Ukraine counted them
    actors, recipients = _display(raw_actors), _display(raw_recipients)
    place = roles.place_of(token) or roles.any_place(sent, clause, {*actors, *recipients},
                                                     token, lexicon.trigger_forms())
    return Mention(
        article_id=article_id,
        sentence=Sentence(sent.start_char, sent.end_char, text),
        type=kind,
        mode="speech" if _is_address(token, kind) else mode_of(kind, mode, text),
        trigger=token.text,
        actors=actors,
        recipients=recipients,
        place=place,
        date=time.date if time else _fallback_date(token, clause, tense, published),
        end_date=time.end_date if time else None,
        date_text=time.text if time else "",
        modality=modality,
        quantities=find_quantities(text),
        speaker=actors[0] if actors and kind in SPEAKER_TYPES else None,
        confidence=_confidence(token, time, actors, place),
        actor_refs=_refs(raw_actors, text, registry),
        recipient_refs=_refs(raw_recipients, text, registry),
    )


def _display(raw: Sequence[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(roles.canonical(name) for name in raw))


def _refs(raw: Sequence[str], sentence: str, registry: ActorRegistry) -> tuple[ActorRef, ...]:
    """Canonical actors for the names as written; names used as places are left out."""
    found: dict[str, ActorRef] = {}
    for text in raw:
        for name in split_compound(text, registry):
            if not has_name(name) or mention_role(name, sentence) == "place":
                continue
            actor = registry.resolve(name, context=sentence)
            found.setdefault(actor.key, ActorRef(actor.name, actor.key, actor.kind,
                                                 actor.country, actor.sector))
    return tuple(found.values())


def _confidence(token: Any, time: TimeExpr | None, actors: tuple[str, ...],
                place: str | None) -> float:
    score = BASE_CONFIDENCE
    score += BONUS["verb"] if token.pos_ == "VERB" else 0.0
    score += BONUS["date"] if time is not None else 0.0
    score += BONUS["actor"] if actors else 0.0
    score += BONUS["place"] if place else 0.0
    return round(min(score, 0.95), 2)
