"""The small frozen records that the stages hand to one another.

ingest -> ``Article``; analyze -> ``Analysis`` (sentences, entities, time
expressions, event ``Mention``s); link -> ``Event``; present reads ``Event``s back
from the store. Every fact carries its article id and character offsets into the
article's cleaned text.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum


class Precision(StrEnum):
    """How much of a calendar date is known."""

    DAY = "day"
    MONTH = "month"
    YEAR = "year"


class DateSource(StrEnum):
    """How an article's publication date was found."""

    METADATA = "metadata"  # HTML meta tags or JSONL field, read by htmldate
    URL = "url"  # /2026/02/15/ in the article URL
    DATELINE = "dateline"  # "KYIV, Feb 15 (Reuters) -" or a date line at the top
    USER = "user"  # --published on the command line
    INFERRED = "inferred"  # from the text's own clues (analyze/dating.py)
    UNKNOWN = "unknown"


class Modality(StrEnum):
    """Whether an event happened, per the sentence that reports it."""

    HAPPENED = "happened"
    PLANNED = "planned"
    POSTPONED = "postponed"
    CANCELLED = "cancelled"
    CLAIMED = "claimed"  # reported by one side or an anonymous source
    DENIED = "denied"
    HYPOTHETICAL = "hypothetical"


@dataclass(frozen=True)
class FuzzyDate:
    """A calendar date known at some precision; ``value`` is its first day."""

    value: dt.date
    precision: Precision

    def iso(self) -> str:
        """ISO form at the known precision: ``2026``, ``2026-02`` or ``2026-02-15``."""
        if self.precision is Precision.YEAR:
            return f"{self.value.year:04d}"
        if self.precision is Precision.MONTH:
            return f"{self.value.year:04d}-{self.value.month:02d}"
        return self.value.isoformat()

    @classmethod
    def parse(cls, text: str) -> FuzzyDate:
        """Read the ISO form written by :meth:`iso`."""
        parts = text.split("-")
        year = int(parts[0])
        if len(parts) == 1:
            return cls(dt.date(year, 1, 1), Precision.YEAR)
        if len(parts) == 2:
            return cls(dt.date(year, int(parts[1]), 1), Precision.MONTH)
        return cls(dt.date(year, int(parts[1]), int(parts[2])), Precision.DAY)


@dataclass(frozen=True)
class PubDate:
    """An article's publication date with how it was found."""

    date: FuzzyDate | None
    source: DateSource
    evidence: str = ""
    confidence: float = 1.0  # below 1 only for inferred dates


@dataclass(frozen=True)
class RawDocument:
    """One input document as read from disk, before cleaning."""

    origin: str  # file path, with ":LINE" for JSONL lines
    text: str | None = None
    html: str | None = None
    id: str | None = None
    url: str | None = None
    title: str | None = None
    outlet: str | None = None
    published: str | None = None  # as given by the input, not yet parsed


@dataclass(frozen=True)
class Article:
    """A cleaned article, ready for analysis."""

    id: str
    origin: str
    text: str
    title: str
    url: str | None
    outlet: str | None
    published: PubDate
    content_hash: str
    removed: tuple[str, ...] = ()  # what the cleaner cut, for inspection


@dataclass(frozen=True)
class Span:
    """A character span into an article's cleaned text."""

    start: int
    end: int


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Entity:
    text: str
    label: str  # spaCy label: PERSON, GPE, ORG, NORP, LOC, FAC, ...
    start: int
    end: int


@dataclass(frozen=True)
class TimeExpr:
    """A temporal expression resolved against the publication date."""

    text: str
    start: int
    end: int
    date: FuzzyDate | None  # None when it cannot be placed on the calendar
    end_date: FuzzyDate | None = None  # for ranges: "February 20-21"
    relation: str = "unknown"  # past / present / future relative to publication
    note: str = ""  # e.g. a year that was corrected and why
    # TimeML TIMEX3 attributes: type (DATE, TIME, DURATION, SET), value ("2026-02-15",
    # "2026-W07", "P4Y", "PRESENT_REF", ...) and mod (APPROX, START, LESS_THAN, ...).
    timex_type: str = "DATE"
    value: str = ""
    mod: str = ""


@dataclass(frozen=True)
class Quantities:
    killed: int | None = None
    injured: int | None = None
    killed_qualifier: str = ""  # "at least", "about", ...
    injured_qualifier: str = ""
    arrested: int | None = None
    arrested_qualifier: str = ""
    missiles: int | None = None  # missiles and rockets fired or launched
    missiles_qualifier: str = ""
    drones: int | None = None
    drones_qualifier: str = ""

    def as_dict(self) -> dict[str, int | str]:
        """The counts stated, each with its qualifier when there is one."""
        found: dict[str, int | str] = {}
        for name in ("killed", "injured", "arrested", "missiles", "drones"):
            value = getattr(self, name)
            if value is not None:
                found[name] = value
                qualifier = getattr(self, f"{name}_qualifier")
                if qualifier:
                    found[f"{name}_qualifier"] = qualifier
        return found


@dataclass(frozen=True)
class ActorRef:
    """An actor as a canonical entity: "Zelenskyy", "President Zelensky" and "Volodymyr
    Zelensky" share one ``key``. ``country`` is ISO 3166 alpha-3 (as POLECAT codes it),
    ``sector`` a POLECAT-style code (GOV, MIL, CVL, REB, IGO, ...) where known."""

    name: str
    key: str
    kind: str = ""  # person, org, country, group
    country: str | None = None
    sector: str | None = None
    role: str = ""  # in talks: "mediator" or "delegate"; "" for a party

    def as_dict(self) -> dict[str, str | None]:
        return {"name": self.name, "key": self.key, "kind": self.kind,
                "country": self.country, "sector": self.sector, "role": self.role}


@dataclass(frozen=True)
class GeoPlace:
    """A place resolved to a gazetteer entry (GeoNames, shipped offline)."""

    name: str
    country: str  # ISO 3166 alpha-2
    admin1: str
    lat: float
    lon: float
    geonameid: int | None = None
    kind: str = ""  # city, admin1, country

    def as_dict(self) -> dict[str, str | float | int | None]:
        return {"name": self.name, "country": self.country, "admin1": self.admin1,
                "lat": self.lat, "lon": self.lon, "geonameid": self.geonameid,
                "kind": self.kind}


@dataclass(frozen=True)
class Mention:
    """One event mention in one sentence of one article."""

    article_id: str
    sentence: Sentence
    type: str  # PLOVER root type: ASSAULT, CONSULT, ...
    mode: str  # PLOVER mode where known: drone, missile, ...; "" otherwise
    trigger: str
    actors: tuple[str, ...]
    recipients: tuple[str, ...]
    place: str | None
    date: FuzzyDate | None
    end_date: FuzzyDate | None
    date_text: str
    modality: Modality
    quantities: Quantities = field(default_factory=Quantities)
    speaker: str | None = None
    confidence: float = 0.5
    actor_refs: tuple[ActorRef, ...] = ()
    recipient_refs: tuple[ActorRef, ...] = ()
    geo: GeoPlace | None = None
    acled: tuple[str, str] | None = None  # (event type, sub-event type) where ACLED codes it
    quote: str = ""  # for statements: the words said, quoted or reported
    topic: str = ""  # for statements: what they are about

    @property
    def summary(self) -> str:
        return self.sentence.text


@dataclass(frozen=True)
class Analysis:
    """Everything the analyze stage found in one article."""

    article_id: str
    sentences: tuple[Sentence, ...]
    entities: tuple[Entity, ...]
    times: tuple[TimeExpr, ...]
    mentions: tuple[Mention, ...]
    published: PubDate | None = None  # set when the publication date was inferred
    conflicts: tuple[DateConflict, ...] = ()
    notes: tuple[str, ...] = ()  # what the reader should know: "only the first ... analysed"


@dataclass(frozen=True)
class DateConflict:
    """A date printed in an article that the rest of its evidence contradicts."""

    article_id: str
    text: str  # the expression as printed, e.g. "February 20-21, 2024"
    start: int
    end: int
    printed: str  # ISO reading of the printed date
    corrected: str  # ISO reading used in the timeline
    evidence: tuple[str, ...]
