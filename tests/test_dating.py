"""Publication dates inferred from the text, and printed years checked against it."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from dateline.analyze.anchors import BUILTIN, load_anchors
from dateline.analyze.dating import gather, infer, wrong_year
from dateline.analyze.temporal import Tense
from dateline.errors import DatelineError
from dateline.model import Precision
from dateline.pipeline import Ingestor
from dateline.present.timeline import timeline
from dateline.settings import Settings
from dateline.store.db import connect

from .conftest import SEEDS


def past(_char: int) -> Tense:
    return Tense.PAST


def evidence_of(*sentences: str) -> list:  # type: ignore[type-arg]
    pairs, at = [], 0
    for sentence in sentences:
        pairs.append((sentence, at))
        at += len(sentence) + 1
    return gather(pairs, past, BUILTIN)


def test_a_dated_report_and_a_weekday_give_a_day() -> None:
    found = infer(evidence_of("The ceasefire was signed on March 3, 2025.",
                              "Fighting resumed on Thursday."))
    assert found is not None and found.date.precision is Precision.DAY
    assert dt.date(2025, 3, 3) <= found.date.value <= dt.date(2025, 3, 8)
    assert found.date.value.weekday() == 3  # the Thursday right after


def test_a_duration_from_an_anchor_gives_only_a_year() -> None:
    found = infer(evidence_of("The war in Ukraine has dragged on for two and a half years."))
    assert found is not None and found.date.precision is Precision.YEAR
    assert found.date.value.year == 2024
    vague = infer(evidence_of("Kyiv said the war in Ukraine, now three years old, goes on."))
    assert vague is None  # three years +- months straddles New Year: no year is claimed


def test_no_year_clue_means_no_date() -> None:
    assert infer(evidence_of("The mayor spoke on Monday about the budget for March.")) is None


def test_a_year_against_the_rest_is_wrong_but_history_is_not() -> None:
    clues = evidence_of("The war in Ukraine, nearly four years old, shows no sign of ending.",
                        "Envoys met on January 10, 2024, in a quiet hotel.")
    anchor = dt.date(2026, 1, 12)
    assert wrong_year(dt.date(2024, 1, 10), "January 10, 2024", anchor, lambda: clues,
                      BUILTIN) == dt.date(2026, 1, 10)
    assert wrong_year(dt.date(2022, 2, 24), "February 24, 2022", anchor, lambda: clues,
                      BUILTIN) is None
    alone = evidence_of("Envoys met on January 10, 2025, in a quiet hotel.")
    assert wrong_year(dt.date(2025, 1, 10), "January 10, 2025", anchor, lambda: alone,
                      BUILTIN) is None


def test_user_anchors_extend_the_table(tmp_path: Path) -> None:
    path = tmp_path / "anchors.json"
    path.write_text('[{"name": "Dam collapse", "date": "2019-05-01", "topic": "dam", '
                    '"cue": "collapse"}]', encoding="utf-8")
    anchors = load_anchors(path)
    assert len(anchors) == len(BUILTIN) + 1
    path.write_text("{}", encoding="utf-8")
    with pytest.raises(DatelineError, match="E017"):
        load_anchors(path)


@pytest.fixture(scope="module")
def undated(tmp_path_factory: pytest.TempPathFactory) -> Iterator[sqlite3.Connection]:
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is absent")
    conn = connect(tmp_path_factory.mktemp("undated") / "s.db")
    Ingestor(conn, Settings()).ingest_paths([SEEDS])
    yield conn
    conn.close()


@pytest.mark.parametrize(("prefix", "real"), [("000_", "2026-02-15"), ("001_", "2026-02-01"),
                                              ("002_", "2026-02-04"), ("003_", "2024-08-17")])
def test_seed_publication_dates_are_inferred(undated: sqlite3.Connection, prefix: str,
                                             real: str) -> None:
    row = next(r for r in undated.execute(
        "SELECT origin, published, published_precision, published_source,"
        " published_evidence, published_confidence FROM articles")
        if Path(r["origin"]).name.startswith(prefix))
    assert row["published_source"] == "inferred" and row["published_evidence"]
    day = dt.date.fromisoformat(real)
    if row["published_precision"] == "day":
        assert abs((dt.date.fromisoformat(row["published"]) - day).days) <= 3
    else:  # an honest coarser date must contain the real one
        assert real.startswith(row["published"])
    assert 0.0 < row["published_confidence"] < 1.0


def test_wrong_years_are_flagged_and_corrected(undated: sqlite3.Connection) -> None:
    conflicts = {r["printed"]: r for r in undated.execute("SELECT * FROM conflicts")}
    assert conflicts["2024-02-20"]["corrected"] == "2026-02-20"  # Geneva, seed 000
    assert conflicts["2024-01-31"]["corrected"] == "2026-01-31"  # Florida, seed 001
    assert "four years" in conflicts["2024-01-31"]["evidence"]
    entries = timeline(undated)
    geneva = [e for e in entries if e.type == "CONSULT" and e.date == "2026-02-20"]
    assert geneva and geneva[0].modality == "planned"
    florida = [e for e in entries if any("January 31, 2024" in s.sentence for s in e.sources)]
    assert florida and all(e.date.startswith("2026") for e in florida)
    assert not [e for e in entries if e.date.startswith(("2024-01", "2024-02"))]
