"""Reading and writing the store's rows; callers hold the transaction."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from dateline import codec
from dateline.model import (
    Analysis,
    Article,
    FuzzyDate,
    Mention,
    Modality,
    Quantities,
    Sentence,
)


def _iso(date: FuzzyDate | None) -> str | None:
    return date.iso() if date is not None else None


def _date(text: str | None) -> FuzzyDate | None:
    return FuzzyDate.parse(text) if text else None


def article_exists(conn: sqlite3.Connection, article_id: str) -> bool:
    row = conn.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone()
    return row is not None


def original_by_hash(conn: sqlite3.Connection, content_hash: str) -> str | None:
    """The id of the first stored article with this exact content, if any."""
    row = conn.execute(
        "SELECT id FROM articles WHERE content_hash = ? AND duplicate_of IS NULL "
        "ORDER BY ingested_at, id LIMIT 1",
        (content_hash,),
    ).fetchone()
    return str(row["id"]) if row else None


def signatures(conn: sqlite3.Connection) -> Iterator[tuple[str, bytes]]:
    """MinHash signatures of the original (non-duplicate) articles."""
    for row in conn.execute(
        "SELECT id, minhash FROM articles WHERE duplicate_of IS NULL AND minhash IS NOT NULL"
    ):
        yield str(row["id"]), bytes(row["minhash"])


def insert_article(
    conn: sqlite3.Connection,
    article: Article,
    signature: bytes | None,
    duplicate_of: str | None = None,
    similarity: float | None = None,
) -> None:
    pub = article.published
    conn.execute(
        "INSERT INTO articles (id, origin, url, outlet, title, published, published_precision,"
        " published_source, published_evidence, text, content_hash, minhash, duplicate_of,"
        " similarity, removed, ingested_at, published_confidence)"
        " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        (
            article.id, article.origin, article.url, article.outlet, article.title,
            _iso(pub.date), pub.date.precision.value if pub.date else None,
            pub.source.value, pub.evidence, article.text, article.content_hash, signature,
            duplicate_of, similarity, json.dumps(list(article.removed)),
            dt.datetime.now(dt.UTC).isoformat(timespec="microseconds"),
            pub.confidence if pub.date is not None else 0.0,
        ),
    )


def insert_analysis(conn: sqlite3.Connection, analysis: Analysis) -> None:
    """Entities and time expressions of an analysed article (mentions go through link)."""
    conn.executemany(
        "INSERT INTO entities VALUES (?,?,?,?,?)",
        [(analysis.article_id, e.text, e.label, e.start, e.end) for e in analysis.entities],
    )
    conn.executemany(
        "INSERT INTO times VALUES (?,?,?,?,?,?,?,?)",
        [
            (analysis.article_id, t.text, t.start, t.end, _iso(t.date), _iso(t.end_date),
             t.relation, t.note)
            for t in analysis.times
        ],
    )


def insert_conflicts(conn: sqlite3.Connection, analysis: Analysis) -> None:
    conn.executemany(
        "INSERT INTO conflicts (article_id, field, text, start, end, printed, corrected,"
        " evidence) VALUES (?, 'date', ?, ?, ?, ?, ?, ?)",
        [(c.article_id, c.text, c.start, c.end, c.printed, c.corrected,
          json.dumps(list(c.evidence), ensure_ascii=False)) for c in analysis.conflicts],
    )


def insert_mention(conn: sqlite3.Connection, mention: Mention, event_id: str) -> None:
    q = mention.quantities
    conn.execute(
        "INSERT INTO mentions (article_id, event_id, sent_start, sent_end, sentence, type, mode,"
        " trigger, actors, recipients, place, date, end_date, date_text, modality, killed,"
        " killed_qualifier, injured, injured_qualifier, speaker, confidence, details)"
        " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        (
            mention.article_id, event_id, mention.sentence.start, mention.sentence.end,
            mention.sentence.text, mention.type, mention.mode, mention.trigger,
            json.dumps(list(mention.actors)), json.dumps(list(mention.recipients)),
            mention.place, _iso(mention.date), _iso(mention.end_date), mention.date_text,
            mention.modality.value, q.killed, q.killed_qualifier, q.injured,
            q.injured_qualifier, mention.speaker, mention.confidence,
            json.dumps(codec.details(mention), ensure_ascii=False),
        ),
    )


def row_to_mention(row: sqlite3.Row) -> Mention:
    more = json.loads(row["details"])
    return Mention(
        article_id=row["article_id"],
        sentence=Sentence(row["sent_start"], row["sent_end"], row["sentence"]),
        type=row["type"],
        mode=row["mode"],
        trigger=row["trigger"],
        actors=tuple(json.loads(row["actors"])),
        recipients=tuple(json.loads(row["recipients"])),
        place=row["place"],
        date=_date(row["date"]),
        end_date=_date(row["end_date"]),
        date_text=row["date_text"],
        modality=Modality(row["modality"]),
        quantities=(codec.quantities(more["quantities"]) if "quantities" in more else
                    Quantities(row["killed"], row["injured"], row["killed_qualifier"],
                               row["injured_qualifier"])),
        speaker=row["speaker"],
        confidence=row["confidence"],
        actor_refs=tuple(codec.actor_ref(a) for a in more.get("actor_refs", [])),
        recipient_refs=tuple(codec.actor_ref(a) for a in more.get("recipient_refs", [])),
        geo=codec.geo_place(more.get("geo")),
        acled=tuple(more["acled"]) if more.get("acled") else None,
        quote=more.get("quote", ""),
        topic=more.get("topic", ""),
    )


def event_mentions(conn: sqlite3.Connection, event_id: str) -> list[Mention]:
    rows = conn.execute(
        "SELECT m.* FROM mentions m JOIN articles a ON a.id = m.article_id "
        "WHERE m.event_id = ? ORDER BY a.ingested_at, m.id",
        (event_id,),
    )
    return [row_to_mention(r) for r in rows]


def published_dates(conn: sqlite3.Connection, article_ids: set[str]) -> dict[str, str]:
    """Article id -> publication date (ISO, any precision) of the given articles."""
    if not article_ids:
        return {}
    marks = ",".join("?" for _ in article_ids)
    rows = conn.execute(f"SELECT id, published FROM articles WHERE id IN ({marks})",
                        tuple(article_ids))
    return {r["id"]: r["published"] or "" for r in rows}


@dataclass(frozen=True)
class Reach:
    """The event dates a mention can merge with: days ``first``..``last`` (ISO), the
    month ``month`` and the year ``year`` as written for month- and year-precision dates."""

    first: str
    last: str
    month: str
    year: str


def candidate_events(
    conn: sqlite3.Connection, kind: str, low: str, high: str, reach: Reach | None = None
) -> list[sqlite3.Row]:
    """Events of a type whose date string sorts within [low, high] (ISO dates sort) and,
    given ``reach``, is one of its dates: only the columns merging compares, not summaries
    and disputes, which grow with the event."""
    narrow, extra = "", tuple[str, ...]()
    if reach is not None:
        narrow = " AND (date BETWEEN ? AND ? OR date = ? OR date = ?)"
        extra = (reach.first, reach.last, reach.month, reach.year)
    return list(
        conn.execute(
            "SELECT id, type, date, place, actors, modality, recipients, mode FROM events"
            f" WHERE type = ? AND date >= ? AND date <= ?{narrow} ORDER BY id",
            (kind, low, high, *extra),
        )
    )


def event_exists(conn: sqlite3.Connection, event_id: str) -> bool:
    return conn.execute("SELECT 1 FROM events WHERE id = ?", (event_id,)).fetchone() is not None


def load_tally(conn: sqlite3.Connection, event_id: str) -> str | None:
    """The stored JSON tally of an event (see dateline.link.tally), if it has one."""
    row = conn.execute("SELECT state FROM event_tallies WHERE event_id = ?",
                       (event_id,)).fetchone()
    return str(row["state"]) if row is not None else None


def save_tally(conn: sqlite3.Connection, event_id: str, state: str) -> None:
    conn.execute("INSERT INTO event_tallies (event_id, state) VALUES (?, ?) "
                 "ON CONFLICT(event_id) DO UPDATE SET state = excluded.state",
                 (event_id, state))


def upsert_event(conn: sqlite3.Connection, event_id: str, fields: dict[str, object]) -> None:
    columns = ", ".join(fields)
    marks = ", ".join("?" for _ in fields)
    updates = ", ".join(f"{c} = excluded.{c}" for c in fields)
    conn.execute(
        f"INSERT INTO events (id, {columns}) VALUES (?, {marks}) "
        f"ON CONFLICT(id) DO UPDATE SET {updates}",
        (event_id, *fields.values()),
    )


def copies_of(conn: sqlite3.Connection, article_ids: Sequence[str]) -> list[sqlite3.Row]:
    """Stored duplicate copies of the given articles."""
    if not article_ids:
        return []
    marks = ",".join("?" for _ in article_ids)
    return list(
        conn.execute(
            f"SELECT id, url, outlet, published, published_source, text, duplicate_of"
            f" FROM articles WHERE duplicate_of IN ({marks}) ORDER BY ingested_at, id",
            tuple(article_ids),
        )
    )
