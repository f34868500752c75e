"""The store's events exported for other tools: JSON, JSON lines, CSV and Parquet here;
GeoJSON, TimelineJS and PLOVER records in ``export_formats``; the web page as one HTML
file in ``dateline.serve.page``.

Every format starts from the same :class:`Record`: an event as the timeline shows it
(``Entry``, with every source and each duplicate copy), its story, its disputes, the
mentions behind it and the place it is mapped to. Unlike ``dateline timeline`` an export
keeps undated and hypothetical events too (``date`` is then null, ``modality`` says so);
only TimelineJS, which needs a date on every slide, leaves them out.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import sqlite3
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dateline import errors
from dateline.errors import DatelineError
from dateline.model import GeoPlace, Mention
from dateline.present.timeline import Entry, entry
from dateline.store import repo

# Export errors, numbered after the series in dateline.errors.
E060_BAD_FORMAT = "[E060] '{value}' is not an export format; use one of {choices}"
E061_OUT_IS_FOLDER = "[E061] {path} is a folder; give -o a file name, e.g. {path}/events.{ext}"
E062_BINARY_TO_TERMINAL = (
    "[E062] {fmt} is a binary format and cannot be printed; give -o FILE, e.g. -o events.{ext}"
)
E063_NO_PYARROW = (
    "[E063] the parquet export needs pyarrow, which is missing; reinstall Dateline "
    "(pip install -e .) or pip install pyarrow"
)
E064_CANNOT_WRITE = "[E064] cannot write {path} ({reason}); check the folder and permissions"

# Formats written from the event records; ``html`` (the web page as one file) is written
# from the store itself, since it carries the articles' text too.
FORMATS = ("json", "jsonl", "csv", "parquet", "geojson", "timelinejs", "plover")
CHOICES = (*FORMATS, "html")
EXTENSIONS = {"json": "json", "jsonl": "jsonl", "csv": "csv", "parquet": "parquet",
              "geojson": "geojson", "timelinejs": "json", "plover": "json", "html": "html"}
# Lists in a CSV cell (actors, urls, ...) are joined with this; Parquet keeps real lists.
LIST_SEPARATOR = "; "


@dataclass(frozen=True)
class Record:
    """One event with everything an export may need."""

    entry: Entry
    story_id: str | None
    disputes: list[dict[str, Any]]
    mentions: tuple[Mention, ...]  # in arrival order
    geo: GeoPlace | None  # where the event is mapped; None when no mention was geocoded


def load(conn: sqlite3.Connection, story: str | None = None) -> list[Record]:
    """Every event (dated first, in date order), or the events of one story."""
    query = "SELECT * FROM events"
    params: tuple[str, ...] = ()
    if story:
        if conn.execute("SELECT 1 FROM stories WHERE id = ?", (story,)).fetchone() is None:
            raise DatelineError(errors.E019_NO_STORY.format(id=story))
        query += " WHERE story_id = ?"
        params = (story,)
    query += " ORDER BY date IS NULL, date, confidence DESC, id"
    records = []
    for row in conn.execute(query, params).fetchall():
        mentions = tuple(repo.event_mentions(conn, row["id"]))
        records.append(Record(entry(conn, row), row["story_id"], json.loads(row["disputes"]),
                              mentions, event_geo(mentions)))
    return records


def event_geo(mentions: Sequence[Mention]) -> GeoPlace | None:
    """The place most of the event's mentions name; a tie goes to the place named by the
    most confident mention."""
    placed = [m for m in mentions if m.geo is not None]
    if not placed:
        return None

    def key(m: Mention) -> object:
        assert m.geo is not None
        return m.geo.geonameid if m.geo.geonameid is not None else (m.geo.name, m.geo.country)

    votes = Counter(key(m) for m in placed)
    best = max(placed, key=lambda m: (votes[key(m)], m.confidence))
    return best.geo


def record_json(record: Record) -> dict[str, Any]:
    """The timeline JSON of an event (see README) plus its story, map place and disputes."""
    return {**record.entry.to_json(), "story_id": record.story_id,
            "geo": record.geo.as_dict() if record.geo else None, "disputes": record.disputes}


def to_json(records: Sequence[Record]) -> str:
    return json.dumps([record_json(r) for r in records], ensure_ascii=False, indent=2)


def to_jsonl(records: Sequence[Record]) -> str:
    # json.dumps escapes newlines inside strings, so each event stays on one line.
    return "".join(json.dumps(record_json(r), ensure_ascii=False) + "\n" for r in records)


# The flat table of CSV and Parquet: one row per event. (name, kind) with kind one of
# str, int, float, list (of strings).
FLAT_COLUMNS: tuple[tuple[str, str], ...] = (
    ("id", "str"), ("date", "str"), ("end_date", "str"), ("type", "str"), ("mode", "str"),
    ("modality", "str"), ("summary", "str"), ("place", "str"), ("geo_name", "str"),
    ("geo_country", "str"), ("geo_admin1", "str"), ("lat", "float"), ("lon", "float"),
    ("geonameid", "int"), ("actors", "list"), ("recipients", "list"), ("killed", "int"),
    ("injured", "int"), ("confidence", "float"), ("story_id", "str"),
    ("source_count", "int"), ("articles", "list"), ("outlets", "list"), ("urls", "list"),
)


def flat_row(record: Record) -> dict[str, Any]:
    """An event as one row; ``geo_country`` is ISO 3166 alpha-2, as the gazetteer gives it."""
    e, geo = record.entry, record.geo
    sources = e.sources
    return {
        "id": e.id, "date": e.date, "end_date": e.end_date, "type": e.type, "mode": e.mode,
        "modality": e.modality, "summary": e.summary, "place": e.place,
        "geo_name": geo.name if geo else None, "geo_country": geo.country if geo else None,
        "geo_admin1": geo.admin1 if geo else None, "lat": geo.lat if geo else None,
        "lon": geo.lon if geo else None, "geonameid": geo.geonameid if geo else None,
        "actors": list(e.actors), "recipients": list(e.recipients), "killed": e.killed,
        "injured": e.injured, "confidence": e.confidence, "story_id": record.story_id,
        "source_count": len(sources), "articles": [s.article for s in sources],
        "outlets": _distinct(s.outlet for s in sources if s.outlet),
        "urls": _distinct(s.url for s in sources if s.url),
    }


def _distinct(values: Any) -> list[str]:
    return list(dict.fromkeys(values))


def csv_row(record: Record) -> dict[str, str]:
    """A flat row as the CSV file holds it: empty for null, lists joined, text cells that
    a spreadsheet would run as a formula defused (see :func:`defuse`)."""
    out = {}
    kinds = dict(FLAT_COLUMNS)
    for name, value in flat_row(record).items():
        if value is None:
            out[name] = ""
        elif isinstance(value, list):
            out[name] = defuse(LIST_SEPARATOR.join(value))
        else:
            out[name] = defuse(str(value)) if kinds[name] == "str" else str(value)
    return out


# A cell starting with one of these is a formula to Excel, LibreOffice and Google Sheets
# (OWASP, "CSV Injection"); article text can start with any of them.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def defuse(text: str) -> str:
    """Text cells only (numbers we format are never formulas): a leading single quote makes
    the spreadsheet show the cell as text, the OWASP recommendation."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def to_csv(records: Sequence[Record]) -> str:
    # QUOTE_MINIMAL quotes every cell holding a comma, quote or line break, and doubles
    # quotes inside, so sentences with any of them read back unchanged.
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=[n for n, _ in FLAT_COLUMNS],
                            lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(csv_row(r) for r in records)
    return buffer.getvalue()


def to_parquet(records: Sequence[Record]) -> bytes:
    """The flat table with real lists, plus each source (sentence and offsets) nested."""
    try:
        # pyarrow ships no type information; its use here is small and tested.
        import pyarrow as pa  # type: ignore[import-untyped]
        import pyarrow.parquet as pq  # type: ignore[import-untyped]
    except ImportError:
        raise DatelineError(E063_NO_PYARROW) from None
    kinds = {"str": pa.string(), "int": pa.int64(), "float": pa.float64(),
             "list": pa.list_(pa.string())}
    source = pa.struct([("article", pa.string()), ("url", pa.string()),
                        ("outlet", pa.string()), ("published", pa.string()),
                        ("sentence", pa.string()), ("start", pa.int64()), ("end", pa.int64()),
                        ("copy_of", pa.string()), ("published_source", pa.string())])
    schema = pa.schema([*((n, kinds[k]) for n, k in FLAT_COLUMNS),
                        ("sources", pa.list_(source))])
    rows = [{**flat_row(r), "sources": r.entry.to_json()["sources"]} for r in records]
    table = pa.Table.from_pylist(rows, schema=schema)
    sink = pa.BufferOutputStream()
    pq.write_table(table, sink)
    return bytes(sink.getvalue().to_pybytes())


def render(records: Sequence[Record], fmt: str, title: str = "Dateline timeline") -> str | bytes:
    """The records in one of :data:`FORMATS`; bytes for Parquet, text otherwise."""
    from dateline.present import export_formats as more

    writers: dict[str, Callable[[Sequence[Record]], str | bytes]] = {
        "json": to_json, "jsonl": to_jsonl, "csv": to_csv, "parquet": to_parquet,
        "geojson": more.to_geojson, "plover": more.to_plover,
        "timelinejs": lambda rs: more.to_timelinejs(rs, title),
    }
    if fmt not in writers:
        raise DatelineError(E060_BAD_FORMAT.format(value=fmt, choices=", ".join(FORMATS)))
    return writers[fmt](records)


def export(conn: sqlite3.Connection, fmt: str, story: str | None = None) -> str | bytes:
    """The events of the store (or of one story) in ``fmt``."""
    if fmt not in CHOICES:
        raise DatelineError(E060_BAD_FORMAT.format(value=fmt, choices=", ".join(CHOICES)))
    title = "Dateline timeline"
    if story:
        row = conn.execute("SELECT title FROM stories WHERE id = ?", (story,)).fetchone()
        title = f"Dateline: {row['title']}" if row and row["title"] else title
    if fmt == "html":  # the web page as one file; it needs the articles' text too
        from dateline.serve.page import export_html

        return export_html(conn, story, title)
    return render(load(conn, story), fmt, title)


def check_output(fmt: str, output: Path | None) -> None:
    """Refuses, before any work, an output the export could not be written to."""
    if output is None:
        if fmt == "parquet":
            raise DatelineError(E062_BINARY_TO_TERMINAL.format(fmt=fmt, ext=EXTENSIONS[fmt]))
        return
    if output.is_dir():
        raise DatelineError(E061_OUT_IS_FOLDER.format(path=output, ext=EXTENSIONS[fmt]))


def write(data: str | bytes, output: Path) -> None:
    """Writes the whole file or nothing: a failed export leaves no half-written file."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    partial = output.with_name(output.name + ".part")
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        partial.write_bytes(payload)
        os.replace(partial, output)
    except OSError as error:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
        raise DatelineError(E064_CANNOT_WRITE.format(
            path=output, reason=error.strerror or error)) from None
