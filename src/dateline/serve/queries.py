"""The SQL behind the filtered, paged lists of events and articles (FTS5 for ``q``)."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass

from dateline.present.timeline import entry
from dateline.serve.errors import E071_INVALID, ApiError
from dateline.serve.store import Page, fts_query


@dataclass(frozen=True)
class EventFilter:
    story: str | None = None
    type: str | None = None
    actor: str | None = None
    place: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    modality: str | None = None
    q: str | None = None


@dataclass(frozen=True)
class ArticleFilter:
    story: str | None = None
    outlet: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    q: str | None = None


EVENT_COLUMNS = (
    "e.id, e.date, e.end_date, e.type, e.mode, e.modality, e.summary, e.place, e.actors,"
    " e.recipients, e.killed, e.injured, e.confidence, e.story_id,"
    " (SELECT COUNT(*) FROM mentions m WHERE m.event_id = e.id) AS mentions")
ARTICLE_COLUMNS = (
    "a.id, a.title, a.url, a.outlet, a.published, a.published_precision, a.published_source,"
    " a.published_confidence, a.duplicate_of, a.story_id, a.ingested_at,"
    " (SELECT COUNT(*) FROM mentions m WHERE m.article_id = a.id) AS mentions")


def _match(q: str | None) -> str | None:
    if q is None:
        return None
    match = fts_query(q)
    if match is None:
        raise ApiError(422, E071_INVALID.format(detail="query 'q': give at least one word"))
    return match


def _dates(column: str, date_from: str | None, date_to: str | None,
           where: list[str], params: list[object]) -> None:
    # Inclusive ISO prefixes, as `dateline timeline --from/--to`.
    if date_from:
        where.append(f"{column} >= ?")
        params.append(date_from)
    if date_to:
        where.append(f"substr({column}, 1, ?) <= ?")
        params.extend([len(date_to), date_to])


def events(conn: sqlite3.Connection, f: EventFilter, page: Page
           ) -> tuple[list[dict[str, object]], int]:
    """One page of the events that pass ``f``, undated ones last, and how many pass."""
    where: list[str] = []
    params: list[object] = []
    for column, value in (("story_id", f.story), ("modality", f.modality)):
        if value:
            where.append(f"e.{column} = ?")
            params.append(value)
    if f.type:
        where.append("e.type = ?")
        params.append(f.type.upper())
    if f.place:
        where.append("e.place = ? COLLATE NOCASE")
        params.append(f.place)
    if f.actor:
        # An actor is on either side: the one who acts or the one acted upon.
        where.append("(EXISTS (SELECT 1 FROM json_each(e.actors) j WHERE j.value = ?"
                     " COLLATE NOCASE) OR EXISTS (SELECT 1 FROM json_each(e.recipients) j"
                     " WHERE j.value = ? COLLATE NOCASE))")
        params.extend([f.actor, f.actor])
    _dates("e.date", f.date_from, f.date_to, where, params)
    match = _match(f.q)
    if match:
        where.append("e.rowid IN (SELECT rowid FROM events_fts WHERE events_fts MATCH ?)")
        params.append(match)
    rows, total = _page(conn, EVENT_COLUMNS, "events e", where, params,
                        "e.date IS NULL, e.date, e.id", page)
    return [{**dict(r), "actors": json.loads(r["actors"]),
             "recipients": json.loads(r["recipients"])} for r in rows], total


def articles(conn: sqlite3.Connection, f: ArticleFilter, page: Page
             ) -> tuple[list[dict[str, object]], int]:
    """One page of the articles that pass ``f``, undated ones last, and how many pass."""
    where: list[str] = []
    params: list[object] = []
    if f.story:
        where.append("a.story_id = ?")
        params.append(f.story)
    if f.outlet:
        where.append("a.outlet = ? COLLATE NOCASE")
        params.append(f.outlet)
    _dates("a.published", f.date_from, f.date_to, where, params)
    match = _match(f.q)
    if match:
        where.append("a.rowid IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)")
        params.append(match)
    rows, total = _page(conn, ARTICLE_COLUMNS, "articles a", where, params,
                        "a.published IS NULL, a.published, a.id", page)
    return [dict(r) for r in rows], total


def _page(conn: sqlite3.Connection, columns: str, table: str, where: list[str],
          params: list[object], order: str, page: Page) -> tuple[list[sqlite3.Row], int]:
    """One page of ``table``'s rows that pass ``where``, and how many pass."""
    clause = (" WHERE " + " AND ".join(where)) if where else ""
    total = conn.execute(f"SELECT COUNT(*) FROM {table}{clause}", params).fetchone()[0]
    rows = conn.execute(f"SELECT {columns} FROM {table}{clause} ORDER BY {order} LIMIT ? OFFSET ?",
                        [*params, page.limit, page.offset]).fetchall()
    return rows, int(total)


def event_detail(conn: sqlite3.Connection, event_id: str) -> dict[str, object] | None:
    """One event with every source sentence (offsets into each article's text) and the
    conflicts that touch it; None if there is no such event."""
    row = conn.execute("SELECT * FROM events WHERE id = ?", (event_id,)).fetchone()
    if row is None:
        return None
    found = entry(conn, row)
    return {**found.to_json(), "story_id": row["story_id"],
            "conflicts": _conflicts(conn, row, sorted({s.article for s in found.sources}))}


def _conflicts(conn: sqlite3.Connection, row: sqlite3.Row, articles: list[str]
               ) -> list[dict[str, object]]:
    """The event's sources' disagreements, then its articles' corrected printed dates."""
    found: list[dict[str, object]] = [
        {"kind": "sources disagree", **dispute} for dispute in json.loads(row["disputes"])]
    marks = ",".join("?" * len(articles))
    for c in conn.execute(
            "SELECT article_id, field, text, start, end, printed, corrected, evidence FROM"
            f" conflicts WHERE article_id IN ({marks}) ORDER BY article_id, start", articles):
        found.append({"kind": "printed date", **dict(c), "evidence": json.loads(c["evidence"])})
    return found


ARTICLE_DETAILS = {
    "conflicts": "SELECT field, text, start, end, printed, corrected, evidence FROM conflicts"
                 " WHERE article_id = ? ORDER BY start",
    "times": "SELECT text, start, end, date, end_date, relation, note FROM times"
             " WHERE article_id = ? ORDER BY start",
    "mentions": "SELECT event_id, type, mode, modality, date, date_text, sentence, sent_start,"
                " sent_end FROM mentions WHERE article_id = ? ORDER BY sent_start",
}


def article_detail(conn: sqlite3.Connection, article_id: str) -> dict[str, object] | None:
    """One article: cleaned text, publication date and its evidence, copies, conflicts,
    time expressions and event mentions; None if there is no such article."""
    row = conn.execute("SELECT * FROM articles WHERE id = ?", (article_id,)).fetchone()
    if row is None:
        return None
    found: dict[str, object] = {k: row[k] for k in row.keys() if k != "minhash"}  # noqa: SIM118
    found["removed"] = json.loads(row["removed"])
    found["copies"] = [r["id"] for r in conn.execute(
        "SELECT id FROM articles WHERE duplicate_of = ? ORDER BY id", (article_id,))]
    for key, query in ARTICLE_DETAILS.items():
        found[key] = [{**dict(r), **({"evidence": json.loads(r["evidence"])}
                                     if key == "conflicts" else {})}
                      for r in conn.execute(query, (article_id,))]
    return found
