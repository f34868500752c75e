"""Incremental linking of new mentions into the stored events."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterable

from dateline.link.merge import UNDATED_LOOKBACK_DAYS, EventView, best_event, new_event_id
from dateline.link.tally import EventTally, tally_of
from dateline.model import FuzzyDate, Mention, Modality, Precision
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


def _reach(mention: Mention, days: int) -> repo.Reach | None:
    """The event dates :func:`~dateline.link.merge.match_score` can accept for this
    mention, within :func:`_window`: days within the merge window (or the undated
    look-back), its own month and year. A store of a year of war holds thousands of
    events of a type in the window's two months; scoring them all cost more than the rest
    of an article's update. None (no narrowing) for a year-precision mention, or a window
    so wide that a month or a day further off could match."""
    assert mention.date is not None
    date = mention.date
    if date.precision is Precision.YEAR or days >= 28:
        return None
    back = max(days, UNDATED_LOOKBACK_DAYS)
    if date.precision is Precision.DAY:
        first, last = date.value - dt.timedelta(days=back), date.value + dt.timedelta(days=days)
    else:  # a month: any day of it, and the undated look-back from its start
        start = date.value.replace(day=1)
        first = start - dt.timedelta(days=back)
        last = (start + dt.timedelta(days=31)).replace(day=1) - dt.timedelta(days=1)
    return repo.Reach(first.isoformat(), last.isoformat(), date.iso()[:7], date.iso()[:4])


def link_mentions(conn: sqlite3.Connection, mentions: Iterable[Mention], settings: Settings,
                  story_id: str | None = None) -> int:
    """Stores each mention in the event it belongs to, creating events as needed; a new
    event belongs to the story of the article that first reports it.

    Returns how many new events were made. Runs inside the caller's transaction. An event's
    fields are updated from its stored tally (:mod:`dateline.link.tally`), not from all its
    mentions, so the cost does not grow with how many articles report the event.
    """
    created = 0
    published: dict[str, str] = {}
    for mention in mentions:
        if mention.article_id not in published:
            published.update(repo.published_dates(conn, {mention.article_id}))
        event_id = None
        if mention.date is not None:
            low, high = _window(mention, settings.merge_window_days)
            rows = repo.candidate_events(conn, mention.type, low, high,
                                         _reach(mention, settings.merge_window_days))
            match = best_event(mention, [_view(r) for r in rows], settings.merge_window_days)
            event_id = match.id if match else None
        extra: dict[str, object] = {}
        if event_id is None:
            event_id = new_event_id(mention)
            # two mentions of one type in one sentence ("struck ... and struck again") get
            # one id: the second joins the first's event instead of overwriting it
            if not repo.event_exists(conn, event_id):
                created += 1
                extra["story_id"] = story_id
        tally = EventTally() if extra else _tally(conn, event_id)
        tally.add(mention, published.get(mention.article_id, ""))
        repo.upsert_event(conn, event_id, {**tally.fields(), **extra})
        repo.insert_mention(conn, mention, event_id)
        repo.save_tally(conn, event_id, tally.to_json())
    return created


def _tally(conn: sqlite3.Connection, event_id: str) -> EventTally:
    """The stored tally of an event, or one made from its mentions (a store written before
    tallies were kept: each such event pays this once)."""
    stored = repo.load_tally(conn, event_id)
    if stored is not None:
        return EventTally.from_json(stored)
    told = repo.event_mentions(conn, event_id)
    return tally_of(told, repo.published_dates(conn, {m.article_id for m in told}))
