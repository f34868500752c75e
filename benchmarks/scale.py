"""Scale out (issue 7): ingest speed and memory on Dask, and adding one article to a large store.

Usage:
  python benchmarks/scale.py ingest [--data DIR] [--limit N] [--modes single,1,2] [--json OUT]
  python benchmarks/scale.py update [--sizes 5000,20000] [--originals N] [--adds 10]
                                    [--trials N] [--workers 2] [--json OUT]

``ingest``: the whole ingest job (read, clean, de-duplicate, analyse, stories, events,
conflicts, SQLite) of the T17 dev articles (``*/InputDocs/<YYYY-MM-DD>/*.txt``, the folder
name as ``--published``; ``--limit`` takes an even sample) into a fresh store, once per
mode: ``single`` (one process, no Dask), ``1`` and ``2`` (``--workers N``: a local Dask
cluster). Each mode runs in a process of its own, started and model loading included,
and this process samples the resident memory of it and of its Dask workers every
``SAMPLE_S``. Printed per mode: seconds, articles/s, words/s (words of the input files),
peak RSS of the main process and of the largest worker, and of all together, CPU seconds
of all its processes and of the main one (reading, de-duplication, linking, writes: on a
shared machine CPU seconds say more than wall time); then whether every mode built the
same store (:func:`dateline.scale.canonical.canonical`).

``update``: how the time to add one article grows with the store. ``--originals`` real
articles (an even sample of T17 and ECB+, the held-out T17 ones excepted; default all)
are analysed once (cached in ``out/``), then written through the real ingest path; the
store is padded to each ``--sizes`` with altered copies: the same article with the
letters of every third word rotated (a different rotation per copy), which keeps the
length and every offset, so the original's analysis is reused, yet shares no word
5-shingle with it, so de-duplication keeps it as an article of its own. The copies join
their original's stories and events, which grow as in a heavily reported war: a
pessimistic padding for the update cost. At each size, ``--adds`` held-out T17 articles
(``--trials``: only the first of them; the held-out set, and so the analysis cache,
stays that of ``--adds``) are added one at a time to a copy of the store as
``benchmarks/store_update.py`` does (a new Ingestor per article, real analysis). The
padded stores are kept in ``out/`` and reused by the next run with the same originals.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import hashlib
import json
import logging
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from dateline import pipeline
from dateline.ingest.dedup import content_hash
from dateline.link.stories import StoryDoc
from dateline.model import Analysis, Article
from dateline.pipeline import Ingestor
from dateline.scale.canonical import canonical
from dateline.scale.dask_run import DaskSpec, ingestor_for
from dateline.settings import Settings
from dateline.store.db import connect

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
# Memory is sampled this often: model loading and batches last seconds, so a peak
# between two samples is missed by little.
SAMPLE_S = 0.25
MB = 1024 * 1024


# -- ingest: one mode per process ------------------------------------------------------

def t17_files(data: Path, limit: int | None) -> list[Path]:
    paths = sorted(data.glob("*/InputDocs/*/*.txt"))
    if limit:
        paths = paths[::max(1, len(paths) // limit)][:limit]
    return paths


def run_mode(mode: str, data: Path, limit: int | None, out: Path) -> None:
    """Ingests the sample in this process (or its cluster); writes figures and the dump."""
    paths = t17_files(data, limit)
    words = sum(len(p.read_text(encoding="utf-8", errors="replace").split()) for p in paths)
    work = Path(tempfile.mkdtemp(prefix="dateline-scale-"))
    settings = Settings(db_path=work / "store.db")
    spec = None if mode == "single" else DaskSpec(workers=int(mode))
    started = time.perf_counter()
    conn = connect(settings.db_path)
    with ingestor_for(conn, settings, spec) as ingestor:
        for path in paths:
            ingestor.ingest_file(path, dataclasses.replace(
                settings, default_published=path.parent.name))
        ingestor.finish()
    seconds = time.perf_counter() - started
    dump = canonical(conn)
    report = ingestor.report
    own = resource.getrusage(resource.RUSAGE_SELF)
    out.write_text(json.dumps({
        "mode": mode, "seconds": seconds, "files": len(paths), "words": words,
        "read": report.read, "new": report.new, "duplicates": report.duplicates,
        "events": report.events, "skipped": len(report.skipped),
        "main_maxrss_mb": own.ru_maxrss / 1024, "main_cpu_s": own.ru_utime + own.ru_stime,
        "tables": {t: hashlib.sha256(repr(rows).encode()).hexdigest()
                   for t, rows in dump.items()},
        "rows": {t: len(rows) for t, rows in dump.items()}}), encoding="utf-8")
    shutil.rmtree(work, ignore_errors=True)


def measure_mode(mode: str, data: Path, limit: int | None) -> dict[str, Any]:
    """Runs one mode in a child process, sampling the memory of it and its workers."""
    import psutil

    out = Path(tempfile.mkstemp(prefix="dateline-scale-", suffix=".json")[1])
    command = [sys.executable, __file__, "_run", mode, "--data", str(data), "--out", str(out)]
    if limit:
        command += ["--limit", str(limit)]
    child = subprocess.Popen(command)
    main = psutil.Process(child.pid)
    peaks: dict[int, float] = {}
    cpu: dict[int, float] = {}  # last CPU seconds seen of each process
    total = 0.0
    while child.poll() is None:
        now = 0.0
        try:
            tree = [main, *main.children(recursive=True)]
        except psutil.NoSuchProcess:
            break
        for proc in tree:
            try:
                rss = proc.memory_info().rss / MB
                times = proc.cpu_times()
            except psutil.NoSuchProcess:
                continue
            peaks[proc.pid] = max(peaks.get(proc.pid, 0.0), rss)
            cpu[proc.pid] = times.user + times.system
            now += rss
        total = max(total, now)
        time.sleep(SAMPLE_S)
    if child.wait() != 0:
        raise SystemExit(f"mode {mode} failed (exit {child.returncode})")
    result: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    out.unlink()
    others = [v for pid, v in peaks.items() if pid != child.pid]
    # the main process's own count is exact; a worker's is its last sample (it stops
    # within SAMPLE_S of it), so the sum is low by at most a fraction of a second
    cpu[child.pid] = max(cpu.get(child.pid, 0.0), result["main_cpu_s"])
    result.update(main_peak_mb=max(peaks.get(child.pid, 0.0), result["main_maxrss_mb"]),
                  worker_peak_mb=max(others, default=0.0), all_peak_mb=total,
                  processes=len(peaks), main_cpu_s=cpu[child.pid],
                  cpu_s=sum(cpu.values()))
    return result


def ingest_main(args: argparse.Namespace) -> dict[str, Any]:
    load = os.getloadavg()
    print(f"load average before: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    results = []
    for mode in args.modes.split(","):
        row = measure_mode(mode, args.data, args.limit)
        results.append(row)
        print(f"{mode:>6}: {row['seconds']:7.1f} s  {row['read'] / row['seconds']:6.2f} "
              f"articles/s  {row['words'] / row['seconds']:7,.0f} words/s  peak RSS main "
              f"{row['main_peak_mb']:,.0f} MB, largest worker {row['worker_peak_mb']:,.0f} "
              f"MB, all {row['all_peak_mb']:,.0f} MB; CPU {row['cpu_s']:,.0f} s (main "
              f"{row['main_cpu_s']:,.0f} s)  ({row['read']} articles, "
              f"{row['words']:,} words, {row['new']} new, {row['duplicates']} duplicates, "
              f"{row['events']:,} events)", flush=True)
    first = results[0]["tables"]
    same = {r["mode"]: [t for t, digest in r["tables"].items() if first[t] != digest]
            for r in results[1:]}
    for mode, differ in same.items():
        print(f"{mode} vs {results[0]['mode']}: "
              + ("same store" if not differ else "DIFFERENT in " + ", ".join(differ)))
    load = os.getloadavg()
    print(f"load average after: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    return {"date": dt.date.today().isoformat(), "limit": args.limit, "modes": results,
            "differences": same}


# -- update: padded stores of growing size ----------------------------------------------

def altered(article: Article, copy: int) -> Article:
    """The article with the letters of every third word rotated: the same length and
    offsets, no word 5-shingle in common with the original or another copy (75 copies:
    25 rotations times 3 choices of which third of the words)."""
    rotation, phase = copy % 25 + 1, (copy // 25) % 3
    words = article.text.split(" ")
    text = " ".join(_rotate(w, rotation) if i % 3 == phase else w
                    for i, w in enumerate(words))
    title = text[:len(article.title)] if article.title else ""
    return dataclasses.replace(article, id=f"{article.id}~{copy}", text=text, title=title,
                               content_hash=content_hash(text))


def _rotate(word: str, by: int) -> str:
    out = []
    for ch in word:
        if "a" <= ch <= "z":
            ch = chr((ord(ch) - 97 + by) % 26 + 97)
        elif "A" <= ch <= "Z":
            ch = chr((ord(ch) - 65 + by) % 26 + 65)
        out.append(ch)
    return "".join(out)


Done = dict[str, tuple[Analysis, StoryDoc]]


def _rekeyed(article_id: str, analysis: Analysis, doc: StoryDoc) -> tuple[Analysis, StoryDoc]:
    return (dataclasses.replace(
        analysis, article_id=article_id,
        mentions=tuple(dataclasses.replace(m, article_id=article_id) for m in analysis.mentions),
        conflicts=tuple(dataclasses.replace(c, article_id=article_id)
                        for c in analysis.conflicts)),
        dataclasses.replace(doc, article_id=article_id))


def fill(db: Path, stream: Iterator[Article], size: int, done: Done,
         settings: Settings) -> None:
    """Writes articles from ``stream`` through the ingest path until the store has ``size``."""
    def ahead(batch: list[Article], _settings: Settings) -> list[tuple[Analysis, StoryDoc]]:
        return [_rekeyed(a.id, *done[a.id.split("~")[0]]) for a in batch]

    real = pipeline.analyze_batch
    pipeline.analyze_batch = ahead
    started = time.perf_counter()
    try:
        conn = connect(db)
        have = int(conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0])
        ingestor = Ingestor(conn, settings)
        while have + ingestor.report.new + ingestor.report.duplicates < size:
            ingestor.add(next(stream))
        ingestor.finish()
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.close()
    finally:
        pipeline.analyze_batch = real
    print(f"  filled {db.name} to {size:,} in {time.perf_counter() - started:.0f} s "
          f"(duplicates among them: {ingestor.report.duplicates})", file=sys.stderr)


def eras(originals: Sequence[Article]) -> Iterator[Article]:
    yield from originals
    copy = 1
    while True:
        for article in originals:
            yield altered(article, copy)
        copy += 1


def update_main(args: argparse.Namespace) -> dict[str, Any]:
    su: Any = _store_update()
    settings = Settings()
    t17 = su.t17_raw(SHARED / "t17-dev")
    held = t17[::max(1, len(t17) // args.adds)][:args.adds]
    held_ids = {r.id for r in held}
    raws = [r for r in t17 if r.id not in held_ids] + su.ecb_raw(
        SHARED / "ecbplus" / "ecbplus_dev.jsonl")
    if args.originals:  # an even sample of T17 and ECB+
        raws = raws[::max(1, len(raws) // args.originals)][:args.originals]
    originals = su.prepared(raws, settings)
    done: Done = su.analysed(originals, settings, args.workers)
    work = Path(tempfile.mkdtemp(prefix="dateline-scale-update-"))
    db, stream = work / "padded.db", eras(originals)
    to_add = su.prepared(held, settings)
    summary: dict[str, Any] = {"date": dt.date.today().isoformat(),
                               "originals": len(originals), "sizes": []}
    connect(work / "warm.db").close()
    su.add_one(work / "warm.db", to_add[0], settings)  # models load outside the timings
    for size in sorted(int(s) for s in args.sizes.split(",")):
        kept = ROOT / "out" / f"scale-padded-{len(originals)}-{size}.db"
        if kept.exists():  # built by an earlier run: its articles are skipped as unchanged
            shutil.copyfile(kept, db)
        fill(db, stream, size, done, settings)
        if not kept.exists():
            shutil.copyfile(db, kept)
        sizes = su.store_size(db)
        rows = []
        for article in to_add[1:][:args.trials]:
            trial = work / "trial.db"
            shutil.copyfile(db, trial)
            rows.append(su.add_one(trial, article, settings))
            trial.unlink()
        figures = {key: (statistics.median(r[key] for r in rows), max(r[key] for r in rows))
                   for key in ("add_s", "update_s", "analysis_s", "open_s")}
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"{sizes['articles']:,} articles ({sizes['events']:,} events, "
              f"{sizes['stories']:,} stories): add median {figures['add_s'][0]:.3f} s max "
              f"{figures['add_s'][1]:.3f} s; update of stories/events/conflicts median "
              f"{figures['update_s'][0]:.3f} s max {figures['update_s'][1]:.3f} s; open the "
              f"store median {figures['open_s'][0]:.2f} s; peak RSS of this process so far "
              f"{rss:,.0f} MB", flush=True)
        summary["sizes"].append({"store": sizes, "figures": figures, "maxrss_mb": rss,
                                 "per_add": rows})
    shutil.rmtree(work, ignore_errors=True)
    return summary


def _store_update() -> Any:
    """benchmarks/store_update.py, whose store and add helpers this harness reuses."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import store_update

    return store_update


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    ingest = sub.add_parser("ingest")
    ingest.add_argument("--data", type=Path, default=SHARED / "t17-dev")
    ingest.add_argument("--limit", type=int, default=None)
    ingest.add_argument("--modes", default="single,1,2")
    ingest.add_argument("--json", type=Path, default=None)
    update = sub.add_parser("update")
    update.add_argument("--sizes", default="5000,20000")
    update.add_argument("--originals", type=int, default=None)
    update.add_argument("--adds", type=int, default=10)
    update.add_argument("--workers", type=int, default=2)
    update.add_argument("--trials", type=int, default=None,
                        help="add only the first N held-out articles (default: all)")
    update.add_argument("--json", type=Path, default=None)
    one = sub.add_parser("_run")  # a mode of `ingest`, in its own process
    one.add_argument("mode")
    one.add_argument("--data", type=Path, required=True)
    one.add_argument("--limit", type=int, default=None)
    one.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.ERROR)
    if args.command == "_run":
        run_mode(args.mode, args.data, args.limit, args.out)
        return 0
    summary = ingest_main(args) if args.command == "ingest" else update_main(args)
    if args.json:
        args.json.write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
