"""The web page: its HTML shell and assets (built from ``web/`` by ``make web``), the data
it shows first (``/api/page``), and the same page as one file with data and assets inlined.

The page never parses store text as HTML (it builds DOM nodes with textContent), and its
Content-Security-Policy allows only its own script: ``'self'`` when served, the SHA-256 of
the inlined script in the exported file.
"""

from __future__ import annotations

import base64
import hashlib
import json
import sqlite3
from functools import cache
from importlib import resources
from typing import Any

from dateline.errors import DatelineError
from dateline.present.export import event_geo
from dateline.present.listing import list_stories
from dateline.present.timeline import timeline
from dateline.serve import queries
from dateline.store import repo

# The asset files the shell links to, as ``make web`` writes them into the package.
ASSETS = {"app.js": "text/javascript; charset=utf-8", "app.css": "text/css; charset=utf-8"}
CSS_LINK = '<link rel="stylesheet" href="/static/app.css">'
JS_TAG = '<script src="/static/app.js" defer></script>'
TITLE = "Dateline"
# What the exported file keeps of each article: enough to show the marked sentence.
ARTICLE_KEYS = ("id", "title", "url", "outlet", "published", "published_source", "text")

E080_STALE_SHELL = (
    "[E080] the page's index.html lacks {what}; rebuild the web assets with 'make web'"
)

SERVED_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)


@cache
def asset(name: str) -> str:
    """A file of the built page (index.html, app.js, app.css), read once."""
    return resources.files("dateline.serve").joinpath("static", name).read_text("utf-8")


def page_events(conn: sqlite3.Connection, story: str | None = None) -> list[dict[str, Any]]:
    """The timeline's events (dated, not hypothetical), each with its story and map place."""
    story_of = {r[0]: r[1] for r in conn.execute("SELECT id, story_id FROM events")}
    events = []
    for found in timeline(conn, story=story):
        geo = event_geo(repo.event_mentions(conn, found.id))
        events.append({**found.to_json(), "story_id": story_of.get(found.id),
                       "geo": geo.as_dict() if geo else None})
    return events


def page_data(conn: sqlite3.Connection, story: str | None = None,
              title: str = TITLE) -> dict[str, object]:
    """What the page shows first: the events and the stories to filter them by."""
    return {"title": title, "events": page_events(conn, story), "stories": list_stories(conn)}


def standalone_data(conn: sqlite3.Connection, story: str | None = None,
                    title: str = TITLE) -> dict[str, object]:
    """Everything the page can ask for: its first data, each event's detail and the
    articles behind them (text included, for the marked sentences)."""
    shown = page_events(conn, story)
    events: dict[str, object] = {}
    articles: dict[str, object] = {}
    columns = ", ".join(ARTICLE_KEYS)
    for event in shown:
        detail = queries.event_detail(conn, event["id"])
        events[event["id"]] = detail
        for source in event["sources"]:  # the detail's sources, copies included
            if source["article"] not in articles:
                row = conn.execute(f"SELECT {columns} FROM articles WHERE id = ?",
                                   (source["article"],)).fetchone()
                articles[source["article"]] = dict(row) if row is not None else None
    page = {"title": title, "events": shown, "stories": list_stories(conn)}
    return {"page": page, "events": events, "articles": articles}


def script_json(data: object) -> str:
    """JSON that cannot end or open a tag inside a <script> block: <, > and & escaped
    (JSON.parse reads the escapes back), and the line separators JavaScript once broke on."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for char, escape in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                         ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escape)
    return text


def _sha256(text: str) -> str:
    return base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode()


def standalone_html(data: dict[str, object]) -> str:
    """The page as one file: data in a JSON block (never run), the script and style inline
    and allowed by their hashes alone, so the file opens from disk with no server."""
    shell, css, js = asset("index.html"), asset("app.css"), asset("app.js")
    for what in (CSS_LINK, JS_TAG):
        if what not in shell:
            raise DatelineError(E080_STALE_SHELL.format(what=what))
    policy = (f"default-src 'none'; script-src 'sha256-{_sha256(js)}'; "
              f"style-src 'sha256-{_sha256(css)}'; img-src data:; base-uri 'none'; "
              "form-action 'none'")
    head = (f'<meta http-equiv="Content-Security-Policy" content="{policy}">\n'
            f"<style>{css}</style>")
    body = (f'<script type="application/json" id="dateline-data">{script_json(data)}</script>\n'
            f"<script>{js}</script>")
    return shell.replace(CSS_LINK, head).replace(JS_TAG, body)


def export_html(conn: sqlite3.Connection, story: str | None = None, title: str = TITLE) -> str:
    """``dateline export --format html``: the page over the store (or one story)."""
    return standalone_html(standalone_data(conn, story, title))
