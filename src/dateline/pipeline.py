"""The ingest job: read -> prepare -> de-duplicate -> analyze -> link -> store.

Each article is written in one transaction together with its mentions and the events they
update, so an interrupted run leaves whole articles or none. The analysis of a batch
(:func:`analyze_batch`) is a pure function of its articles, so it can run elsewhere (see
:mod:`dateline.scale.dask_run`) while the writes stay here, in input order.
"""

from __future__ import annotations

import functools
import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from dateline.analyze.article import analyze_articles
from dateline.errors import Skip
from dateline.ingest.dedup import NearDuplicateIndex
from dateline.ingest.prepare import prepare
from dateline.ingest.sources import iter_files, read_documents
from dateline.link import story_store
from dateline.link.events import link_mentions
from dateline.link.stories import StoryDoc, story_docs
from dateline.model import Analysis, Article
from dateline.settings import Settings
from dateline.store import repo
from dateline.store.db import transaction

# Articles are analysed in batches: spaCy is faster on batches, and a batch is small
# enough that an interruption loses little work.
FLUSH_EVERY = 32
# torch computes the MiniLM passes (event typing, story leads) with this many threads.
# One: with two, the idle thread spin-waits, and on 2 cores shared with any other job
# the ingest ran 2.7x slower (100 T17 articles, load 7.5: 103 s wall / 68 CPU s against
# 37.6 s / 24.4 CPU s with one); on the idle machine one thread was no slower end to
# end (298 articles: 213.6 s single process vs 199.7 s on one one-thread worker). A run
# that wants both cores uses --workers 2. The thread count changes no result.
TORCH_THREADS = 1


@dataclass
class IngestReport:
    """What an ingest run did, for the summary line and the exit status."""

    read: int = 0
    new: int = 0
    duplicates: int = 0
    unchanged: int = 0
    events: int = 0
    skipped: list[Skip] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # "<origin>: only the first ... analysed"


Progress = Callable[[int, int], None]  # (files done, files in all)
Pending = list[tuple[Article, bytes]]  # articles queued for analysis, with their signatures


def analyze_batch(articles: list[Article], settings: Settings) -> list[tuple[Analysis, StoryDoc]]:
    """The per-article work of a batch: analyses and what story clustering reads of each.

    Depends on nothing but the articles and the settings (no store), so a worker process
    can run it; the result is the same wherever it runs.
    """
    _compute_threads()
    analyses = list(analyze_articles(articles, settings))
    docs = story_docs(list(zip(articles, analyses, strict=True)))
    return list(zip(analyses, docs, strict=True))


@functools.cache
def _compute_threads() -> None:
    import torch

    torch.set_num_threads(TORCH_THREADS)


def body_of(article: Article) -> str:
    """The text without its headline: syndicated copies often retitle a story."""
    if article.title and article.text.startswith(article.title):
        return article.text[len(article.title):]
    return article.text


class Ingestor:
    """Runs the per-article stages and writes their results to one store."""

    def __init__(self, conn: sqlite3.Connection, settings: Settings) -> None:
        self.conn = conn
        self.settings = settings
        self.report = IngestReport()
        self._index = NearDuplicateIndex(settings)
        for article_id, signature in repo.signatures(conn):
            self._index.add(article_id, signature)
        self._pending: Pending = []
        self._ids: set[str] = set()  # queued, being analysed or written in this run
        self._hashes: dict[str, str] = {}
        self._stories = story_store.load_index(conn)
        self._stories_changed = False

    def ingest_paths(self, paths: Iterable[Path | str], progress: Progress | None = None) -> None:
        """Ingests files, folders and (``str``) URLs."""
        items = list(iter_files(paths))
        for done, item in enumerate(items, start=1):
            if isinstance(item, Skip):
                self.report.skipped.append(item)
            else:
                self.ingest_file(item)
            if progress is not None:
                self._after(functools.partial(progress, done, len(items)))
        self.finish()

    def finish(self) -> None:
        """Analyses what is queued and snapshots the story index for the next run."""
        self.flush()
        if self._stories_changed and story_store.backlog(
                self.conn) >= story_store.SNAPSHOT_EVERY:
            with transaction(self.conn):
                story_store.save_index(self.conn, self._stories)
        self._stories_changed = False
        # all is written: the store answers for these now, and a long `watch` stays small
        self._ids.clear()
        self._hashes.clear()

    def ingest_file(self, path: Path | str, settings: Settings | None = None) -> None:
        """Reads one file or URL; ``settings`` overrides the run's (e.g. its own --published)."""
        settings = settings or self.settings
        for doc in read_documents(path, settings):
            if isinstance(doc, Skip):
                self.report.skipped.append(doc)
                continue
            self.report.read += 1
            try:
                self.add(prepare(doc, settings))
            except Skip as skip:
                self.report.skipped.append(skip)

    def add(self, article: Article) -> None:
        """Queues a new article for analysis, or records it as a copy of one we have."""
        if article.id in self._ids or repo.article_exists(self.conn, article.id):
            self.report.unchanged += 1
            return
        self._ids.add(article.id)
        signature = self._index.signature(body_of(article))
        original = self._hashes.get(article.content_hash) or repo.original_by_hash(
            self.conn, article.content_hash
        )
        similarity = 1.0
        if original is None:
            near = self._index.find(signature)
            if near is not None:
                original, similarity = near
        if original is not None:
            self.flush()  # the original may still be pending
            self._after(functools.partial(self._write_copy, article, original, similarity))
            return
        self._index.add(article.id, signature)
        self._hashes[article.content_hash] = article.id
        self._pending.append((article, signature))
        if len(self._pending) >= FLUSH_EVERY:
            self.flush()

    def flush(self) -> None:
        """Sends the queued articles to analysis; their results are written in order."""
        pending, self._pending = self._pending, []
        if pending:
            self._submit(pending)

    def _submit(self, pending: Pending) -> None:
        """Analyses a batch and writes it (here, now; a distributed run defers the write)."""
        self._write_batch(pending, analyze_batch([a for a, _ in pending], self.settings))

    def _after(self, step: Callable[[], None]) -> None:
        """Runs ``step`` once every batch sent before it is written (here: at once)."""
        step()

    def _write_copy(self, article: Article, original: str, similarity: float) -> None:
        with transaction(self.conn):
            repo.insert_article(self.conn, article, None, original, round(similarity, 3))
            story_store.join_copy(self.conn, article.id, original)
        self.report.duplicates += 1

    def _write_batch(self, pending: Pending, results: list[tuple[Analysis, StoryDoc]]) -> None:
        """Writes each article with its analysis and events, one transaction each."""
        for (article, signature), (analysis, doc) in zip(pending, results, strict=True):
            self.report.notes.extend(f"{article.origin}: {note}" for note in analysis.notes)
            if analysis.published is not None:  # dated from its own text
                article = replace(article, published=analysis.published)
            with transaction(self.conn):
                repo.insert_article(self.conn, article, signature)
                repo.insert_analysis(self.conn, analysis)
                repo.insert_conflicts(self.conn, analysis)
                story = story_store.place(self.conn, self._stories, doc)
                self.report.events += link_mentions(self.conn, analysis.mentions, self.settings,
                                                    story)
                story_store.bridge(self.conn, self._stories, article.id, story, doc.published)
            self._stories_changed = True
            self.report.new += 1
