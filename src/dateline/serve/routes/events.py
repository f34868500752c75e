"""GET /api/events (filtered, paged) and /api/events/{id} (sources and conflicts)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from dateline.serve import queries
from dateline.serve.errors import E070_NOT_FOUND, ApiError
from dateline.serve.store import Paging, Reader, date_prefix

router = APIRouter(tags=["events"])
Text = Annotated[str | None, Query(max_length=200)]


@router.get("/api/events")
def events(conn: Reader, page: Paging, story: Text = None, type: Text = None,
           actor: Text = None, place: Text = None,
           date_from: Annotated[str | None, Query(alias="from", max_length=10)] = None,
           date_to: Annotated[str | None, Query(alias="to", max_length=10)] = None,
           modality: Text = None, q: Text = None) -> dict[str, object]:
    """Events, dated ones in date order then the undated. ``from``/``to`` are inclusive
    ISO prefixes (2026, 2026-02, 2026-02-15); ``actor`` matches either side; ``q`` searches
    the summaries (every word must occur)."""
    found = queries.EventFilter(story, type, actor, place, date_prefix(date_from, "from"),
                                date_prefix(date_to, "to"), modality, q)
    rows, total = queries.events(conn, found, page)
    return page.wrap("events", rows, total)


@router.get("/api/events/{event_id}")
def event(conn: Reader, event_id: str) -> dict[str, object]:
    """One event with every source sentence (offsets into each article's text) and the
    conflicts that touch it: its sources' disagreements and its articles' printed dates."""
    found = queries.event_detail(conn, event_id)
    if found is None:
        raise ApiError(404, E070_NOT_FOUND.format(what=f"no event with id '{event_id}'"))
    return found
