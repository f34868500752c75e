"""Stories kept in the store: each new article is placed once, and the index survives runs.

The truth is in two tables written in the article's own transaction: ``story_docs`` (what
clustering read of each article, in arrival order, with the story it was placed in and the
stories its events joined then) and ``articles.story_id`` (where it is now). The
:class:`~dateline.link.stories.StoryIndex` that places new articles is a cache of them:
a snapshot (``story_index``: the saved state and the last ``story_docs`` row it has seen)
is written at the end of an ingest run once ``SNAPSHOT_EVERY`` articles have
been placed since the last one, and a run starts from the snapshot and replays, with their
stored placements, the rows written after it (recent small runs, an interrupted run).
Writing the snapshot costs time in proportion to the whole store, replaying a row a few
milliseconds: a run that adds one article to a large store replays at most
``SNAPSHOT_EVERY`` rows instead of rewriting everything. Nothing is ever re-clustered: a
story id, once given, stays.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import sqlite3

import numpy as np

from dateline.errors import DatelineError
from dateline.link.stories import WINDOW_DAYS, StoryDoc, StoryIndex, StoryLabel

SNAPSHOT_EVERY = 100


def load_index(conn: sqlite3.Connection) -> StoryIndex:
    """The story index of this store: its last snapshot plus every article placed since."""
    index, upto = StoryIndex(), 0
    row = conn.execute("SELECT upto, state FROM story_index WHERE id = 1").fetchone()
    if row is not None:
        try:
            index = StoryIndex.load(io.BytesIO(bytes(row["state"])))
            upto = int(row["upto"])
        except DatelineError:  # made by another version: rebuilt from the rows below
            index, upto = StoryIndex(), 0
    for doc_row in conn.execute(
            "SELECT d.rowid AS n, d.doc, d.lead, a.story_id FROM story_docs d "
            "JOIN articles a ON a.id = d.article_id WHERE d.rowid > ? ORDER BY d.rowid",
            (upto,)):
        # Replayed as it happened: into the story it was placed in, then the joins its
        # events made. Placing it straight into the story it ends in would give that story
        # another first article (its title) and other positions than the run had.
        data = json.loads(doc_row["doc"])
        index.add(_doc(doc_row["doc"], doc_row["lead"]),
                  into=data.get("placed") or doc_row["story_id"], score=False)
        for keep, gone in data.get("merges", ()):
            if index.size(keep) and index.size(gone):
                index.merge(keep, gone)
    # rows written before placements were recorded: stories merged after the snapshot
    for row in conn.execute("SELECT id, story_id FROM articles WHERE story_id IS NOT NULL"):
        placed = index.story_of(row["id"])
        if placed is not None and placed != row["story_id"] and index.size(row["story_id"]):
            index.merge(row["story_id"], placed)
    return index


def backlog(conn: sqlite3.Connection) -> int:
    """How many placed articles the snapshot lacks (they are replayed when a run starts)."""
    row = conn.execute("SELECT upto FROM story_index WHERE id = 1").fetchone()
    upto = int(row["upto"]) if row is not None else 0
    return int(conn.execute("SELECT COUNT(*) FROM story_docs WHERE rowid > ?",
                            (upto,)).fetchone()[0])


def save_index(conn: sqlite3.Connection, index: StoryIndex) -> None:
    """Writes the snapshot; the caller holds the transaction."""
    upto = conn.execute("SELECT COALESCE(MAX(rowid), 0) FROM story_docs").fetchone()[0]
    buffer = io.BytesIO()
    index.save(buffer)
    conn.execute("INSERT INTO story_index (id, upto, state) VALUES (1, ?, ?) "
                 "ON CONFLICT(id) DO UPDATE SET upto = excluded.upto, state = excluded.state",
                 (upto, buffer.getvalue()))


def place(conn: sqlite3.Connection, index: StoryIndex, doc: StoryDoc) -> str:
    """Puts a stored article in its story and records it; returns the story id. The caller
    holds the article's transaction."""
    placement = index.add(doc)
    conn.execute("INSERT OR REPLACE INTO story_docs (article_id, doc, lead) VALUES (?, ?, ?)",
                 (doc.article_id, _blob(doc, placement.story_id),
                  doc.lead.astype(np.float32).tobytes()))
    conn.execute("UPDATE articles SET story_id = ? WHERE id = ?",
                 (placement.story_id, doc.article_id))
    write_label(conn, index.label(placement.story_id))
    return placement.story_id


def bridge(conn: sqlite3.Connection, index: StoryIndex, article_id: str, story_id: str,
           published: dt.date | None) -> str:
    """Joins the stories that one current event turns out to belong to; returns the story
    the article ends in. The caller holds the article's transaction.

    When the article reports an event that an article of another story reported first,
    and the event is current for both (within ``WINDOW_DAYS`` of this article's day and of
    the other story's span), the two stories tell one happening: "envoys meet in Florida
    as the Abu Dhabi round slips" and "the Abu Dhabi round opens" share the round. The
    larger story keeps its id. A background event ("the invasion of 2022") bridges
    nothing: it is not current.
    """
    if published is None:
        return story_id
    window = dt.timedelta(days=WINDOW_DAYS)
    rows = conn.execute(
        "SELECT DISTINCT e.story_id, e.date, s.last FROM mentions m"
        " JOIN events e ON e.id = m.event_id JOIN stories s ON s.id = e.story_id"
        " WHERE m.article_id = ? AND e.story_id != ? AND length(e.date) = 10",
        (article_id, story_id)).fetchall()
    for row in rows:
        day, last = dt.date.fromisoformat(row["date"]), row["last"]
        if abs(day - published) > window or last is None or (
                dt.date.fromisoformat(last) < day - window):
            continue
        other = row["story_id"]
        if not index.size(other) or other == story_id:
            continue
        keep, gone = sorted((story_id, other), key=lambda sid: (-index.size(sid), sid))
        merge_stories(conn, index, article_id, keep, gone)
        story_id = keep
    return story_id


def merge_stories(conn: sqlite3.Connection, index: StoryIndex, article_id: str, keep: str,
                  gone: str) -> None:
    """Folds story ``gone`` into ``keep`` because of what ``article_id`` reports, and
    records the join with that article's placement so that a replay repeats it."""
    index.merge(keep, gone)
    row = conn.execute("SELECT doc FROM story_docs WHERE article_id = ?",
                       (article_id,)).fetchone()
    if row is not None:
        data = json.loads(row["doc"])
        data["merges"] = [*data.get("merges", ()), [keep, gone]]
        conn.execute("UPDATE story_docs SET doc = ? WHERE article_id = ?",
                     (json.dumps(data, ensure_ascii=False), article_id))
    for table in ("articles", "events"):
        conn.execute(f"UPDATE {table} SET story_id = ? WHERE story_id = ?", (keep, gone))
    conn.execute("DELETE FROM stories WHERE id = ?", (gone,))
    write_label(conn, index.label(keep))


def join_copy(conn: sqlite3.Connection, copy_id: str, original_id: str) -> None:
    """A near-duplicate copy belongs to its original's story."""
    conn.execute("UPDATE articles SET story_id = (SELECT story_id FROM articles WHERE id = ?)"
                 " WHERE id = ?", (original_id, copy_id))


def write_label(conn: sqlite3.Connection, label: StoryLabel) -> None:
    conn.execute(
        "INSERT INTO stories (id, title, terms, entities, first, last, size, years) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET "
        "title = excluded.title, terms = excluded.terms, entities = excluded.entities, "
        "first = excluded.first, last = excluded.last, size = excluded.size, "
        "years = excluded.years",
        (label.id, label.title, json.dumps(list(label.terms)), json.dumps(list(label.entities)),
         _iso(label.first), _iso(label.last), label.size, json.dumps(list(label.years))))


# -- the stored form of a StoryDoc ---------------------------------------------------------

def _blob(doc: StoryDoc, placed: str) -> str:
    return json.dumps({
        "id": doc.article_id, "terms": doc.terms, "numbers": doc.numbers,
        "years": {str(y): c for y, c in doc.years.items()}, "published": _iso(doc.published),
        "entities": list(doc.entities), "title": doc.title, "placed": placed},
        ensure_ascii=False)


def _doc(blob: str, lead: bytes) -> StoryDoc:
    data = json.loads(blob)
    return StoryDoc(
        data["id"], data["terms"], data["numbers"], {int(y): c for y, c in data["years"].items()},
        np.frombuffer(lead, np.float32).copy(),
        dt.date.fromisoformat(data["published"]) if data["published"] else None,
        tuple(data["entities"]), data["title"])


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None
