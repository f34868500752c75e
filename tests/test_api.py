"""The HTTP API in process (FastAPI's TestClient): list shapes, filters, paging, one error
format, token-gated background ingest, FTS search. Articles are written for these tests."""

from __future__ import annotations

import json
import shutil
import sqlite3
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from dateline.pipeline import Ingestor
from dateline.present.listing import list_stories
from dateline.present.timeline import entry, select, timeline
from dateline.serve.app import create_app
from dateline.serve.config import ServeConfig
from dateline.settings import Settings
from dateline.store.db import connect

from .test_story_store import CHESS, FLOOD_1, FLOOD_2, write_batch

TOKEN = "test-token-0123456789abcdef"
FERRY = (
    "Ferry runs aground off Tarsel island\n\n"
    "A passenger ferry carrying 140 people ran aground on a sandbank off the island of "
    "Tarsel on Thursday, and coast guard boats brought everyone ashore before the tide "
    "turned, the harbour master of Tarsel said. Nobody was hurt, but the ferry company "
    "suspended its crossings to the mainland until divers have inspected the hull.")


def _config(db: Path, token: str | None = None) -> ServeConfig:
    return ServeConfig(settings=replace(Settings(), db_path=db), token=token)


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("api")
    conn = connect(folder / "s.db")
    batch = write_batch(folder / "a.jsonl", [
        ("flood-1", FLOOD_1, "2026-04-06"), ("chess", CHESS, "2026-04-06"),
        ("flood-2", FLOOD_2, "2026-04-07")])
    Ingestor(conn, Settings()).ingest_paths([batch])
    conn.close()
    return folder / "s.db"


@pytest.fixture(scope="module")
def client(db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(_config(db))) as test_client:
        yield test_client


@pytest.fixture(scope="module")
def store(db: Path) -> Iterator[sqlite3.Connection]:
    conn = connect(db)
    yield conn
    conn.close()


@pytest.fixture(scope="module")
def writer(db: Path) -> Iterator[TestClient]:
    """A server with a token on a copy of the store, so ingest leaves the others' alone."""
    copy = db.with_name("w.db")
    shutil.copy(db, copy)
    with TestClient(create_app(_config(copy, TOKEN))) as test_client:
        yield test_client


def error(code: str, message: str, status: int) -> dict[str, object]:
    return {"error": {"code": code, "message": message, "status": status}}


def all_events(store: sqlite3.Connection) -> list[sqlite3.Row]:
    return list(store.execute("SELECT * FROM events ORDER BY date IS NULL, date, id"))


def test_every_list_has_one_shape(client: TestClient) -> None:
    for name in ("stories", "events", "articles", "conflicts"):
        body = client.get(f"/api/{name}").json()
        assert set(body) == {name, "total", "limit", "offset", "next_offset"}
        assert (body["limit"], body["offset"], body["next_offset"]) == (50, 0, None)
        assert body["total"] == len(body[name])


def test_stories_and_articles_are_the_stored_rows(client: TestClient,
                                                  store: sqlite3.Connection) -> None:
    assert client.get("/api/stories").json()["stories"] == list_stories(store)
    articles = client.get("/api/articles").json()["articles"]
    assert [a["id"] for a in articles] == ["chess", "flood-1", "flood-2"]
    row = store.execute("SELECT * FROM articles WHERE id = 'flood-2'").fetchone()
    assert articles[2] == {
        "id": "flood-2", "title": "Army helicopters reach flooded Oster valley farms",
        "url": None, "outlet": "Test Wire", "published": "2026-04-07",
        "published_precision": "day", "published_source": "metadata",
        "published_confidence": 1.0, "duplicate_of": None, "story_id": row["story_id"],
        "ingested_at": row["ingested_at"], "mentions": store.execute(
            "SELECT COUNT(*) FROM mentions WHERE article_id = 'flood-2'").fetchone()[0]}
    detail = client.get("/api/articles/chess").json()
    assert detail["text"].startswith("Teenager wins") and detail["copies"] == []
    assert "minhash" not in detail and {"times", "mentions", "conflicts"} <= set(detail)
    assert [m["event_id"] for m in detail["mentions"]] == [r[0] for r in store.execute(
        "SELECT event_id FROM mentions WHERE article_id = 'chess' ORDER BY sent_start")]


def test_event_filters(client: TestClient, store: sqlite3.Connection) -> None:
    events = all_events(store)
    assert events, "the test articles should give events"

    def ids(query: str) -> list[str]:
        return [e["id"] for e in client.get(f"/api/events?{query}").json()["events"]]

    assert ids("") == [e["id"] for e in events]
    first = events[0]
    assert ids(f"type={first['type'].lower()}") == [
        e["id"] for e in events if e["type"] == first["type"]]
    assert ids(f"story={first['story_id']}") == [
        e["id"] for e in events if e["story_id"] == first["story_id"]]
    assert ids("from=2026-04-07&to=2026-04-07") == [
        e["id"] for e in events if e["date"] == "2026-04-07"]
    assert ids("to=2026-04-06") == [e["id"] for e in events if (e["date"] or "9") <= "2026-04-06"]
    assert ids("modality=happened") == [e["id"] for e in events if e["modality"] == "happened"]
    placed = next(e for e in events if e["place"])
    assert ids(f"place={placed['place'].upper()}") == [
        e["id"] for e in events if e["place"] == placed["place"]]
    acted = next(e for e in events if json.loads(e["actors"]))
    actor = json.loads(acted["actors"])[0]
    assert acted["id"] in ids(f"actor={actor}")
    assert ids("story=no-such-story") == [] and ids("from=2031") == []


def test_paging(client: TestClient, store: sqlite3.Connection) -> None:
    events = all_events(store)
    body = client.get("/api/events?limit=1&offset=1").json()
    assert [e["id"] for e in body["events"]] == [events[1]["id"]]
    assert (body["total"], body["limit"], body["offset"]) == (len(events), 1, 1)
    assert body["next_offset"] == (2 if len(events) > 2 else None)
    assert client.get("/api/articles?limit=2&offset=2").json()["next_offset"] is None
    assert client.get("/api/articles?limit=2").json()["next_offset"] == 2
    assert client.get("/api/events?limit=501").json() == error(
        "E071", "invalid request: query 'limit': at most 500 rows per page", 422)


def test_event_detail_has_sources_and_conflicts(client: TestClient,
                                                store: sqlite3.Connection) -> None:
    row = all_events(store)[0]
    body = client.get(f"/api/events/{row['id']}").json()
    assert body == {**entry(store, row).to_json(), "story_id": row["story_id"],
                    "conflicts": []}
    for source in body["sources"]:
        text = store.execute("SELECT text FROM articles WHERE id = ?",
                             (source["article"],)).fetchone()[0]
        assert text[source["start"]:source["end"]] == source["sentence"]


def test_errors_have_one_format(client: TestClient) -> None:
    see = "; see /openapi.json for the routes and the list endpoints for ids"
    assert client.get("/api/events/nope").json() == error(
        "E070", "no event with id 'nope'" + see, 404)
    assert client.get("/api/articles/nope").status_code == 404
    assert client.get("/api/nowhere").json() == error("E070", "no route /api/nowhere" + see, 404)
    assert client.get("/api/timeline?story=nope").json() == error(
        "E070", "no story with id 'nope'" + see, 404)
    assert client.get("/api/ingest/nope").json() == error(
        "E075", "no ingest job 'nope' (jobs are kept in memory until the server stops)", 404)
    assert client.get("/api/events?from=April").json() == error(
        "E071", "invalid request: query 'from': 'April' is not a date; use YYYY, YYYY-MM or "
        "YYYY-MM-DD", 422)
    assert client.get("/api/events?offset=-1").json() == error(
        "E071", "invalid request: query 'offset': Input should be greater than or equal to 0",
        422)
    assert client.delete("/api/events").json() == error(
        "E076", "DELETE is not allowed on /api/events", 405)


def test_timeline_json_and_its_html_twin(client: TestClient, store: sqlite3.Connection) -> None:
    expected = select(timeline(store), 1, 1)
    assert client.get("/api/timeline?dates=1&per_date=1").json() == {
        "timeline": [e.to_json() for e in expected], "count": len(expected)}
    page = client.get("/timeline?dates=1&per_date=1")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    policy = page.headers["content-security-policy"]
    assert policy.startswith("default-src 'none'; style-src 'sha256-")
    assert "script" not in policy and "unsafe" not in policy
    assert page.headers["link"] == ('</api/timeline?dates=1&per_date=1>; rel="alternate"; '
                                    'type="application/json"')
    assert expected[0].summary.strip()[:40] in page.text
    assert client.get("/timeline").text.count('<li class="event') == len(timeline(store))
    assert "/api/events" in client.get("/openapi.json").json()["paths"]


def test_the_page_its_assets_and_its_json_twin(client: TestClient,
                                              store: sqlite3.Connection) -> None:
    index = client.get("/")
    assert index.status_code == 200 and index.headers["content-type"].startswith("text/html")
    policy = index.headers["content-security-policy"]
    assert "script-src 'self';" in policy and "unsafe" not in policy
    assert "connect-src 'self';" in policy and "default-src 'none'" in policy
    assert '<script src="/static/app.js" defer></script>' in index.text
    assert "<script>" not in index.text  # no inline script: the policy would refuse it
    script = client.get("/static/app.js")
    assert script.status_code == 200 and script.headers["content-type"].startswith(
        "text/javascript") and len(script.content) > 100_000
    again = client.get("/static/app.js", headers={"If-None-Match": script.headers["etag"]})
    assert again.status_code == 304
    assert client.get("/static/app.css").headers["content-type"].startswith("text/css")
    see = "; see /openapi.json for the routes and the list endpoints for ids"
    assert client.get("/static/secrets.txt").json() == error(
        "E070", "no file /static/secrets.txt" + see, 404)
    body = client.get("/api/page").json()
    expected = timeline(store)
    assert [e["id"] for e in body["events"]] == [e.id for e in expected]
    first = body["events"][0]
    assert {k: v for k, v in first.items() if k not in ("story_id", "geo")} == \
        expected[0].to_json()
    assert first["story_id"] == store.execute("SELECT story_id FROM events WHERE id = ?",
                                              (first["id"],)).fetchone()[0]
    assert [s["id"] for s in body["stories"]] == [s["id"] for s in list_stories(store)]
    assert client.get("/api/page?story=nope").json() == error(
        "E070", "no story with id 'nope'" + see, 404)


def test_search_finds_words_of_articles_and_events(client: TestClient) -> None:
    def found(kind: str, q: str) -> list[str]:
        return [r["id"] for r in client.get(f"/api/{kind}", params={"q": q}).json()[kind]]

    assert found("articles", "chess") == ["chess"]
    assert found("articles", "velmora OSTER") == ["flood-1", "flood-2"]
    assert found("articles", "chess velmora") == []
    events = client.get("/api/events", params={"q": "helicopters"}).json()["events"]
    assert events and all("helicopters" in e["summary"].lower() for e in events)
    # FTS5 syntax in user input is taken as words, never as a query.
    assert found("articles", '"chess" OR NEAR(') == []
    assert found("articles", 'chess*"') == ["chess"]
    assert client.get("/api/articles?q=%22%2A").json()["error"]["code"] == "E071"


def test_ingest_is_off_without_a_token(client: TestClient) -> None:
    answer = client.post("/api/ingest", json={"text": FERRY})
    assert answer.status_code == 403
    assert answer.json()["error"]["code"] == "E072"


def test_ingest_needs_the_right_token(writer: TestClient) -> None:
    for headers in ({}, {"Authorization": "Bearer wrong-token-0123456789"},
                    {"Authorization": TOKEN}):
        answer = writer.post("/api/ingest", json={"text": FERRY}, headers=headers)
        assert answer.status_code == 401 and answer.json()["error"]["code"] == "E073"
        assert answer.headers["www-authenticate"] == "Bearer"


def test_ingest_refuses_large_and_malformed_bodies(writer: TestClient) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    big = writer.post("/api/ingest", content=b"x" * (5 * 1024 * 1024 + 1), headers=auth)
    assert big.json() == error(
        "E074", "the request body is over the 5,242,880-byte limit; send fewer articles per "
        "request", 413)
    assert writer.post("/api/ingest", content=b"{not json", headers=auth).status_code == 422
    empty = writer.post("/api/ingest", json={"articles": [{"title": "no text"}]}, headers=auth)
    assert empty.json() == error(
        "E071", "invalid request: body 'articles.0': Value error, each article needs a "
        "non-empty 'text' or 'html'", 422)


def test_ingest_runs_in_the_background_and_reads_go_on(writer: TestClient) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    answer = writer.post("/api/ingest", headers=auth, json={"articles": [
        {"id": "ferry", "text": FERRY, "published": "2026-04-09", "outlet": "Coast News"},
        {"id": "flood-1", "text": FLOOD_1, "published": "2026-04-06"},
        {"id": "short", "text": "Too short."}]})
    assert answer.status_code == 202
    job = answer.json()
    assert answer.headers["location"] == job["url"] == f"/api/ingest/{job['job']}"
    states, reads = set(), 0
    deadline = time.monotonic() + 90
    while (status := writer.get(job["url"]).json())["state"] not in ("done", "failed"):
        states.add(status["state"])
        assert writer.get("/api/articles?limit=1").status_code == 200  # not blocked
        reads += 1
        assert time.monotonic() < deadline, status
        time.sleep(0.1)
    assert status["state"] == "done" and reads >= 1 and states <= {"queued", "running"}
    assert {k: status[k] for k in ("total", "done", "new", "unchanged", "duplicates")} == {
        "total": 3, "done": 3, "new": 1, "unchanged": 1, "duplicates": 0}
    assert [s["article"] for s in status["skipped"]] == ["item 3 (short)"]
    article = writer.get("/api/articles/ferry").json()
    assert (article["outlet"], article["published"]) == ("Coast News", "2026-04-09")
    assert [a["id"] for a in writer.get("/api/articles?q=Tarsel").json()["articles"]] == [
        "ferry"]


def test_reads_do_not_wait_for_a_writer(writer: TestClient) -> None:
    path = writer.app.state.config.db_path  # type: ignore[attr-defined]
    other = sqlite3.connect(path, isolation_level=None, timeout=1)
    other.execute("BEGIN IMMEDIATE")  # holds the write lock, as an ingest's transaction does
    other.execute("UPDATE articles SET outlet = outlet WHERE id = 'chess'")
    try:
        started = time.monotonic()
        assert writer.get("/api/events?q=helicopters").status_code == 200
        assert writer.get("/api/articles/chess").status_code == 200
        assert time.monotonic() - started < 2
    finally:
        other.execute("ROLLBACK")
        other.close()


def test_the_search_migration_fills_in_rows_stored_before_it(db: Path) -> None:
    copy = db.with_name("old.db")
    shutil.copy(db, copy)
    conn = sqlite3.connect(copy, isolation_level=None)
    for table in ("articles", "events"):  # back to the store as version 5 left it
        conn.execute(f"DROP TABLE {table}_fts")
        for change in ("insert", "delete", "update"):
            conn.execute(f"DROP TRIGGER {table}_fts_{change}")
    conn.execute("DROP TABLE event_tallies")  # and without what later versions added
    conn.execute("DROP INDEX events_type_date")
    conn.execute("DELETE FROM schema_migrations WHERE version >= 6")
    conn.close()
    migrated = connect(copy)
    found = migrated.execute("SELECT a.id FROM articles_fts JOIN articles a ON a.rowid ="
                             " articles_fts.rowid WHERE articles_fts MATCH 'Brannock'")
    assert [r[0] for r in found] == ["chess"]
    migrated.close()
