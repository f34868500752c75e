"""Plain listings of events and articles, and one item in detail, as JSON-ready dicts."""

from __future__ import annotations

import json
import sqlite3

from dateline import errors
from dateline.errors import DatelineError
from dateline.present.timeline import entry


def list_events(conn: sqlite3.Connection, kind: str | None = None) -> list[dict[str, object]]:
    query = ("SELECT e.id, e.date, e.type, e.mode, e.modality, e.place, e.actors,"
             " COUNT(m.id) AS mentions, e.summary FROM events e"
             " JOIN mentions m ON m.event_id = e.id")
    params: tuple[str, ...] = ()
    if kind:
        query += " WHERE e.type = ?"
        params = (kind.upper(),)
    query += " GROUP BY e.id ORDER BY e.date IS NULL, e.date, e.id"
    rows = conn.execute(query, params)
    return [{**dict(r), "actors": json.loads(r["actors"])} for r in rows]


def list_conflicts(conn: sqlite3.Connection) -> list[dict[str, object]]:
    """Printed dates that their article's own evidence contradicts, with both readings,
    then the events whose sources disagree, with every value and the one shown."""
    rows = conn.execute(
        "SELECT c.article_id, c.field, c.text, c.start, c.end, c.printed, c.corrected,"
        " c.evidence, a.outlet, a.url FROM conflicts c JOIN articles a ON a.id = c.article_id"
        " ORDER BY c.corrected, c.article_id, c.start"
    )
    found: list[dict[str, object]] = [
        {"kind": "printed date", **dict(r), "evidence": json.loads(r["evidence"])}
        for r in rows]
    for event in conn.execute("SELECT id, type, date, summary, disputes FROM events "
                              "WHERE disputes != '[]' ORDER BY date, id"):
        for dispute in json.loads(event["disputes"]):
            found.append({"kind": "sources disagree", "event_id": event["id"],
                          "type": event["type"], "date": event["date"], **dispute})
    return found


def list_stories(conn: sqlite3.Connection) -> list[dict[str, object]]:
    """Stories with their publication span, articles (copies included) and events."""
    rows = conn.execute(
        "SELECT s.id, s.first, s.last, s.title, s.terms, s.entities,"
        " (SELECT COUNT(*) FROM articles a WHERE a.story_id = s.id) AS articles,"
        " (SELECT COUNT(*) FROM events e WHERE e.story_id = s.id) AS events"
        " FROM stories s ORDER BY articles DESC, s.first, s.id")
    return [{**dict(r), "terms": json.loads(r["terms"]), "entities": json.loads(r["entities"])}
            for r in rows]


def list_articles(conn: sqlite3.Connection) -> list[dict[str, object]]:
    rows = conn.execute(
        "SELECT a.id, a.published, a.published_source, a.published_confidence, a.outlet,"
        " a.title, a.duplicate_of, a.story_id,"
        " (SELECT COUNT(*) FROM mentions m WHERE m.article_id = a.id) AS mentions"
        " FROM articles a ORDER BY a.published IS NULL, a.published, a.id"
    )
    return [dict(r) for r in rows]


def show(conn: sqlite3.Connection, item_id: str) -> dict[str, object]:
    """An event with its sources, or an article with what was found in it."""
    row = conn.execute("SELECT * FROM events WHERE id = ?", (item_id,)).fetchone()
    if row is not None:
        return {"kind": "event", **entry(conn, row).to_json()}
    row = conn.execute("SELECT * FROM articles WHERE id = ?", (item_id,)).fetchone()
    if row is None:
        raise DatelineError(errors.E013_NOT_FOUND_ID.format(id=item_id))
    article = {k: v for k, v in dict(row).items() if k not in ("minhash", "removed")}
    article["removed"] = json.loads(row["removed"])
    article["copies"] = [r["id"] for r in conn.execute(
        "SELECT id FROM articles WHERE duplicate_of = ? ORDER BY id", (item_id,))]
    article["conflicts"] = [dict(r) for r in conn.execute(
        "SELECT text, start, end, printed, corrected, evidence FROM conflicts"
        " WHERE article_id = ? ORDER BY start", (item_id,))]
    article["times"] = [dict(r) for r in conn.execute(
        "SELECT text, start, end, date, end_date, relation, note FROM times"
        " WHERE article_id = ? ORDER BY start", (item_id,))]
    article["mentions"] = [dict(r) for r in conn.execute(
        "SELECT event_id, type, mode, modality, date, date_text, sentence FROM mentions"
        " WHERE article_id = ? ORDER BY sent_start", (item_id,))]
    return {"kind": "article", **article}
