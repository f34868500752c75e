"""Well-known anchor dates that durations and anniversaries in news are measured from.

"The war, which has lasted nearly four years" dates an article only if one knows when the
war began. This table holds a small set of widely reported starting points; users add
their own with a JSON file (``Settings.anchors_file``): a list of objects with ``name``,
``date`` (YYYY-MM-DD), ``topic`` (a regex that must match the article), ``cue`` (a regex
that must match the sentence holding the duration or anniversary) and optionally
``deadline`` (true for a date the story counts down to, such as a treaty's expiry).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from pathlib import Path

from dateline.errors import DatelineError


@dataclass(frozen=True)
class Anchor:
    name: str
    date: dt.date
    topic: re.Pattern[str]  # the article is about it
    cue: re.Pattern[str]  # the sentence measures from it
    # A deadline (a treaty's expiry, an election day) told in the present or future tense
    # puts the article in the months before it; a start only anchors durations.
    deadline: bool = False


def _anchor(name: str, date: str, topic: str, cue: str, deadline: bool = False) -> Anchor:
    return Anchor(name, dt.date.fromisoformat(date), re.compile(topic, re.IGNORECASE),
                  re.compile(cue, re.IGNORECASE), deadline)


_WAR = r"\b(war|conflict|invasion|fighting|hostilities)\b"
# Widely reported starting points of ongoing stories, 2001-2026. Each needs the topic in
# the article and the cue in the very sentence that gives the duration.
BUILTIN: tuple[Anchor, ...] = (
    _anchor("Russia's full-scale invasion of Ukraine", "2022-02-24",
            r"\bUkrain", r"\b(war|conflict|invasion|full-scale)\b"),
    _anchor("Russia's annexation of Crimea", "2014-03-18", r"\bCrimea", r"\bannex"),
    _anchor("Hamas attack on Israel", "2023-10-07", r"\b(Gaza|Hamas)\b", _WAR),
    _anchor("Syrian civil war", "2011-03-15", r"\bSyria", r"\b(civil war|uprising)\b"),
    _anchor("Sudan civil war", "2023-04-15", r"\bSudan", _WAR),
    _anchor("COVID-19 pandemic declared", "2020-03-11", r"\b(covid|coronavirus|pandemic)\b",
            r"\bpandemic\b"),
    _anchor("Fall of Kabul", "2021-08-15", r"\b(Taliban|Afghanistan)\b",
            r"\b(takeover|Taliban rule|return to power)\b"),
    _anchor("New START expiry", "2026-02-05", r"\bNew START\b", r"\bNew START\b",
            deadline=True),
)

# Terms of office: a title in the text bounds the publication date. Soft evidence only.
TERMS: tuple[tuple[re.Pattern[str], dt.date, dt.date], ...] = (
    (re.compile(r"\bPresident (Donald )?Trump\b"), dt.date(2017, 1, 20), dt.date(2021, 1, 20)),
    (re.compile(r"\bPresident (Donald )?Trump\b"), dt.date(2025, 1, 20), dt.date(2029, 1, 20)),
    (re.compile(r"\bPresident (Joe )?Biden\b"), dt.date(2021, 1, 20), dt.date(2025, 1, 20)),
    (re.compile(r"\bPresident (Barack )?Obama\b"), dt.date(2009, 1, 20), dt.date(2017, 1, 20)),
    (re.compile(r"\bPresident (Volodymyr )?Zelensk"), dt.date(2019, 5, 20), dt.date(2030, 1, 1)),
)


def load_anchors(path: Path | None) -> tuple[Anchor, ...]:
    """The built-in anchors plus those of a user's JSON file."""
    if path is None:
        return BUILTIN
    try:
        rows = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(rows, list):
            raise TypeError("the file holds no JSON list")
        extra = tuple(_anchor(r["name"], r["date"], r["topic"], r["cue"],
                              bool(r.get("deadline", False))) for r in rows)
    except (OSError, ValueError, KeyError, TypeError, re.error) as exc:
        raise DatelineError(
            f"[E017] the anchors file {path} cannot be used ({exc}); it must be a JSON list "
            "of {name, date: YYYY-MM-DD, topic: regex, cue: regex}"
        ) from exc
    return BUILTIN + extra
