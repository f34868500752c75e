"""The bundled example corpus: the demo timeline must come out right on it."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from dateline.present.timeline import Entry, timeline
from dateline.store.db import connect

TEASER_WORDS = ("zoning", "Gulls", "cinnamon", "libraries", "Millbrook")


@pytest.fixture(scope="module")
def demo(demo_dir: Path) -> Iterator[tuple[sqlite3.Connection, Path]]:
    conn = connect(demo_dir / "demo.db", create=False)
    yield conn, demo_dir / "timeline.html"
    conn.close()


@pytest.fixture(scope="module")
def entries(demo: tuple[sqlite3.Connection, Path]) -> list[Entry]:
    return timeline(demo[0])


def outlets(entry: Entry) -> set[str]:
    return {s.outlet or "" for s in entry.sources}


def test_every_article_is_read_and_the_wire_copy_is_a_duplicate(
    demo: tuple[sqlite3.Connection, Path],
) -> None:
    conn = demo[0]
    rows = conn.execute("SELECT origin, duplicate_of FROM articles").fetchall()
    assert len(rows) == 14
    dups = [Path(r["origin"]).name for r in rows if r["duplicate_of"]]
    assert dups == ["northwire-taman-port-fire.txt"] or dups == [
        "baltic-standard-taman-port-fire.txt"]


def test_taman_strike_is_one_event_with_every_source(entries: list[Entry]) -> None:
    taman = [e for e in entries if e.type == "ASSAULT" and e.date == "2026-02-15"
             and any("Taman" in s.sentence for s in e.sources)]
    assert len(taman) == 1
    strike = taman[0]
    assert strike.injured == 2 and strike.mode == "drone"
    origins = {s.article for s in strike.sources}
    assert len(origins) >= 4  # two wire copies, the preview and the scraped page
    assert any(s.copy_of for s in strike.sources)


def test_wrong_year_rewrite_adds_no_event_in_the_wrong_year(entries: list[Entry]) -> None:
    assert not [e for e in entries if e.date.startswith("2025")]
    geneva = [e for e in entries if e.type == "CONSULT" and e.date == "2026-02-20"]
    assert len(geneva) == 1 and geneva[0].modality == "planned"
    assert len({s.article for s in geneva[0].sources}) >= 3


def test_key_events_have_their_dates(entries: list[Entry]) -> None:
    def has(kind: str, date: str, word: str) -> bool:
        return any(e.type == kind and e.date == date
                   and any(word in s.sentence for s in e.sources) for e in entries)

    assert has("CONSULT", "2026-01-31", "Florida")
    assert has("ASSAULT", "2026-02-01", "miners")
    assert has("CONSULT", "2026-02-04", "Abu Dhabi")
    assert has("CONSULT", "2026-02-14", "Munich")


def test_nothing_from_teasers_or_the_sports_page(
    demo: tuple[sqlite3.Connection, Path], entries: list[Entry]
) -> None:
    conn = demo[0]
    sport = conn.execute(
        "SELECT COUNT(*) FROM mentions m JOIN articles a ON a.id = m.article_id"
        " WHERE a.origin LIKE '%slalom%'").fetchone()[0]
    assert sport == 0
    text = " ".join(s.sentence for e in entries for s in e.sources)
    assert not any(word in text for word in TEASER_WORDS)


def test_undated_article_stays_undated(demo: tuple[sqlite3.Connection, Path]) -> None:
    row = demo[0].execute(
        "SELECT published, published_source FROM articles WHERE origin LIKE '%civic-review%'"
    ).fetchone()
    assert row["published"] is None and row["published_source"] == "unknown"


def test_html_page_is_self_contained(demo: tuple[sqlite3.Connection, Path]) -> None:
    """The demo page is the web page as one file: data and assets inline, nothing fetched,
    only its own script allowed (by hash). tests/test_browser.py runs it in Chromium."""
    page = demo[1].read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "Taman" in page
    assert "http-equiv=\"Content-Security-Policy\"" in page and "script-src 'sha256-" in page
    assert "/static/" not in page and "unsafe-inline" not in page
    assert page.count("<script") == 2 and '<script type="application/json"' in page
