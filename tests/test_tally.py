"""Linking a mention costs the same however large its event and the store: an event tally
folded one mention at a time shows what reading all the mentions shows, and candidate
events narrowed to the dates a mention can match give the same event."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from dataclasses import replace
from pathlib import Path

from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from dateline.cli import main
from dateline.link import events as linking
from dateline.link.merge import best_event, canonical_fields
from dateline.link.tally import EventTally, tally_of
from dateline.model import (
    ActorRef,
    FuzzyDate,
    GeoPlace,
    Mention,
    Modality,
    Precision,
    Quantities,
    Sentence,
)
from dateline.store import repo
from dateline.store.db import connect

from .test_merge import mention

CORPUS = Path(__file__).resolve().parents[1] / "examples" / "corpus"

DAYS = [dt.date(2026, 3, d) for d in (1, 2, 9, 10, 11)]
PUBLISHED = {"a0": "2026-03-09", "a1": "2026-03-10", "a2": "2026-03-11", "a3": "",
             "a4": "2026-03", "a5": "2026-03-12"}
PLACES = [GeoPlace("Portavel", "RU", "Krasnodar", 45.0, 37.0, 101, "city"),
          GeoPlace("Krasnodar Krai", "RU", "Krasnodar", 45.0, 39.0, 102, "admin1"),
          GeoPlace("Kelvane", "UA", "Odesa", 46.0, 30.0, None, "city")]


@st.composite
def mentions(draw: st.DrawFn, article: str) -> Mention:
    dated = draw(st.booleans())
    # as the store gives them back: a month or a year starts on its first day
    date = FuzzyDate.parse(FuzzyDate(draw(st.sampled_from(DAYS)),
                                     draw(st.sampled_from(list(Precision)))).iso())
    end = draw(st.sampled_from([None, FuzzyDate(DAYS[-1], Precision.DAY)]))
    count = draw(st.sampled_from([None, 3, 12, 15]))
    return Mention(
        article_id=article, sentence=Sentence(0, 9, draw(st.sampled_from(["one", "two"]))),
        type=draw(st.sampled_from(["ASSAULT", "CONSULT"])),
        mode=draw(st.sampled_from(["", "", "drone", "missile"])), trigger="hit",
        actors=tuple(draw(st.lists(st.sampled_from(["Ruritania", "Freedonia", "Zed"]),
                                   max_size=2))),
        recipients=tuple(draw(st.lists(st.sampled_from(["Ann", "Bo"]), max_size=2))),
        place=draw(st.sampled_from([None, "Portavel", "Kelvane"])),
        date=date if dated else None, end_date=end if dated else None,
        date_text=draw(st.sampled_from(["", "on Tuesday"])),
        modality=draw(st.sampled_from(list(Modality))),
        quantities=Quantities(killed=count, killed_qualifier=draw(
            st.sampled_from(["", "at least", "about"])), injured=draw(
            st.sampled_from([None, 4, 5]))),
        confidence=draw(st.sampled_from([0.25, 0.5, 0.75])),
        actor_refs=tuple(ActorRef(c, c, country=c) for c in draw(
            st.lists(st.sampled_from(["RUS", "UKR"]), max_size=2))),
        geo=draw(st.sampled_from([None, *PLACES])))


@st.composite
def events(draw: st.DrawFn) -> list[Mention]:
    """Mentions in event order: each article's mentions one after another (an article is
    linked in one go)."""
    out: list[Mention] = []
    for article in draw(st.lists(st.sampled_from(sorted(PUBLISHED)), min_size=1,
                                 max_size=6, unique=True)):
        out.extend(draw(st.lists(mentions(article), min_size=1, max_size=3)))
    return out


@settings(max_examples=300, deadline=None)
@given(events())
def test_a_tally_gives_the_fields_of_all_the_mentions(told: list[Mention]) -> None:
    expected = canonical_fields(told, PUBLISHED)
    assert tally_of(told, PUBLISHED).fields() == expected
    # and the same after a round trip through the store at every step
    tally = EventTally()
    for m in told:
        tally = EventTally.from_json(tally.to_json())
        tally.add(m, PUBLISHED[m.article_id])
    assert tally.fields() == expected


def test_a_disputed_toll_lists_each_value_with_its_sources() -> None:
    told = [mention(article="a1", killed=12), mention(article="a2", killed=15),
            mention(article="a5", killed=15)]
    fields = tally_of(told, PUBLISHED).fields()
    assert fields["killed"] == 15
    found = json.loads(str(fields["disputes"]))
    assert [d["field"] for d in found] == ["killed"]
    assert found[0]["values"] == [{"value": "12", "articles": ["a1"]},
                                  {"value": "15", "articles": ["a2", "a5"]}]


def _stored_fields(db: Path) -> tuple[dict[str, dict[str, object]], dict[str, dict[str, object]]]:
    """Each event's stored columns, and what canonical_fields makes of all its mentions."""
    conn = connect(db, create=False)
    stored, expected = {}, {}
    for row in conn.execute("SELECT * FROM events"):
        told = repo.event_mentions(conn, row["id"])
        published = repo.published_dates(conn, {m.article_id for m in told})
        expected[row["id"]] = canonical_fields(told, published)
        stored[row["id"]] = {k: row[k] for k in expected[row["id"]]}
    conn.close()
    return stored, expected


def _ingest(db: Path, path: Path) -> None:
    result = CliRunner().invoke(main, ["ingest", str(path), "--db", str(db), "--quiet",
                                       "--published", "2026-02-16"])
    assert result.exit_code == 0, result.output


def test_events_stored_one_article_at_a_time_show_all_their_mentions(tmp_path: Path) -> None:
    """The example corpus added file by file: every event's columns are what reading all
    its mentions gives, also when a store written before tallies (none stored) grows."""
    files = sorted(p for p in CORPUS.iterdir() if p.suffix in (".txt", ".html"))
    db, old = tmp_path / "s.db", tmp_path / "old.db"
    for n, path in enumerate(files):
        _ingest(db, path)
        _ingest(old, path)
        if n == len(files) // 2:
            conn = connect(old, create=False)
            conn.execute("DELETE FROM event_tallies")
            conn.close()
    stored, expected = _stored_fields(db)
    assert len(stored) > 10
    joined = [e for e, f in expected.items() if len(json.loads(str(f["actors"]))) > 1]
    assert joined, "no event of the corpus was reported by more than one mention"
    assert stored == expected
    assert _stored_fields(old) == (stored, expected)


EVENT_DATES = ["2026-02", "2026", "2025", "2026-01-31", "2026-02-01", "2026-02-09",
               "2026-02-10", "2026-02-11", "2026-02-12", "2026-02-28", "2026-03-01",
               "2026-03-02", "2026-03"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(EVENT_DATES), st.sampled_from(["Portavel", None]),
                          st.sampled_from(list(Modality))), min_size=1, max_size=12),
       st.sampled_from(EVENT_DATES), st.sampled_from(["", "on Tuesday"]),
       st.sampled_from(list(Modality)), st.integers(0, 3))
def test_narrowed_candidate_events_find_the_same_event(
        stored: list[tuple[str, str | None, Modality]], date: str, date_text: str,
        modality: Modality, window: int) -> None:
    conn = sqlite3.connect(":memory:")
    conn.row_factory = sqlite3.Row
    conn.execute("CREATE TABLE events (id TEXT PRIMARY KEY, type TEXT, date TEXT, place TEXT,"
                 " actors TEXT, modality TEXT, recipients TEXT, mode TEXT)")
    for n, (day_, place, kind) in enumerate(stored):
        conn.execute("INSERT INTO events VALUES (?, 'ASSAULT', ?, ?, '[\"Ruritania\"]', ?,"
                     " '[]', '')", (f"e{n:02d}", day_, place, kind.value))
    told = replace(mention(place="Portavel", modality=modality, date_text=date_text),
                   date=FuzzyDate.parse(date))
    low, high = linking._window(told, window)
    wide = repo.candidate_events(conn, "ASSAULT", low, high)
    narrow = repo.candidate_events(conn, "ASSAULT", low, high, linking._reach(told, window))
    assert {r["id"] for r in narrow} <= {r["id"] for r in wide}
    pick = [best_event(told, [linking._view(r) for r in rows], window) for rows in (wide, narrow)]
    assert pick[0] == pick[1]
