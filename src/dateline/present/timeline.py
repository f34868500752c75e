"""Timeline entries read back from the store: events in date order, with their sources."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from dataclasses import asdict, dataclass

from dateline import errors
from dateline.errors import DatelineError
from dateline.store import repo


@dataclass(frozen=True)
class Source:
    article: str
    url: str | None
    outlet: str | None
    published: str | None
    sentence: str
    start: int | None  # offsets into that article's cleaned text; None if not found there
    end: int | None
    copy_of: str | None = None  # set when this source is a duplicate copy of another
    published_source: str = ""  # how the publication date was found: metadata, inferred, ...


@dataclass(frozen=True)
class Entry:
    id: str
    date: str
    end_date: str | None
    type: str
    mode: str
    summary: str
    place: str | None
    actors: list[str]
    recipients: list[str]
    modality: str
    killed: int | None
    injured: int | None
    confidence: float
    sources: list[Source]

    def to_json(self) -> dict[str, object]:
        return asdict(self)


def timeline(
    conn: sqlite3.Connection, date_from: str | None = None, date_to: str | None = None,
    story: str | None = None,
) -> list[Entry]:
    """Dated events in date order; ``date_from``/``date_to`` are inclusive ISO prefixes;
    ``story`` keeps the events of one story."""
    # Hypothetical events ("talks could collapse") are kept in the store, not the timeline.
    query = "SELECT * FROM events WHERE date IS NOT NULL AND modality != 'hypothetical'"
    params: list[str] = []
    if story:
        if conn.execute("SELECT 1 FROM stories WHERE id = ?", (story,)).fetchone() is None:
            raise DatelineError(errors.E019_NO_STORY.format(id=story))
        query += " AND story_id = ?"
        params.append(story)
    if date_from:
        query += " AND date >= ?"
        params.append(date_from)
    if date_to:
        query += " AND substr(date, 1, ?) <= ?"
        params.extend([str(len(date_to)), date_to])
    query += " ORDER BY date, confidence DESC, id"
    return [entry(conn, row) for row in conn.execute(query, params)]


def select(entries: Sequence[Entry], dates: int | None, per_date: int | None) -> list[Entry]:
    """The ``dates`` most important dates and, on each, the ``per_date`` best events, in
    date order; ``None`` keeps all (and both ``None`` keep ``entries`` as they are).

    A date matters by how many independent reports it has: the articles (copies not
    counted) behind all its events, then their summed confidence. On one date an event
    ranks by its own independent articles, then its confidence. Events dated to a month
    or a year form dates of their own ("2026-02").
    """
    if dates is None and per_date is None:
        return list(entries)
    by_date: dict[str, list[Entry]] = {}
    for e in entries:
        by_date.setdefault(e.date, []).append(e)

    def reports(group: Sequence[Entry]) -> int:
        return len({s.article for e in group for s in e.sources if s.copy_of is None})

    ranked = sorted(by_date, key=lambda d: (-reports(by_date[d]),
                                            -sum(e.confidence for e in by_date[d]), d))
    chosen = sorted(ranked[:dates] if dates is not None else ranked)
    out: list[Entry] = []
    for day in chosen:
        best = sorted(by_date[day], key=lambda e: (-reports([e]), -e.confidence, e.id))
        out.extend(best[:per_date] if per_date is not None else best)
    return out


def entry(conn: sqlite3.Connection, row: sqlite3.Row) -> Entry:
    return Entry(
        id=row["id"], date=row["date"], end_date=row["end_date"], type=row["type"],
        mode=row["mode"], summary=row["summary"], place=row["place"],
        actors=json.loads(row["actors"]), recipients=json.loads(row["recipients"]),
        modality=row["modality"], killed=row["killed"], injured=row["injured"],
        confidence=row["confidence"], sources=sources(conn, row["id"]),
    )


def sources(conn: sqlite3.Connection, event_id: str) -> list[Source]:
    """Every sentence behind an event, and the same sentence in each duplicate copy."""
    rows = list(conn.execute(
        "SELECT m.article_id, m.sent_start, m.sent_end, m.sentence, a.url, a.outlet,"
        " a.published, a.published_source FROM mentions m JOIN articles a ON a.id = m.article_id"
        " WHERE m.event_id = ? ORDER BY a.published, a.ingested_at, m.id",
        (event_id,),
    ))
    found = [
        Source(r["article_id"], r["url"], r["outlet"], r["published"], r["sentence"],
               r["sent_start"], r["sent_end"], published_source=r["published_source"])
        for r in rows
    ]
    by_article = {s.article: s for s in found}
    for copy in repo.copies_of(conn, list(by_article)):
        original = by_article[copy["duplicate_of"]]
        at = copy["text"].find(original.sentence)
        found.append(Source(
            copy["id"], copy["url"], copy["outlet"], copy["published"], original.sentence,
            at if at >= 0 else None, at + len(original.sentence) if at >= 0 else None,
            copy_of=original.article, published_source=copy["published_source"],
        ))
    return found
