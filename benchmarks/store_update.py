"""How long adding one article takes when the store already holds thousands.

Usage: python benchmarks/store_update.py [--size 5000] [--adds 20] [--store FILE]
                                         [--workers 2] [--json OUT]

Builds (once; reused while it holds ``--size`` articles) a store of real news: the
articles of ../shared/data/t17-dev and ../shared/data/ecbplus that pass ingest, and, when
these are fewer than ``--size``, syndicated copies of some of them (a new headline and a
credit line, as wires send them) until the store holds exactly ``--size`` articles.
``--adds`` T17 articles are held out of the build. Building analyses the originals on
``--workers`` processes first (cached in out/, shared with ``scale.py update`` when both
hold out the same articles), then writes everything through the real ingest path
(de-duplication, stories, event linking, disputes); only the analysis is done ahead.

Then each held-out article is added on its own, as ``dateline ingest ONE_FILE`` would add
it: a new :class:`~dateline.pipeline.Ingestor` on the store (loading the story index and
the near-duplicate index), ``add`` and ``finish`` (analysis, story placement, event
linking and disputes, one transaction, and the story index snapshot). Printed per add:
the seconds of the add itself (``add`` + ``finish``), split into the per-article work that
does not depend on the store (the analysis and the MiniLM embedding of the lead that story
clustering reads) and the update of stories, events and conflicts (placing the article,
linking its mentions, disputes, the story-index snapshot when due: what grows with the
store, the acceptance figure), and of opening the store; then medians and maxima. Models
are loaded before the first timed add (a long-running ingest loads them once).
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import logging
import pickle
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from dateline import pipeline
from dateline.analyze.parallel import analyze_parallel
from dateline.errors import Skip
from dateline.ingest.prepare import prepare
from dateline.link.stories import StoryDoc, story_docs
from dateline.model import Analysis, Article, RawDocument
from dateline.pipeline import Ingestor
from dateline.settings import Settings
from dateline.store.db import connect

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"


def t17_raw(data: Path) -> list[RawDocument]:
    return [RawDocument(origin=str(p), text=p.read_text(encoding="utf-8", errors="replace"),
                        id="t17/" + "/".join(p.parts[-4:]), outlet=p.parts[-4].split("_")[-1],
                        published=p.parent.name)
            for p in sorted(data.glob("*/InputDocs/*/*.txt"))]


def ecb_raw(path: Path) -> list[RawDocument]:
    out = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        row = json.loads(line)
        out.append(RawDocument(origin=f"{path}:{n}", text=row["text"], id="ecb/" + row["id"],
                               published=row.get("published")))
    return out


def copies(raws: Sequence[RawDocument], count: int) -> list[RawDocument]:
    """Syndicated copies: another headline and a credit line, the body unchanged."""
    step = max(1, len(raws) // max(1, count))
    return [RawDocument(origin=r.origin + "#copy", id=f"copy/{n}/{r.id}",
                        text="Wire copy: " + (r.text or "") + "\n\n(Distributed by a wire.)",
                        outlet="Wire Service", published=r.published)
            for n, r in enumerate(list(raws[::step])[:count])]


def prepared(raws: Sequence[RawDocument], settings: Settings) -> list[Article]:
    out = []
    for raw in raws:
        try:
            out.append(prepare(raw, settings))
        except Skip:
            continue
    return out


Done = dict[str, tuple[Analysis, StoryDoc]]


def analysed(originals: Sequence[Article], settings: Settings, workers: int) -> Done:
    """Each original's analysis and story features, computed once and cached in out/ (this
    harness and ``scale.py update`` share the cache when they hold out the same articles)."""
    key = hashlib.sha1("\n".join(a.id + a.content_hash for a in originals).encode())
    cache = ROOT / "out" / f"scale-analyses-{key.hexdigest()[:10]}.pkl"
    if cache.exists():
        with cache.open("rb") as f:
            found: Done = pickle.load(f)
        return found
    started = time.perf_counter()
    analyses = list(analyze_parallel(originals, settings, workers))
    docs = story_docs(list(zip(originals, analyses, strict=True)))
    done = {a.id: (an, d) for a, an, d in zip(originals, analyses, docs, strict=True)}
    print(f"  analysed {len(originals):,} originals in {time.perf_counter() - started:.0f} s",
          file=sys.stderr)
    cache.parent.mkdir(parents=True, exist_ok=True)
    with cache.open("wb") as f:
        pickle.dump(done, f)
    return done


def build(db: Path, originals: Sequence[Article], padding: Sequence[Article],
          settings: Settings, workers: int) -> None:
    """Writes the originals, then the syndicated copies, through the real ingest path; the
    originals' analyses come from :func:`analysed` (a copy found to be no duplicate is
    analysed when written)."""
    started = time.perf_counter()
    done = analysed(originals, settings, workers)
    real = pipeline.analyze_batch

    def ahead(batch: list[Article], settings: Settings) -> list[tuple[Analysis, StoryDoc]]:
        missing = [a for a in batch if a.id not in done]
        done.update(zip((a.id for a in missing), real(missing, settings), strict=True))
        return [done[a.id] for a in batch]

    pipeline.analyze_batch = ahead
    try:
        conn = connect(db)
        ingestor = Ingestor(conn, settings)
        for n, article in enumerate([*originals, *padding], 1):
            ingestor.add(article)
            if n % 500 == 0:
                print(f"  stored {n:,}/{len(originals) + len(padding):,} "
                      f"({time.perf_counter() - started:.0f} s)", file=sys.stderr)
        ingestor.finish()
        conn.close()
    finally:
        pipeline.analyze_batch = real
    print(f"built {db} in {time.perf_counter() - started:.0f} s", file=sys.stderr)


def store_size(db: Path) -> dict[str, int]:
    conn = connect(db, create=False)
    sizes = {table: int(conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])
             for table in ("articles", "events", "mentions", "stories", "conflicts")}
    conn.close()
    return sizes


def add_one(db: Path, article: Article, settings: Settings) -> dict[str, Any]:
    """Adds one article as a one-file ingest does; the analysis is timed apart."""
    real = pipeline.analyze_articles  # type: ignore[attr-defined]
    real_docs = pipeline.story_docs  # type: ignore[attr-defined]
    spent = [0.0]

    def timed(batch: Sequence[Article], settings: Settings) -> Iterator[Analysis]:
        start = time.perf_counter()
        found = list(real(batch, settings))
        spent[0] += time.perf_counter() - start
        return iter(found)

    def timed_docs(pairs: Sequence[tuple[Article, Analysis]]) -> list[StoryDoc]:
        start = time.perf_counter()
        found: list[StoryDoc] = real_docs(pairs)
        spent[0] += time.perf_counter() - start
        return found

    opened = time.perf_counter()
    conn = connect(db, create=False)
    ingestor = Ingestor(conn, settings)
    started = time.perf_counter()
    pipeline.analyze_articles = timed  # type: ignore[attr-defined,assignment]
    pipeline.story_docs = timed_docs  # type: ignore[attr-defined]
    try:
        ingestor.add(article)
        ingestor.finish()
    finally:
        pipeline.analyze_articles = real  # type: ignore[attr-defined]
        pipeline.story_docs = real_docs  # type: ignore[attr-defined]
    done = time.perf_counter()
    conn.close()
    return {"id": article.id, "words": len(article.text.split()), "open_s": started - opened,
            "add_s": done - started, "analysis_s": spent[0],
            "update_s": done - started - spent[0], "new": ingestor.report.new,
            "duplicates": ingestor.report.duplicates, "events": ingestor.report.events}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=5000)
    parser.add_argument("--adds", type=int, default=20)
    parser.add_argument("--store", type=Path, default=None,
                        help="the store to build or reuse (default out/bench-SIZE.db)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--json", type=Path, default=None, metavar="OUT")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.ERROR)
    settings = Settings()
    db = args.store or ROOT / "out" / f"bench-{args.size}.db"
    t17 = t17_raw(SHARED / "t17-dev")
    held = t17[::max(1, len(t17) // args.adds)][:args.adds]
    held_ids = {r.id for r in held}
    rest = [r for r in t17 if r.id not in held_ids]
    if not db.exists() or store_size(db)["articles"] < args.size:
        db.parent.mkdir(parents=True, exist_ok=True)
        for suffix in ("", "-wal", "-shm"):
            Path(str(db) + suffix).unlink(missing_ok=True)
        originals = prepared(rest + ecb_raw(SHARED / "ecbplus" / "ecbplus_dev.jsonl"),
                             settings)[:args.size]
        # padded after preparing, so that exactly --size articles reach the store
        # (a few more copies are made than needed: some wire texts do not pass ingest)
        need = args.size - len(originals)
        padding = prepared(copies(rest, need + need // 50 + 10), settings)[:need]
        build(db, originals, padding, settings, args.workers)
    sizes = store_size(db)
    if sizes["articles"] != args.size:
        print(f"note: the store holds {sizes['articles']:,} articles, not {args.size:,}",
              file=sys.stderr)
    print(f"store {db}: " + ", ".join(f"{v:,} {k}" for k, v in sizes.items()))
    # the adds go to a copy, so the built store stays as built and the run can be repeated
    work = Path(tempfile.mkdtemp(prefix="dateline-update-")) / "store.db"
    checkpoint = connect(db, create=False)
    checkpoint.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    checkpoint.close()
    shutil.copyfile(db, work)
    db = work
    warm = add_one(db, prepared([held[0]], settings)[0], settings)  # loads the models
    print(f"warm-up add (models loading): {warm['add_s']:.2f} s")
    results = []
    for article in prepared(held[1:], settings):
        row = add_one(db, article, settings)
        results.append(row)
        print(f"{row['id']} ({row['words']:,} words): add {row['add_s']:.3f} s = per-article "
              f"{row['analysis_s']:.3f} s + stories/events/conflicts {row['update_s']:.3f} s; "
              f"open {row['open_s']:.3f} s; new events {row['events']}")
    summary: dict[str, Any] = {"store": sizes, "adds": len(results),
                               "date": dt.date.today().isoformat()}
    for key in ("add_s", "analysis_s", "update_s", "open_s"):
        values = [r[key] for r in results]
        summary[key.replace("_s", "_median_s")] = statistics.median(values)
        summary[key.replace("_s", "_max_s")] = max(values)
    if args.json:
        args.json.write_text(json.dumps({**summary, "per_add": results}, indent=2) + "\n",
                             encoding="utf-8")
    print(f"add one article to {sizes['articles']:,}: median {summary['add_median_s']:.3f} s "
          f"(per-article {summary['analysis_median_s']:.3f} s, stories/events/conflicts "
          f"{summary['update_median_s']:.3f} s), max {summary['add_max_s']:.3f} s "
          f"(update max {summary['update_max_s']:.3f} s); open the store: median "
          f"{summary['open_median_s']:.3f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
