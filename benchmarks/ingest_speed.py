"""Ingest speed: articles/s of the whole ingest job on the example corpus and the seeds.

Usage: python benchmarks/ingest_speed.py [--repeat N] [--seeds DIR] [--corpus DIR]

Each run ingests into a fresh temporary store after one warm-up (the spaCy model is loaded
before timing, since that cost is paid once per process). Prints one line per input set
and the spaCy-pipeline-alone figure on the same raw texts as the floor to compare with
(the ingest analyses cleaned texts and skips duplicates, so it can beat that floor).
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from dateline.analyze import nlp
from dateline.ingest.sources import iter_files, read_text
from dateline.pipeline import Ingestor
from dateline.settings import Settings
from dateline.store.db import connect

ROOT = Path(__file__).resolve().parents[1]


def time_ingest(paths: list[Path], published: str | None) -> tuple[float, int]:
    with tempfile.TemporaryDirectory() as tmp:
        settings = replace(Settings(), db_path=Path(tmp) / "b.db", default_published=published)
        conn = connect(settings.db_path)
        start = time.perf_counter()
        ingestor = Ingestor(conn, settings)
        ingestor.ingest_paths(paths)
        elapsed = time.perf_counter() - start
        conn.close()
        return elapsed, ingestor.report.read


def time_spacy_alone(paths: list[Path]) -> float:
    texts = [read_text(p, 10**9) for p in iter_files(paths) if isinstance(p, Path)]
    import spacy

    pipeline = spacy.load(Settings().spacy_model)
    start = time.perf_counter()
    parsed = sum(1 for _ in pipeline.pipe(texts, batch_size=32))
    assert parsed == len(texts)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--corpus", type=Path, default=ROOT / "examples" / "corpus")
    parser.add_argument("--seeds", type=Path, default=ROOT.parent / "shared" / "seeds")
    args = parser.parse_args()
    nlp.load(Settings().spacy_model)  # warm-up: model load is a once-per-process cost
    sets = [("example corpus", [args.corpus], None), ("seeds", [args.seeds], "2026-02-15")]
    for name, paths, published in sets:
        if not all(p.exists() for p in paths):
            print(f"{name}: not found, skipped")
            continue
        runs = [time_ingest(paths, published) for _ in range(args.repeat)]
        seconds = statistics.median(r[0] for r in runs)
        count = runs[0][1]
        alone = statistics.median(time_spacy_alone(paths) for _ in range(args.repeat))
        print(f"{name}: {count} articles, median {seconds:.3f} s over {args.repeat} runs, "
              f"{count / seconds:.1f} articles/s (spaCy pipeline alone: "
              f"{count / alone:.1f} articles/s)")


if __name__ == "__main__":
    main()
