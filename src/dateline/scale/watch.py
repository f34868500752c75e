"""``dateline watch DIR``: ingest files as they land in a folder, until stopped.

The folder is polled (no platform file-event API: polling works the same on every
system and on network folders). A file is read once it is complete: its size and
modification time are the same at two polls in a row, which also covers a file moved
in by an atomic rename. A file is read again only when it changes, and what it holds is
then de-duplicated as in any ingest, so an article already stored is not added twice
(nor is one already stored by an earlier run). Each round of new files is written with
its stories, events and conflicts before the next poll; Ctrl-C (or SIGTERM) stops
between two articles, each of which is written whole or not at all.
"""

from __future__ import annotations

import datetime as dt
import signal
import threading
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from rich.console import Console

from dateline.errors import Skip
from dateline.ingest.sources import iter_files
from dateline.pipeline import Ingestor, IngestReport
from dateline.settings import Settings
from dateline.store.db import connect


@dataclass(frozen=True)
class FileState:
    """What a poll saw of a file: it has changed when either differs."""

    size: int
    mtime_ns: int


@dataclass(frozen=True)
class Round:
    """One poll that found complete files, and what ingesting them did."""

    files: int
    new: int
    duplicates: int
    unchanged: int
    skipped: list[Skip]
    events: int


class FolderPoller:
    """The files of a folder that are complete and not yet read in their present state."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._previous: dict[Path, FileState] = {}
        self._read: dict[Path, FileState] = {}

    def poll(self) -> list[Path]:
        now: dict[Path, FileState] = {}
        for item in iter_files([self.folder]):
            if isinstance(item, Path):
                try:
                    stat = item.stat()
                except OSError:  # removed between the listing and the stat
                    continue
                now[item] = FileState(stat.st_size, stat.st_mtime_ns)
        ready = [path for path, state in now.items()
                 if self._previous.get(path) == state and self._read.get(path) != state]
        self._previous = now
        return ready

    def mark_read(self, path: Path) -> None:
        self._read[path] = self._previous[path]


def watch(folder: Path, settings: Settings, interval: float, stop: threading.Event,
          on_round: Callable[[Round], None] | None = None) -> IngestReport:
    """Polls ``folder`` every ``interval`` seconds until ``stop`` is set (or Ctrl-C)."""
    conn = connect(settings.db_path)
    ingestor = Ingestor(conn, settings)
    poller = FolderPoller(folder)
    try:
        while not stop.is_set():
            ready = poller.poll()
            if ready:
                before = replace(ingestor.report, skipped=list(ingestor.report.skipped))
                for path in ready:
                    ingestor.ingest_file(path)
                    poller.mark_read(path)
                ingestor.finish()
                if on_round is not None:
                    on_round(_round(len(ready), before, ingestor.report))
            stop.wait(interval)
    except KeyboardInterrupt:
        pass  # the article being written was rolled back whole; the next run reads it
    finally:
        conn.close()
    return ingestor.report


def _round(files: int, before: IngestReport, after: IngestReport) -> Round:
    return Round(files, after.new - before.new, after.duplicates - before.duplicates,
                 after.unchanged - before.unchanged, after.skipped[len(before.skipped):],
                 after.events - before.events)


def _interrupt(_signum: int, _frame: object) -> None:
    raise KeyboardInterrupt


def run_watch(folder: Path, settings: Settings, interval: float, quiet: bool = False) -> None:
    """``dateline watch``: a line per round of new files on stderr, a summary at the end."""
    console = Console(stderr=True, soft_wrap=True)

    def show(found: Round) -> None:
        for skip in found.skipped:
            console.print(f"skipped {skip.origin}: {skip.reason}", markup=False,
                          highlight=False)
        if not quiet:
            console.print(
                f"{dt.datetime.now():%H:%M:%S} {found.files} file(s): new {found.new}, "
                f"duplicates {found.duplicates}, unchanged {found.unchanged}, skipped "
                f"{len(found.skipped)}, new events {found.events}", markup=False,
                highlight=False)

    if not quiet:
        console.print(f"watching {folder} every {interval:g} s (Ctrl-C stops)", markup=False,
                      highlight=False)
    # a service manager stops with SIGTERM: the same clean stop as Ctrl-C
    signal.signal(signal.SIGTERM, _interrupt)
    report = watch(folder, settings, interval, threading.Event(), show)
    console.print(
        f"stopped: new {report.new}, duplicates {report.duplicates}, unchanged "
        f"{report.unchanged}, skipped {len(report.skipped)}, new events {report.events}",
        markup=False, highlight=False)
