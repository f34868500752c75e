"""Stories in the store: placed as articles arrive, kept across runs, and the timeline of
one story with its most reported dates. Articles are written for these tests."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from dateline.cli import main
from dateline.errors import DatelineError
from dateline.link import story_store
from dateline.pipeline import Ingestor
from dateline.present.timeline import Entry, Source, select, timeline
from dateline.settings import Settings
from dateline.store.db import connect

FLOOD_1 = (
    "Floods cut off the river town of Velmora\n\n"
    "Heavy rain sent the Oster river over its banks on Monday and cut off the town of "
    "Velmora, where rescuers evacuated more than 400 residents by boat, the regional "
    "emergency office said. Two elderly residents drowned in their homes near the old "
    "bridge, and the mayor of Velmora, Ines Karvan, asked the army for helicopters to "
    "reach farms in the Oster valley that remained under water.")
FLOOD_2 = (
    "Army helicopters reach flooded Oster valley farms\n\n"
    "Army helicopters on Tuesday lifted stranded farmers from the flooded Oster valley, a "
    "day after the river swamped Velmora and killed two residents. Velmora's mayor, Ines "
    "Karvan, said water levels in the town had started to fall but that the old bridge "
    "over the Oster was closed to traffic until engineers could inspect it.")
FLOOD_3 = (
    "Velmora counts the cost as the Oster river recedes\n\n"
    "Residents of Velmora returned to mud-filled homes on Wednesday as the Oster river fell "
    "back below its banks. Mayor Ines Karvan said the flood had damaged more than 600 "
    "houses in the town and the farms of the Oster valley, and that the old bridge would "
    "stay closed while army engineers checked its piers.")
CHESS = (
    "Teenager wins national chess title in Brannock\n\n"
    "A sixteen-year-old from Brannock won the national chess championship on Monday, "
    "beating the defending champion in a tense final game that lasted six hours. The new "
    "champion, Mara Tell, said she had prepared an unusual opening for months and would "
    "now play at the continental championship in the autumn.")


def write_batch(path: Path, items: list[tuple[str, str, str]]) -> Path:
    lines = [json.dumps({"id": ident, "text": text, "published": day, "outlet": "Test Wire"})
             for ident, text, day in items]
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def story(conn: sqlite3.Connection, article_id: str) -> str:
    return str(conn.execute("SELECT story_id FROM articles WHERE id = ?",
                            (article_id,)).fetchone()[0])


@pytest.fixture
def store(tmp_path: Path) -> sqlite3.Connection:
    conn = connect(tmp_path / "s.db")
    batch = write_batch(tmp_path / "a.jsonl", [
        ("flood-1", FLOOD_1, "2026-04-06"), ("chess", CHESS, "2026-04-06"),
        ("flood-2", FLOOD_2, "2026-04-07")])
    Ingestor(conn, Settings()).ingest_paths([batch])
    return conn


def test_reports_of_one_happening_share_a_story_and_others_do_not(
        store: sqlite3.Connection) -> None:
    assert story(store, "flood-1") == story(store, "flood-2")
    assert story(store, "chess") != story(store, "flood-1")
    sizes = dict(store.execute("SELECT id, size FROM stories").fetchall())
    assert sizes[story(store, "flood-1")] == 2 and sizes[story(store, "chess")] == 1
    events = store.execute("SELECT DISTINCT story_id FROM events").fetchall()
    assert {r[0] for r in events} <= {story(store, "flood-1"), story(store, "chess")}


def test_a_later_run_adds_to_the_stories_it_finds(store: sqlite3.Connection,
                                                 tmp_path: Path) -> None:
    before = {r[0]: r[1] for r in store.execute("SELECT id, story_id FROM articles")}
    batch = write_batch(tmp_path / "b.jsonl", [("flood-3", FLOOD_3, "2026-04-08")])
    Ingestor(store, Settings()).ingest_paths([batch])
    assert story(store, "flood-3") == before["flood-1"]
    after = {r[0]: r[1] for r in store.execute("SELECT id, story_id FROM articles")}
    assert {k: after[k] for k in before} == before  # nothing re-clustered


def test_the_index_is_rebuilt_from_the_stored_rows_when_its_snapshot_is_missing(
        store: sqlite3.Connection, tmp_path: Path) -> None:
    saved = story_store.load_index(store)
    store.execute("DELETE FROM story_index")
    rebuilt = story_store.load_index(store)
    assert rebuilt.articles == saved.articles == 3
    for article in ("flood-1", "flood-2", "chess"):
        assert rebuilt.story_of(article) == saved.story_of(article) == story(store, article)
    batch = write_batch(tmp_path / "b.jsonl", [("flood-3", FLOOD_3, "2026-04-08")])
    Ingestor(store, Settings()).ingest_paths([batch])
    assert story(store, "flood-3") == story(store, "flood-1")


def test_a_copy_belongs_to_its_originals_story(store: sqlite3.Connection,
                                              tmp_path: Path) -> None:
    copy = FLOOD_2.replace("Army helicopters reach", "Helicopters reach") + "\n\n(Wire copy.)"
    batch = write_batch(tmp_path / "c.jsonl", [("flood-2-copy", copy, "2026-04-07")])
    ingestor = Ingestor(store, Settings())
    ingestor.ingest_paths([batch])
    assert ingestor.report.duplicates == 1
    assert story(store, "flood-2-copy") == story(store, "flood-2")


def test_the_timeline_of_one_story(store: sqlite3.Connection, tmp_path: Path) -> None:
    flood = story(store, "flood-1")
    entries = timeline(store, story=flood)
    assert entries and all(
        store.execute("SELECT story_id FROM events WHERE id = ?", (e.id,)).fetchone()[0]
        == flood for e in entries)
    with pytest.raises(DatelineError, match="E019"):
        timeline(store, story="story-nope")
    db = tmp_path / "s.db"
    runner = CliRunner()
    listed = runner.invoke(main, ["stories", "--db", str(db), "--json"])
    assert listed.exit_code == 0, listed.output
    rows = json.loads(listed.output)
    assert rows[0]["id"] == flood and rows[0]["articles"] == 2
    shown = runner.invoke(main, ["timeline", "--db", str(db), "--story", flood, "--dates", "1",
                                 "--per-date", "1", "--format", "json"])
    assert shown.exit_code == 0, shown.output
    assert len(json.loads(shown.output)) == 1
    missing = runner.invoke(main, ["timeline", "--db", str(db), "--story", "story-nope"])
    assert isinstance(missing.exception, DatelineError) and "E019" in str(missing.exception)


def entry(ident: str, date: str, articles: list[str], confidence: float = 0.5,
          copies: tuple[str, ...] = ()) -> Entry:
    sources = [Source(a, None, None, date, "s", 0, 1) for a in articles]
    sources += [Source(c, None, None, date, "s", 0, 1, copy_of=articles[0]) for c in copies]
    return Entry(ident, date, None, "ASSAULT", "", ident, None, [], [], "happened", None,
                 None, confidence, sources)


def test_the_most_reported_dates_and_events_are_chosen_in_date_order() -> None:
    entries = [
        entry("a", "2026-01-01", ["x"]),
        entry("b", "2026-01-02", ["x", "y", "z"]),
        entry("c", "2026-01-03", ["x"], copies=("x2", "x3", "x4")),  # copies do not count
        entry("d", "2026-01-03", ["y"], confidence=0.9),
        entry("e", "2026-01-04", ["x", "y"]),
        entry("f", "2026-01-04", ["z"], confidence=0.9),
    ]
    chosen = select(entries, dates=2, per_date=1)
    assert [(e.date, e.id) for e in chosen] == [("2026-01-02", "b"), ("2026-01-04", "e")]
    assert [e.id for e in select(entries, dates=None, per_date=None)] == list("abcdef")
    assert [e.id for e in select(entries, dates=3, per_date=1)][1] == "d"


def test_a_snapshot_plus_the_rows_after_it_is_the_whole_index(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(story_store, "SNAPSHOT_EVERY", 2)
    conn = connect(tmp_path / "s.db")
    first = write_batch(tmp_path / "a.jsonl", [("flood-1", FLOOD_1, "2026-04-06"),
                                               ("chess", CHESS, "2026-04-06")])
    Ingestor(conn, Settings()).ingest_paths([first])
    assert story_store.backlog(conn) == 0  # two placed: the snapshot was written
    second = write_batch(tmp_path / "b.jsonl", [("flood-2", FLOOD_2, "2026-04-07")])
    Ingestor(conn, Settings()).ingest_paths([second])
    assert story_store.backlog(conn) == 1  # one placed since: replayed, not rewritten
    third = write_batch(tmp_path / "c.jsonl", [("flood-3", FLOOD_3, "2026-04-08")])
    Ingestor(conn, Settings()).ingest_paths([third])
    assert story(conn, "flood-3") == story(conn, "flood-2") == story(conn, "flood-1")
    assert story_store.backlog(conn) == 0
    assert story_store.load_index(conn).articles == 4


def test_show_gives_an_article_with_what_was_found_in_it(store: sqlite3.Connection,
                                                         tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["show", "flood-1", "--db", str(tmp_path / "s.db")])
    assert result.exit_code == 0, result.output
    shown = json.loads(result.output)
    assert shown["kind"] == "article" and shown["id"] == "flood-1"
    assert shown["story_id"] == story(store, "flood-1")
    assert shown["mentions"] and "minhash" not in shown
