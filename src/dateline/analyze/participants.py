"""Who took part in talks: mediators and named delegates, gathered over the whole article.

News names the parts of a negotiation in different sentences: "The US brokered these
discussions", "Ukraine's delegation is led by Rustem Umerov", "Kirill Dmitriev is also a
Russian envoy". A CONSULT mention ("Ukrainian and Russian negotiators met Wednesday")
gains the article's mediators (role "mediator", and the mode "third-party") and the
delegates of its parties and mediators (role "delegate"), and the article's one venue of
talks when it names only one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from dateline.analyze.actors import ActorRegistry, has_name
from dateline.model import ActorRef, Mention

DELEGATION = re.compile(
    r"\b(?:delegation|delegations|delegate|delegates|envoy|envoys|negotiator|negotiators|"
    r"emissary|mediator|represents|representing|led\s+by|heads?\s+the)\b", re.IGNORECASE)
MEDIATION = re.compile(r"\b(?:broker\w*|mediat\w*|facilitat\w*|host|hosts|hosted|hosting)\b",
                       re.IGNORECASE)
AGENT_DEPS = frozenset({"nsubj", "nsubjpass"})
NOT_NAMES = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"})


def may_name_participants(sentence: str) -> bool:
    """Whether a sentence may name a delegate or a mediator (then it is parsed)."""
    return bool(DELEGATION.search(sentence) or MEDIATION.search(sentence))


def _ref(registry: ActorRegistry, text: str, label: str, context: str, role: str) -> ActorRef:
    actor = registry.resolve(text, label, context)
    return ActorRef(actor.name, actor.key, actor.kind, actor.country, actor.sector, role)


def delegates(docs: Sequence[Any], registry: ActorRegistry) -> list[ActorRef]:
    """People the article names as a delegation's members, envoys or negotiators, with the
    country the registry reads for them (people of no known country are left out)."""
    found: dict[str, ActorRef] = {}
    for doc in docs:
        if not DELEGATION.search(doc.text):
            continue
        # (labels are often wrong for foreign names, so any name-like entity will do)
        refs = [_ref(registry, ent.text, "", doc.text, "delegate") for ent in doc.ents
                if ent.label_ not in NOT_NAMES and has_name(ent.text)]
        countries = {r.country for r in refs if r.kind == "country" and r.country}
        for ref in refs:
            if ref.kind == "person" and not ref.country and len(countries) == 1:
                ref = replace(ref, country=next(iter(countries)))  # "Armenia's delegation
            if ref.kind == "person" and ref.country:               # is led by ..."
                found.setdefault(ref.key, ref)
    return list(found.values())


def mediators(docs: Sequence[Any], registry: ActorRegistry) -> list[ActorRef]:
    """Countries and bodies the article says broker, mediate, facilitate or host talks:
    the agent of such a word ("facilitated by the United States", "The US brokered")."""
    found: dict[str, ActorRef] = {}
    for doc in docs:
        for token in doc:
            if not MEDIATION.fullmatch(token.lower_):
                continue
            verb = token if token.pos_ in ("VERB", "AUX") else token.head
            agents = [c for c in verb.children if c.dep_ in AGENT_DEPS and token.pos_ in (
                "VERB", "AUX") and not _is_passive(verb)]
            agents += [p for c in verb.children if c.dep_ == "agent" for p in c.children
                       if p.dep_ == "pobj"]
            if token.pos_ not in ("VERB", "AUX"):  # "plays a key brokering role"
                agents += [c for c in verb.children if c.dep_ == "nsubj"]
            for agent in agents:
                ent = next((e for e in doc.ents if e.start <= agent.i < e.end), None)
                if ent is None or ent.label_ not in ("GPE", "ORG", "NORP") or not has_name(
                        ent.text):
                    continue
                ref = _ref(registry, ent.text, ent.label_, doc.text, "mediator")
                if ref.kind in ("country", "org"):
                    found.setdefault(ref.key, ref)
    return list(found.values())


def _is_passive(verb: Any) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)


def with_participants(mentions: Sequence[Mention], mediators: Sequence[ActorRef],
                      delegates: Sequence[ActorRef]) -> list[Mention]:
    """CONSULT mentions with the article's mediators and the delegates of their sides."""
    out = []
    for mention in mentions:
        if mention.type != "CONSULT" or mention.mode in ("speech", "visit", "phone"):
            out.append(mention)
            continue
        refs = list(mention.actor_refs)
        parties = {r.country for r in refs if r.country}
        keys = {r.key for r in refs}
        mode = mention.mode
        for med in mediators:
            if mode == "third-party" or (med.country not in parties and len(parties) != 1):
                refs = [r for r in refs if r.key != med.key] + [med]
                keys.add(med.key)
                mode = "third-party"
        sides = parties | {m.country for m in mediators if m.key in keys}
        refs += [d for d in delegates if d.key not in keys and (not parties
                                                                or d.country in sides)]
        out.append(replace(mention, mode=mode, actor_refs=tuple(refs)))
    return _shared_venue(out)


def _shared_venue(mentions: list[Mention]) -> list[Mention]:
    """Talks the article places once ("Talks began in Abu Dhabi") are where its other
    reports of the same talks ("negotiators met Wednesday") happened, when every placed
    mention of talks with that modality agrees on the place."""
    venues: dict[str, set[str]] = {}
    for m in mentions:
        if m.type == "CONSULT" and m.place:
            venues.setdefault(m.modality.value, set()).add(m.place)
    out = []
    for m in mentions:
        same = venues.get(m.modality.value, set())
        if m.type == "CONSULT" and not m.place and len(same) == 1 and m.mode not in (
                "speech", "visit", "phone"):
            m = replace(m, place=next(iter(same)))
        out.append(m)
    return out
