"""Training and cross-validation of the event-type classifier (see eventtype.py).

Used by ``training/train_plover.py`` (the committed artefact) and ``benchmarks/plover.py``
(k-fold figures), so both run exactly this code. Needs scikit-learn, a dev dependency;
the runtime module ``eventtype`` does not import this one.
"""

from __future__ import annotations

import csv
import functools
import hashlib
import json
import math
import random
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass, field, fields, replace
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from dateline.analyze.eventtype import ADAPTED, ARTEFACT, EventTyper, load_base, mark, mean_pool
from dateline.errors import DatelineError

COLUMNS = ("sentence", "source", "target", "gold_root")
SUPPLEMENT_DIR = Path(__file__).resolve().parent / "data"
# How a held-out sentence is shown: with source and target marked, plain, or both ways
# with the two probability rows averaged.
VIEWS = ("marked", "plain", "both")


@dataclass(frozen=True)
class Example:
    """One labelled sentence; source and target are actor texts (may be absent from it)."""

    sentence: str
    source: str
    target: str
    label: str

    def text(self, view: str) -> str:
        return mark(self.sentence, self.source, self.target) if view == "marked" else self.sentence


@dataclass(frozen=True)
class TrainConfig:
    """Hyper-parameters, fixed before any cross-validation (common LoRA fine-tuning values,
    not searched on the data: see models/README.md)."""

    rank: int = 8  # LoRA rank on every adapted linear layer
    alpha: float = 16.0  # LoRA scale is alpha / rank
    epochs: int = 8
    lr: float = 1e-3  # adapters (LoRA tolerates ~10x a full fine-tune's rate)
    head_lr: float = 2e-3
    weight_decay: float = 0.01
    warmup: float = 0.1  # share of steps with a linear warm-up, then linear decay to 0
    batch_size: int = 16
    max_length: int = 96  # word pieces; 99.5% of news sentences are shorter
    dropout: float = 0.1  # on the pooled vector, before the head
    # Each training sentence is shown marked with this probability, else plain, so one
    # model serves callers with and without roles.
    marked_share: float = 0.5
    # Class weights are (n / (k * count)) ** power: 0.5 lifts the rare classes (15 examples
    # against 141) without letting them dominate the loss.
    weight_power: float = 0.5
    seed: int = 0
    # Ensemble members: member i is trained with seed + i on the same data, and their
    # probabilities are averaged. Two (a seed ensemble, chosen before any run) is what the
    # product affords on 2 CPU cores: two MiniLM passes per sentence.
    members: int = 2
    # A file of dateline/analyze/data with sentences written by the team (columns as
    # plover_dev's), added to every training set and never scored; empty: none. See
    # models/README.md for plover_supplement.tsv.
    supplement: str = ""


@dataclass(frozen=True)
class Figures:
    """Accuracy, macro F1 and per-label precision/recall/F1/support of one prediction run."""

    accuracy: float
    macro_f1: float
    per_label: dict[str, dict[str, float]] = field(default_factory=dict)


@dataclass(frozen=True)
class CVReport:
    """Cross-validated figures per view (``marked/m0`` etc.: one member alone), with timing.

    ``train_seconds`` has one entry per trained model (fold x member);
    ``sentences_per_second`` is the ensemble's rate (all members) on held-out sentences.
    """

    folds: int
    figures: dict[str, Figures]
    train_seconds: list[float]
    sentences_per_second: float
    config: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class HeldOut:
    """Out-of-fold label probabilities: ``probs[view]`` is (members, sentences, labels)."""

    labels: list[str]
    probs: dict[str, npt.NDArray[np.float32]]
    train_seconds: list[float]
    infer_seconds: float  # all member passes over all held-out sentences of one view


def supplement_examples(config: TrainConfig) -> list[Example]:
    """The training supplement named by ``config.supplement`` (in dateline/analyze/data)."""
    if not config.supplement:
        return []
    return read_tsv(SUPPLEMENT_DIR / config.supplement)


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


def read_tsv(path: Path) -> list[Example]:
    """Examples from a TSV with the columns sentence, source, target and gold_root."""
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    except OSError as exc:
        raise DatelineError(f"[E033] {path}: cannot read it ({exc}); pass a TSV file") from exc
    missing = [c for c in COLUMNS if rows and c not in rows[0]]
    if not rows or missing:
        raise DatelineError(f"[E034] {path}: needs a header and rows with the columns "
                            f"{', '.join(COLUMNS)}; missing {', '.join(missing) or 'rows'}")
    return [Example(r["sentence"], r["source"] or "", r["target"] or "", r["gold_root"])
            for r in rows]


@functools.cache
def _lora_class() -> Any:
    """A frozen linear layer plus a trainable low-rank update B @ A, as a torch module (made
    on first use, so that importing this file does not import torch)."""
    import torch
    from torch import nn

    class Lora(nn.Module):
        def __init__(self, base: nn.Linear, rank: int, scale: float) -> None:
            super().__init__()
            self.base = base
            self.scale = scale
            bound = 1 / math.sqrt(base.in_features)
            self.A = nn.Parameter(torch.empty(rank, base.in_features).uniform_(-bound, bound))
            self.B = nn.Parameter(torch.zeros(base.out_features, rank))

        def forward(self, x: Any) -> Any:
            return self.base(x) + (x @ self.A.T @ self.B.T) * self.scale

    return Lora


def _add_adapters(encoder: Any, config: TrainConfig) -> dict[str, Any]:
    """Freezes the encoder and wraps each adapted layer; returns the wrappers by key."""
    lora = _lora_class()
    for p in encoder.parameters():
        p.requires_grad = False
    wrappers = {}
    for i, block in enumerate(encoder.encoder.layer):
        for name in ADAPTED:
            *path, last = name.split(".")
            parent = functools.reduce(getattr, path, block)
            wrapper = lora(getattr(parent, last), config.rank, config.alpha / config.rank)
            setattr(parent, last, wrapper)
            wrappers[f"{i}.{name}"] = wrapper
    return wrappers


def train(examples: Sequence[Example], labels: Sequence[str],
          config: TrainConfig) -> dict[str, npt.NDArray[np.float32]]:
    """Fine-tunes adapters and head on the examples and ``config.supplement``'s; returns them
    as arrays for plover.npz."""
    import torch
    from torch import nn

    examples = [*examples, *supplement_examples(config)]
    unknown = sorted({e.label for e in examples} - set(labels))
    if unknown:
        raise DatelineError(f"[E120] training labels {', '.join(unknown)} are not among the "
                            f"model's labels ({', '.join(labels)}); fix the supplement's "
                            f"gold_root column")
    _seed(config.seed)
    encoder, tokenizer = load_base()
    wrappers = _add_adapters(encoder, config)
    head = nn.Linear(encoder.config.hidden_size, len(labels))
    drop = nn.Dropout(config.dropout)
    index = {label: i for i, label in enumerate(labels)}
    gold = torch.tensor([index[e.label] for e in examples])
    adapters = [p for w in wrappers.values() for p in (w.A, w.B)]
    optimizer = torch.optim.AdamW(
        [{"params": adapters, "lr": config.lr}, {"params": head.parameters(),
                                                  "lr": config.head_lr}],
        weight_decay=config.weight_decay)
    per_epoch = math.ceil(len(examples) / config.batch_size)
    schedule = torch.optim.lr_scheduler.LambdaLR(optimizer, _warmup_decay(
        config.epochs * per_epoch, config.warmup))
    loss_fn = nn.CrossEntropyLoss(weight=torch.tensor(
        class_weights(gold.numpy(), len(labels), config.weight_power)))
    rng = np.random.default_rng(config.seed)
    encoder.train()
    for _ in range(config.epochs):
        order = rng.permutation(len(examples))
        for start in range(0, len(order), config.batch_size):
            chunk = order[start:start + config.batch_size]
            texts = [examples[i].text("marked" if rng.random() < config.marked_share
                                      else "plain") for i in chunk]
            batch = tokenizer(texts, padding=True, truncation=True,
                              max_length=config.max_length, return_tensors="pt")
            pooled = mean_pool(encoder(**batch).last_hidden_state, batch["attention_mask"])
            loss = loss_fn(head(drop(pooled)), gold[chunk])
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            schedule.step()
    arrays = {f"{key}.{part}": getattr(w, part).detach().numpy().astype(np.float32)
              for key, w in wrappers.items() for part in ("A", "B")}
    arrays["head.weight"] = head.weight.detach().numpy().astype(np.float32)
    arrays["head.bias"] = head.bias.detach().numpy().astype(np.float32)
    return arrays


def _seed(seed: int) -> None:
    import torch

    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)


def _warmup_decay(steps: int, warmup: float) -> Callable[[int], float]:
    ramp = max(1.0, warmup * steps)
    return lambda step: min(1.0, (step + 1) / ramp) * max(0.0, (steps - step) / steps)


def class_weights(gold: npt.NDArray[Any], k: int, power: float) -> npt.NDArray[np.float32]:
    """Loss weight per class: (n / (k * count)) ** power; absent classes get weight 1."""
    counts = np.bincount(gold, minlength=k).astype(np.float64)
    weights = np.where(counts > 0, (len(gold) / (k * np.maximum(counts, 1))) ** power, 1.0)
    return weights.astype(np.float32)


def member_config(config: TrainConfig, member: int) -> TrainConfig:
    """The settings that train one member of the ensemble alone."""
    return replace(config, seed=config.seed + member, members=1)


def train_ensemble(examples: Sequence[Example], labels: Sequence[str], config: TrainConfig,
                   jobs: int = 1) -> dict[str, npt.NDArray[np.float32]]:
    """Trains every member (``jobs`` at a time, one process each); member i's arrays are
    prefixed ``m{i}.`` when there is more than one."""
    tasks = [(list(examples), list(labels), member_config(config, m))
             for m in range(config.members)]
    trained = run_tasks(_train_task, tasks, jobs)
    if config.members == 1:
        alone: dict[str, npt.NDArray[np.float32]] = trained[0]
        return alone
    return {f"m{m}.{key}": value for m, arrays in enumerate(trained)
            for key, value in arrays.items()}


def _train_task(task: tuple[list[Example], list[str], TrainConfig]
                ) -> dict[str, npt.NDArray[np.float32]]:
    return train(*task)


def run_tasks(fn: Callable[[Any], Any], tasks: Sequence[Any], jobs: int,
              progress: Callable[[str], None] | None = None) -> list[Any]:
    """``[fn(t) for t in tasks]``, with ``jobs`` > 1 in that many processes of one torch
    thread each (on 2 cores two one-thread trainings beat one two-thread training)."""
    if jobs <= 1:
        results = []
        for i, task in enumerate(tasks):
            results.append(fn(task))
            if progress:
                progress(f"task {i + 1}/{len(tasks)} done")
        return results
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed

    context = multiprocessing.get_context("spawn")
    out: list[Any] = [None] * len(tasks)
    with ProcessPoolExecutor(jobs, mp_context=context, initializer=_one_thread) as pool:
        futures = {pool.submit(fn, task): i for i, task in enumerate(tasks)}
        for done, future in enumerate(as_completed(futures)):
            out[futures[future]] = future.result()
            if progress:
                progress(f"task {done + 1}/{len(tasks)} done")
    return out


def _one_thread() -> None:
    import torch

    torch.set_num_threads(1)


def meta_for(labels: Sequence[str], config: TrainConfig, **note: Any) -> dict[str, Any]:
    """The JSON that goes beside the arrays: what the runtime needs, and how it was made."""
    return {"labels": list(labels), "rank": config.rank, "alpha": config.alpha,
            "max_length": config.max_length, "members": config.members,
            "config": asdict(config), **note}


def typer_for(arrays: dict[str, npt.NDArray[np.float32]], labels: Sequence[str],
              config: TrainConfig) -> EventTyper:
    """The runtime classifier for freshly trained arrays (the code path production uses)."""
    return EventTyper.from_arrays(arrays, meta_for(labels, config))


FoldTask = tuple[list[Example], list[str], TrainConfig, list[int], list[int], Path | None]
FoldResult = tuple[dict[str, npt.NDArray[np.float32]], float, float]


def held_out(examples: Sequence[Example], config: TrainConfig, folds: int = 5,
             progress: Callable[[str], None] | None = None, jobs: int = 1,
             cache: Path | None = None) -> HeldOut:
    """Stratified k-fold (seeded by ``config.seed``): each member of each fold is trained on
    the other folds and gives probabilities for the fold's sentences, marked and plain.

    With ``cache``, each (fold, member) result is written there as soon as it is trained,
    under a name that hashes the data, the supplement, the settings and the split, and a
    later run with the same inputs reads it instead of training again: an interrupted
    cross-validation resumes where it stopped.
    """
    from sklearn.model_selection import StratifiedKFold

    labels = sorted({e.label for e in examples})
    gold = [e.label for e in examples]
    splitter = StratifiedKFold(folds, shuffle=True, random_state=config.seed)
    splits = [(list(map(int, a)), list(map(int, b))) for a, b in splitter.split(gold, gold)]
    key = _cache_key(examples, config, folds) if cache else ""
    tasks: list[FoldTask] = [
        (list(examples), labels, member_config(config, m), a, b,
         cache / f"plover-{key}-f{f}-m{m}.npz" if cache else None)
        for f, (a, b) in enumerate(splits) for m in range(config.members)]
    done = {i: _read_fold(t[5]) for i, t in enumerate(tasks) if t[5] and t[5].is_file()}
    if done and progress:
        progress(f"{len(done)} of {len(tasks)} trainings read from {cache}")
    if cache:
        cache.mkdir(parents=True, exist_ok=True)
    todo = [t for i, t in enumerate(tasks) if i not in done]
    fresh = iter(run_tasks(_fold_task, todo, jobs, progress))
    results = [done[i] if i in done else next(fresh) for i in range(len(tasks))]
    probs = {view: np.zeros((config.members, len(examples), len(labels)), dtype=np.float32)
             for view in VIEWS[:2]}
    for (_, _, member, _, test_idx, _), (by_view, _, _) in zip(tasks, results, strict=True):
        for view in VIEWS[:2]:
            probs[view][member.seed - config.seed, test_idx] = by_view[view]
    infer = sum(r[2] for r in results) / 2
    return HeldOut(labels, probs, [r[1] for r in results], infer)


def _cache_key(examples: Sequence[Example], config: TrainConfig, folds: int) -> str:
    digest = hashlib.sha256(json.dumps([asdict(config), folds]).encode())
    for e in [*examples, *supplement_examples(config)]:
        digest.update("\t".join((e.sentence, e.source, e.target, e.label)).encode() + b"\n")
    return digest.hexdigest()[:16]


def _read_fold(path: Path) -> FoldResult:
    try:
        with np.load(path) as saved:
            return ({view: saved[view] for view in VIEWS[:2]}, float(saved["train_seconds"]),
                    float(saved["infer_seconds"]))
    except (OSError, KeyError, ValueError) as exc:
        raise DatelineError(f"[E121] {path}: not a readable cross-validation result "
                            f"({exc}); delete it to train that fold again") from exc


def _fold_task(task: FoldTask) -> FoldResult:
    examples, labels, config, train_idx, test_idx, out = task
    start = time.perf_counter()
    arrays = train([examples[i] for i in train_idx], labels, config)
    seconds = time.perf_counter() - start
    typer = typer_for(arrays, labels, config)
    start = time.perf_counter()
    by_view = {view: typer.probabilities([examples[i].text(view) for i in test_idx])
               for view in VIEWS[:2]}
    infer = time.perf_counter() - start
    if out is not None:
        partial = out.with_suffix(".part.npz")
        np.savez_compressed(partial, allow_pickle=False, train_seconds=np.float64(seconds),
                            infer_seconds=np.float64(infer), **by_view)
        partial.replace(out)
    return by_view, seconds, infer


def report_for(examples: Sequence[Example], config: TrainConfig, folds: int,
               held: HeldOut) -> CVReport:
    """Figures of the ensemble in each view, and of each member alone (``marked/m0``)."""
    gold = [e.label for e in examples]
    means = {view: held.probs[view].mean(axis=0) for view in VIEWS[:2]}
    means["both"] = (means["marked"] + means["plain"]) / 2
    figures = {view: _score_probs(gold, means[view], held.labels) for view in VIEWS}
    if config.members > 1:
        for m in range(config.members):
            for view in VIEWS[:2]:
                figures[f"{view}/m{m}"] = _score_probs(gold, held.probs[view][m], held.labels)
    return CVReport(folds, figures, held.train_seconds,
                    len(examples) / max(held.infer_seconds, 1e-9), asdict(config))


def _score_probs(gold: Sequence[str], probs: npt.NDArray[np.float32],
                 labels: Sequence[str]) -> Figures:
    return score(gold, [labels[int(i)] for i in probs.argmax(axis=1)], labels)


def cross_validate(examples: Sequence[Example], config: TrainConfig, folds: int = 5,
                   progress: Callable[[str], None] | None = None, jobs: int = 1) -> CVReport:
    """Stratified k-fold figures for each view (see VIEWS) of each held-out fold."""
    held = held_out(examples, config, folds, progress, jobs)
    return report_for(examples, config, folds, held)


def score(gold: Sequence[str], predicted: Sequence[str], labels: Sequence[str]) -> Figures:
    """Accuracy, macro F1 over ``labels`` and the per-label table."""
    from sklearn.metrics import (
        accuracy_score,
        f1_score,
        precision_recall_fscore_support,
    )

    p, r, f, s = precision_recall_fscore_support(gold, predicted, labels=list(labels),
                                                 zero_division=0)
    table = {label: {"precision": float(p[i]), "recall": float(r[i]), "f1": float(f[i]),
                     "support": int(s[i])} for i, label in enumerate(labels)}
    macro = float(f1_score(gold, predicted, labels=list(labels), average="macro",
                           zero_division=0))
    return Figures(float(accuracy_score(gold, predicted)), macro, table)


def weights_digest(arrays: Mapping[str, npt.NDArray[Any]]) -> str:
    """SHA-256 of the arrays' names, shapes and float32 bytes (the .npz file's own bytes
    carry zip timestamps, so they differ between two identical trainings)."""
    digest = hashlib.sha256()
    for key in sorted(arrays):
        value = np.ascontiguousarray(arrays[key], dtype=np.float32)
        digest.update(f"{key}:{value.shape}".encode())
        digest.update(value.tobytes())
    return digest.hexdigest()


def save(arrays: dict[str, npt.NDArray[np.float32]], meta: dict[str, Any],
         directory: Path) -> Path:
    """Writes ``plover.npz`` (adapters and heads, float32 as evaluated) and ``plover.json``,
    which records the arrays' ``weights_sha256`` (see ``weights_digest``)."""
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"{ARTEFACT}.npz"
    np.savez_compressed(path, allow_pickle=False, **arrays)
    meta = {**meta, "weights_sha256": weights_digest(arrays)}
    (directory / f"{ARTEFACT}.json").write_text(json.dumps(meta, indent=2) + "\n",
                                                encoding="utf-8")
    return path
