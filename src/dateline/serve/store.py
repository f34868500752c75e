"""Per-request read connections, paging and filter parameters shared by the routes."""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Query, Request

from dateline.serve.config import ServeConfig
from dateline.serve.errors import E071_INVALID, ApiError

# A reader waits at most this long for a lock; in WAL mode readers take none that a
# writer holds, so this only matters during a checkpoint or a migration.
READ_TIMEOUT_S = 5.0
_PREFIX = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


def config_of(request: Request) -> ServeConfig:
    config = request.app.state.config
    assert isinstance(config, ServeConfig)
    return config


async def reader(request: Request) -> AsyncIterator[sqlite3.Connection]:
    """A read-only connection of its own for one request, closed after it.

    Async, so FastAPI opens and closes it on the event loop (well under a millisecond)
    instead of sending each step to its thread pool: under load each hop to the pool
    waits its turn, and these hops were most of a request's time."""
    path = config_of(request).db_path
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True,
                           timeout=READ_TIMEOUT_S, check_same_thread=False)
    conn.row_factory = sqlite3.Row
    try:
        yield conn
    finally:
        conn.close()


Reader = Annotated[sqlite3.Connection, Depends(reader)]


@dataclass(frozen=True)
class Page:
    limit: int
    offset: int

    def wrap(self, name: str, rows: list[dict[str, object]], total: int) -> dict[str, object]:
        """The one shape of every list: the rows under ``name``, the total, the paging."""
        after = self.offset + len(rows)
        return {name: rows, "total": total, "limit": self.limit, "offset": self.offset,
                "next_offset": after if after < total else None}


async def page(request: Request, limit: Annotated[int | None, Query(ge=1)] = None,
               offset: Annotated[int, Query(ge=0)] = 0) -> Page:
    config = config_of(request)
    chosen = config.page_size if limit is None else limit
    if chosen > config.max_page_size:
        raise ApiError(422, E071_INVALID.format(
            detail=f"query 'limit': at most {config.max_page_size} rows per page"))
    return Page(chosen, offset)


Paging = Annotated[Page, Depends(page)]


def date_prefix(value: str | None, name: str) -> str | None:
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``, checked; None stays None."""
    if value is None:
        return None
    padded = value + "-01-01"[len(value) - 4:] if len(value) in (4, 7) else value
    try:
        ok = _PREFIX.fullmatch(value) is not None and bool(dt.date.fromisoformat(padded))
    except ValueError:
        ok = False
    if not ok:
        raise ApiError(422, E071_INVALID.format(
            detail=f"query '{name}': '{value}' is not a date; use YYYY, YYYY-MM or YYYY-MM-DD"))
    return value


def fts_query(text: str) -> str | None:
    """User text as a safe FTS5 query: every word a quoted phrase, all of them required."""
    words = [w for w in re.findall(r"\w+", text) if w]
    return " ".join('"' + w.replace('"', '""') + '"' for w in words) or None
