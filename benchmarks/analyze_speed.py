"""Analyze-stage speed on T17: Dateline's whole analyze stage against spaCy's full pipeline.

Usage: python benchmarks/analyze_speed.py [--data DIR] [--limit N] [--workers 2] [--json OUT]

Reads every article of ../shared/data/t17-dev (``*/InputDocs/*/*.txt``; the folder name is
the publication date), then times, side by side in one run on the same texts:

- spaCy alone: ``en_core_web_sm``'s full pipeline (tok2vec, tagger, parser, lemmatizer,
  NER) over every whole text, ``nlp.pipe(n_process=workers)``;
- Dateline: :func:`dateline.analyze.parallel.analyze_parallel` with the same number of
  processes: sentence split, dates, the parse of the sentences that may hold an event,
  event typing, roles, places, counts and modality. Overlong pages are cut at
  ``Settings.max_analysis_chars`` with a warning, as in the product.

Both figures include each process's model loading. Prints words/s and articles/s of each
and their ratio (> 1: Dateline is faster); ``--limit`` takes an even sample for a quick look.
Beside wall time it prints the CPU seconds each side spent (this process and its worker
processes), a figure that another job on the machine disturbs far less than wall time.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import logging
import resource
import time
from pathlib import Path

from dateline.analyze.parallel import analyze_parallel
from dateline.model import Article, DateSource, FuzzyDate, Precision, PubDate
from dateline.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "t17-dev"


def load_articles(data: Path, limit: int | None) -> list[Article]:
    paths = sorted(data.glob("*/InputDocs/*/*.txt"))
    if limit:
        step = max(1, len(paths) // limit)
        paths = paths[::step][:limit]
    articles = []
    for path in paths:
        text = path.read_text(encoding="utf-8", errors="replace")
        day = dt.date.fromisoformat(path.parent.name)
        articles.append(Article(
            id=f"{path.parts[-4]}/{path.parent.name}/{path.name}", origin=str(path), text=text,
            title="", url=None, outlet=path.parts[-4].split("_")[-1],
            published=PubDate(FuzzyDate(day, Precision.DAY), DateSource.USER),
            content_hash=hashlib.sha256(text.encode()).hexdigest()))
    return articles


def cpu_seconds() -> float:
    """CPU time of this process and of its finished children, user + system."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def time_spacy(texts: list[str], model: str, workers: int) -> float:
    import spacy

    start = time.perf_counter()
    pipeline = spacy.load(model)
    pipeline.max_length = max(pipeline.max_length, max(len(t) for t in texts) + 1)
    done = sum(1 for _ in pipeline.pipe(texts, batch_size=32, n_process=workers))
    assert done == len(texts)
    return time.perf_counter() - start


def time_dateline(articles: list[Article], workers: int) -> tuple[float, int, int]:
    start = time.perf_counter()
    mentions = sentences = 0
    for analysis in analyze_parallel(articles, Settings(), workers):
        mentions += len(analysis.mentions)
        sentences += len(analysis.sentences)
    return time.perf_counter() - start, sentences, mentions


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(message)s")
    articles = load_articles(args.data, args.limit)
    words = sum(len(a.text.split()) for a in articles)
    print(f"{len(articles)} articles, {words:,} words, {args.workers} processes")
    cpu = cpu_seconds()
    ours, sentences, mentions = time_dateline(articles, args.workers)
    ours_cpu, cpu = cpu_seconds() - cpu, cpu_seconds()
    print(f"dateline     {ours:8.1f} s  {words / ours:8,.0f} words/s  "
          f"{len(articles) / ours:6.2f} articles/s  ({sentences:,} sentences, "
          f"{mentions:,} mentions)")
    alone = time_spacy([a.text for a in articles], Settings().spacy_model, args.workers)
    alone_cpu = cpu_seconds() - cpu
    print(f"spaCy alone  {alone:8.1f} s  {words / alone:8,.0f} words/s  "
          f"{len(articles) / alone:6.2f} articles/s")
    print(f"CPU seconds: dateline {ours_cpu:.1f}, spaCy alone {alone_cpu:.1f} "
          f"(ratio {alone_cpu / ours_cpu:.2f})")
    print(f"ratio (spaCy time / Dateline time): {alone / ours:.2f}")
    if args.json:
        args.json.write_text(json.dumps({
            "articles": len(articles), "words": words, "workers": args.workers,
            "dateline_s": ours, "spacy_s": alone, "ratio": alone / ours,
            "dateline_cpu_s": ours_cpu, "spacy_cpu_s": alone_cpu,
            "cpu_ratio": alone_cpu / ours_cpu}, indent=2))


if __name__ == "__main__":
    main()
