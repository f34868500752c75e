"""The analyze stage on several cores: article chunks go to worker processes, results come
back in input order. One process (the default) needs none of this."""

from __future__ import annotations

import itertools
import multiprocessing
import os
from collections.abc import Iterable, Iterator

from dateline.analyze.article import ARTICLE_CHUNK, analyze_articles
from dateline.model import Analysis, Article
from dateline.settings import Settings

_settings: Settings | None = None


def _init(settings: Settings) -> None:
    global _settings
    _settings = settings
    # one compute thread per worker: the workers already use every core
    os.environ["OMP_NUM_THREADS"] = "1"
    os.environ["MKL_NUM_THREADS"] = "1"
    import torch

    torch.set_num_threads(1)


def _work(chunk: list[Article]) -> list[Analysis]:
    assert _settings is not None
    return list(analyze_articles(chunk, _settings))


def analyze_parallel(articles: Iterable[Article], settings: Settings,
                     workers: int) -> Iterator[Analysis]:
    """Like :func:`analyze_articles`, spread over ``workers`` processes.

    Workers are spawned (not forked), so each loads its own models and no thread pool of
    the parent is copied half-initialised.
    """
    if workers <= 1:
        yield from analyze_articles(articles, settings)
        return
    pending = iter(articles)
    chunks = iter(lambda: list(itertools.islice(pending, ARTICLE_CHUNK // 4 or 1)), [])
    context = multiprocessing.get_context("spawn")
    with context.Pool(workers, initializer=_init, initargs=(settings,)) as pool:
        for results in pool.imap(_work, chunks):
            yield from results
