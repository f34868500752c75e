"""A store's content in a canonical form, to check that two runs built the same store.

Every table that holds what an ingest found (articles, entities, times, mentions, events
with their sources, conflicts, stories, what clustering read of each article), rows
sorted, the run's clock left out. Floats are rounded (``DIGITS``): a worker computing
with one thread may add in another order than a process with two, which moves the last
bits of an embedding or a classifier's probability and nothing a user can see.
"""

from __future__ import annotations

import hashlib
import sqlite3
from typing import Any

import numpy as np

TABLES = ("articles", "entities", "times", "mentions", "events", "conflicts", "stories",
          "story_docs")
# When the row was written: differs between any two runs.
VOLATILE = frozenset({"ingested_at"})
# Six decimals: far above float32 rounding noise (~1e-7 relative), far below any
# threshold the linking stage compares a score or a similarity with.
DIGITS = 6


def canonical(conn: sqlite3.Connection) -> dict[str, list[tuple[Any, ...]]]:
    """Each table's rows in canonical form, plus each event's sources (its articles)."""
    dump = {table: _rows(conn, table) for table in TABLES}
    dump["event_sources"] = [tuple(row) for row in conn.execute(
        "SELECT event_id, group_concat(article_id, ' ') FROM (SELECT DISTINCT event_id, "
        "article_id FROM mentions ORDER BY event_id, article_id) GROUP BY event_id "
        "ORDER BY event_id")]
    return dump


def _rows(conn: sqlite3.Connection, table: str) -> list[tuple[Any, ...]]:
    cursor = conn.execute(f"SELECT * FROM {table}")
    names = [d[0] for d in cursor.description]
    rows = [tuple(_value(name, value) for name, value in zip(names, row, strict=True)
                  if name not in VOLATILE) for row in cursor]
    return sorted(rows, key=repr)


def _value(column: str, value: Any) -> Any:
    if isinstance(value, float):
        return round(value, DIGITS)
    if isinstance(value, bytes):
        if column == "lead":  # float32 embedding of the story lead
            return tuple(np.round(np.frombuffer(value, np.float32), DIGITS - 2).tolist())
        return hashlib.sha1(value).hexdigest()
    return value
