"""Where an event's sources disagree: every value kept, one shown by a documented rule."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from click.testing import CliRunner

from dateline.cli import main
from dateline.link.disputes import disputes
from dateline.link.merge import canonical_fields
from dateline.model import Mention, Quantities

from .test_merge import day, mention

PUBLISHED = {"a1": "2026-03-10", "a2": "2026-03-11", "a3": "2026-03-12"}


def toll(article: str, killed: int, qualifier: str = "") -> Mention:
    return replace(mention(article=article),
                   quantities=Quantities(killed=killed, killed_qualifier=qualifier))


def test_different_tolls_are_a_dispute_and_the_latest_report_is_shown() -> None:
    found = disputes([toll("a1", 12), toll("a2", 15)], PUBLISHED)
    assert [d["field"] for d in found] == ["killed"]
    assert found[0]["shown"] == "15"
    assert {v["value"] for v in found[0]["values"]} == {"12", "15"}
    fields = canonical_fields([toll("a1", 12), toll("a2", 15)], PUBLISHED)
    assert fields["killed"] == 15


def test_a_lower_bound_agrees_with_a_larger_count() -> None:
    told = [toll("a1", 12, "at least"), toll("a2", 15)]
    assert disputes(told, PUBLISHED) == []
    assert canonical_fields(told)["killed"] == 15


def test_agreement_of_sources_beats_a_lone_date() -> None:
    told = [mention(article="a1"), mention(article="a2"),
            mention(article="a3", date="2026-03-09")]
    found = disputes(told, PUBLISHED)
    assert [d["field"] for d in found] == ["date"]
    assert found[0]["shown"] == "2026-03-10"
    assert canonical_fields(told, PUBLISHED)["date"] == "2026-03-10"
    assert day("2026-03-09").iso() in {v["value"] for v in found[0]["values"]}


def test_conflicts_command_lists_events_whose_sources_disagree(tmp_path: Path) -> None:
    first = ("A drone strike hit a fuel depot in Portavel on Tuesday, killing 12 people, "
             "the regional governor said.")
    second = ("Officials said a drone strike on a fuel depot in Portavel on Tuesday "
              "killed 15 people.")
    (tmp_path / "a.txt").write_text(first, encoding="utf-8")
    (tmp_path / "b.txt").write_text(second, encoding="utf-8")
    db = str(tmp_path / "s.db")
    runner = CliRunner()
    for name in ("a.txt", "b.txt"):
        result = runner.invoke(main, ["ingest", str(tmp_path / name), "--db", db,
                                      "--published", "2026-03-12", "--quiet"])
        assert result.exit_code == 0, result.output
    rows = json.loads(runner.invoke(main, ["conflicts", "--db", db, "--json"]).output)
    killed = [r for r in rows if r["kind"] == "sources disagree" and r["field"] == "killed"]
    assert len(killed) == 1
    assert {v["value"] for v in killed[0]["values"]} == {"12", "15"}
    assert killed[0]["shown"] in ("12", "15") and "rule" in killed[0]
