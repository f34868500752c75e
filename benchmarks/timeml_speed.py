"""Speed of the temporal stage alone: find_times over every sentence of a TimeML corpus.

Usage: python benchmarks/timeml_speed.py [--data DIR] [--repeat N]

The documents are read and split into sentences before timing (that is the harness's
work, not the engine's); then find_times runs once per sentence with the DCT as anchor,
on one core, after one warm-up pass that compiles the patterns. Prints sentences/s and
characters/s of the best of N runs. Target: at least 5,000 sentences/s.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from dateline.analyze.light import sentences
from dateline.analyze.temporal import Tense, find_times
from dateline.evaluate.timeml import read_timeml

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "timeml"
TARGET = 5_000  # sentences/s


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    if not args.data.is_dir():
        sys.exit(f"{args.data}: no such folder; pass --data with a folder of .tml files")
    work = []
    for path in sorted(args.data.rglob("*.tml")):
        doc = read_timeml(path)
        work.extend((sentence, doc.dct) for _, sentence in sentences(doc.text))
    for sentence, anchor in work:  # warm-up: compiles the patterns once
        find_times(sentence, anchor, Tense.PAST)
    best = float("inf")
    for _ in range(args.repeat):
        start = time.perf_counter()
        for sentence, anchor in work:
            find_times(sentence, anchor, Tense.PAST)
        best = min(best, time.perf_counter() - start)
    chars = sum(len(s) for s, _ in work)
    rate = len(work) / best
    print(f"{len(work)} sentences, {chars:,} characters in {best:.3f} s: "
          f"{rate:,.0f} sentences/s, {chars / best / 1e6:.2f} M chars/s "
          f"(target {TARGET:,} sentences/s: {'met' if rate >= TARGET else 'NOT met'})")


if __name__ == "__main__":
    main()
