"""The training side of the event-type classifier: the team's supplement and the resumable
cross-validation (no model is trained here: the fold results are written by the test)."""

from __future__ import annotations

import csv
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from dateline.analyze import eventtype_train
from dateline.analyze.eventtype_train import (
    VIEWS,
    Example,
    TrainConfig,
    held_out,
    read_tsv,
    supplement_examples,
    train,
)
from dateline.errors import DatelineError

from .conftest import SHARED

PLOVER_DEV = SHARED / "data" / "plover" / "plover_dev.tsv"
SUPPLEMENT = replace(TrainConfig(), supplement="plover_supplement.tsv")
LABELS = ["ACCUSE", "AGREE", "AID", "ASSAULT", "COERCE", "CONSULT", "COOPERATE", "MOBILIZE",
          "PROTEST", "REJECT", "REQUEST", "SANCTION", "SUPPORT", "THREATEN", "YIELD"]


def test_supplement_is_well_formed() -> None:
    rows = supplement_examples(SUPPLEMENT)
    assert len(rows) >= 150
    assert {e.label for e in rows} <= set(LABELS)
    for e in rows:
        assert e.source and e.source in e.sentence, e.sentence
        assert e.target and e.target in e.sentence, e.sentence
    assert len({e.sentence for e in rows}) == len(rows)


def _four_grams(text: str) -> set[tuple[str, ...]]:
    words = text.lower().split()
    return {tuple(words[i:i + 4]) for i in range(len(words) - 3)}


def test_supplement_does_not_echo_the_scored_data() -> None:
    # The supplement is added to every training fold: a sentence close to a plover_dev one
    # would leak the held-out fold into training. No two sentences share two 4-word runs.
    if not PLOVER_DEV.is_file():
        pytest.skip("../shared/data/plover is not beside the repository")
    with PLOVER_DEV.open(encoding="utf-8", newline="") as handle:
        dev = [_four_grams(r["sentence"]) for r in
               csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)]
    close = [e.sentence for e in supplement_examples(SUPPLEMENT)
             if max(len(_four_grams(e.sentence) & d) for d in dev) >= 2]
    assert not close


def test_no_supplement_by_name_means_none() -> None:
    assert supplement_examples(replace(TrainConfig(), supplement="")) == []


def test_supplement_labels_must_be_known(tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "odd.tsv").write_text("sentence\tsource\ttarget\tgold_root\n"
                                      "The envoys talked.\tThe envoys\t\tTALK\n",
                                      encoding="utf-8")
    monkeypatch.setattr(eventtype_train, "SUPPLEMENT_DIR", tmp_path)
    assert read_tsv(tmp_path / "odd.tsv")[0].label == "TALK"
    with pytest.raises(DatelineError, match="E120"):
        train([], LABELS, replace(TrainConfig(), supplement="odd.tsv"))


def _examples() -> list[Example]:
    # Three made-up sentences of each of two labels: enough for 3 stratified folds.
    return [Example(f"Sentence {i} about {label.lower()}.", "", "", label)
            for label in ("AID", "THREATEN") for i in range(3)]


def test_cached_folds_are_read_not_trained(tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    examples = _examples()
    config = replace(TrainConfig(), members=1)
    trained: list[int] = []

    def fake_fold(task: eventtype_train.FoldTask) -> eventtype_train.FoldResult:
        # Stands for a training: the probabilities say "the first label" for every sentence
        # and are written to the cache the way the real task writes them.
        *_, test_idx, out = task
        trained.append(len(test_idx))
        probs = np.tile(np.array([[0.9, 0.1]], dtype=np.float32), (len(test_idx), 1))
        assert out is not None
        np.savez_compressed(out, allow_pickle=False, train_seconds=np.float64(1.0),
                            infer_seconds=np.float64(0.5), **{v: probs for v in VIEWS[:2]})
        return {v: probs for v in VIEWS[:2]}, 1.0, 0.5

    monkeypatch.setattr(eventtype_train, "_fold_task", fake_fold)
    first = held_out(examples, config, folds=3, cache=tmp_path)
    assert len(trained) == 3 and len(list(tmp_path.glob("plover-*-f*-m0.npz"))) == 3
    second = held_out(examples, config, folds=3, cache=tmp_path)
    assert len(trained) == 3  # all three read back
    for view in VIEWS[:2]:
        assert np.array_equal(first.probs[view], second.probs[view])
    # Other settings are other files: nothing is reused for them.
    held_out(examples, replace(config, epochs=3), folds=3, cache=tmp_path)
    assert len(trained) == 6


def test_a_damaged_cached_fold_is_refused(tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    examples = _examples()
    config = replace(TrainConfig(), members=1)
    key = eventtype_train._cache_key(examples, config, 3)
    (tmp_path / f"plover-{key}-f0-m0.npz").write_bytes(b"not a zip file")
    with pytest.raises(DatelineError, match="E121"):
        held_out(examples, config, folds=3, cache=tmp_path)
