"""The web page's Python side without a browser: the JSON block that no text can close,
the exported file's policy that allows exactly its inline script and style, and the
page's data. tests/test_browser.py runs the page itself in Chromium."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from pathlib import Path

import pytest

from dateline.errors import DatelineError
from dateline.pipeline import Ingestor
from dateline.serve import page
from dateline.settings import Settings
from dateline.store.db import connect

from .test_story_store import FLOOD_1, write_batch

NASTY = "a</script><script>alert(1)</script> & <!-- \u2028 \u2029 <img src=x onerror=alert(2)>"


def test_script_json_cannot_end_its_block_and_reads_back() -> None:
    data = {"text": NASTY, "list": ["</SCRIPT>", "<!--"]}
    text = page.script_json(data)
    assert "<" not in text and ">" not in text and "&" not in text
    assert "\u2028" not in text and "\u2029" not in text
    assert json.loads(text) == data


def sha256(text: str) -> str:
    return base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode()


def test_exported_page_allows_only_its_own_script_and_style() -> None:
    html = page.standalone_html({"page": {"events": [], "stories": [], "title": NASTY},
                                 "events": {}, "articles": {}})
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html)
    assert policy is not None
    scripts = re.findall(r"<script>(.*?)</script>", html, flags=re.S)
    styles = re.findall(r"<style>(.*?)</style>", html, flags=re.S)
    assert len(scripts) == 1 and len(styles) == 1
    assert f"script-src 'sha256-{sha256(scripts[0])}';" in policy.group(1)
    assert f"style-src 'sha256-{sha256(styles[0])}';" in policy.group(1)
    assert "unsafe" not in policy.group(1) and "default-src 'none'" in policy.group(1)
    block = re.search(r'<script type="application/json" id="dateline-data">(.*?)</script>',
                      html, flags=re.S)
    assert block is not None and json.loads(block.group(1))["page"]["title"] == NASTY
    assert "/static/" not in html  # nothing left to fetch


def test_a_stale_shell_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(page, "asset", lambda name: "<html></html>" if name == "index.html"
                        else "x")
    with pytest.raises(DatelineError, match=r"E080.*make web"):
        page.standalone_html({})


def test_exported_data_holds_each_event_and_its_articles(tmp_path: Path) -> None:
    conn = connect(tmp_path / "s.db")
    Ingestor(conn, Settings()).ingest_paths([write_batch(tmp_path / "a.jsonl", [
        ("flood-1", FLOOD_1, "2026-04-06")])])
    data = page.standalone_data(conn)
    events = data["page"]["events"]
    assert events and set(data["events"]) == {e["id"] for e in events}
    for event in events:
        detail = data["events"][event["id"]]
        assert detail["conflicts"] == [] and detail["sources"] == event["sources"]
        for source in event["sources"]:
            article = data["articles"][source["article"]]
            assert article["text"][source["start"]:source["end"]] == source["sentence"]
    conn.close()
