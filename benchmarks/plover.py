"""Event typing on PLOVER sentences: k-fold cross-validation, or the committed model as is.

Usage: python benchmarks/plover.py [--data PATH] [--folds 5] [--json] [--jobs N]
                                  [--save-probs NPZ] [--cache DIR] [--set NAME=VALUE ...]
       python benchmarks/plover.py --model [DIR] [--data PATH] [--plain] [--json]

Without ``--model``, runs stratified k-fold cross-validation (folds seeded by
``TrainConfig.seed``) with the training code of ``training/train_plover.py``
(``dateline.analyze.eventtype_train``): each member of the ensemble is trained per fold on
the other folds and types the fold's sentences with source and target marked and plain;
the members' probabilities are averaged. Prints accuracy and macro F1 of the ensemble in
the views marked, plain and both (the two averaged), and of each member alone
(``marked/m0``), the per-label precision/recall/F1 tables of the marked and plain views,
and timing. Example: ``python benchmarks/plover.py --jobs 2 --json > cv.json`` (10 trainings,
~60 minutes on 2 cores). ``--set epochs=12`` changes a training setting for an experiment;
the committed model always uses the defaults of ``TrainConfig``. ``--cache DIR`` writes each
fold's result as soon as it is trained and reuses those of the same data and settings, so
a run stopped on a busy machine resumes where it stopped.

With ``--model`` (default: the committed src/dateline/analyze/models), trains nothing and
scores that model on the TSV, e.g. a held-out set:
``python benchmarks/plover.py --model --data heldout.tsv`` (``--plain`` ignores the roles).
The TSV needs the columns sentence, source, target and gold_root. ``--json`` prints the
figures as JSON instead (progress goes to stderr).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

from dateline.analyze.eventtype import MODEL_DIR, load
from dateline.analyze.eventtype_train import (
    VIEWS,
    CVReport,
    Example,
    Figures,
    config_with,
    held_out,
    read_tsv,
    report_for,
    score,
)
from dateline.errors import DatelineError

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "plover" / "plover_dev.tsv"


@dataclass(frozen=True)
class ModelRun:
    """Figures of a saved model on one TSV."""

    view: str
    figures: Figures
    sentences: int
    sentences_per_second: float


def run_model(examples: list[Example], model_dir: Path, plain: bool) -> ModelRun:
    """Scores the saved model on the examples, with timing (model load excluded)."""
    typer = load(model_dir)
    start = time.perf_counter()
    predictions = typer.predict([e.sentence for e in examples],
                                None if plain else [e.source for e in examples],
                                None if plain else [e.target for e in examples])
    seconds = time.perf_counter() - start
    labels = sorted(set(typer.labels) | {e.label for e in examples})
    figures = score([e.label for e in examples], [p.label for p in predictions], labels)
    return ModelRun("plain" if plain else "marked", figures, len(examples),
                    len(examples) / seconds)


def format_figures(name: str, figures: Figures) -> str:
    return f"{name:<9} accuracy={figures.accuracy:.3f}  macro F1={figures.macro_f1:.3f}"


def format_table(figures: Figures) -> list[str]:
    lines = [f"{'label':<10} {'P':>6} {'R':>6} {'F1':>6} {'n':>5}"]
    for label, row in figures.per_label.items():
        lines.append(f"{label:<10} {row['precision']:6.3f} {row['recall']:6.3f} "
                     f"{row['f1']:6.3f} {int(row['support']):5d}")
    return lines


def print_cv(report: CVReport) -> None:
    for view, figures in report.figures.items():
        print(format_figures(view, figures))
    for view in VIEWS[:2]:
        print(f"\nper label ({view} view):")
        print("\n".join(format_table(report.figures[view])))
    per_model = ", ".join(f"{s:.0f}" for s in report.train_seconds)
    print(f"\ntraining seconds per model (fold x member): {per_model}; "
          f"inference: {report.sentences_per_second:.0f} sentences/s (all members)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="The TSV to use.")
    parser.add_argument("--folds", type=int, default=5, help="Folds for cross-validation.")
    parser.add_argument("--json", action="store_true", help="Print the figures as JSON.")
    parser.add_argument("--plain", action="store_true",
                        help="With --model: type the plain sentences (ignore source and target).")
    parser.add_argument("--set", action="append", default=[], metavar="NAME=VALUE",
                        help="Override a TrainConfig field for an experiment (epochs=12).")
    parser.add_argument("--jobs", type=int, default=1,
                        help="Train this many models at once, one process and thread each.")
    parser.add_argument("--save-probs", type=Path, metavar="NPZ",
                        help="Also write the out-of-fold probabilities (members x sentences "
                             "x labels, per view) to this .npz file.")
    parser.add_argument("--cache", type=Path, metavar="DIR",
                        help="Keep each fold's trained result here as it finishes, and reuse "
                             "the ones of the same data and settings: a stopped run resumes.")
    parser.add_argument("--model", type=Path, nargs="?", const=MODEL_DIR, default=None,
                        metavar="DIR", help="Score this saved model; train nothing.")
    args = parser.parse_args()
    if not args.data.is_file():
        sys.exit(f"{args.data}: no such file; pass --data a TSV with sentence, source, "
                 f"target and gold_root columns")
    try:
        examples = read_tsv(args.data)
        if args.model is not None:
            _print_model(run_model(examples, args.model, args.plain), args.json)
            return
        config = config_with(args.set)
        held = held_out(examples, config, args.folds, jobs=args.jobs,
                        progress=lambda line: print(line, file=sys.stderr), cache=args.cache)
        report = report_for(examples, config, args.folds, held)
        if args.save_probs:
            np.savez_compressed(args.save_probs, allow_pickle=False,
                                labels=np.array(held.labels),
                                **held.probs)
    except DatelineError as exc:
        sys.exit(str(exc))
    if args.json:
        print(json.dumps(asdict(report), indent=2))
    else:
        print_cv(report)


def _print_model(run: ModelRun, as_json: bool) -> None:
    if as_json:
        print(json.dumps(asdict(run), indent=2))
        return
    print(format_figures(run.view, run.figures))
    print("\n".join(format_table(run.figures)))
    print(f"\n{run.sentences} sentences at {run.sentences_per_second:.0f} sentences/s "
          f"(model load excluded)")


if __name__ == "__main__":
    main()
