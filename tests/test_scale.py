"""The Dask path builds the store the single-process path builds (issue 7, scale out)."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from dateline import pipeline
from dateline.errors import DatelineError
from dateline.ingest.dedup import NearDuplicateIndex
from dateline.model import Article, DateSource, PubDate
from dateline.pipeline import IngestReport
from dateline.present.progress import PUBLISHED_FILE, _published_dates
from dateline.scale.canonical import canonical
from dateline.scale.dask_run import DaskIngestor, DaskSpec, ingestor_for, spec_of
from dateline.settings import Settings
from dateline.store.db import connect

from .conftest import ARTICLE, ROOT, benchmark

CORPUS = ROOT / "examples" / "corpus"


def _build(db: Path, spec: DaskSpec | None) -> tuple[sqlite3.Connection, IngestReport]:
    """The example corpus, each plain-text file with its date from published.json."""
    conn = connect(db)
    dates = _published_dates(CORPUS)
    with ingestor_for(conn, replace(Settings(), db_path=db), spec) as ingestor:
        for path in sorted(p for p in CORPUS.iterdir() if p.name != PUBLISHED_FILE):
            ingestor.ingest_file(path, replace(ingestor.settings,
                                               default_published=dates.get(path.name)))
        ingestor.finish()
    return conn, ingestor.report


def test_local_cluster_builds_the_same_store(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    # Batches of three: five batches over two workers, so results can come back out of
    # order and the wire copy's write has to wait behind its original's batch.
    monkeypatch.setattr(pipeline, "FLUSH_EVERY", 3)
    single, single_report = _build(tmp_path / "single.db", None)
    dask, dask_report = _build(tmp_path / "dask.db", DaskSpec(workers=2))
    assert single_report.new == dask_report.new == 13
    assert dask_report.duplicates == single_report.duplicates == 1
    assert dask_report.events == single_report.events > 0
    expected, found = canonical(single), canonical(dask)
    assert expected["stories"] and expected["conflicts"] and expected["event_sources"]
    for table, rows in expected.items():
        assert found[table] == rows, table


class _LateFuture:
    """A finished result that claims to be running for its first ``late`` looks."""

    def __init__(self, value: object, late: int) -> None:
        self.value, self.late = value, late

    def done(self) -> bool:
        self.late -= 1
        return self.late < 0

    def result(self) -> object:
        return self.value

    def cancel(self) -> None:
        pass


class _FakeClient:
    """Runs each batch at once; later batches report done first, as on a busy cluster."""

    def __init__(self) -> None:
        self.submitted = 0

    def nthreads(self) -> dict[str, int]:
        return {"worker": 1}

    def submit(self, func: Any, *args: Any, pure: bool = True) -> _LateFuture:
        self.submitted += 1
        return _LateFuture(func(*args), late=10 - self.submitted)


def test_results_done_out_of_order_are_written_in_order(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pipeline, "FLUSH_EVERY", 1)
    names = ["northwire-taman-port-fire.txt", "baltic-standard-taman-port-fire.txt",
             "northwire-abu-dhabi-second-round.txt"]
    dates = _published_dates(CORPUS)
    stores = []
    for name, make in (("single", pipeline.Ingestor), ("fake", None)):
        conn = connect(tmp_path / f"{name}.db")
        settings = Settings(db_path=tmp_path / f"{name}.db")
        ingestor = make(conn, settings) if make else DaskIngestor(conn, settings, _FakeClient())
        for file in names:
            ingestor.ingest_file(CORPUS / file, replace(settings,
                                                        default_published=dates[file]))
        ingestor.finish()
        assert (ingestor.report.new, ingestor.report.duplicates) == (2, 1)
        stores.append(canonical(conn))
    assert stores[0] == stores[1]


def test_canonical_dump_sees_a_different_store(tmp_path: Path) -> None:
    conn = connect(tmp_path / "one.db")
    before = canonical(conn)
    conn.execute("INSERT INTO stories (id, title, size) VALUES ('s1', 'A story', 1)")
    assert canonical(conn)["stories"] != before["stories"]


def test_options_choose_the_path() -> None:
    assert spec_of(None, None) is None
    assert spec_of(2, None) == DaskSpec(workers=2)
    assert spec_of(None, "tcp://10.0.0.5:8786") == DaskSpec(scheduler="tcp://10.0.0.5:8786")
    with pytest.raises(DatelineError, match="E104"):
        spec_of(2, "tcp://10.0.0.5:8786")
    with pytest.raises(DatelineError, match="E102"):
        spec_of(None, "10.0.0.5")


def test_unreachable_scheduler_is_a_clear_error(tmp_path: Path) -> None:
    conn = connect(tmp_path / "x.db")
    with pytest.raises(DatelineError, match="E101"), ingestor_for(
            conn, Settings(db_path=tmp_path / "x.db"), DaskSpec(scheduler="tcp://127.0.0.1:9")):
        pass


def test_padding_copies_keep_offsets_and_escape_deduplication() -> None:
    scale = benchmark("scale")
    article = Article(id="a1", origin="x", text=ARTICLE, title="", url=None,
                               outlet=None, published=PubDate(None, DateSource.UNKNOWN),
                               content_hash="h")
    index = NearDuplicateIndex(Settings())
    index.add("a1", index.signature(ARTICLE))
    for copy in (1, 2, 26, 51):
        twin = scale.altered(article, copy)
        assert len(twin.text) == len(ARTICLE) and twin.text != ARTICLE
        assert [i for i, c in enumerate(twin.text) if not c.isalpha()] == [
            i for i, c in enumerate(ARTICLE) if not c.isalpha()]
        assert index.find(index.signature(twin.text)) is None
        index.add(twin.id, index.signature(twin.text))


def test_the_single_process_path_computes_on_one_torch_thread() -> None:
    """Two torch threads spin-wait against each other and any other job on 2 cores."""
    import torch

    before = torch.get_num_threads()
    torch.set_num_threads(2)
    pipeline._compute_threads.cache_clear()
    try:
        assert pipeline.analyze_batch([], Settings()) == []
        assert torch.get_num_threads() == pipeline.TORCH_THREADS == 1
    finally:  # as before, and the next batch sets it again
        torch.set_num_threads(before)
        pipeline._compute_threads.cache_clear()
