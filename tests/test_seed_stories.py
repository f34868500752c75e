"""Issue-5 acceptance on the seeds (read from ../shared/seeds, never copied) together with
the project's example corpus: one event per real event with all its sources, stories that
hold the rounds of one negotiation, and the conflicts listed."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

from dateline.cli import main
from dateline.pipeline import Ingestor
from dateline.settings import Settings
from dateline.store.db import connect

from .conftest import ROOT, SEED_DATES, SEEDS

pytestmark = pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is absent")
CORPUS = ROOT / "examples" / "corpus"


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    path = tmp_path_factory.mktemp("seed-stories") / "s.db"
    conn = connect(path)
    ingestor = Ingestor(conn, Settings())
    dates = json.loads((CORPUS / "published.json").read_text(encoding="utf-8"))
    for item in sorted(CORPUS.iterdir()):
        if item.name != "published.json":
            ingestor.ingest_file(item, replace(Settings(), default_published=dates.get(item.name)))
    for name, published in SEED_DATES.items():
        ingestor.ingest_file(SEEDS / name, replace(Settings(), default_published=published))
    ingestor.finish()
    conn.close()
    yield path


@pytest.fixture(scope="module")
def store(db: Path) -> Iterator[sqlite3.Connection]:
    conn = connect(db, create=False)
    yield conn
    conn.close()


def sources(store: sqlite3.Connection, event_id: str) -> set[str]:
    return {Path(r[0]).name for r in store.execute(
        "SELECT a.origin FROM mentions m JOIN articles a ON a.id = m.article_id "
        "WHERE m.event_id = ?", (event_id,))}


def test_the_taman_strike_is_one_event_with_every_source(store: sqlite3.Connection) -> None:
    strikes = store.execute(
        "SELECT id FROM events WHERE type = 'ASSAULT' AND date = '2026-02-15' "
        "AND place LIKE '%Taman%'").fetchall()
    assert len(strikes) == 1
    reporting = {Path(r[0]).name for r in store.execute(
        "SELECT origin FROM articles WHERE duplicate_of IS NULL AND (text LIKE '%Taman%')")}
    assert "000_199ab945a7d24b6d.txt" in reporting
    assert sources(store, strikes[0][0]) == reporting  # every original that tells of it
    other = store.execute("SELECT COUNT(*) FROM events WHERE type = 'ASSAULT' AND "
                          "place LIKE '%Taman%' AND id != ?", (strikes[0][0],)).fetchone()[0]
    assert other == 0


def test_the_wrong_year_makes_no_second_geneva_or_florida_event(
        store: sqlite3.Connection) -> None:
    for place, day in (("Geneva", "2026-02-20"), ("Florida", "2026-01-31")):
        rows = store.execute("SELECT id, date FROM events WHERE type = 'CONSULT' AND "
                             "place LIKE ? AND date IS NOT NULL", (f"%{place}%",)).fetchall()
        assert [r["date"] for r in rows] == [day], place
        assert not any(r["date"].startswith("2024") for r in rows)
    geneva = store.execute("SELECT id FROM events WHERE place LIKE '%Geneva%' AND "
                           "date = '2026-02-20'").fetchone()[0]
    florida = store.execute("SELECT id FROM events WHERE place LIKE '%Florida%' AND "
                            "date = '2026-01-31'").fetchone()[0]
    assert "000_199ab945a7d24b6d.txt" in sources(store, geneva)
    assert "001_830d5c1692baf6d5.txt" in sources(store, florida)


def test_the_abu_dhabi_rounds_are_two_events_of_one_story(store: sqlite3.Connection) -> None:
    february = store.execute(
        "SELECT id, story_id FROM events WHERE type = 'CONSULT' AND date = '2026-02-04' "
        "AND place LIKE '%Abu Dhabi%' ORDER BY confidence DESC").fetchall()
    january = store.execute(
        "SELECT id, story_id FROM events WHERE type = 'CONSULT' AND date LIKE '2026-01%' "
        "AND (place IS NULL OR place NOT LIKE '%Florida%')").fetchall()
    assert february and january
    assert {r["id"] for r in february}.isdisjoint(r["id"] for r in january)
    assert february[0]["story_id"] is not None
    assert any(r["story_id"] == february[0]["story_id"] for r in january)
    # the sports teaser and the 2024 Doha story are stories of their own
    teaser = store.execute("SELECT story_id FROM articles WHERE origin LIKE "
                           "'%slalom%'").fetchone()[0]
    doha = store.execute("SELECT story_id FROM articles WHERE origin LIKE "
                         "'%003_2502d95e1ed462e7%'").fetchone()[0]
    assert len({teaser, doha, february[0]["story_id"]}) == 3


def test_conflicts_are_listed(db: Path) -> None:
    result = CliRunner().invoke(main, ["conflicts", "--db", str(db), "--json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    printed = {(r["printed"][:4], r["corrected"][:4]) for r in rows
               if r["kind"] == "printed date"}
    assert ("2024", "2026") in printed
    seeds = {r["article_id"] for r in rows if r["kind"] == "printed date"}
    assert len(seeds) >= 2  # the Geneva rewrite and the Florida rewrite
