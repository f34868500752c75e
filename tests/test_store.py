"""The store: migrations recorded once, all-or-nothing transactions, clear errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from dateline.errors import DatelineError
from dateline.store.db import SCHEMA_VERSION, connect, transaction


def test_migrations_are_recorded_and_run_once(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    conn = connect(db)
    rows = conn.execute("SELECT version FROM schema_migrations").fetchall()
    assert [r[0] for r in rows] == list(range(1, SCHEMA_VERSION + 1))
    conn.close()
    again = connect(db)
    assert again.execute("SELECT COUNT(*) FROM schema_migrations").fetchone()[0] == SCHEMA_VERSION


def test_a_newer_store_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    conn = connect(db)
    conn.execute("INSERT INTO schema_migrations VALUES (?, 'later')", (SCHEMA_VERSION + 1,))
    conn.close()
    with pytest.raises(DatelineError, match="E015"):
        connect(db)


def test_missing_store_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(DatelineError, match="E012"):
        connect(tmp_path / "none.db", create=False)


def test_failed_transaction_leaves_nothing(tmp_path: Path) -> None:
    conn = connect(tmp_path / "s.db")
    with pytest.raises(RuntimeError), transaction(conn):
        conn.execute(
            "INSERT INTO events (id, type, modality, summary, confidence)"
            " VALUES ('e1', 'ASSAULT', 'happened', 's', 0.5)"
        )
        raise RuntimeError("interrupted")
    assert conn.execute("SELECT COUNT(*) FROM events").fetchone()[0] == 0
