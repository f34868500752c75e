"""Timeline renderings: the JSON contract, escaping in HTML, and the CLI formats."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from dateline.cli import main
from dateline.present import render
from dateline.present.timeline import Entry, Source

from .conftest import ARTICLE


def entry(sentence: str = "A drone hit the port.", url: str | None = "https://x.test/a") -> Entry:
    return Entry(
        id="e1", date="2026-03-03", end_date=None, type="ASSAULT", mode="drone",
        summary=sentence, place="Portavel", actors=["Ruritania"], recipients=[],
        modality="happened", killed=None, injured=3, confidence=0.8,
        sources=[Source("a1", url, "Wire", "2026-03-05", sentence, 10, 10 + len(sentence))],
    )


def test_html_escapes_article_text_and_refuses_script_urls() -> None:
    evil = 'Boom <script>alert(1)</script><img src=x onerror="alert(2)">'
    page = render.to_html([entry(evil, url="javascript:alert(3)")])
    assert "<script>" not in page and "<img" not in page and "javascript:" not in page
    assert "&lt;script&gt;" in page


def test_markdown_groups_by_date() -> None:
    text = render.to_markdown([entry(), entry("Second.")])
    assert text.count("## 2026-03-03") == 1 and "ASSAULT/drone" in text


def test_cli_timeline_json_has_the_promised_fields(tmp_path: Path) -> None:
    src = tmp_path / "a.txt"
    src.write_text(ARTICLE, encoding="utf-8")
    db = str(tmp_path / "s.db")
    runner = CliRunner()
    assert runner.invoke(main, ["ingest", str(src), "--db", db, "--published", "2026-03-05",
                                "--quiet"]).exit_code == 0
    result = runner.invoke(main, ["timeline", "--db", db, "--format", "json"])
    data = json.loads(result.output)
    assert data and {"date", "type", "summary", "place", "actors", "modality",
                     "sources"} <= set(data[0])
    source = data[0]["sources"][0]
    assert {"article", "url", "sentence", "start", "end"} <= set(source)
    later = runner.invoke(main, ["timeline", "--db", db, "--format", "json", "--from",
                                 "2026-03-04"])
    assert json.loads(later.output) == []
    shown = runner.invoke(main, ["show", data[0]["id"], "--db", db])
    assert json.loads(shown.output)["kind"] == "event"
    missing = runner.invoke(main, ["show", "nope", "--db", db])
    assert missing.exit_code != 0


def test_commands_on_a_missing_store_fail_clearly(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["events", "--db", str(tmp_path / "none.db")])
    assert result.exit_code != 0 and "E012" in str(result.exception)
