"""Crash safety and readers during writes, with real ``dateline ingest`` subprocesses.

One ingest is killed with SIGKILL once it has stored some articles but not all; the same
ingest is run again to completion while CLI commands and the HTTP API read the store. The
store must then be consistent and hold exactly what a clean single run stores.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

import dateline
from dateline.cli import main
from dateline.pipeline import Ingestor
from dateline.serve.app import create_app
from dateline.serve.config import ServeConfig
from dateline.settings import Settings
from dateline.store.db import connect

from .survive_corpus import check_consistent, dump, write_corpus

ARTICLES = 40
STARTUP_S = 600  # a cold subprocess loads spaCy and two encoders; CI machines are shared


def _command(folder: Path, db: Path) -> list[str]:
    return [sys.executable, "-c", "from dateline.cli import run; run()", "ingest",
            str(folder), "--db", str(db), "--quiet"]


def _spawn(folder: Path, db: Path) -> subprocess.Popen[bytes]:
    env = dict(os.environ)
    src = str(Path(dateline.__file__).resolve().parents[1])  # this checkout's code
    env["PYTHONPATH"] = os.pathsep.join(p for p in (src, env.get("PYTHONPATH")) if p)
    return subprocess.Popen(_command(folder, db), env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)


def _stored(db: Path) -> int:
    """Articles committed so far, read the way any reader would; 0 before the store exists."""
    try:
        conn = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True, timeout=5)
        try:
            return int(conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.OperationalError as exc:
        if "no such table" in str(exc) or "unable to open" in str(exc):
            return 0
        raise


@dataclass
class Reads:
    """What the readers saw while the second ingest wrote."""

    done: int = 0
    errors: list[str] = field(default_factory=list)
    counts: list[int] = field(default_factory=list)  # articles seen by each API read


@dataclass
class Survived:
    clean: dict[str, list[str]]
    killed_at: int  # articles stored when the first run was killed
    partial_ok: bool
    resumed: dict[str, list[str]]
    reads: Reads
    db: Path


def _read_once(db: Path, client: TestClient, reads: Reads) -> None:
    runner = CliRunner()
    for args in (["events", "--json"], ["timeline", "--format", "json"], ["stories", "--json"]):
        result = runner.invoke(main, [*args, "--db", str(db)])
        if result.exit_code != 0:
            reads.errors.append(f"{args[0]}: {result.output[-300:]} {result.exception!r}")
        else:
            json.loads(result.stdout)
    for url in ("/api/events?limit=500", "/api/stories", "/api/timeline"):
        response = client.get(url)
        if response.status_code != 200:
            reads.errors.append(f"{url}: {response.status_code} {response.text[:300]}")
    articles = client.get("/api/articles?limit=1")
    if articles.status_code == 200:
        reads.counts.append(int(articles.json()["total"]))
    reads.done += 1


def _clean_run(corpus: Path, db: Path, failed: list[BaseException]) -> None:
    """What ``dateline ingest CORPUS --db DB`` does, in this process (its models are
    loaded once for the whole test session) and in a thread, while the subprocesses run."""
    try:
        conn = connect(db)
        Ingestor(conn, replace(Settings(), db_path=db)).ingest_paths([corpus])
        conn.close()
    except BaseException as exc:
        failed.append(exc)


@pytest.fixture(scope="module")
def survived(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Survived]:
    root = tmp_path_factory.mktemp("survive")
    corpus = write_corpus(root / "in", ARTICLES)
    clean, db = root / "clean.db", root / "s.db"
    first = _spawn(corpus, db)
    failed: list[BaseException] = []
    clean_run = threading.Thread(target=_clean_run, args=(corpus, clean, failed))
    clean_run.start()
    try:
        deadline = time.monotonic() + STARTUP_S
        while _stored(db) == 0 and first.poll() is None:
            assert time.monotonic() < deadline, "the ingest stored nothing in time"
            time.sleep(0.005)
        first.send_signal(signal.SIGKILL)
    finally:
        first.kill()
        _, err = first.communicate()
    assert first.returncode == -signal.SIGKILL, err.decode()[-2000:]
    partial = connect(db, create=False)
    try:
        check_consistent(partial)
        partial_ok = True
    finally:
        partial.close()
    killed_at = _stored(db)
    reads = Reads()
    second = _spawn(corpus, db)
    with TestClient(create_app(ServeConfig(settings=replace(Settings(), db_path=db)))) as client:
        while second.poll() is None:
            _read_once(db, client, reads)
        _read_once(db, client, reads)
    _, err = second.communicate()
    assert second.returncode == 0, err.decode()[-2000:]
    clean_run.join()
    assert not failed, failed
    with connect(clean, create=False) as a, connect(db, create=False) as b:
        yield Survived(dump(a), killed_at, partial_ok, dump(b), reads, db)


def test_killed_ingest_leaves_whole_articles_only(survived: Survived) -> None:
    assert 0 < survived.killed_at < ARTICLES
    assert survived.partial_ok


def test_rerun_after_kill_gives_the_store_of_a_clean_run(survived: Survived) -> None:
    conn = connect(survived.db, create=False)
    check_consistent(conn)
    assert survived.resumed["articles"] and survived.resumed["events"]
    for table, rows in survived.clean.items():
        assert survived.resumed[table] == rows, table


def test_readers_work_while_an_ingest_writes(survived: Survived) -> None:
    reads = survived.reads
    assert reads.errors == []
    assert reads.done >= 3
    assert reads.counts == sorted(reads.counts)  # committed articles only ever grow
    final = len(survived.resumed["articles"])
    # some reads saw the store between two of the second run's commits
    assert any(survived.killed_at < c < final for c in reads.counts), reads.counts
    assert reads.counts[-1] == final
