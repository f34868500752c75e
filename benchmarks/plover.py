"""Event typing on PLOVER sentences: k-fold cross-validation, or the committed model as is.

Usage: python benchmarks/plover.py [--data PATH] [--folds 5] [--json] [--plain] [--model [DIR]]
                                  [--set NAME=VALUE ...]

Without ``--model``, runs stratified k-fold cross-validation with the training code of
``training/train_plover.py`` (``dateline.analyze.eventtype_train``): each fold trains a model
on the other folds and types its held-out sentences with source and target marked, as
plain sentences, and both ways averaged. Prints accuracy and macro F1 of the three views,
the per-label table of the marked view (of the plain one with ``--plain``) and timing.
5 folds take 20-30 minutes on 2 cores. ``--set epochs=12`` changes a training setting for
an experiment; the committed model always uses the defaults of ``TrainConfig``.

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
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path

from dateline.analyze.eventtype import MODEL_DIR, load
from dateline.analyze.eventtype_train import (
    VIEWS,
    CVReport,
    Example,
    Figures,
    TrainConfig,
    cross_validate,
    read_tsv,
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
    return f"{name:<7} accuracy={figures.accuracy:.3f}  macro F1={figures.macro_f1:.3f}"


def format_table(figures: Figures) -> list[str]:
    lines = [f"{'label':<10} {'P':>6} {'R':>6} {'F1':>6} {'n':>5}"]
    for label, row in figures.per_label.items():
        lines.append(f"{label:<10} {row['precision']:6.3f} {row['recall']:6.3f} "
                     f"{row['f1']:6.3f} {int(row['support']):5d}")
    return lines


def print_cv(report: CVReport, plain: bool) -> None:
    for view in VIEWS:
        print(format_figures(view, report.figures[view]))
    view = "plain" if plain else "marked"
    print(f"\nper label ({view} view):")
    print("\n".join(format_table(report.figures[view])))
    per_fold = ", ".join(f"{s:.0f}" for s in report.train_seconds)
    print(f"\ntraining seconds per fold: {per_fold}; "
          f"inference: {report.sentences_per_second:.0f} sentences/s")


def config_with(overrides: list[str]) -> TrainConfig:
    """The default TrainConfig with NAME=VALUE overrides, each cast to the field's type."""
    config = TrainConfig()
    for item in overrides:
        name, _, value = item.partition("=")
        if name not in {f.name for f in fields(TrainConfig)}:
            raise DatelineError(f"[E035] --set {item}: TrainConfig has no field '{name}'; "
                                f"see dateline/analyze/eventtype_train.py")
        config = replace(config, **{name: type(getattr(config, name))(value)})
    return config


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="The TSV to use.")
    parser.add_argument("--folds", type=int, default=5, help="Folds for cross-validation.")
    parser.add_argument("--json", action="store_true", help="Print the figures as JSON.")
    parser.add_argument("--plain", action="store_true",
                        help="Show the plain-sentence view (ignore source and target).")
    parser.add_argument("--set", action="append", default=[], metavar="NAME=VALUE",
                        help="Override a TrainConfig field for an experiment (epochs=12).")
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
        report = cross_validate(examples, config_with(args.set), args.folds,
                                progress=lambda line: print(line, file=sys.stderr))
    except DatelineError as exc:
        sys.exit(str(exc))
    if args.json:
        print(json.dumps(asdict(report), indent=2))
    else:
        print_cv(report, args.plain)


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
