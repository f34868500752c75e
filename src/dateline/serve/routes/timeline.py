"""The timeline: JSON at /api/timeline, and its plain HTML twin at /timeline (no script;
the interactive page is at /)."""

from __future__ import annotations

import base64
import hashlib
import sqlite3
from functools import cache
from importlib import resources
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from dateline.present import render
from dateline.present.timeline import Entry, select, timeline
from dateline.serve.errors import E070_NOT_FOUND, ApiError
from dateline.serve.store import Reader, date_prefix

router = APIRouter(tags=["timeline"])
Story = Annotated[str | None, Query(max_length=200)]
Count = Annotated[int | None, Query(ge=1, le=10_000)]
Prefix = Annotated[str | None, Query(max_length=10)]


def _entries(conn: sqlite3.Connection, story: str | None, dates: int | None,
             per_date: int | None, date_from: str | None, date_to: str | None) -> list[Entry]:
    if story and conn.execute("SELECT 1 FROM stories WHERE id = ?", (story,)).fetchone() is None:
        raise ApiError(404, E070_NOT_FOUND.format(what=f"no story with id '{story}'"))
    found = timeline(conn, date_prefix(date_from, "from"), date_prefix(date_to, "to"), story)
    return select(found, dates, per_date)


@router.get("/api/timeline")
def timeline_json(conn: Reader, story: Story = None, dates: Count = None,
                  per_date: Count = None,
                  date_from: Annotated[str | None, Query(alias="from", max_length=10)] = None,
                  date_to: Annotated[str | None, Query(alias="to", max_length=10)] = None,
                  ) -> dict[str, object]:
    """The dated events in order with their sources, as `dateline timeline --format json`;
    ``dates`` keeps the most reported dates, ``per_date`` the best events of each."""
    entries = _entries(conn, story, dates, per_date, date_from, date_to)
    return {"timeline": [e.to_json() for e in entries], "count": len(entries)}


@router.get("/timeline", response_class=HTMLResponse)
def timeline_html(request: Request, conn: Reader, story: Story = None, dates: Count = None,
                  per_date: Count = None,
                  date_from: Annotated[str | None, Query(alias="from", max_length=10)] = None,
                  date_to: Annotated[str | None, Query(alias="to", max_length=10)] = None,
                  ) -> HTMLResponse:
    """The timeline as the self-contained HTML page; its JSON twin is /api/timeline."""
    entries = _entries(conn, story, dates, per_date, date_from, date_to)
    twin = "/api/timeline" + (f"?{request.url.query}" if request.url.query else "")
    return HTMLResponse(render.to_html(entries), headers={
        "Content-Security-Policy": content_policy(),
        "Link": f'<{twin}>; rel="alternate"; type="application/json"',
        "X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer"})


@cache
def content_policy() -> str:
    """No script, no outside resource; the page's one inline style allowed by its hash."""
    style = resources.files("dateline.present").joinpath("timeline.css").read_text("utf-8")
    digest = base64.b64encode(hashlib.sha256(style.encode("utf-8")).digest()).decode()
    return (f"default-src 'none'; style-src 'sha256-{digest}'; img-src 'none'; "
            "base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
