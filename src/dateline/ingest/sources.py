"""Reading inputs from disk: files and folders of .txt, .html/.htm, .jsonl and feeds.

Every problem with one input becomes a :class:`~dateline.errors.Skip` that names the file
(and line) and the reason; the batch goes on.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from dateline import errors
from dateline.errors import Skip
from dateline.ingest.feeds import FEED_SUFFIXES, feed_documents
from dateline.model import RawDocument
from dateline.settings import Settings

TEXT_SUFFIXES = frozenset({".txt", ".text"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
SUPPORTED = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES | FEED_SUFFIXES
JSONL_FIELDS = ("id", "url", "title", "outlet", "published")


def iter_files(paths: Iterable[Path]) -> Iterator[Path | Skip]:
    """Every supported file under ``paths``, folders walked recursively in name order.

    Files named directly are always tried (and refused with a reason when their type is
    unknown); inside folders, files of other types and hidden files are passed over.
    Symbolic links to folders are not followed, so link loops cannot trap the walk.
    """
    for path in paths:
        if path.is_dir():
            yield from _walk(path)
        elif path.is_file():
            if path.suffix.lower() in SUPPORTED:
                yield path
            else:
                yield Skip(str(path), errors.E009_UNSUPPORTED)
        else:
            yield Skip(str(path), errors.E001_NOT_FOUND)


def _walk(folder: Path) -> Iterator[Path]:
    for root, dirs, files in os.walk(folder, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            path = Path(root) / name
            if not name.startswith(".") and path.suffix.lower() in SUPPORTED:
                yield path


def read_documents(path: Path, settings: Settings) -> Iterator[RawDocument | Skip]:
    """The documents in one file: one for .txt/.html, one per line for .jsonl, one per
    item for an RSS/Atom feed."""
    suffix = path.suffix.lower()
    if suffix in FEED_SUFFIXES:  # many articles, like JSONL
        yield from feed_documents(path, settings.max_jsonl_bytes)
        return
    limit = settings.max_jsonl_bytes if suffix in JSONL_SUFFIXES else settings.max_file_bytes
    try:
        text = read_text(path, limit)
    except Skip as skip:
        yield skip
        return
    origin = str(path)
    if suffix in JSONL_SUFFIXES:
        yield from _jsonl_documents(origin, text, settings)
    elif suffix in HTML_SUFFIXES:
        yield RawDocument(origin=origin, html=text)
    else:
        yield RawDocument(origin=origin, text=text)


def read_text(path: Path, limit: int) -> str:
    """The file's text as UTF-8, or a Skip saying why it cannot be read as an article."""
    origin = str(path)
    try:
        size = path.stat().st_size
        if size > limit:
            raise Skip(origin, errors.E004_TOO_LARGE.format(size=size, limit=limit))
        data = path.read_bytes()
    except OSError as exc:
        raise Skip(origin, f"cannot be read ({exc.strerror or exc})") from exc
    if b"\x00" in data[:8192]:
        raise Skip(origin, errors.E002_BINARY)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise Skip(origin, errors.E005_ENCODING.format(offset=exc.start)) from exc
    if not text.strip():
        raise Skip(origin, errors.E003_EMPTY)
    return text


def _jsonl_documents(origin: str, text: str, settings: Settings) -> Iterator[RawDocument | Skip]:
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{origin}:{number}"
        if len(line) > settings.max_file_bytes:
            limit = settings.max_file_bytes
            yield Skip(where, errors.E004_TOO_LARGE.format(size=len(line), limit=limit))
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Skip(where, errors.E006_NOT_JSON.format(detail=exc.msg))
            continue
        if not isinstance(record, dict):
            yield Skip(where, errors.E011_NOT_OBJECT)
            continue
        yield _record_document(where, record)


def _record_document(where: str, record: dict[str, object]) -> RawDocument | Skip:
    body = {key: record.get(key) for key in ("text", "html")}
    if not any(isinstance(value, str) and value.strip() for value in body.values()):
        return Skip(where, errors.E007_NO_TEXT)
    fields = {key: _as_str(record.get(key)) for key in JSONL_FIELDS}
    text, html = (_as_str(body["text"]), _as_str(body["html"]))
    return RawDocument(origin=where, text=text, html=None if text else html, **fields)


def _as_str(value: object) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None
