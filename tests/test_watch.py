"""dateline watch: files are ingested as they land, once complete (issue 7, streams)."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from dateline.scale.watch import FolderPoller

from .conftest import ARTICLE, ROOT

SECOND = (
    "Council approves new mooring fees\n\n"
    "The town council of Portavel approved new mooring fees for the harbour on Wednesday "
    "after a debate of four hours, and cafe owners said they would protest on Friday.\n\n"
    "The fees take effect in March, the mayor said, and will pay for the repair of the "
    "breakwater that the winter storms damaged."
)
# A shell that starts jobs in the background makes them ignore SIGINT, and Python then
# installs no Ctrl-C handler: the child gets Python's own, whoever started the tests.
STARTER = ("import signal; signal.signal(signal.SIGINT, signal.default_int_handler); "
           "from dateline.cli import run; run()")
# Model loading in a fresh process dominates; a loaded machine may take a minute or more.
DEADLINE_S = 240


def test_a_file_is_read_once_complete_and_again_when_changed(tmp_path: Path) -> None:
    poller = FolderPoller(tmp_path)
    path = tmp_path / "a.txt"
    path.write_text("first part", encoding="utf-8")
    assert poller.poll() == []  # seen once: it may still be written
    assert poller.poll() == [path]
    poller.mark_read(path)
    assert poller.poll() == []  # read, unchanged
    with path.open("a", encoding="utf-8") as out:
        out.write(" and more")
    assert poller.poll() == []  # changed since the last look
    assert poller.poll() == [path]
    (tmp_path / ".hidden.txt").write_text("x", encoding="utf-8")
    (tmp_path / "notes.csv").write_text("x", encoding="utf-8")
    poller.mark_read(path)
    assert poller.poll() == [] and poller.poll() == []


def _titles(db: Path) -> list[str]:
    if not db.exists():
        return []
    conn = sqlite3.connect(db)
    try:
        return sorted(row[0] for row in conn.execute("SELECT title FROM articles"))
    except sqlite3.OperationalError:  # the schema is being created
        return []
    finally:
        conn.close()


def _wait_for(db: Path, count: int, process: subprocess.Popen[str]) -> list[str]:
    started = time.monotonic()
    while time.monotonic() - started < DEADLINE_S:
        titles = _titles(db)
        if len(titles) >= count:
            return titles
        assert process.poll() is None, process.communicate()[1]
        time.sleep(0.3)
    raise AssertionError(f"only {_titles(db)} after {DEADLINE_S} s")


def test_watch_ingests_dropped_files_and_stops_on_ctrl_c(tmp_path: Path) -> None:
    inbox, db = tmp_path / "inbox", tmp_path / "watch.db"
    inbox.mkdir()
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    process = subprocess.Popen(
        [sys.executable, "-c", STARTER, "watch", str(inbox),
         "--db", str(db), "--interval", "0.2", "--published", "2026-02-17"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        (inbox / "harbour.txt").write_text(ARTICLE, encoding="utf-8")
        partial = inbox / ".council.txt.part"  # written under a hidden name, then renamed
        partial.write_text(SECOND, encoding="utf-8")
        partial.rename(inbox / "council.txt")
        titles = _wait_for(db, 2, process)
        assert titles == ["Council approves new mooring fees",
                          "Harbour fire after overnight raid"]
        (inbox / "copy.txt").write_text(ARTICLE, encoding="utf-8")  # same text again
        time.sleep(1.5)
        process.send_signal(signal.SIGINT)
        _, err = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
    assert process.returncode == 0, err
    assert "stopped: new 2" in err and "Traceback" not in err
    assert len(_titles(db)) == 2
    conn = sqlite3.connect(db)
    stories = conn.execute("SELECT COUNT(*) FROM articles WHERE story_id IS NOT NULL")
    assert stories.fetchone()[0] == 2
