"""Incremental linking of new mentions into the stored events."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterable

from dateline.link.merge import EventView, best_event, canonical_fields, new_event_id
from dateline.model import FuzzyDate, Mention, Modality
from dateline.settings import Settings
from dateline.store import repo


def _view(row: sqlite3.Row) -> EventView:
    return EventView(
        id=row["id"],
        type=row["type"],
        date=FuzzyDate.parse(row["date"]) if row["date"] else None,
        place=row["place"],
        actors=tuple(json.loads(row["actors"])),
        modality=Modality(row["modality"]),
        recipients=tuple(json.loads(row["recipients"])),
        mode=row["mode"],
    )


def _window(mention: Mention, days: int) -> tuple[str, str]:
    """The ISO strings bounding candidate event dates (month and year forms sort inside)."""
    assert mention.date is not None
    low = mention.date.value - dt.timedelta(days=days + 31)
    high = mention.date.value + dt.timedelta(days=days + 31)
    return low.isoformat()[:7], high.isoformat() + "~"


def link_mentions(conn: sqlite3.Connection, mentions: Iterable[Mention], settings: Settings,
                  story_id: str | None = None) -> int:
    """Stores each mention in the event it belongs to, creating events as needed; a new
    event belongs to the story of the article that first reports it.

    Returns how many new events were made. Runs inside the caller's transaction.
    """
    created = 0
    for mention in mentions:
        event_id = None
        if mention.date is not None:
            low, high = _window(mention, settings.merge_window_days)
            rows = repo.candidate_events(conn, mention.type, low, high)
            match = best_event(mention, [_view(r) for r in rows], settings.merge_window_days)
            event_id = match.id if match else None
        if event_id is None:
            event_id = new_event_id(mention)
            created += 1
            repo.upsert_event(conn, event_id, {**canonical_fields([mention]),
                                               "story_id": story_id})
            repo.insert_mention(conn, mention, event_id)
        else:
            repo.insert_mention(conn, mention, event_id)
            told = repo.event_mentions(conn, event_id)
            published = repo.published_dates(conn, {m.article_id for m in told})
            repo.upsert_event(conn, event_id, canonical_fields(told, published))
    return created
