"""Counts in a sentence: killed, injured, arrested, missiles and drones, with "at least"/"about"
kept."""

from __future__ import annotations

import functools
import re
from typing import NamedTuple

from dateline.model import Quantities

NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "a dozen": 12, "dozen": 12,
    "a hundred": 100, "hundred": 100, "dozens": 24, "scores": 40, "hundreds": 200,
    "a couple of": 2, "a couple": 2,
}
QUALIFIERS = ("at least", "more than", "over", "about", "around", "nearly", "almost",
              "some", "up to", "roughly", "approximately", "fewer than", "less than")
# Vague plurals ("dozens") are kept as a lower bound, so they read as "at least".
VAGUE = frozenset({"dozens", "scores", "hundreds"})

_NUM = r"(?:\d{1,3}(?:,\d{3})+|\d{1,6}|" + "|".join(
    sorted((re.escape(w) for w in NUMBER_WORDS), key=len, reverse=True)
) + r")"
_QUAL = r"(?:(?P<qual>" + "|".join(QUALIFIERS) + r")\s+)?"
_Q = _QUAL + r"(?P<num>" + _NUM + r")"
# Up to three words between the number and the verb: "12 people", "six civilians were".
_GAP = r"(?:[\w'-]+\s+){0,3}?"
KILL = r"(?:killed|dead|died|slain|killing|deaths?)"
HURT = r"(?:injured|wounded|hurt|injuring|wounding|injuries)"


class _Kind(NamedTuple):
    """The patterns of one count, and a cheap test that the sentence may hold one: a word
    every pattern needs (most sentences name no casualties, arrests or weapons)."""

    cue: re.Pattern[str]
    patterns: tuple[re.Pattern[str], ...]


def _patterns(verb: str, noun_of: str) -> tuple[re.Pattern[str], ...]:
    return (
        # "killing at least 12 people", "injured six people", "left 3 dead"
        re.compile(r"\b" + verb + r"\s+" + _Q + r"\b", re.IGNORECASE),
        # "at least 12 people were killed", "six people injured", "two dead"
        re.compile(r"\b" + _Q + r"\s+" + _GAP + r"(?:(?:were|was|have been|had been|are)\s+)?"
                   + verb + r"\b", re.IGNORECASE),
        # "the deaths of at least a dozen people"
        re.compile(r"\b" + noun_of + r"\s+of\s+" + _Q + r"\b", re.IGNORECASE),
    )


ARREST = r"(?:arrested|detained|arresting|detaining|rounded\s+up|jailed|held\s+in\s+custody)"


def _cue(*words: str) -> re.Pattern[str]:
    return re.compile("|".join(words), re.IGNORECASE)


_KILLED = _Kind(_cue(KILL, r"(?:deaths?|lives)"), _patterns(KILL, r"(?:deaths?|lives)"))
_INJURED = _Kind(_cue(HURT, r"(?:injuries)"), _patterns(HURT, r"(?:injuries)"))
_ARRESTED = _Kind(_cue(ARREST, r"(?:arrests|detention)"), (
    *_patterns(ARREST, r"(?:arrests|detention)"),
    re.compile(r"\b" + _Q + r"\s+arrests\b", re.IGNORECASE)))


def _weapon(noun: str) -> _Kind:
    """ "71 ballistic missiles", "at least 450 attack drones", "a barrage of 40 missiles"."""
    return _Kind(_cue(noun), (re.compile(r"\b" + _Q + r"\s+(?:[a-z-]+\s+){0,2}?" + noun + r"\b",
                                         re.IGNORECASE),))


_MISSILES = _weapon(r"(?:missiles?|rockets?)")
_DRONES = _weapon(r"(?:drones?|UAVs?)")


def to_number(text: str) -> int | None:
    text = text.lower().strip()
    if text in NUMBER_WORDS:
        return NUMBER_WORDS[text]
    digits = text.replace(",", "")
    return int(digits) if digits.isdigit() else None


def _first(kind: _Kind, sentence: str) -> tuple[int | None, str]:
    if kind.cue.search(sentence) is None:
        return None, ""
    found: list[tuple[int, int, str]] = []
    for pattern in kind.patterns:
        for match in pattern.finditer(sentence):
            value = to_number(match.group("num"))
            if value is None:
                continue
            qual = (match.group("qual") or "").lower()
            if not qual and match.group("num").lower() in VAGUE:
                qual = "at least"
            found.append((match.start(), value, qual))
    if not found:
        return None, ""
    _, value, qual = min(found)
    return value, qual


# Several mentions of one sentence ask for its counts; a few thousand sentences is a
# few hundred kB.
@functools.lru_cache(maxsize=4096)
def find_quantities(sentence: str) -> Quantities:
    """The first count of each kind the sentence states."""
    killed, killed_q = _first(_KILLED, sentence)
    injured, injured_q = _first(_INJURED, sentence)
    arrested, arrested_q = _first(_ARRESTED, sentence)
    missiles, missiles_q = _first(_MISSILES, sentence)
    drones, drones_q = _first(_DRONES, sentence)
    return Quantities(killed=killed, injured=injured, killed_qualifier=killed_q,
                      injured_qualifier=injured_q, arrested=arrested,
                      arrested_qualifier=arrested_q, missiles=missiles,
                      missiles_qualifier=missiles_q, drones=drones, drones_qualifier=drones_q)
