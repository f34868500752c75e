"""`dateline extract`: event mentions of raw texts, one JSON line in, one JSON line out.

Input lines are ``{"id": ..., "text": ..., "published": "YYYY-MM-DD"?}``; each output line is
``{"id": ..., "mentions": [...]}`` in input order, the mentions shaped by
:func:`dateline.codec.mention_json`. A text with no event gets an empty list, so any labelled
set of sentences or articles can be scored the same way. Nothing is stored.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from dateline import codec
from dateline.analyze.article import analyze_articles
from dateline.errors import E006_NOT_JSON, E010_BAD_DATE, E011_NOT_OBJECT, Skip
from dateline.model import Article, DateSource, FuzzyDate, Precision, PubDate
from dateline.settings import Settings

E018_NO_ID_TEXT = "[E018] needs a non-empty string 'text' and an 'id'; fix or remove the line"
# Texts are analysed in batches of this many, so a long input streams.
CHUNK = 256


@dataclass(frozen=True)
class Record:
    id: Any  # echoed back as given (string or number)
    text: str
    published: dt.date | None


def read_records(lines: Iterable[str], origin: str) -> Iterator[Record | Skip]:
    """The records of a JSONL stream; a bad line becomes a Skip naming it, and the rest go on."""
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{origin}:{number}"
        try:
            data = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Skip(where, E006_NOT_JSON.format(detail=exc.msg))
            continue
        if not isinstance(data, dict):
            yield Skip(where, E011_NOT_OBJECT)
            continue
        text, ident = data.get("text"), data.get("id")
        if not isinstance(text, str) or not text.strip() or ident is None:
            yield Skip(where, E018_NO_ID_TEXT)
            continue
        published = data.get("published")
        try:
            day = dt.date.fromisoformat(published[:10]) if isinstance(published, str) else None
        except ValueError:
            yield Skip(where, E010_BAD_DATE.format(value=published))
            continue
        yield Record(ident, text, day)


def as_article(record: Record) -> Article:
    published = (PubDate(FuzzyDate(record.published, Precision.DAY), DateSource.USER)
                 if record.published else PubDate(None, DateSource.UNKNOWN))
    digest = hashlib.sha256(record.text.encode("utf-8")).hexdigest()
    return Article(id=str(record.id), origin="extract", text=record.text, title="", url=None,
                   outlet=None, published=published, content_hash=digest)


def extract(records: Iterable[Record], settings: Settings,
            progress: Callable[[int], None] | None = None) -> Iterator[dict[str, Any]]:
    """One output object per record, in order."""
    batch: list[Record] = []
    done = 0
    for record in records:
        batch.append(record)
        if len(batch) == CHUNK:
            yield from _run(batch, settings)
            done += len(batch)
            batch = []
            if progress:
                progress(done)
    if batch:
        yield from _run(batch, settings)
        if progress:
            progress(done + len(batch))


def _run(batch: list[Record], settings: Settings) -> Iterator[dict[str, Any]]:
    articles = [as_article(r) for r in batch]
    for record, analysis in zip(batch, analyze_articles(articles, settings), strict=True):
        out: dict[str, Any] = {"id": record.id,
                               "mentions": [codec.mention_json(m) for m in analysis.mentions]}
        if analysis.published is not None and analysis.published.date is not None:
            out["published_inferred"] = analysis.published.date.iso()
        yield out
