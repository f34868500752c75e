"""`dateline export --format timelinejs` loaded into TimelineJS itself, in the headless
Chromium of the browser tests: the npm package @knight-lab/timelinejs, pinned in
web/package.json and read from web/node_modules (`npm ci --prefix web`; .ci/run does it).

The page is answered by Playwright from TimelineJS's dist folder under an origin that does
not exist, so nothing comes from a CDN and every other request is caught. Without the
package these tests fail, they do not skip. Screenshots go to out/test-artifacts/.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from dateline.cli import main
from dateline.present import export
from dateline.present.render import headline
from dateline.present.timeline import Entry, timeline
from dateline.store.db import connect

from .conftest import ROOT
from .test_browser import WAIT_MS, hostile_event, shoot, taman_strike
from .test_export import hostile_records

PACKAGE = "@knight-lab/timelinejs"
INSTALLED = ROOT / "web" / "node_modules" / PACKAGE
ORIGIN = "http://timelinejs.test/"  # never resolved: the route below answers it from dist/
PAGE = """<!doctype html>
<html><head><meta charset="utf-8"><title>TimelineJS</title>
<link rel="stylesheet" href="css/timeline.css"></head>
<body><div id="timeline-embed" style="width: 1300px; height: 750px"></div>
<script id="timeline-script-tag" src="js/timeline.js"></script></body></html>"""
# TimelineJS's own embed call. Its default font is a style sheet that loads Google's fonts,
# which this page must not reach: no font option keeps TimelineJS's built-in sans-serif.
LOAD = """([text, wait]) => new Promise(done => {
    const timeline = new TL.Timeline('timeline-embed', JSON.parse(text), {font: null});
    window.tl = timeline;
    const report = loaded => {
        const message = document.querySelector('#timeline-embed .tl-message');
        done({loaded, errors: timeline.config ? timeline.config.messages.errors : null,
              warnings: timeline.config ? timeline.config.messages.warnings : null,
              message: message && message.textContent});
    };
    timeline.on('loaded', () => report(true));
    setTimeout(() => report(false), wait);
})"""
# The exported HTML parsed by the browser in an inert <template> (nothing in it runs),
# against what TimelineJS put in the slide.
SLIDE = """([id, exported]) => {
    const slide = document.getElementById(id);
    const parsed = document.createElement('template');
    parsed.innerHTML = exported;
    const content = slide.querySelector('.tl-text-content');
    const texts = selector => [...content.querySelectorAll(selector)].map(e => e.textContent);
    return {headline: slide.querySelector('.tl-headline').textContent,
            date: slide.querySelector('.tl-headline-date').textContent,
            html: content.innerHTML, expected: parsed.innerHTML,
            summary: texts(':scope > p'), items: texts('li'), quotes: texts('li q'),
            links: [...content.querySelectorAll('a')].map(a => a.getAttribute('href'))};
}"""


@pytest.fixture(scope="module")
def dist() -> Path:
    """TimelineJS's dist folder at the version web/package.json pins."""
    pinned = json.loads((ROOT / "web" / "package.json").read_text(encoding="utf-8"))
    wanted = pinned["devDependencies"][PACKAGE]
    manifest = INSTALLED / "package.json"
    if not manifest.is_file():
        pytest.fail(f"{INSTALLED} is missing: run `npm ci --prefix web` (.ci/run does)")
    found = json.loads(manifest.read_text(encoding="utf-8"))["version"]
    if found != wanted:
        pytest.fail(f"{PACKAGE} {found} is installed but web/package.json pins {wanted}:"
                    " run `npm ci --prefix web`")
    return INSTALLED / "dist"


@pytest.fixture
def outside(page: Any, dist: Path) -> Iterator[list[str]]:
    """Answers the page's requests from dist/; lists (and refuses) any other request."""
    root = dist.resolve()
    asked: list[str] = []

    def answer(route: Any) -> None:
        url = route.request.url
        if url == ORIGIN + "index.html":
            route.fulfill(body=PAGE, content_type="text/html")
            return
        if url.startswith(ORIGIN):
            target = (root / url[len(ORIGIN):].split("?")[0].split("#")[0]).resolve()
            if target.is_relative_to(root) and target.is_file():
                route.fulfill(path=str(target))
                return
        asked.append(url)
        route.abort()

    page.route("**/*", answer)
    yield asked


def load(page: Any, exported: str) -> dict[str, Any]:
    """Opens the page and gives TimelineJS our JSON; what it reports once loaded."""
    page.goto(ORIGIN + "index.html")
    state: dict[str, Any] = page.evaluate(LOAD, [exported, WAIT_MS])
    state["ids"] = page.evaluate(
        "[...document.querySelectorAll('#timeline-embed .tl-slide:not(.tl-slide-titleslide)')]"
        ".map(s => s.id)")
    state["titles"] = page.locator("#timeline-embed .tl-slide-titleslide").count()
    state["markers"] = page.locator("#timeline-embed .tl-timemarker").count()
    return state


def show(page: Any, slide: dict[str, Any]) -> dict[str, Any]:
    """Goes to one slide, as a reader clicking its marker would; what the slide shows."""
    ident = slide["unique_id"]
    page.evaluate("id => tl.goToId(id)", ident)
    page.wait_for_function("id => tl.current_id === id", arg=ident, timeout=WAIT_MS)
    page.wait_for_timeout(700)  # the slide's animation, for the screenshot
    shown: dict[str, Any] = page.evaluate(SLIDE, [ident, slide["text"]["text"]])
    return shown


def exported(db: Path, tmp_path: Path) -> str:
    """The file `dateline export --format timelinejs` writes."""
    out = tmp_path / "timeline.json"
    result = CliRunner().invoke(main, ["export", "--db", str(db), "--format", "timelinejs",
                                       "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out.read_text(encoding="utf-8")


def entry(db: Path, ident: str) -> Entry:
    conn = connect(db, create=False)
    try:
        return next(e for e in timeline(conn) if e.id == ident)
    finally:
        conn.close()


def assert_reads_as_the_store(shown: dict[str, Any], event: Entry) -> None:
    """The slide reads as the event's own text, character for character: its headline, its
    summary, and one item per source with the outlet and the sentence."""
    assert shown["headline"] == headline(event)
    assert shown["summary"] == [event.summary.strip()]
    assert shown["quotes"] == [s.sentence.strip() for s in event.sources]
    assert len(shown["items"]) == len(event.sources)
    for item, source in zip(shown["items"], event.sources, strict=True):
        assert item.startswith(f"{source.outlet or source.article} ({source.published}")


def shown_events(db: Path) -> list[str]:
    """Ids of the events a timeline shows: dated and not hypothetical, read from the store."""
    conn = connect(db, create=False)
    try:
        return [r[0] for r in conn.execute("SELECT id FROM events WHERE date IS NOT NULL"
                                           " AND modality != 'hypothetical'")]
    finally:
        conn.close()


def test_timelinejs_loads_the_demo_export_with_every_event(page: Any, outside: list[str],
                                                          demo_dir: Path,
                                                          tmp_path: Path) -> None:
    db = demo_dir / "demo.db"
    text = exported(db, tmp_path)
    doc = json.loads(text)
    events = shown_events(db)
    state = load(page, text)
    assert {k: state[k] for k in ("loaded", "errors", "warnings", "message")} == {
        "loaded": True, "errors": [], "warnings": [], "message": None}
    assert len(state["ids"]) == state["markers"] == len(events) > 30
    assert sorted(state["ids"]) == sorted(events) == sorted(e["unique_id"] for e in doc["events"])
    assert state["titles"] == 1 and "title" in doc
    # One slide in full: the Taman strike as the export wrote it and as the store holds it.
    strike = taman_strike(db)
    slide = next(e for e in doc["events"] if e["unique_id"] == strike.id)
    shown = show(page, slide)
    assert_reads_as_the_store(shown, strike)
    assert "Taman" in shown["headline"] and shown["date"] == "February 15, 2026"
    assert shown["html"] == shown["expected"]  # TimelineJS kept all the markup we wrote
    assert shown["links"] == [s.url for s in strike.sources if s.url]
    shoot(page, "timelinejs-taman")
    assert outside == [] and page.problems == []


@pytest.mark.parametrize("case", ["article", "records"])
def test_script_in_exported_text_runs_nothing_in_timelinejs(page: Any, outside: list[str],
                                                            case: str, tmp_path: Path,
                                                            request: pytest.FixtureRequest
                                                            ) -> None:
    if case == "article":  # the browser tests' hostile article, through the whole pipeline
        db = request.getfixturevalue("hostile_db")
        text, event = exported(db, tmp_path), entry(db, hostile_event(db))
        payload = "<img src=x onerror=\"window.__pwned = 5\">"  # its outlet
    else:  # test_export's records: markup, quotes and a javascript: link in every field
        records = hostile_records()
        text, event = str(export.render(records, "timelinejs")), records[0].entry
        payload = "<script>alert(1)</script>"
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    state = load(page, text)
    assert state["loaded"] and state["errors"] == [] and state["message"] is None
    title = page.title()
    shown = show(page, next(e for e in json.loads(text)["events"] if e["unique_id"] == event.id))
    page.wait_for_timeout(300)  # time for an onerror to fire, had an <img> been made
    # Shown as text, escaped by our export: TimelineJS's own sanitizer would have dropped
    # unescaped markup instead, so a missing escape shows here as missing text.
    assert_reads_as_the_store(shown, event)
    assert payload in "".join(shown["items"])
    assert page.evaluate("window.__pwned") is None and page.title() == title and dialogs == []
    made = "#timeline-embed :is(script, img, iframe, b, i, [onerror])"
    assert page.locator(made).count() == 0
    assert all(link.startswith("https://") for link in shown["links"])
    if case == "records":
        assert shown["links"] == ["https://example.org/x?a=1&b=\"2\""]
    shoot(page, f"timelinejs-hostile-{case}")
    assert outside == [] and page.problems == []
