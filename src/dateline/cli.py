"""The ``dateline`` command: thin wrappers over the pipeline, store and present functions."""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import click

from dateline import errors
from dateline.errors import DatelineError, Skip
from dateline.settings import Settings

# Exit status of an ingest that finished but left some inputs out.
EXIT_SKIPPED = 3
DB_OPTION = click.option(
    "--db", "db", type=click.Path(dir_okay=False, path_type=Path),
    default=Settings.db_path, show_default=True, help="The SQLite store.",
)


def _check_date(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(errors.E010_BAD_DATE.format(value=value)) from None
    return value


def _check_prefix(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    """--from/--to take YYYY, YYYY-MM or YYYY-MM-DD."""
    if value is None:
        return None
    padded = value + "-01-01"[len(value) - 4:] if len(value) in (4, 7) else value
    try:
        dt.date.fromisoformat(padded)
    except ValueError:
        raise click.BadParameter(errors.E010_BAD_DATE.format(value=value)) from None
    return value


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="dateline")
def main() -> None:
    """Dateline: a sourced, de-duplicated, dated record of what happened, read from news.

    \b
    Example:
      dateline ingest articles/ --db war.db
      dateline timeline --db war.db --format md
    """


def _paths_or_urls(_ctx: click.Context, _param: click.Parameter,
                   value: tuple[str, ...]) -> list[Path | str]:
    from dateline.ingest.fetch import is_url

    return [item if is_url(item) else Path(item) for item in value]


@main.command()
@click.argument("paths", nargs=-1, required=True, callback=_paths_or_urls,
                metavar="PATH_OR_URL...")
@DB_OPTION
@click.option("--published", callback=_check_date, metavar="YYYY-MM-DD",
              help="Publication date for articles that carry none.")
@click.option("--outlet", help="Outlet name for articles that carry none.")
@click.option("--allow-private", is_flag=True,
              help="Fetch URLs on private, loopback and link-local addresses too.")
@click.option("--quiet", is_flag=True, help="No progress bar.")
@click.option("--workers", type=click.IntRange(min=1), metavar="N",
              help="Analyse on a local Dask cluster of N processes (default: this process).")
@click.option("--scheduler", metavar="tcp://HOST:PORT",
              help="Analyse on a running Dask cluster (Dateline installed on its workers).")
def ingest(paths: list[Path | str], db: Path, published: str | None, outlet: str | None,
           allow_private: bool, quiet: bool, workers: int | None, scheduler: str | None) -> None:
    """Read files or folders of .txt, .html/.htm and .jsonl articles (gzipped too:
    .jsonl.gz), .rss/.atom/.xml feeds, or http(s) URLs of article pages into the store.

    Exit status 3 means some inputs were skipped (each is listed with its reason). With
    --workers or --scheduler the analysis runs on Dask; the store is the same.

    \b
    Example:
      dateline ingest examples/corpus --db demo.db
      dateline ingest wire/*.txt --published 2026-02-15 --outlet Northwire
      dateline ingest https://example.org/news/port-fire.html --db demo.db
      dateline ingest big-archive/ --db war.db --workers 2
      dateline ingest big-archive/ --db war.db --scheduler tcp://10.0.0.5:8786
    """
    from dateline.present.progress import run_ingest
    from dateline.scale.dask_run import spec_of

    settings = replace(Settings(), db_path=db, default_published=published,
                       default_outlet=outlet, allow_private_urls=allow_private)
    report = run_ingest(paths, settings, quiet=quiet, dask=spec_of(workers, scheduler))
    if report.skipped:
        sys.exit(EXIT_SKIPPED)


@main.command()
@click.argument("folder", type=click.Path(exists=True, file_okay=False, path_type=Path))
@DB_OPTION
# 2 s: a file is seen within seconds of landing, and listing a folder of a few thousand
# files costs milliseconds, so the poll is no load.
@click.option("--interval", type=click.FloatRange(min=0.1), default=2.0, show_default=True,
              metavar="S", help="Seconds between two looks at the folder.")
@click.option("--published", callback=_check_date, metavar="YYYY-MM-DD",
              help="Publication date for articles that carry none.")
@click.option("--outlet", help="Outlet name for articles that carry none.")
@click.option("--quiet", is_flag=True, help="Only skipped files and the final summary.")
def watch(folder: Path, db: Path, interval: float, published: str | None,
          outlet: str | None, quiet: bool) -> None:
    """Ingest files (articles, JSONL, RSS/Atom feeds) as they land in FOLDER, until Ctrl-C.

    A file is read once its size has not changed between two looks; a changed file is
    read again, and what is already stored is skipped as in any ingest. Each new article
    updates stories, events and conflicts at once.

    \b
    Example:
      dateline watch incoming/ --db war.db --interval 5
    """
    from dateline.scale.watch import run_watch

    settings = replace(Settings(), db_path=db, default_published=published,
                       default_outlet=outlet)
    run_watch(folder, settings, interval, quiet=quiet)


@main.command()
@DB_OPTION
@click.option("--format", "fmt", type=click.Choice(["table", "md", "json", "html"]),
              default="table", show_default=True)
@click.option("--from", "date_from", callback=_check_prefix, metavar="DATE",
              help="First date shown (YYYY, YYYY-MM or YYYY-MM-DD).")
@click.option("--to", "date_to", callback=_check_prefix, metavar="DATE",
              help="Last date shown (YYYY, YYYY-MM or YYYY-MM-DD).")
@click.option("--story", help="Only the events of this story (ids: 'dateline stories').")
@click.option("--dates", type=click.IntRange(min=1), metavar="L",
              help="Only the L most reported dates (default: every date).")
@click.option("--per-date", type=click.IntRange(min=1), metavar="K",
              help="At most K events on each date, the most reported first.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path),
              help="Write to this file instead of the terminal.")
def timeline(db: Path, fmt: str, date_from: str | None, date_to: str | None,
             story: str | None, dates: int | None, per_date: int | None,
             output: Path | None) -> None:
    """The events in date order, each with the sentences it came from.

    \b
    Example:
      dateline timeline --db demo.db --from 2026-02 --format md
      dateline timeline --db demo.db --story story-1a2b3c4d5e6f --dates 10 --per-date 2
      dateline timeline --db demo.db --format html -o timeline.html
    """
    from dateline.present import render
    from dateline.present.timeline import select
    from dateline.present.timeline import timeline as build
    from dateline.store.db import connect

    entries = select(build(connect(db, create=False), date_from, date_to, story), dates,
                     per_date)
    if fmt == "table" and output is None:
        from rich.console import Console

        Console().print(render.to_table(entries))
        return
    text = {"md": render.to_markdown, "json": render.to_json, "html": render.to_html,
            "table": render.to_markdown}[fmt](entries)
    _emit(text, output)


@main.command()
@DB_OPTION
@click.option("--type", "kind", help="Only events of this PLOVER type, e.g. ASSAULT.")
@click.option("--json", "as_json", is_flag=True, help="JSON instead of a table.")
def events(db: Path, kind: str | None, as_json: bool) -> None:
    """List the events, dated or not.

    \b
    Example:
      dateline events --db demo.db --type CONSULT
    """
    from dateline.present.listing import list_events
    from dateline.store.db import connect

    rows = list_events(connect(db, create=False), kind)
    _rows(rows, as_json, ["id", "date", "type", "mode", "modality", "place", "mentions"])


@main.command()
@DB_OPTION
@click.option("--json", "as_json", is_flag=True, help="JSON instead of a table.")
def stories(db: Path, as_json: bool) -> None:
    """List the stories: the articles and events of one happening, largest first.

    \b
    Example:
      dateline stories --db demo.db
    """
    from dateline.present.listing import list_stories
    from dateline.store.db import connect

    rows = list_stories(connect(db, create=False))
    _rows(rows, as_json, ["id", "first", "last", "articles", "events", "title", "terms"])


@main.command()
@DB_OPTION
@click.option("--json", "as_json", is_flag=True, help="JSON instead of a table.")
def articles(db: Path, as_json: bool) -> None:
    """List the stored articles with their publication dates and duplicates.

    \b
    Example:
      dateline articles --db demo.db --json
    """
    from dateline.present.listing import list_articles
    from dateline.store.db import connect

    rows = list_articles(connect(db, create=False))
    columns = ["id", "published", "published_source", "published_confidence", "outlet",
               "duplicate_of", "mentions", "title"]
    _rows(rows, as_json, columns)


@main.command()
@DB_OPTION
@click.option("--json", "as_json", is_flag=True, help="JSON instead of a table.")
def conflicts(db: Path, as_json: bool) -> None:
    """List contradictions: printed dates an article's own evidence contradicts (both
    readings and the evidence), and events whose sources disagree on the date, a count,
    the place or the attacker (every value with its articles, and the one shown and why).

    \b
    Example:
      dateline conflicts --db demo.db --json
    """
    from dateline.present.listing import list_conflicts
    from dateline.store.db import connect

    rows = list_conflicts(connect(db, create=False))
    _rows(rows, as_json, ["kind", "article_id", "event_id", "field", "text", "printed",
                          "corrected", "values", "shown", "evidence"])


@main.command()
@click.argument("item_id", metavar="ID")
@DB_OPTION
def show(item_id: str, db: Path) -> None:
    """Show one event (with its sources) or one article (with what was found in it), as JSON.

    \b
    Example:
      dateline show e1a2b3c4d5e6 --db demo.db
    """
    from dateline.present.listing import show as find
    from dateline.store.db import connect

    _emit(json.dumps(find(connect(db, create=False), item_id), ensure_ascii=False, indent=2),
          None)


def _check_format(_ctx: click.Context, _param: click.Parameter, value: str) -> str:
    from dateline.present.export import CHOICES, E060_BAD_FORMAT

    if value.lower() not in CHOICES:
        raise click.BadParameter(E060_BAD_FORMAT.format(value=value, choices=", ".join(CHOICES)))
    return value.lower()


@main.command()
@DB_OPTION
@click.option("--format", "fmt", default="json", show_default=True, callback=_check_format,
              metavar="json|jsonl|csv|parquet|geojson|timelinejs|plover|html",
              help="json/jsonl: events with their sources; csv/parquet: one row per event; "
                   "geojson: the events with a place, as points; timelinejs: TimelineJS's "
                   "JSON; plover: PLOVER/POLECAT-style event records; html: the web page "
                   "(timeline, sources, map) as one file that opens without a server.")
@click.option("--output", "-o", type=click.Path(path_type=Path), metavar="FILE",
              help="Write to this file instead of the terminal (needed for parquet).")
@click.option("--story", help="Only the events of this story (ids: 'dateline stories').")
def export(db: Path, fmt: str, output: Path | None, story: str | None) -> None:
    """Export the events, with their sources, for other tools.

    Undated and hypothetical events are included (TimelineJS, which needs a date, leaves
    them out). Article text is escaped for each format (HTML in TimelineJS).

    \b
    Example:
      dateline export --db demo.db --format csv -o events.csv
      dateline export --db demo.db --format geojson -o events.geojson
      dateline export --db demo.db --format timelinejs --story story-1a2b3c4d5e6f -o tl.json
      dateline export --db demo.db --format html -o timeline.html
    """
    from dateline.present import export as exporting
    from dateline.store.db import connect

    exporting.check_output(fmt, output)
    data = exporting.export(connect(db, create=False), fmt, story)
    if output is None:
        assert isinstance(data, str)  # check_output refused binary formats to the terminal
        click.echo(data, nl=not data.endswith("\n"))
        return
    exporting.write(data, output)
    click.echo(f"wrote {output}", err=True)


@main.command()
@click.option("--db", type=click.Path(dir_okay=False, path_type=Path),
              default=Path("out/demo.db"), show_default=True, help="Store to (re)build.")
@click.option("--corpus", type=click.Path(file_okay=False, path_type=Path),
              default=Path("examples/corpus"), show_default=True)
@click.option("--html", "html_out", type=click.Path(dir_okay=False, path_type=Path),
              default=Path("out/timeline.html"), show_default=True)
def demo(db: Path, corpus: Path, html_out: Path) -> None:
    """Build the bundled example corpus into a fresh store, print its timeline and save the
    web page (timeline, sources, map) as one HTML file.

    \b
    Example:
      dateline demo --db out/demo.db --html out/timeline.html
    """
    from dateline.present.progress import run_demo

    run_demo(corpus, replace(Settings(), db_path=db), html_out)


@main.command()
@DB_OPTION
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (0.0.0.0 opens it to the network).")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--token-file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="File holding the token that turns on POST /api/ingest "
                   "(else $DATELINE_API_TOKEN; neither: ingest is off).")
def serve(db: Path, host: str, port: int, token_file: Path | None) -> None:
    """Serve the store over HTTP: a JSON API (OpenAPI at /openapi.json) and the timeline
    page at /.

    Reads are open to all who reach the port. Ingest over HTTP (POST /api/ingest) is off
    unless a token is set, and then needs 'Authorization: Bearer <token>'.

    \b
    Example:
      dateline serve --db demo.db --port 8000
      curl 'http://127.0.0.1:8000/api/events?type=ASSAULT&from=2026-02'
      DATELINE_API_TOKEN=$(cat token.txt) dateline serve --db demo.db
    """
    from dateline.serve.app import run as serve_app
    from dateline.serve.config import ServeConfig, load_token

    config = ServeConfig(settings=replace(Settings(), db_path=db), token=load_token(token_file))
    serve_app(config, host, port)


@main.command()
@click.argument("in_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.argument("out_dir", type=click.Path(file_okay=False, path_type=Path))
def timeml(in_dir: Path, out_dir: Path) -> None:
    """Tag the .tml and .TE3input files of IN_DIR with TIMEX3s, written to OUT_DIR.

    Each output file keeps its input's name and text byte for byte; TIMEX3 tags already
    inside <TEXT> are replaced by ours (the DCT is the anchor and is kept).

    \b
    Example:
      dateline timeml te3-input/ te3-tagged/
    """
    from dateline.evaluate.tagger import retag_folder
    from dateline.evaluate.timeml import TimemlError

    try:
        written = retag_folder(in_dir, out_dir)
    except TimemlError as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"{len(written)} files written to {out_dir}")


@main.command()
@click.argument("in_file", metavar="IN", type=click.File("r", encoding="utf-8"))
@click.argument("out_file", metavar="OUT", type=click.File("w", encoding="utf-8", lazy=True))
@click.option("--jsonl", is_flag=True, default=True,
              help="Input and output are JSON lines (the default and only format).")
@click.option("--quiet", is_flag=True, help="No progress bar.")
def extract(in_file: Any, out_file: Any, jsonl: bool, quiet: bool) -> None:
    """Event mentions of raw texts: one JSON line in, one out, nothing stored.

    Each input line is {"id": ..., "text": ..., "published": "YYYY-MM-DD"} (published is
    optional); each output line is {"id": ..., "mentions": [...]} with type, mode,
    confidence, actors, recipients, place and gazetteer entry, ACLED type, date, counts,
    modality, speaker and quote, and the sentence span. A text with no event gets an empty
    list. Bad lines are reported on stderr and skipped (exit status 3). Use - for stdin or
    stdout.

    \b
    Example:
      dateline extract --jsonl sentences.jsonl mentions.jsonl
    """
    from rich.console import Console

    from dateline.extract import extract as run_extract
    from dateline.extract import read_records
    from dateline.present.progress import counter

    del jsonl  # the only format
    console = Console(stderr=True, soft_wrap=True)
    skipped: list[Skip] = []
    origin = getattr(in_file, "name", "-")

    def records() -> Iterator[Any]:
        for item in read_records(in_file, origin):
            if isinstance(item, Skip):
                skipped.append(item)
            else:
                yield item

    written = 0
    with counter(console, "extract", quiet) as step:
        for line in run_extract(records(), Settings(), step):
            out_file.write(json.dumps(line, ensure_ascii=False) + "\n")
            written += 1
    for skip in skipped:
        console.print(f"skipped {skip.origin}: {skip.reason}", markup=False, highlight=False)
    console.print(f"{written} texts written, {len(skipped)} skipped", markup=False,
                  highlight=False)
    if skipped:
        sys.exit(EXIT_SKIPPED)


def _rows(rows: list[dict[str, object]], as_json: bool, columns: list[str]) -> None:
    if as_json:
        _emit(json.dumps(rows, ensure_ascii=False, indent=2), None)
        return
    import shutil

    from rich.console import Console
    from rich.table import Table

    table = Table(expand=True)
    for column in columns:
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(*(_cell(row.get(c)) for c in columns))
    Console(width=max(120, shutil.get_terminal_size().columns)).print(table)


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    return str(value)


def _emit(text: str, output: Path | None) -> None:
    if output is None:
        click.echo(text)
    else:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(text, encoding="utf-8")
        click.echo(f"wrote {output}", err=True)


def run() -> None:
    """Entry point that turns Dateline's own errors into one clear line and status 2."""
    try:
        main(standalone_mode=True)
    except DatelineError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(2)
