"""The web page in a real headless Chromium (Debian's, driven by Playwright): served by
`dateline serve` on loopback and opened as the exported file, over the demo store.

Chromium is not optional: without it these tests fail, they do not skip (.ci/run installs
it). Screenshots go to out/test-artifacts/.
"""

from __future__ import annotations

import math
import socket
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import pytest

from dateline.present.timeline import Entry, timeline
from dateline.serve.app import create_app
from dateline.serve.config import ServeConfig
from dateline.serve.page import export_html
from dateline.settings import Settings
from dateline.store.db import connect

from .conftest import ROOT

ARTIFACTS = ROOT / "out" / "test-artifacts"
TAMAN = (45.2, 36.7)  # the port of Taman, Krasnodar Krai
WAIT_MS = 20_000


@dataclass(frozen=True)
class Site:
    """A page to open: its URL and the store behind it."""

    url: str
    db: Path


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def served(demo_dir: Path) -> Iterator[Site]:
    """`dateline serve` on the demo store, in a thread, on a free loopback port."""
    import uvicorn

    config = ServeConfig(settings=replace(Settings(), db_path=demo_dir / "demo.db"))
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(config), host="127.0.0.1", port=port,
                                           log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline and thread.is_alive(), "the server did not start"
        time.sleep(0.05)
    yield Site(f"http://127.0.0.1:{port}/", demo_dir / "demo.db")
    server.should_exit = True
    thread.join(10)


@pytest.fixture(params=["served", "file"])
def site(request: pytest.FixtureRequest, demo_dir: Path) -> Site:
    """The page as `dateline serve` gives it, and as the file `dateline demo` writes."""
    if request.param == "served":
        found = request.getfixturevalue("served")
        assert isinstance(found, Site)
        return found
    return Site((demo_dir / "timeline.html").as_uri(), demo_dir / "demo.db")


def _entries(db: Path) -> list[Entry]:
    conn = connect(db, create=False)
    try:
        return timeline(conn)
    finally:
        conn.close()


def taman_strike(db: Path) -> Entry:
    found = [e for e in _entries(db) if e.type == "ASSAULT" and e.date == "2026-02-15"
             and any("Taman" in s.sentence for s in e.sources)]
    assert len(found) == 1
    return found[0]


def open_page(page: Any, url: str) -> None:
    page.goto(url)
    page.wait_for_selector("body[data-state=ready]", timeout=WAIT_MS)


def wait_shown(page: Any, ok: Callable[[int], bool]) -> None:
    """Waits until the page's count of shown events (``body[data-shown]``) satisfies ``ok``.

    Polled from here: Playwright's ``wait_for_function`` evaluates a string predicate with
    ``eval`` in the page whenever it has to poll, which the page's CSP (no 'unsafe-eval')
    refuses, so it failed whenever the filter had not finished at the first check.
    """
    deadline = time.monotonic() + WAIT_MS / 1000
    while True:
        shown = page.get_attribute("body", "data-shown")
        if shown is not None and shown.isdigit() and ok(int(shown)):
            return
        if time.monotonic() > deadline:
            raise AssertionError(f"shown events stayed at {shown!r}")
        time.sleep(0.05)


def shoot(page: Any, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"))


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (math.sin((lat2 - lat1) / 2) ** 2
         + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2)
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def test_page_shows_the_demo_corpus_and_the_taman_strike(page: Any, site: Site,
                                                         request: pytest.FixtureRequest) -> None:
    open_page(page, site.url)
    entries = _entries(site.db)
    assert page.inner_text("#status").startswith(f"{len(entries)} of {len(entries)} events")
    strike = taman_strike(site.db)
    item = page.locator(f".vis-item [data-event='{strike.id}']")
    item.wait_for(state="visible", timeout=WAIT_MS)
    assert item.get_attribute("data-date") == "2026-02-15"
    assert "Taman" in item.inner_text() and item.inner_text().startswith("ASSAULT")
    # The item sits on 15 February on the axis: its box is centred on that day's start.
    x = page.evaluate(
        "([id]) => { const t = window.dateline.timeline; const r = t.getWindow();"
        " const box = document.querySelector(`.vis-item:has([data-event='${id}'])`)"
        ".getBoundingClientRect(); const frame = document.querySelector('#timeline')"
        ".getBoundingClientRect(); const at = r.start.getTime() + (box.left + box.width / 2"
        " - frame.left) / frame.width * (r.end - r.start); return new Date(at).toDateString(); }",
        [strike.id])
    assert x in ("Sun Feb 15 2026", "Sat Feb 14 2026")  # a box centres on midnight
    shoot(page, f"page-{request.node.callspec.id}")
    assert page.problems == []


def test_click_opens_every_source_with_its_sentence_marked(page: Any, site: Site,
                                                           request: pytest.FixtureRequest
                                                           ) -> None:
    open_page(page, site.url)
    strike = taman_strike(site.db)
    page.click(f".vis-item:has([data-event='{strike.id}'])")
    page.wait_for_selector("#panel .source mark", timeout=WAIT_MS)
    assert page.locator("#panel .source").count() == len(strike.sources)
    marks = page.locator("#panel .source mark").all_inner_texts()
    offsets = [s for s in strike.sources if s.start is not None]
    assert len(marks) == len(offsets) >= 4
    assert sorted(marks) == sorted(s.sentence for s in offsets)
    # Each mark sits inside its article's text, where the stored offsets say.
    conn = connect(site.db, create=False)
    for i, source in enumerate(strike.sources):
        text = conn.execute("SELECT text FROM articles WHERE id = ?",
                            (source.article,)).fetchone()[0]
        box = page.locator("#panel .source").nth(i).locator(".article-text")
        assert box.inner_text() == text
        if source.start is not None:
            before = box.evaluate("b => b.querySelector('mark').previousSibling.textContent")
            assert before == text[:source.start]
    conn.close()
    assert "Taman" in page.inner_text("#panel h2") and "ASSAULT/drone" in page.inner_text(
        "#panel h2")
    shoot(page, f"sources-{request.node.callspec.id}")
    assert page.problems == []


def test_map_shows_a_marker_near_taman(page: Any, site: Site) -> None:
    open_page(page, site.url)
    strike = taman_strike(site.db)
    marker = page.locator(f"#map path[data-event='{strike.id}']")
    marker.wait_for(state="attached", timeout=WAIT_MS)
    state = page.evaluate(
        "([id]) => { const m = window.dateline.markers.get(id); const ll = m.getLatLng();"
        " const p = window.dateline.map.latLngToContainerPoint(ll);"
        " const box = m.getElement().getBoundingClientRect();"
        " const frame = document.querySelector('#map').getBoundingClientRect();"
        " return {lat: ll.lat, lng: ll.lng, px: p.x, py: p.y,"
        " cx: box.left + box.width / 2 - frame.left, cy: box.top + box.height / 2 - frame.top,"
        " w: frame.width, h: frame.height}; }", [strike.id])
    assert distance_km((state["lat"], state["lng"]), TAMAN) < 30
    assert float(marker.get_attribute("data-lat")) == pytest.approx(state["lat"])
    # Drawn where Leaflet projects that point, and inside the visible map.
    assert abs(state["cx"] - state["px"]) < 2 and abs(state["cy"] - state["py"]) < 2
    assert 0 <= state["cx"] <= state["w"] and 0 <= state["cy"] <= state["h"]
    assert page.problems == []


def test_filter_by_type_keeps_only_that_type(page: Any, site: Site) -> None:
    open_page(page, site.url)
    entries = _entries(site.db)
    consult = [e for e in entries if e.type == "CONSULT"]
    assert consult and any(e.type == "ASSAULT" for e in entries)
    page.select_option("#f-type", "CONSULT")
    wait_shown(page, lambda n: n == len(consult))
    shown = page.locator(".vis-item .item b").all_inner_texts()
    assert shown and set(shown) == {"CONSULT"}
    markers = page.evaluate("[...window.dateline.markers.keys()]")
    assert markers and set(markers) <= {e.id for e in consult}
    assert page.locator("#map path.t-ASSAULT").count() == 0
    assert page.locator("#map path.marker").count() == len(markers)
    # Words narrow further; clearing the form brings every event back.
    page.fill("#f-text", "Witkoff")
    wait_shown(page, lambda n: n < len(consult))
    page.click("#f-reset")
    wait_shown(page, lambda n: n == len(entries))
    assert page.problems == []


def hostile_event(db: Path) -> str:
    conn = connect(db, create=False)
    row = conn.execute("SELECT event_id FROM mentions WHERE article_id = 'hostile-page'"
                       " AND type = 'ASSAULT'").fetchone()
    conn.close()
    assert row is not None, "the hostile article should give an ASSAULT event"
    return str(row[0])


@pytest.mark.parametrize("mode", ["served", "file"])
def test_script_in_article_text_runs_nothing(page: Any, hostile_db: Path, mode: str,
                                             tmp_path: Path) -> None:
    if mode == "file":
        out = tmp_path / "hostile.html"
        conn = connect(hostile_db, create=False)
        out.write_text(export_html(conn), encoding="utf-8")
        conn.close()
        run_page(page, out.as_uri(), hostile_db, mode)
        return
    import uvicorn

    config = ServeConfig(settings=replace(Settings(), db_path=hostile_db))
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(config), host="127.0.0.1", port=port,
                                           log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        while not server.started:
            assert thread.is_alive()
            time.sleep(0.05)
        run_page(page, f"http://127.0.0.1:{port}/", hostile_db, mode)
    finally:
        server.should_exit = True
        thread.join(10)


def run_page(page: Any, url: str, db: Path, mode: str) -> None:
    event = hostile_event(db)
    open_page(page, url)
    title = page.title()
    page.fill("#f-text", "Velmora")
    item = f".vis-item:has([data-event='{event}'])"
    page.wait_for_selector(item, timeout=WAIT_MS)
    page.click(item)
    page.wait_for_selector("#panel .source mark", timeout=WAIT_MS)
    page.wait_for_timeout(300)  # time for an onerror to fire, had an <img> been made
    panel = page.inner_text("#panel")
    assert "<script>document.title = 'pwned'; window.__pwned = 1</script>" in panel
    assert "<img src=x onerror=" in panel and "<script>window.__pwned = 4</script>" in panel
    assert page.evaluate("window.__pwned") is None and page.title() == title != "pwned"
    assert page.locator("#panel script, #panel img, #panel b").count() == 0
    assert page.locator("#panel a[href^='javascript']").count() == 0
    assert "Velmora" in page.inner_text("#panel mark")
    assert page.inner_text("#status").startswith(f"1 of {len(_entries(db))} events")
    shoot(page, f"hostile-{mode}")
    assert page.problems == []
