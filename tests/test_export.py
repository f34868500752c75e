"""`dateline export`: every format parses and validates against its spec, the tables
round-trip, and hostile article text cannot break a file or run as HTML. The articles are
written for these tests."""

from __future__ import annotations

import csv
import io
import json
import math
import sqlite3
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from dateline.cli import main
from dateline.errors import DatelineError
from dateline.model import ActorRef, GeoPlace, Mention, Modality, Sentence
from dateline.pipeline import Ingestor
from dateline.present import export, export_formats
from dateline.present.export import Record
from dateline.present.timeline import Entry, Source
from dateline.settings import Settings
from dateline.store.db import connect

DEPOT = (
    "Drones hit a fuel depot in the port of Odesa\n\n"
    "A swarm of drones struck a fuel depot in the port of Odesa on Monday, setting three "
    "tanks on fire and injuring at least four workers, the regional governor said. "
    "Firefighters worked through the night, and the port authority said that ships would "
    "wait outside the harbour until the fire was out.")
TALKS = (
    "Delegations meet in Geneva for a second day of talks\n\n"
    "Negotiators from Ukraine and Russia met in Geneva on Tuesday for a second day of talks "
    "mediated by Swiss officials, the Swiss foreign ministry said. The Ukrainian delegation "
    "rejected a proposal to freeze the front line, calling it \"a trap, not a truce\", "
    "according to a statement issued in Kyiv.")
FORMATS = export.FORMATS


def _batch(path: Path) -> Path:
    items = [
        {"id": "depot", "text": DEPOT, "published": "2026-03-10", "outlet": "Test Wire",
         "url": "https://example.org/depot"},
        {"id": "talks", "text": TALKS, "published": "2026-03-11", "outlet": "Test Wire",
         "url": "https://example.org/talks"},
        # A syndicated copy: an extra source of the depot's events, not new events.
        {"id": "depot-copy", "text": DEPOT, "published": "2026-03-10",
         "outlet": "Other Daily", "url": "https://other.example.net/depot"},
    ]
    path.write_text("\n".join(json.dumps(i) for i in items), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("export")
    path = folder / "s.db"
    conn = connect(path)
    Ingestor(conn, Settings()).ingest_paths([_batch(folder / "a.jsonl")])
    conn.close()
    return path


@pytest.fixture
def conn(db: Path) -> sqlite3.Connection:
    return connect(db, create=False)


def hostile_records() -> list[Record]:
    """Records as a hostile or sloppy page could make them: quotes, commas, line breaks,
    markup and a javascript: link in every text field."""
    nasty = 'He said "stop, now",\nthen <script>alert(1)</script> & left; ok'
    geo = GeoPlace("Odesa", "UA", "Odesa", 46.47747, 30.73262, 698740, "city")
    source = Source("a<1>", "javascript:alert(1)", "<b>Wire</b>", "2026-03-10", nasty, 0,
                    len(nasty))
    copy = Source("a2", "https://example.org/x?a=1&b=\"2\"", "Daily, Ltd", "2026-03-10",
                  nasty, 5, 5 + len(nasty), copy_of="a<1>")
    said = Mention("a<1>", Sentence(0, len(nasty), nasty), "STATEMENT", "reject", "said",
                   ("Kyiv",), (), "Odesa", None, None, "", Modality.HAPPENED,
                   speaker="Ina \"X\" Voss", confidence=0.8, quote=nasty,
                   actor_refs=(ActorRef("Ukraine", "UKR:GOV", "country", "UKR", "GOV"),),
                   geo=geo)
    records = []
    for ident, kind, mode, date in (("e1", "STATEMENT", "reject", "2026-03-10"),
                                    ("e2", "ASSAULT", "drone", "2026-03"),
                                    ("e3", "STATEMENT", "", None)):
        entry = Entry(ident, date, None, kind, mode, nasty, "Odesa, \"port\"", ["Kyiv, <i>"],
                      [], "happened", 2, None, 0.8, [source, copy])  # type: ignore[arg-type]
        records.append(Record(entry, "story-1", [], (said,), geo if ident != "e3" else None))
    return records


# RFC 7946 in the few rules an exporter can break.
def geojson_errors(doc: Any) -> list[str]:
    found = []
    if not isinstance(doc, dict) or doc.get("type") != "FeatureCollection":
        return ["not a FeatureCollection"]
    if "crs" in doc:
        found.append("crs member (removed in RFC 7946)")
    if not isinstance(doc.get("features"), list):
        return [*found, "features is not an array"]
    for i, feature in enumerate(doc["features"]):
        if not isinstance(feature, dict) or feature.get("type") != "Feature":
            found.append(f"{i}: not a Feature")
            continue
        if "id" in feature and not isinstance(feature["id"], str | int | float):
            found.append(f"{i}: id is neither string nor number")
        if "properties" not in feature or not isinstance(feature["properties"], dict | None):
            found.append(f"{i}: properties missing or not an object")
        geometry = feature.get("geometry")
        if not isinstance(geometry, dict) or geometry.get("type") != "Point":
            found.append(f"{i}: geometry is not a Point")
            continue
        position = geometry.get("coordinates")
        if (not isinstance(position, list) or len(position) not in (2, 3)
                or not all(isinstance(c, int | float) and math.isfinite(c) for c in position)):
            found.append(f"{i}: position is not 2 or 3 finite numbers")
        elif not (-180 <= position[0] <= 180 and -90 <= position[1] <= 90):
            found.append(f"{i}: position out of range (longitude first)")
    return found


DATE = {"type": "object", "required": ["year"], "additionalProperties": False,
        "properties": {**{k: {"type": "integer"} for k in
                          ("year", "month", "day", "hour", "minute", "second", "millisecond")},
                       "display_date": {"type": "string"}, "format": {"type": "string"}}}
TEXT = {"type": "object", "additionalProperties": False,
        "properties": {"headline": {"type": "string"}, "text": {"type": "string"}}}
SLIDE_KEYS = {"start_date": DATE, "end_date": DATE, "text": TEXT, "media": {"type": "object"},
              "group": {"type": "string"}, "display_date": {"type": "string"},
              "background": {"type": "object"}, "autolink": {"type": "boolean"},
              "unique_id": {"type": "string"}}
# TimelineJS's JSON format (timeline.knightlab.com/docs/json-format.html) as a JSON Schema;
# text is required here because a slide without it would say nothing. A fast check of the
# shape; tests/test_timelinejs.py loads the export into TimelineJS itself.
TIMELINEJS_SCHEMA = {
    "type": "object", "required": ["events"], "additionalProperties": False,
    "properties": {
        "title": {"type": "object", "additionalProperties": False,
                  "properties": {k: v for k, v in SLIDE_KEYS.items() if k != "start_date"}},
        "events": {"type": "array", "items": {
            "type": "object", "required": ["start_date", "text"], "additionalProperties": False,
            "properties": SLIDE_KEYS}},
        "eras": {"type": "array"},
        "scale": {"enum": ["human", "cosmological"]},
    },
}


def test_json_and_jsonl_hold_every_event_with_its_sources(conn: sqlite3.Connection) -> None:
    events = json.loads(str(export.export(conn, "json")))
    lines = str(export.export(conn, "jsonl")).splitlines()
    stored = {r[0] for r in conn.execute("SELECT id FROM events")}
    assert len(events) == len(lines) == len(stored) > 0
    assert {e["id"] for e in events} == {json.loads(line)["id"] for line in lines} == stored
    assert all(e["sources"] and e["sources"][0]["sentence"] for e in events)
    copies = [s for e in events for s in e["sources"] if s["copy_of"] == "depot"]
    assert copies and all(s["url"] == "https://other.example.net/depot" for s in copies)


def test_geojson_follows_rfc_7946_longitude_first(conn: sqlite3.Connection) -> None:
    doc = json.loads(str(export.export(conn, "geojson")))
    assert geojson_errors(doc) == []
    odesa = [f for f in doc["features"] if f["properties"]["place_name"] == "Odesa"]
    assert odesa, "the depot strike is mapped"
    lon, lat = odesa[0]["geometry"]["coordinates"]
    assert 30 < lon < 31.5 and 46 < lat < 47
    assert geojson_errors({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {},
         "geometry": {"type": "Point", "coordinates": [46.5, 130.7]}}]})  # the check bites


def test_timelinejs_matches_its_documented_format(conn: sqlite3.Connection) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    doc = json.loads(str(export.export(conn, "timelinejs")))
    jsonschema.validate(doc, TIMELINEJS_SCHEMA)
    dated = conn.execute("SELECT COUNT(*) FROM events WHERE date IS NOT NULL"
                         " AND modality != 'hypothetical'").fetchone()[0]
    assert len(doc["events"]) == dated > 0
    assert all(e["start_date"]["year"] in (2026, 2025) for e in doc["events"])


def test_parquet_reads_back_with_the_rows_of_json_and_csv(conn: sqlite3.Connection,
                                                          tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    out = tmp_path / "events.parquet"
    export.write(export.export(conn, "parquet"), out)
    table = pq.read_table(out)
    events = json.loads(str(export.export(conn, "json")))
    rows = list(csv.DictReader(io.StringIO(str(export.export(conn, "csv")), newline="")))
    assert table.num_rows == len(events) == len(rows)
    assert table.column("id").to_pylist() == [e["id"] for e in events] == [r["id"] for r in rows]
    nested = table.column("sources").to_pylist()
    assert [len(s) for s in nested] == [len(e["sources"]) for e in events]


def test_parquet_reads_back_in_duckdb(conn: sqlite3.Connection, tmp_path: Path) -> None:
    import duckdb

    out = tmp_path / "events.parquet"
    export.write(export.export(conn, "parquet"), out)
    events = json.loads(str(export.export(conn, "json")))
    with duckdb.connect() as db:
        rows = db.execute("SELECT id, len(sources) FROM read_parquet(?) ORDER BY id",
                          [str(out)]).fetchall()
    assert len(rows) == len(events) > 0
    assert rows == sorted((e["id"], len(e["sources"])) for e in events)


def test_csv_defuses_cells_a_spreadsheet_would_run() -> None:
    base = hostile_records()[0]
    evil = "=HYPERLINK(\"http://x.example\",\"click\")"
    entry = replace(base.entry, summary=evil, place="+1+1", actors=["@SUM(A1)", "Kyiv"],
                    mode="-2", type="\tTAB")
    geo = GeoPlace("Cape Town", "ZA", "Western Cape", -33.92, 18.42, 3369157, "city")
    row = next(csv.DictReader(io.StringIO(export.to_csv([replace(base, entry=entry, geo=geo)]),
                                          newline="")))
    assert row["summary"] == "'" + evil and row["place"] == "'+1+1"
    assert row["actors"] == "'@SUM(A1); Kyiv" and row["mode"] == "'-2"
    assert row["type"] == "'\tTAB"
    assert row["lat"] == "-33.92"  # a number we wrote is left a number
    assert row["id"] == "e1" and row["geo_name"] == "Cape Town"  # plain text untouched


def test_csv_round_trips(conn: sqlite3.Connection) -> None:
    text = str(export.export(conn, "csv"))
    read = list(csv.DictReader(io.StringIO(text, newline="")))
    assert read == [export.csv_row(r) for r in export.load(conn)]


def test_plover_records_carry_the_polecat_fields(conn: sqlite3.Connection) -> None:
    records = json.loads(str(export.export(conn, "plover")))
    keys = {"event_id", "event_date", "event_type", "event_mode", "actors", "recipients",
            "location", "sources", "confidence", "statement", "modality"}
    assert records and all(keys <= set(r) for r in records)
    roots = export_formats.PLOVER_ROOTS | {"STATEMENT"}
    assert all(r["event_type"] in roots for r in records)
    strike = next(r for r in records if r["event_type"] == "ASSAULT"
                  and r["location"] and r["location"]["name"] == "Odesa")
    assert strike["location"]["country"] == "UKR" and strike["location"]["geonameid"]
    assert {"lat", "lon", "admin1", "country_iso2"} <= set(strike["location"])
    assert all({"name", "country", "sector"} <= set(a) for a in strike["actors"])
    assert {s["article_id"] for s in strike["sources"]} >= {"depot", "depot-copy"}
    assert all(s["sentence"] and s["url"] for s in strike["sources"])


def test_a_statement_takes_its_mode_as_plover_type() -> None:
    assert export_formats.plover_type("STATEMENT", "reject") == ("REJECT", "", True)
    assert export_formats.plover_type("STATEMENT", "") == ("STATEMENT", "", True)
    assert export_formats.plover_type("ASSAULT", "drone") == ("ASSAULT", "drone", False)
    first = export_formats.plover_record(hostile_records()[0])
    assert first["event_type"] == "REJECT" and first["statement"] is True
    assert first["actors"][0] == {"name": "Ukraine", "country": "UKR", "sector": "GOV",
                                  "kind": "country", "role": None}


def _strings(doc: Any) -> list[str]:
    if isinstance(doc, str):
        return [doc]
    items = doc.values() if isinstance(doc, dict) else doc if isinstance(doc, list) else []
    return [s for item in items for s in _strings(item)]


@pytest.mark.parametrize("fmt", [f for f in FORMATS if f != "parquet"])
def test_hostile_text_cannot_break_a_text_format(fmt: str) -> None:
    records = hostile_records()
    nasty = records[0].entry.summary
    out = str(export.render(records, fmt))
    if fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(out, newline="")))
        assert [r["summary"] for r in rows] == [nasty] * 3
        assert rows == [export.csv_row(r) for r in records]
    elif fmt == "jsonl":
        assert [json.loads(line)["summary"] for line in out.splitlines()] == [nasty] * 3
    else:
        strings = set(_strings(json.loads(out)))
        assert nasty in strings or fmt == "timelinejs"
    if fmt == "geojson":
        assert geojson_errors(json.loads(out)) == []
        assert len(json.loads(out)["features"]) == 2  # e3 has no place
    if fmt == "timelinejs":
        slides = json.loads(out)["events"]
        assert [s["unique_id"] for s in slides] == ["e1", "e2"]  # e3 has no date
        html_parts = json.dumps([s["text"] for s in slides])
        assert "<script" not in html_parts and "&lt;script&gt;" in html_parts
        assert "javascript:" not in html_parts and "<b>" not in html_parts
        assert "href=\\\"https://example.org/x?a=1&amp;b=&quot;2&quot;\\\"" in html_parts


def test_hostile_text_survives_parquet(tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    records = hostile_records()
    out = tmp_path / "x.parquet"
    export.write(export.render(records, "parquet"), out)
    table = pq.read_table(out)
    assert table.column("summary").to_pylist() == [r.entry.summary for r in records]
    assert table.column("lon").to_pylist() == [30.73262, 30.73262, None]


def test_story_keeps_its_own_events(conn: sqlite3.Connection) -> None:
    story = conn.execute("SELECT story_id FROM articles WHERE id = 'talks'").fetchone()[0]
    events = json.loads(str(export.export(conn, "json", story)))
    assert events and {e["story_id"] for e in events} == {story}
    with pytest.raises(DatelineError, match="E019"):
        export.export(conn, "json", "story-nope")


def test_cli_writes_a_file_and_names_bad_formats_and_paths(db: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "deep" / "events.geojson"
    result = runner.invoke(main, ["export", "--db", str(db), "--format", "geojson",
                                  "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert geojson_errors(json.loads(out.read_text(encoding="utf-8"))) == []
    assert not list(out.parent.glob("*.part"))
    printed = runner.invoke(main, ["export", "--db", str(db), "--format", "JSONL"])
    assert printed.exit_code == 0 and all(json.loads(x) for x in printed.output.splitlines())
    bad = runner.invoke(main, ["export", "--db", str(db), "--format", "xml"])
    assert bad.exit_code == 2 and "E060" in bad.output
    binary = runner.invoke(main, ["export", "--db", str(db), "--format", "parquet"])
    assert isinstance(binary.exception, DatelineError) and "E062" in str(binary.exception)
    folder = runner.invoke(main, ["export", "--db", str(db), "-o", str(tmp_path)])
    assert isinstance(folder.exception, DatelineError) and "E061" in str(folder.exception)
    blocked = tmp_path / "file"
    blocked.write_text("x", encoding="utf-8")
    nowhere = runner.invoke(main, ["export", "--db", str(db), "-o", str(blocked / "e.json")])
    assert isinstance(nowhere.exception, DatelineError) and "E064" in str(nowhere.exception)
