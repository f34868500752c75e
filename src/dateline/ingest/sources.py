"""Reading inputs from disk: files and folders of .txt, .html/.htm and .jsonl, each
possibly gzipped (``.txt.gz``, ``.jsonl.gz``), and RSS/Atom feeds.

Every problem with one input becomes a :class:`~dateline.errors.Skip` that names the file
(and line) and the reason; the batch goes on. Reading is bounded whatever a file holds
(see :mod:`dateline.ingest.safety`).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from dateline import errors
from dateline.errors import Skip
from dateline.ingest import safety
from dateline.ingest.feeds import FEED_SUFFIXES, feed_documents
from dateline.ingest.fetch import fetch
from dateline.model import RawDocument
from dateline.settings import Settings

TEXT_SUFFIXES = frozenset({".txt", ".text"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
SUPPORTED = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES | FEED_SUFFIXES
JSONL_FIELDS = ("id", "url", "title", "outlet", "published")
E093_FOLDER_LOOP = (
    "[E093] leads to a folder already read (a symbolic-link loop or a second link to it); "
    "not read twice"
)


def iter_files(paths: Iterable[Path | str]) -> Iterator[Path | str | Skip]:
    """Every supported file under ``paths``, folders walked recursively in name order;
    URLs (given as ``str``) pass through to be fetched.

    Files named directly are always tried (and refused with a reason when their type is
    unknown); inside folders, files of other types and hidden files are passed over.
    Symbolic links to folders are followed, each folder read once: a link back into a
    folder already read (a loop) is reported and not followed.
    """
    for path in paths:
        if isinstance(path, str):
            yield path
        elif path.is_dir():
            yield from _walk(path)
        elif path.is_file():
            if supported(path):
                yield path
            else:
                yield Skip(str(path), errors.E009_UNSUPPORTED)
        elif path.is_symlink():
            yield Skip(str(path), safety.E095_LINK_LOOP)
        else:
            yield Skip(str(path), errors.E001_NOT_FOUND)


def supported(path: Path) -> bool:
    """A readable kind of file; feeds only as they are (feedparser reads the file itself)."""
    suffix = safety.inner_suffix(path)
    return suffix in SUPPORTED and (suffix == path.suffix.lower() or suffix not in FEED_SUFFIXES)


def _walk(folder: Path) -> Iterator[Path | Skip]:
    seen = {_identity(folder)}
    for root, dirs, files in os.walk(folder, followlinks=True):
        kept = []
        for name in sorted(d for d in dirs if not d.startswith(".")):
            identity = _identity(Path(root) / name)
            if identity in seen:
                yield Skip(str(Path(root) / name), E093_FOLDER_LOOP)
            else:
                seen.add(identity)
                kept.append(name)
        dirs[:] = kept
        for name in sorted(files):
            path = Path(root) / name
            if not name.startswith(".") and supported(path):
                yield path


def _identity(folder: Path) -> tuple[int, int]:
    info = folder.stat()
    return info.st_dev, info.st_ino


def read_documents(path: Path | str, settings: Settings) -> Iterator[RawDocument | Skip]:
    """The documents in one file: one for .txt/.html, one per line for .jsonl, one per
    item for an RSS/Atom feed; or the page at a URL."""
    if isinstance(path, Path) and path.suffix.lower() in FEED_SUFFIXES:
        yield from feed_documents(path, settings.max_jsonl_bytes)  # many articles, like JSONL
        return
    try:
        if isinstance(path, str):
            yield fetch(path, settings)
            return
        suffix = safety.inner_suffix(path)
        if suffix in JSONL_SUFFIXES:
            yield from _jsonl_documents(path, settings)
            return
        html = suffix in HTML_SUFFIXES
        text = read_text(path, settings.max_file_bytes, html=html)
    except Skip as skip:
        yield skip
        return
    origin = str(path)
    yield RawDocument(origin=origin, html=text) if html else RawDocument(origin=origin, text=text)


def read_text(path: Path, limit: int, *, html: bool = False) -> str:
    """The file's text, or a Skip saying why it cannot be read as an article."""
    origin = str(path)
    text = safety.decode(safety.read_bounded(path, limit), origin, html=html)
    if not text.strip():
        raise Skip(origin, errors.E003_EMPTY)
    return text


def _jsonl_documents(path: Path, settings: Settings) -> Iterator[RawDocument | Skip]:
    origin, found = str(path), False
    with safety.BoundedInput(path, settings.max_jsonl_bytes) as source:
        for number, line in safety.lines(source, settings.max_file_bytes):
            if isinstance(line, Skip):
                found = True
                yield line
                continue
            if not line.strip():
                continue
            where = f"{origin}:{number}"
            try:
                text = safety.decode(line, where)
            except Skip as skip:
                if not found and skip.reason == errors.E002_BINARY:
                    raise Skip(origin, errors.E002_BINARY) from None  # not a text file
                yield skip
                continue
            found = True
            yield _record(where, text)
    if not found:
        yield Skip(origin, errors.E003_EMPTY)


def _record(where: str, line: str) -> RawDocument | Skip:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        return Skip(where, errors.E006_NOT_JSON.format(detail=exc.msg))
    except ValueError:  # found by benchmarks/fuzz.py: Python refuses ints over 4,300 digits
        return Skip(where, errors.E006_NOT_JSON.format(detail="a number too long to read"))
    except RecursionError:  # "[[[[...": a nesting no article needs
        return Skip(where, errors.E006_NOT_JSON.format(detail="nested too deeply"))
    if not isinstance(record, dict):
        return Skip(where, errors.E011_NOT_OBJECT)
    return _record_document(where, record)


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
