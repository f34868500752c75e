"""Who and where: actors, recipients and the place of an event, read off the parse."""

from __future__ import annotations

from types import MappingProxyType
from typing import Any

from dateline.analyze import nlp

# Demonyms and short forms -> the country they stand for as an actor ("Ukrainian drones",
# "U.S. envoy"). A general table for world news, not a list of one story's names.
DEMONYMS = MappingProxyType(
    {
        "ukrainian": "Ukraine", "ukrainians": "Ukraine", "russian": "Russia",
        "russians": "Russia", "american": "United States", "americans": "United States",
        "u.s.": "United States", "us": "United States", "usa": "United States",
        "united states": "United States", "the united states": "United States",
        "the us": "United States", "the u.s.": "United States", "america": "United States",
        "british": "United Kingdom", "uk": "United Kingdom", "u.k.": "United Kingdom",
        "britain": "United Kingdom", "french": "France", "german": "Germany",
        "chinese": "China", "israeli": "Israel", "israelis": "Israel",
        "palestinian": "Palestine", "palestinians": "Palestine", "iranian": "Iran",
        "iraqi": "Iraq", "syrian": "Syria", "turkish": "Turkey", "polish": "Poland",
        "belarusian": "Belarus", "qatari": "Qatar", "emirati": "United Arab Emirates",
        "uae": "United Arab Emirates", "the uae": "United Arab Emirates", "saudi": "Saudi Arabia",
        "indian": "India", "pakistani": "Pakistan", "japanese": "Japan", "korean": "Korea",
        "north korean": "North Korea", "south korean": "South Korea", "european": "Europe",
        "italian": "Italy", "spanish": "Spain", "lebanese": "Lebanon", "libyan": "Libya",
        "egyptian": "Egypt", "yemeni": "Yemen", "afghan": "Afghanistan", "sudanese": "Sudan",
        "nato": "NATO", "soviet": "Soviet Union",
    }
)
ACTOR_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# An ORG entity ending in one of these names a venue: "the Munich Security Conference".
VENUE_HEADS = frozenset({"conference", "summit", "forum", "assembly", "council"})
# Generic heads of a place phrase: in "the city of Dnipro" the name is the place.
PLACE_HEADS = frozenset(
    {"city", "town", "village", "region", "province", "oblast", "district", "port", "area",
     "capital", "state", "county", "island", "peninsula", "border", "base", "airport",
     "airfield", "refinery", "plant", "terminal", "harbour", "harbor", "territory", "coast"}
)
LOCATIVE_PREPS = frozenset({"in", "at", "near", "outside", "across", "over", "inside", "on"})
_STRIP = " ,.;:'\"“”‘’"


def canonical(name: str) -> str:
    """The canonical spelling of an actor name: demonyms to countries, articles dropped."""
    key = name.strip(_STRIP).lower().replace("’s", "").replace("'s", "")
    if key in DEMONYMS:
        return DEMONYMS[key]
    name = name.strip(_STRIP)
    for article in ("the ", "The "):
        if name.startswith(article):
            name = name[len(article):]
    if name.endswith("’s") or name.endswith("'s"):
        name = name[:-2]
    return name


def written(name: str) -> str:
    """A name as written, trimmed of quotes, a leading "the" and a possessive: what the
    actor registry reads ("Russian" keeps the demonym, whose noun gives the sector)."""
    name = name.strip(_STRIP)
    for article in ("the ", "The "):
        if name.startswith(article):
            name = name[len(article):]
    if name.endswith("’s") or name.endswith("'s"):
        name = name[:-2]
    return name


def entity_of(token: Any) -> Any | None:
    return next((e for e in token.sent.ents if e.start <= token.i < e.end), None)


def entity_phrase(token: Any) -> str | None:
    """The actor a token names: its entity, a named apposition ("the envoy, Steve Witkoff"),
    or its NORP/PROPN modifiers ("Russian envoy"). Dates, numbers and places-as-venues
    are never actors."""
    if token.ent_type_ and token.ent_type_ not in ACTOR_LABELS:
        return None
    for child in token.children:
        if child.dep_ == "appos" and child.ent_type_ == "PERSON":
            return entity_phrase(child)
    if token.ent_type_ in ACTOR_LABELS:
        ent = entity_of(token)
        if ent is not None:
            return written(ent.text)
    for child in token.children:
        if child.dep_ in ("amod", "compound", "poss") and child.ent_type_ in ACTOR_LABELS:
            return entity_phrase(child)
    if token.pos_ == "PROPN" and not token.ent_type_ and token.dep_ != "compound":
        return written(token.text)
    return None


def with_conjuncts(token: Any) -> list[Any]:
    return [token, *(t for t in token.conjuncts)]


def modifiers(token: Any) -> list[Any]:
    """A noun's actor-like modifiers with their conjuncts: "Ukrainian and Russian"."""
    mods = [c for c in token.children if c.dep_ in ("amod", "compound", "poss")
            and c.ent_type_ in ACTOR_LABELS]
    return [each for m in mods for each in with_conjuncts(m)]


def names(tokens: list[Any]) -> tuple[str, ...]:
    """The actors the tokens name, as written (see :func:`written`), one per canonical form."""
    found: list[str] = []
    seen: set[str] = set()
    for token in tokens:
        for each in with_conjuncts(token):
            direct = entity_phrase(each) if each.ent_type_ or each.pos_ == "PROPN" else None
            candidates = [direct] if direct else [entity_phrase(m) for m in modifiers(each)]
            if not candidates:
                candidates = [entity_phrase(each)]
            for name in candidates:
                if name and canonical(name) not in seen:
                    seen.add(canonical(name))
                    found.append(name)
    return tuple(found)


def actors_and_recipients(trigger: Any) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Who acts and who is acted on, for a verb or a noun trigger."""
    if trigger.pos_ in ("VERB", "AUX"):
        return _verb_roles(trigger)
    return _noun_roles(trigger)


def _verb_roles(verb: Any) -> tuple[tuple[str, ...], tuple[str, ...]]:
    subjects, objects = [], []
    for child in verb.children:
        if child.dep_ in ("nsubj", "csubj"):
            subjects.append(child)
        elif child.dep_ in ("dobj", "nsubjpass", "dative"):
            objects.append(child)
        elif child.dep_ == "agent":
            subjects.extend(t for t in child.children if t.dep_ == "pobj")
        elif child.dep_ == "prep" and child.lower_ in ("with", "against", "on"):
            objects.extend(t for t in child.children if t.dep_ == "pobj")
    if not subjects and verb.dep_ == "relcl":
        subjects.append(verb.head)
    head = verb
    while not subjects and head.dep_ in ("xcomp", "advcl", "conj", "acomp") \
            and head.head.i != head.i:  # "are due to meet": the subject is the head's
        head = head.head
        subjects.extend(t for t in head.children if t.dep_ in ("nsubj", "nsubjpass"))
    actors = names(subjects)
    if not actors:  # "A Ukrainian drone strike ... injuring two people": the strike acts
        actors = tuple(n for s in subjects for n in names([c for c in s.children]))
    return actors, names(objects)


def _noun_roles(noun: Any) -> tuple[tuple[str, ...], tuple[str, ...]]:
    own = entity_of(noun)  # "the Munich Security Conference" does not act on itself
    actors = [c for c in noun.children if c.dep_ in ("amod", "compound", "poss", "nmod")
              and (c.ent_type_ in ACTOR_LABELS or c.pos_ == "PROPN")
              and (own is None or not own.start <= c.i < own.end)]
    recipients: list[Any] = []
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in ("by", "from"):
            actors.extend(t for t in child.children if t.dep_ == "pobj")
        elif child.dep_ == "prep" and child.lower_ in ("on", "against", "with", "between"):
            recipients.extend(t for t in child.children if t.dep_ == "pobj")
    if not actors and noun.dep_ in ("dobj", "attr") and noun.head.pos_ == "VERB":
        actors = [t for t in noun.head.children if t.dep_ == "nsubj"]
    return names(actors), names(recipients)


def place_of(trigger: Any) -> str | None:
    """The place a trigger's event happened: a locative phrase near it, or the place it
    struck ("hit the port of Taman"), else none."""
    for child in trigger.children:
        if child.dep_ in ("dobj", "nsubjpass") and nlp.lemma(child).lower() in PLACE_HEADS:
            name = _place_phrase(child)
            if name:
                return name
    for scope in (trigger, trigger.head):
        for prep in scope.children:
            if prep.dep_ == "prep" and prep.lower_ in LOCATIVE_PREPS:
                for pobj in (t for t in prep.children if t.dep_ == "pobj"):
                    name = _place_phrase(pobj)
                    if name:
                        return name
        if scope.i == scope.head.i:
            break
    return None


def any_place(sent: Any, clause: list[Any], taken: set[str], trigger: Any = None,
              other_events: frozenset[str] = frozenset()) -> str | None:
    """The first place named in the trigger's clause that is not an actor of the event,
    for triggers whose own phrases name none ("a bus ... in the Dnipropetrovsk region").
    A place that belongs to another event's noun is not this event's: in "the meeting
    took place ... before a scheduled discussion in Abu Dhabi" the meeting was not in Abu
    Dhabi; ``other_events`` are the word forms that name events (the lexicon's triggers)."""
    inside = {t.i for t in clause}
    for ent in sent.ents:
        if ent.label_ in ("GPE", "LOC", "FAC") and ent.root.i in inside and not _of_other(
                ent.root, trigger, other_events):
            name = canonical(ent.text)
            by_agent = ent.root.dep_ == "pobj" and ent.root.head.lower_ == "by"
            if name not in taken and not by_agent and ent.root.dep_ in (
                    "pobj", "appos", "compound"):
                return name
    return None


def _of_other(place: Any, trigger: Any, other_events: frozenset[str]) -> bool:
    """Whether a place hangs, through its preposition, off another event noun; a noun
    inside the trigger's own phrase ("a second round of negotiations in Abu Dhabi") is
    the same event."""
    head = place.head.head if place.dep_ == "pobj" and place.head.dep_ == "prep" else None
    if head is None or head.pos_ != "NOUN" or head.lower_ not in other_events:
        return False
    return trigger is None or head.i not in {t.i for t in trigger.subtree}


def _place_phrase(token: Any) -> str | None:
    if token.ent_type_ in PLACE_LABELS or (
        token.ent_type_ == "ORG" and token.lower_ in VENUE_HEADS
    ):
        ent = next((e for e in token.sent.ents if e.start <= token.i < e.end), None)
        base = canonical(ent.text) if ent is not None else token.text
        return _with_container(token, base)
    if nlp.lemma(token).lower() in PLACE_HEADS:
        named = [c for c in token.children if c.dep_ == "compound" and c.pos_ == "PROPN"]
        of_names = [t for c in token.children if c.dep_ == "prep" and c.lower_ == "of"
                    for t in c.children if t.dep_ == "pobj" and t.pos_ == "PROPN"]
        if of_names:
            return _with_container(token, _span_text(of_names[0]))
        if named:
            return _with_container(token, " ".join(t.text for t in [*named, token]))
    return None


def _span_text(token: Any) -> str:
    left = [t for t in token.lefts if t.dep_ == "compound"]
    return " ".join(t.text for t in [*left, token])


def _with_container(token: Any, base: str) -> str:
    """Adds the enclosing region: "Taman port" + "in Russia's Krasnodar region"."""
    for prep in token.children:
        if prep.dep_ == "prep" and prep.lower_ in ("in", "of"):
            for pobj in (t for t in prep.children if t.dep_ == "pobj"):
                inner = _place_phrase(pobj) or (
                    _region_text(pobj) if pobj.ent_type_ in PLACE_LABELS else None
                )
                if inner and inner != base:
                    return f"{base}, {inner}"
    return base


def _region_text(token: Any) -> str:
    return canonical(" ".join(t.text for t in token.subtree if t.dep_ != "det"))
