"""The ingest command on bad input, and all-or-nothing writes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from dateline.cli import EXIT_SKIPPED, main
from dateline.pipeline import Ingestor
from dateline.settings import Settings
from dateline.store.db import connect

from .conftest import ARTICLE


def bad_batch(folder: Path) -> None:
    folder.mkdir()
    (folder / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "binary.txt").write_bytes(b"\x7fELF\x00\x01\x02" * 10)
    (folder / "empty.txt").write_text("")
    (folder / "latin1.txt").write_bytes("Caf\xe9 in Kyiv".encode("latin-1"))
    with (folder / "huge.txt").open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    (folder / "broken.html").write_text("<html><body><div><p></div></span>", encoding="utf-8")
    lines = ["{oops", json.dumps({"id": "no-text", "title": "x"}),
             json.dumps({"id": "ok", "text": ARTICLE.replace("Portavel", "Lindmark"),
                         "published": "2026-03-03", "outlet": "Test Wire"})]
    (folder / "batch.jsonl").write_text("\n".join(lines), encoding="utf-8")


def test_bad_inputs_are_named_and_the_batch_goes_on(tmp_path: Path) -> None:
    bad_batch(tmp_path / "in")
    db = tmp_path / "s.db"
    result = CliRunner().invoke(main, ["ingest", str(tmp_path / "in"), "--db", str(db),
                                       "--published", "2026-03-04", "--quiet"])
    assert result.exit_code == EXIT_SKIPPED, result.output
    lines = [line for line in result.output.splitlines() if line.startswith("skipped ")]
    expected = {"binary.txt": "E002", "empty.txt": "E003", "latin1.txt": "E005",
                "huge.txt": "E004", "broken.html": "E008", "batch.jsonl:1": "E006",
                "batch.jsonl:2": "E007"}
    assert len(lines) == len(expected)
    for name, code in expected.items():
        assert any(f"{name}:" in line and code in line for line in lines), name
    conn = connect(db, create=False)
    ids = {r[0] for r in conn.execute("SELECT id FROM articles")}
    assert "ok" in ids and len(ids) == 2
    assert "new 2" in result.output and "skipped 7" in result.output


def test_an_interrupted_article_leaves_nothing(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    conn = connect(tmp_path / "s.db")

    def crash(*_args: object) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr("dateline.pipeline.link_mentions", crash)
    with pytest.raises(KeyboardInterrupt):
        Ingestor(conn, Settings(default_published="2026-03-04")).ingest_paths([path])
    for table in ("articles", "entities", "times", "mentions", "events"):
        assert conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0] == 0
    monkeypatch.undo()
    again = Ingestor(conn, Settings(default_published="2026-03-04"))
    again.ingest_paths([path])
    assert again.report.new == 1


def test_published_fills_only_missing_dates(tmp_path: Path) -> None:
    page = tmp_path / "p.html"
    page.write_text(
        "<html><head><title>Port fire</title><meta property=\"article:published_time\" "
        "content=\"2026-03-02T08:00:00Z\"></head><body><article><h1>Port fire</h1><p>"
        + ARTICLE.split("\n\n", 1)[1].replace("\n\n", "</p><p>")
        + "</p></article></body></html>", encoding="utf-8")
    text = tmp_path / "t.txt"
    text.write_text(ARTICLE.replace("Portavel", "Ostrin"), encoding="utf-8")
    conn = connect(tmp_path / "s.db")
    Ingestor(conn, Settings(default_published="2026-03-05")).ingest_paths([page, text])
    rows = {Path(r[0]).name: (r[1], r[2]) for r in conn.execute(
        "SELECT origin, published, published_source FROM articles")}
    assert rows["p.html"] == ("2026-03-02", "metadata")
    assert rows["t.txt"] == ("2026-03-05", "user")


def test_the_tuesday_strike_is_dated_from_the_publication_day(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    conn = connect(tmp_path / "s.db")
    Ingestor(conn, Settings(default_published="2026-03-05")).ingest_paths([path])  # a Thursday
    row = conn.execute("SELECT date, type, injured FROM events WHERE type = 'ASSAULT'").fetchone()
    assert tuple(row) == ("2026-03-03", "ASSAULT", 3)


def test_an_enormous_page_is_cut_with_a_warning(tmp_path: Path) -> None:
    import time

    page = tmp_path / "dump.txt"
    filler = "Officials said the harbour stayed calm and shipping went on as usual.\n"
    page.write_text(ARTICLE + "\n\n" + filler * 6000, encoding="utf-8")  # ~420,000 chars
    start = time.perf_counter()
    result = CliRunner().invoke(main, ["ingest", str(page), "--db", str(tmp_path / "s.db"),
                                       "--published", "2026-03-03", "--quiet"])
    assert result.exit_code == 0
    assert "warning" in result.output and "only the first" in result.output
    assert time.perf_counter() - start < 120  # bounded, not a stall


def test_an_article_whose_analysis_fails_is_kept_with_a_note(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from dateline.analyze import article as stage

    real = stage.analyze_chunks

    def flaky(article, *args, **kwargs):  # type: ignore[no-untyped-def]
        if article.id == "bad":
            raise IndexError("an odd page")
        return real(article, *args, **kwargs)

    monkeypatch.setattr(stage, "analyze_chunks", flaky)
    lines = [json.dumps({"id": "bad", "text": ARTICLE, "published": "2026-03-03"}),
             json.dumps({"id": "good", "text": ARTICLE.replace("Portavel", "Lindmark"),
                         "published": "2026-03-03"})]
    (tmp_path / "b.jsonl").write_text("\n".join(lines), encoding="utf-8")
    conn = connect(tmp_path / "s.db")
    ingestor = Ingestor(conn, Settings())
    ingestor.ingest_paths([tmp_path / "b.jsonl"])
    assert ingestor.report.new == 2
    assert any("E021" in note and "IndexError" in note for note in ingestor.report.notes)
    by_article = dict(conn.execute(
        "SELECT article_id, COUNT(*) FROM mentions GROUP BY article_id").fetchall())
    assert "bad" not in by_article and by_article.get("good", 0) > 0
