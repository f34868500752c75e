"""Acceptance on the four real seed articles, read from ../shared/seeds (never copied).

Asserts what must be in the timeline and what must not, not the exact output.
"""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from dateline.pipeline import Ingestor
from dateline.present.timeline import Entry, timeline
from dateline.settings import Settings
from dateline.store.db import connect

from .conftest import SEED_DATES, SEEDS

TEASER_WORDS = ("school district", "DHS", "New Zealand", "Google", "Airborne", "La Honda",
                "terrorism threat")

pytestmark = pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is absent")


def ingest_seeds(conn: sqlite3.Connection, folder: Path) -> Ingestor:
    ingestor = Ingestor(conn, Settings())
    for name, published in SEED_DATES.items():
        ingestor.ingest_file(folder / name, replace(Settings(), default_published=published))
    ingestor.finish()
    return ingestor


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[sqlite3.Connection]:
    conn = connect(tmp_path_factory.mktemp("seeds") / "seeds.db")
    ingest_seeds(conn, SEEDS)
    yield conn
    conn.close()


@pytest.fixture(scope="module")
def entries(store: sqlite3.Connection) -> list[Entry]:
    return timeline(store)


def from_seed(entry: Entry, prefix: str) -> bool:
    return any(s.article and _article_origin(entry, s.article).startswith(prefix)
               for s in entry.sources)


_ORIGINS: dict[str, str] = {}


def _article_origin(entry: Entry, article_id: str) -> str:
    return _ORIGINS.get(article_id, "")


@pytest.fixture(autouse=True, scope="module")
def origins(store: sqlite3.Connection) -> None:
    for row in store.execute("SELECT id, origin FROM articles"):
        _ORIGINS[row["id"]] = Path(row["origin"]).name


def test_taman_drone_strike_on_15_february(entries: list[Entry]) -> None:
    hits = [e for e in entries if e.type == "ASSAULT" and e.date == "2026-02-15"
            and any("Taman" in s.sentence for s in e.sources)]
    assert hits, "no ASSAULT on 2026-02-15 sourced to a sentence about Taman"
    strike = hits[0]
    assert strike.modality == "happened" and strike.mode == "drone"
    assert strike.injured is not None and strike.injured >= 2
    assert "Ukraine" in strike.actors
    assert any(s.start is not None for s in strike.sources)


def test_zelensky_munich_speech_on_14_february(entries: list[Entry]) -> None:
    assert any(e.date == "2026-02-14" and "Zelensk" in " ".join(e.actors)
               and any("Munich Security Conference" in s.sentence for s in e.sources)
               for e in entries)


def test_abu_dhabi_talks_began_on_4_february(entries: list[Entry]) -> None:
    talks = [e for e in entries if e.type == "CONSULT" and e.date == "2026-02-04"
             and e.modality == "happened" and from_seed(e, "002_")]
    assert talks


def test_miners_bus_strike_killed_at_least_twelve(entries: list[Entry]) -> None:
    bus = [e for e in entries if e.type == "ASSAULT" and e.killed is not None
           and e.killed >= 12 and any("bus" in s.sentence for s in e.sources)]
    assert bus and "Dnipro" in (bus[0].place or "") and bus[0].date == "2026-02-01"


def test_geneva_talks_and_postponed_round_are_not_reported_as_happened(
    entries: list[Entry],
) -> None:
    geneva = [e for e in entries if e.type == "CONSULT" and from_seed(e, "000_")
              and e.date.startswith("2026-02-2")]
    postponed = [e for e in entries if e.type == "CONSULT" and from_seed(e, "001_")
                 and any("postpone" in s.sentence for s in e.sources)]
    assert geneva and postponed
    for entry in geneva + postponed:
        assert entry.modality in ("planned", "postponed"), entry.summary
    # the rewrite's "February 20-21, 2024" for upcoming talks is not taken literally
    assert not [e for e in entries if e.date.startswith("2024-02")]


def test_nothing_comes_from_the_teasers(entries: list[Entry]) -> None:
    for entry in entries:
        for source in entry.sources:
            assert not any(word in source.sentence for word in TEASER_WORDS), source.sentence


def test_sources_point_at_the_sentence(store: sqlite3.Connection,
                                       entries: list[Entry]) -> None:
    for entry in entries:
        for source in entry.sources:
            text = store.execute("SELECT text FROM articles WHERE id = ?",
                                 (source.article,)).fetchone()[0]
            assert source.start is not None and source.end is not None
            assert text[source.start:source.end] == source.sentence


def counts(conn: sqlite3.Connection) -> tuple[int, ...]:
    return tuple(conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
                 for t in ("articles", "mentions", "events", "entities", "times"))


def test_reingesting_adds_nothing(tmp_path: Path) -> None:
    conn = connect(tmp_path / "twice.db")
    ingest_seeds(conn, SEEDS)
    before = counts(conn)
    again = ingest_seeds(conn, SEEDS)
    assert counts(conn) == before and again.report.unchanged == len(SEED_DATES)


def test_a_copy_adds_a_source_not_an_event(tmp_path: Path) -> None:
    folder = tmp_path / "seeds"
    shutil.copytree(SEEDS, folder)
    conn = connect(tmp_path / "copy.db")
    ingest_seeds(conn, folder)
    events_before = conn.execute("SELECT COUNT(*) FROM events").fetchone()[0]
    original = (SEEDS / "000_199ab945a7d24b6d.txt").read_text(encoding="utf-8")
    body = original.split("\n", 1)[1]  # a syndicated copy: another headline, a credit line
    copy = tmp_path / "copy.txt"
    copy.write_text("Drone strike sets Russian port ablaze\n" + body + "\n\n(Syndicated.)\n",
                    encoding="utf-8")
    ingestor = Ingestor(conn, replace(Settings(), default_published="2026-02-15",
                                      default_outlet="Copy Desk"))
    ingestor.ingest_paths([copy])
    assert ingestor.report.duplicates == 1 and ingestor.report.new == 0
    assert conn.execute("SELECT COUNT(*) FROM events").fetchone()[0] == events_before
    taman = [e for e in timeline(conn) if e.type == "ASSAULT" and e.date == "2026-02-15"]
    copies = [s for e in taman for s in e.sources if s.copy_of]
    assert copies and copies[0].outlet == "Copy Desk" and copies[0].start is not None
