"""Long jobs for the terminal: ingest with a progress bar and a summary, extract, the demo."""

from __future__ import annotations

import contextlib
import json
import shutil
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from dateline.errors import DatelineError
from dateline.pipeline import Ingestor, IngestReport
from dateline.scale.dask_run import DaskSpec, ingestor_for
from dateline.settings import Settings
from dateline.store.db import connect

# The example corpus names each plain-text file's publication date here, as a user would
# with --published, since plain text carries no metadata.
PUBLISHED_FILE = "published.json"


def _progress(console: Console) -> Progress:
    return Progress(TextColumn("ingest"), BarColumn(), MofNCompleteColumn(),
                    TimeRemainingColumn(), console=console, transient=True)


@contextlib.contextmanager
def counter(console: Console, label: str, quiet: bool) -> Iterator[Callable[[int], None]]:
    """A spinner with a count of items done, for streams of unknown length."""
    if quiet:
        yield lambda _done: None
        return
    with Progress(SpinnerColumn(), TextColumn(label), TextColumn("{task.completed} done"),
                  TimeElapsedColumn(), console=console, transient=True) as bar:
        task = bar.add_task(label, total=None)
        yield lambda done: bar.update(task, completed=done)


def run_ingest(paths: list[Path | str], settings: Settings, quiet: bool = False,
               dask: DaskSpec | None = None) -> IngestReport:
    """Ingests paths into the settings' store, showing progress and a summary on stderr;
    with ``dask``, the analysis runs on a Dask cluster (see :mod:`dateline.scale.dask_run`)."""
    console = Console(stderr=True, soft_wrap=True)
    conn = connect(settings.db_path)
    with ingestor_for(conn, settings, dask) as ingestor:
        if quiet:
            ingestor.ingest_paths(paths)
        else:
            with _progress(console) as bar:
                task = bar.add_task("files", total=None)
                ingestor.ingest_paths(paths, lambda done, total: bar.update(
                    task, completed=done, total=total))
    summarize(ingestor.report, console)
    return ingestor.report


def summarize(report: IngestReport, console: Console) -> None:
    for skip in report.skipped:
        console.print(f"skipped {skip.origin}: {skip.reason}", markup=False, highlight=False)
    for note in report.notes:
        console.print(f"warning {note}", markup=False, highlight=False)
    console.print(
        f"read {report.read}, new {report.new}, duplicates {report.duplicates}, "
        f"unchanged {report.unchanged}, skipped {len(report.skipped)}, "
        f"new events {report.events}",
        markup=False, highlight=False,
    )


def run_demo(corpus: Path, settings: Settings, html_out: Path) -> None:
    """Rebuilds the demo store from the example corpus, prints the timeline, writes the page."""
    from dateline.present import render
    from dateline.present.timeline import timeline
    from dateline.serve.page import export_html

    if not corpus.is_dir():
        raise DatelineError(
            f"[E016] no example corpus at {corpus}; run the demo from the repository root "
            "or pass --corpus"
        )
    for suffix in ("", "-wal", "-shm"):
        Path(str(settings.db_path) + suffix).unlink(missing_ok=True)
    console = Console(stderr=True, soft_wrap=True)
    conn = connect(settings.db_path)
    ingestor = Ingestor(conn, settings)
    dates = _published_dates(corpus)
    for path in sorted(p for p in corpus.rglob("*") if p.is_file() and p.name != PUBLISHED_FILE):
        if path.suffix.lower() in (".txt", ".html", ".htm", ".jsonl"):
            ingestor.ingest_file(path, replace(settings, default_published=dates.get(path.name)))
    ingestor.finish()
    summarize(ingestor.report, console)
    entries = timeline(conn)
    Console(width=max(120, shutil.get_terminal_size().columns)).print(render.to_table(entries))
    html_out.parent.mkdir(parents=True, exist_ok=True)
    html_out.write_text(export_html(conn, title="Dateline demo timeline"), encoding="utf-8")
    console.print(f"store: {settings.db_path}   page: {html_out}", markup=False)


def _published_dates(corpus: Path) -> dict[str, str]:
    path = corpus / PUBLISHED_FILE
    if not path.exists():
        return {}
    data = json.loads(path.read_text(encoding="utf-8"))
    return {name: value for name, value in data.items() if isinstance(value, str)}
