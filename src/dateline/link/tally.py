"""An event's displayed fields kept up to date one mention at a time.

:func:`~dateline.link.merge.canonical_fields` reads every mention of an event. An event that
thousands of articles report (a war's big strike, a summit) would then make each new
mention cost as much as all the earlier ones, and adding one article to a large store
would grow with the size of the events it joins. :class:`EventTally` keeps instead what
that rule counts: for each value a field takes, how often and where first (the rule breaks
ties by the earliest source), the readings of disputed fields grouped by value with their
articles and best reading (:mod:`dateline.link.disputes`), the most confident mention and
the running product of confidences. Folding the mentions in the order
:func:`~dateline.store.repo.event_mentions` gives them yields exactly what
``canonical_fields`` gives for all of them (``tests/test_tally.py`` checks this on random
mentions); each fold costs the same however many mentions came before, apart from appending
the article to its value's list of sources, which a dispute prints anyway.

The tally round-trips through JSON (``to_json`` / ``from_json``) and is stored beside the
event (table ``event_tallies``).
"""

from __future__ import annotations

import json
from collections.abc import Hashable, Mapping
from dataclasses import dataclass, field
from typing import Any

from dateline.link.disputes import Reading, _compatible, _invert, readings
from dateline.link.merge import MODALITY_GROUPS
from dateline.model import Mention, Precision

FIELDS = ("date", "killed", "injured", "place", "actor")
LATEST_FIRST = frozenset({"killed", "injured"})  # tolls rise: the latest report is shown
# Date picks, most trusted first: a date the text states over one taken from the
# publication day, a day over a month or a year (see canonical_fields).
DATE_CLASSES = ("stated_day", "stated", "day", "other")

Counts = dict[str, list[int]]  # value -> [count, position of its first mention]


@dataclass
class EventTally:
    """What an event's displayed fields are computed from; see the module docstring."""

    n: int = 0  # mentions folded
    dates: dict[str, Counts] = field(default_factory=dict)  # DATE_CLASSES -> "date|end"
    places: Counts = field(default_factory=dict)
    modes: Counts = field(default_factory=dict)
    modalities: Counts = field(default_factory=dict)
    real: Counts = field(default_factory=dict)  # "modality|publication day" of real ones
    actors: dict[str, int] = field(default_factory=dict)  # first-seen order kept
    recipients: dict[str, int] = field(default_factory=dict)
    lead: tuple[float, str, str] = (-1.0, "", "")  # confidence, type, sentence
    keep: float = 1.0  # product of (1 - confidence)
    groups: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # field -> values

    def add(self, mention: Mention, published: str) -> None:
        """Folds in the next mention; ``published`` is its article's ISO date or ""."""
        pos = self.n
        self.n += 1
        if mention.date is not None:
            stated = "stated" if mention.date_text else ""
            day = mention.date.precision is Precision.DAY
            kind = {("stated", True): "stated_day", ("stated", False): "stated",
                    ("", True): "day", ("", False): "other"}[(stated, day)]
            end = mention.end_date.iso() if mention.end_date else ""
            _count(self.dates.setdefault(kind, {}), f"{mention.date.iso()}|{end}", pos)
        if mention.place:
            _count(self.places, mention.place, pos)
        if mention.mode:
            _count(self.modes, mention.mode, pos)
        _count(self.modalities, mention.modality.value, pos)
        if MODALITY_GROUPS[mention.modality] == "real":
            _count(self.real, f"{mention.modality.value}|{published[:10]}", pos)
        for name in mention.actors:
            self.actors[name] = self.actors.get(name, 0) + 1
        for name in mention.recipients:
            self.recipients[name] = self.recipients.get(name, 0) + 1
        if mention.confidence > self.lead[0]:  # ties: the earliest mention leads
            self.lead = (mention.confidence, mention.type, mention.sentence.text)
        self.keep *= 1.0 - mention.confidence
        for name in FIELDS:
            for reading in readings(name, [mention], {mention.article_id: published}):
                self._group(name, reading, pos)

    def _group(self, name: str, reading: Reading, pos: int) -> None:
        value = _plain(reading.value)
        groups = self.groups.setdefault(name, [])
        group = next((g for g in groups if g["value"] == value), None)
        if group is None:
            groups.append({"value": value, "shown": reading.shown, "articles": [],
                           "spec": reading.specificity, "when": reading.published,
                           "best": reading.shown, "pos": pos})
            group = groups[-1]
        elif (_when_rank(name, reading.specificity, reading.published)
              > _when_rank(name, group["spec"], group["when"])):
            group.update(spec=reading.specificity, when=reading.published,
                         best=reading.shown, pos=pos)
        # all mentions of one article are folded one after another: a repeat is the last
        if not group["articles"] or group["articles"][-1] != reading.article:
            group["articles"].append(reading.article)

    # -- the displayed fields --------------------------------------------------------------

    def fields(self) -> dict[str, object]:
        """The event's columns, as :func:`~dateline.link.merge.canonical_fields` makes them."""
        found = self.disputes()
        shown = {d["field"]: d["shown"] for d in found}
        picked = next((self.dates[k] for k in DATE_CLASSES if self.dates.get(k)), None)
        date, end = _most_common(picked).split("|") if picked else ("", "")
        counts = {name: self._chosen(name) for name in ("killed", "injured")}
        return {
            "type": self.lead[1],
            "mode": _most_common(self.modes) if self.modes else "",
            "date": str(shown["date"]) if "date" in shown else (date or None),
            "end_date": end or None,
            "place": str(shown["place"]) if "place" in shown else (
                _most_common(self.places) if self.places else None),
            "actors": json.dumps(_by_count(self.actors)),
            "recipients": json.dumps(_by_count(self.recipients)),
            "modality": self._modality(date),
            "summary": self.lead[2],
            "killed": counts["killed"]["value"][0] if counts["killed"] else None,
            "injured": counts["injured"]["value"][0] if counts["injured"] else None,
            "confidence": round(1.0 - self.keep, 3),
            "disputes": json.dumps(found, ensure_ascii=False),
        }

    def disputes(self) -> list[dict[str, object]]:
        """As :func:`~dateline.link.disputes.disputes` of all the mentions."""
        out: list[dict[str, object]] = []
        for name in FIELDS:
            groups = self.groups.get(name, [])
            values = [_hashable(g["value"]) for g in groups]
            if not any(not _compatible(name, a, b, lambda x, y: False)
                       for i, a in enumerate(values) for b in values[i + 1:]):
                continue
            chosen = self._chosen(name)
            assert chosen is not None
            out.append({"field": name, "shown": chosen["best"],
                        "rule": "agreement, then specificity, then "
                                + ("latest report" if name in LATEST_FIRST
                                   else "earliest report"),
                        "values": [{"value": g["shown"], "articles": list(g["articles"])}
                                   for g in groups]})
        return out

    def _chosen(self, name: str) -> dict[str, Any] | None:
        """The value group whose best reading :func:`~dateline.link.disputes.choose` shows."""
        groups = self.groups.get(name)
        if not groups:
            return None
        return max(groups, key=lambda g: (len(g["articles"]),
                                          *_when_rank(name, g["spec"], g["when"]), -g["pos"]))

    def _modality(self, date: str) -> str:
        """A plan reported as done by an article from its day or later has happened."""
        if date:
            done: Counts = {}
            for key, (count, first) in self.real.items():
                modality, day = key.split("|", 1)
                if day >= date[:10]:
                    entry = done.setdefault(modality, [0, first])
                    entry[0] += count
                    entry[1] = min(entry[1], first)
            total = sum(c for c, _ in done.values())
            if total and total < self.n:
                return _most_common(done)
        return _most_common(self.modalities)

    # -- storage ---------------------------------------------------------------------------

    def to_json(self) -> str:
        return json.dumps(self.__dict__, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> EventTally:
        data = json.loads(text)
        data["lead"] = tuple(data["lead"])
        return cls(**data)


def tally_of(mentions: list[Mention], published: Mapping[str, str]) -> EventTally:
    """The tally of mentions given in event order (for events stored without one)."""
    tally = EventTally()
    for mention in mentions:
        tally.add(mention, published.get(mention.article_id, ""))
    return tally


def _count(counts: Counts, key: str, pos: int) -> None:
    entry = counts.get(key)
    if entry is None:
        counts[key] = [1, pos]
    else:
        entry[0] += 1


def _most_common(counts: Counts) -> str:
    """The most frequent value; ties go to the one seen first (the earliest source)."""
    return min(counts.items(), key=lambda kv: (-kv[1][0], kv[1][1]))[0]


def _by_count(counts: dict[str, int]) -> list[str]:
    # sorted() is stable: ties keep first-seen order, as Counter.most_common does
    return [name for name, _ in sorted(counts.items(), key=lambda kv: -kv[1])]


def _when_rank(name: str, spec: int, published: str) -> tuple[int, str]:
    return spec, (published if name in LATEST_FIRST else _invert(published))


def _plain(value: Hashable) -> Any:
    """A reading's value as JSON keeps it (tuples become lists)."""
    return list(value) if isinstance(value, tuple) else value


def _hashable(value: Any) -> Hashable:
    found: Hashable = tuple(value) if isinstance(value, list) else value
    return found
