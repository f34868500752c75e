"""Where an event happened: the place a sentence's event is at, among the places it names.

:func:`event_place` reads a sentence and picks THE place its event happened at, not every
place it names: a name in a locative frame ("in/at/near X", "the port of X") or struck by
an attack verb ("targeted Kyiv") beats a bare mention, a city beats a region beats a
country, and the words around it ("Russia's", "Ukrainian", ", Qatar", "in the Krasnodar
region") act as its containers. :func:`place_mentions` lists every candidate with its frame.
Each phrase is resolved by :mod:`dateline.analyze.gazetteer`, whose :func:`resolve`,
:class:`Place`, :func:`key` and :func:`country_code` this module re-exports.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Protocol

from dateline.analyze.gazetteer import (
    _GENERIC,
    _NAME,
    ADMIN_WORDS,
    MODIFIERS,
    NAME_RE,
    Place,
    _Entry,
    _hints,
    _place,
    _resolve,
    countries_in,
    country_code,
    gazetteer,
    key,
    resolve,
)
from dateline.model import Sentence

__all__ = ["EntityLike", "Place", "PlaceMention", "country_code", "event_place", "key",
           "place_mentions", "resolve"]

# How strongly the words before a mention mark it as the event's place; a city is preferred
# to a division to a country; a mention far from the trigger loses this much per character.
# The owner of a thing ("Russia's oil facilities") is a weaker clue than a place named as
# such, by OWNER_PENALTY.
FRAMES = {"locative": 3.0, "target": 2.5, "motion": 1.5, "bare": 1.0}
OWNER_PENALTY = 1.0
SPECIFICITY = {"city": 0.6, "admin1": 0.3, "country": 0.0}
TRIGGER_WEIGHT = 0.005
# spaCy's small model tags many places PERSON, ORG or PRODUCT ("Kyiv", "Taman"): such a name
# counts only in a locative or target frame, and only as a large place unless the phrase
# itself says it is a place ("Taman port in Russia's Krasnodar region").
MISLABEL_MIN_POP = 100_000

LOCATIVE_WORDS = frozenset({"in", "at", "near", "outside", "inside", "off", "into", "across",
                            "through", "along", "around", "throughout", "over", "within",
                            "north", "south", "east", "west", "northeast", "northwest",
                            "southeast", "southwest"})
TARGET_WORDS = frozenset({"on", "against", "retook", "overran"})
TARGET_STEMS = ("hit", "struck", "strik", "target", "attack", "shell", "bomb", "pound",
                "raid", "storm", "captur", "seiz", "enter", "recaptur", "liberat", "invad",
                "besieg")
MOTION_WORDS = frozenset({"to", "toward", "towards", "from", "visit", "visited", "visits"})
# The last word of a facility or event named after its place: "Munich Security Conference".
VENUE_HEADS = frozenset({"conference", "summit", "forum", "talks", "airport", "plant",
                         "station", "base", "refinery", "terminal", "hospital", "university",
                         "stadium", "square", "bridge", "dam", "port"})
# Capitalised words that are never the place of an event, though a village may bear the name:
# calendar words, and regions wider than any gazetteer entry.
NOT_PLACES = frozenset({
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday", "europe", "asia", "africa", "middle east", "the middle east",
    "near east", "far east", "the west", "west", "east", "north", "south", "gulf", "the gulf",
    "balkans", "the balkans", "caucasus", "sahel", "latin america", "south america",
    "north america", "central asia", "southeast asia", "east asia", "the americas",
    "scandinavia", "mediterranean", "black sea", "baltic", "arctic", "pacific", "atlantic",
    "red sea", "dead sea", "north sea", "baltic sea", "caspian sea", "arabian sea",
    "south china sea", "persian gulf", "gulf of aden", "strait of hormuz", "sea of azov",
    "english channel", "congress", "parliament", "senate", "house", "white house", "kremlin",
    "pentagon", "capitol", "united nations", "un", "security council", "supreme court",
    "knesset", "duma", "bundestag", "elysee", "downing street", "city hall"})
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
NEVER_LABELS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT",
                          "QUANTITY", "LAW", "LANGUAGE"})

# After a name: its kind word ("Taman port") and containers (", Qatar", "in Russia's
# Krasnodar region").
TAIL_RE = re.compile(
    rf"(?:\s+(?i:{_GENERIC})\b)?(?:(?:,\s*|\s+in\s+(?:the\s+)?)(?:{_NAME}['’]s\s+)?{_NAME}"
    rf"(?:\s+(?i:{'|'.join(ADMIN_WORDS)})\b)?)*")
# After an owner or a demonym, the place it qualifies ("Russia's southern Krasnodar region",
# "the Ukrainian city of Dnipro"); the lower-case words between must all be MODIFIERS.
OWNED_RE = re.compile(rf"['’]s\s+((?:[a-z-]+\s+){{0,3}}?)(?:(?i:{_GENERIC})\s+of\s+)?{_NAME}")
DEMONYM_RE = re.compile(rf"\s+((?:[a-z-]+\s+){{0,3}}?)(?:(?i:{_GENERIC})\s+of\s+{_NAME}"
                        r"|(?:territory|soil|airspace|waters)\b)")
GENERIC_OF_RE = re.compile(rf"(?:(?i:{_GENERIC})\s+)?(?i:{_GENERIC})\s+of\s+$")


@dataclass(frozen=True)
class PlaceMention:
    """A place a sentence names, how its words frame it, and its score as the event's place."""

    place: Place
    start: int  # offsets in the coordinates of the input (the article's for a Sentence)
    end: int
    text: str  # the phrase as resolved: "Taman port in Russia’s Krasnodar region"
    frame: str  # a key of FRAMES
    owner: bool  # named as the owner of something else: "targeted Russia's oil facilities"
    score: float


class EntityLike(Protocol):
    """What :func:`event_place` reads of an entity; :class:`dateline.model.Entity` fits."""

    @property
    def text(self) -> str: ...
    @property
    def label(self) -> str: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...


@dataclass(frozen=True)
class _Mention:
    start: int  # sentence-relative characters of the whole phrase
    end: int
    phrase: str
    frame: str
    owner: bool
    trusted: bool  # not a name spaCy called a person, organisation or product


def _frame(text: str, start: int, label: str) -> str | None:
    """How the words before a place phrase mark it: "in", "near" and "north of" locate the
    event; "hit", "targeted", "on" name its target; "to" and "from" its direction."""
    for word in reversed(re.findall(r"[\w'’-]+", text[max(0, start - 80):start])[-6:]):
        word = word.lower()
        if word in MODIFIERS:
            continue
        if word in LOCATIVE_WORDS:
            return "locative"
        if word in TARGET_WORDS or word.startswith(TARGET_STEMS):
            return "target"
        if word in MOTION_WORDS:
            return "motion"
        if word == "by":
            return None  # "brokered by the United States": an actor
        break
    return "bare" if label in PLACE_LABELS else None


def _extent(text: str, match: re.Match[str], label: str) -> tuple[int, int] | None:
    """Where the place phrase a name opens starts and ends: an owner or a demonym reaches to
    the place it qualifies, a name to its kind word and containers. None for an owner of
    something else ("Ukraine's power grid") and for a demonym alone."""
    start, end = match.start(), match.end()
    if text.startswith(("'s", "’s"), end):
        owned = OWNED_RE.match(text, end)
    elif label == "NORP" or key(match[0]) in gazetteer().demonyms:
        owned = DEMONYM_RE.match(text, end)
        if not owned:
            return None
    else:
        owned = None
        before = GENERIC_OF_RE.search(text, max(0, start - 40), start)
        if before and before.end() == start:  # "the port city of Odesa"
            start = before.start()
    if owned and all(word in MODIFIERS for word in owned[1].split()):
        end = owned.end()
    elif owned or text.startswith(("'s", "’s"), end):
        return None
    tail = TAIL_RE.match(text, end)
    return start, tail.end() if tail else end


@functools.lru_cache(maxsize=4096)
def _mentions_of(text: str, spans: tuple[tuple[int, int, str], ...]) -> tuple[_Mention, ...]:
    """:func:`_mentions`, kept: every event mention of a sentence asks for its places."""
    return tuple(_mentions(text, spans))


def _mentions(text: str, spans: Sequence[tuple[int, int, str]]) -> Iterator[_Mention]:
    covered = 0
    for match in NAME_RE.finditer(text):
        if match.start() < covered or key(match[0]) in NOT_PLACES or key(match[0]) in MODIFIERS:
            continue  # "the White House", "the Port of Beirut"
        label = next((lab for s, e, lab in spans if s < match.end() and match.start() < e), "")
        if label in NEVER_LABELS:
            continue
        if " " in match[0] and match[0].split()[-1].lower() in VENUE_HEADS:
            label = "FAC"  # "the Munich Security Conference", whatever spaCy called it
        extent = _extent(text, match, label)
        owner = extent is None and text.startswith(("'s", "’s"), match.end())
        if extent is None and not owner:
            continue
        start, end = extent or (match.start(), match.end())
        frame = _frame(text, start, label)
        trusted = label in PLACE_LABELS or label in ("", "NORP")
        if frame is None or (not trusted and frame not in ("locative", "target")):
            continue
        covered = end
        phrase = text[start:end].rstrip(",")
        if phrase.endswith(".") and "." not in phrase.split()[-1][:-1]:  # not "U.S."
            phrase = phrase[:-1]
        end = start + len(phrase)
        yield _Mention(start, end, phrase, frame, owner,
                       trusted or phrase != match[0])  # "Taman port in Russia's Krasnodar..."


def _resolve_mention(mention: _Mention, hints: frozenset[str],
                     weak: frozenset[str]) -> _Entry | None:
    entry = _resolve(mention.phrase, hints, weak)
    words = mention.phrase.split()
    if entry is None and len(words) > 1 and words[-1].lower() in VENUE_HEADS:
        for size in range(len(words) - 1, 0, -1):  # "Munich Security Conference" -> Munich
            entry = _resolve(" ".join(words[:size]), hints, weak)
            if entry is not None:
                break
    if entry is not None and not mention.trusted and entry.population < MISLABEL_MIN_POP:
        return None
    return entry


def place_mentions(sentence: Sentence | str, entities: Sequence[EntityLike] = (), *,
                   trigger: int | None = None,
                   countries_hint: Sequence[str] = ()) -> list[PlaceMention]:
    """The places a sentence names, best candidate for its event's place first.

    ``entities`` are spaCy's: they mark bare mentions as places and keep dates and numbers
    out, but names spaCy misses or mislabels ("Taman", "Kyiv") still count in a locative or
    target frame. Offsets of ``entities`` and ``trigger`` (the trigger word's first
    character) are the article's when ``sentence`` is a :class:`~dateline.model.Sentence`,
    the string's own otherwise; so are the offsets returned."""
    text, offset = (sentence.text, sentence.start) if isinstance(sentence, Sentence) else (
        sentence, 0)
    spans = tuple((e.start - offset, e.end - offset, e.label) for e in entities)
    hints, weak = _hints(countries_hint), countries_in(text)
    found = []
    for mention in _mentions_of(text, spans):
        entry = _resolve_mention(mention, hints, weak)
        if entry is None:
            continue
        score = FRAMES[mention.frame] + SPECIFICITY[entry.kind]
        score -= OWNER_PENALTY if mention.owner else 0.0
        if trigger is not None:
            score -= TRIGGER_WEIGHT * abs(mention.start - (trigger - offset))
        found.append(PlaceMention(_place(entry), mention.start + offset, mention.end + offset,
                                  mention.phrase, mention.frame, mention.owner,
                                  round(score, 3)))
    return sorted(found, key=lambda m: -m.score)


def event_place(sentence: Sentence | str, entities: Sequence[EntityLike] = (), *,
                trigger: int | None = None, countries_hint: Sequence[str] = ()) -> Place | None:
    """THE place a sentence's event happened at (see :func:`place_mentions`), or None."""
    found = place_mentions(sentence, entities, trigger=trigger, countries_hint=countries_hint)
    return found[0].place if found else None
