"""The event-type classifier: marking, the YIELD split, and the committed model on
sentences written for these tests (clear cases of each type, not taken from any corpus)."""

from __future__ import annotations

import json
import math
from dataclasses import asdict
from typing import Any

import numpy as np
import pytest

from dateline.analyze import eventtype
from dateline.analyze.eventtype import TypePrediction, classify, mark, plover_type
from dateline.analyze.eventtype_train import TrainConfig, weights_digest
from dateline.errors import DatelineError

# Quality gate: the 5-fold CV figures recorded in models/plover.json (made by
# benchmarks/plover.py with the committed settings) may not fall below these floors, which
# are the figures measured for the committed model rounded down to two decimals.
FLOORS = {
    ("marked", "accuracy"): 0.86,  # measured 0.867
    ("marked", "macro_f1"): 0.84,  # 0.849
    ("plain", "accuracy"): 0.86,  # 0.869
    ("plain", "macro_f1"): 0.85,  # 0.852
}

CLEAR_CASES = [
    ("Russian drones struck the port overnight, setting two warehouses on fire.", "ASSAULT"),
    ("The two foreign ministers met in Geneva to discuss the ceasefire.", "CONSULT"),
    ("The opposition leader accused the government of rigging the election.", "ACCUSE"),
    # PLOVER's SANCTION is cutting ties or support; "imposed sanctions" is COERCE in the data.
    ("Washington suspended all military aid to the army after the coup.", "SANCTION"),
    ("Thousands of farmers marched on parliament to protest against the new tax.", "PROTEST"),
    ("The rebels threatened to attack the capital if the talks failed.", "THREATEN"),
    ("Japan sent tonnes of food and medicine to the flood victims.", "AID"),
]
ROLES = [("Russian drones", "the port"), ("The two foreign ministers", None),
         ("The opposition leader", "the government"), ("Washington", "the army"),
         ("Thousands of farmers", "the new tax"), ("The rebels", "the capital"),
         ("Japan", "the flood victims")]


def test_mark_brackets_source_and_target() -> None:
    text = "The army shelled the town at dawn."
    assert mark(text, "The army", "the town") == "[ The army ] shelled { the town } at dawn."


def test_mark_leaves_missing_roles_alone() -> None:
    text = "Police arrested the mayor."
    assert mark(text) == text
    assert mark(text, None, "a recipient") == text
    assert mark(text, "police", "") == "[ Police ] arrested the mayor."


def test_mark_does_not_overlap_roles() -> None:
    marked = mark("Germany and France met.", "Germany and France", "France")
    assert marked == "[ Germany and France ] met."


def test_yield_splits_into_retreat_and_concede() -> None:
    assert plover_type("YIELD", "The troops withdrew from the town.") == "RETREAT"
    assert plover_type("YIELD", "The army pulled back from the border.") == "RETREAT"
    assert plover_type("YIELD", "The government released the prisoners.") == "CONCEDE"
    assert plover_type("ASSAULT", "The troops withdrew and shelled the town.") == "ASSAULT"


def test_empty_input_needs_no_model() -> None:
    assert classify([]) == []


@pytest.fixture(scope="module")
def meta() -> dict[str, Any]:
    path = eventtype.MODEL_DIR / f"{eventtype.ARTEFACT}.json"
    loaded: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return loaded


def test_committed_weights_are_the_recorded_ones(meta: dict[str, Any]) -> None:
    # A model changed without training/train_plover.py (and so without its CV record) fails.
    with np.load(eventtype.MODEL_DIR / f"{eventtype.ARTEFACT}.npz") as arrays:
        assert weights_digest(dict(arrays)) == meta["weights_sha256"]


def test_recorded_cv_is_of_the_committed_settings(meta: dict[str, Any]) -> None:
    assert meta["config"] == asdict(TrainConfig())
    assert meta["cv"]["config"] == meta["config"]
    assert meta["cv"]["folds"] == 5


@pytest.mark.parametrize(("view", "measure"), sorted(FLOORS))
def test_recorded_cv_meets_floors(meta: dict[str, Any], view: str, measure: str) -> None:
    assert meta["cv"]["figures"][view][measure] >= FLOORS[view, measure]


@pytest.fixture(scope="module")
def typer() -> eventtype.EventTyper:
    return eventtype.load()


def test_clear_cases_plain(typer: eventtype.EventTyper) -> None:
    predictions = typer.predict([s for s, _ in CLEAR_CASES])
    wrong = [(s, p.type) for (s, want), p in zip(CLEAR_CASES, predictions, strict=True)
             if p.type != want]
    assert not wrong


def test_clear_cases_marked(typer: eventtype.EventTyper) -> None:
    predictions = typer.predict([s for s, _ in CLEAR_CASES], [a for a, _ in ROLES],
                                [b for _, b in ROLES])
    wrong = [(s, p.type) for (s, want), p in zip(CLEAR_CASES, predictions, strict=True)
             if p.type != want]
    assert not wrong


def test_predictions_are_distributions(typer: eventtype.EventTyper) -> None:
    predictions = typer.predict([s for s, _ in CLEAR_CASES])
    for p in predictions:
        assert isinstance(p, TypePrediction)
        assert set(p.scores) == set(typer.labels) and len(typer.labels) == 15
        assert math.isclose(sum(p.scores.values()), 1.0, abs_tol=1e-4)
        assert p.confidence == max(p.scores.values())
        assert p.ranking()[0] == (p.label, p.confidence)
        assert 0.0 < p.confidence <= 1.0


def test_order_and_batching_do_not_change_results(typer: eventtype.EventTyper) -> None:
    sentences = [s for s, _ in CLEAR_CASES]
    alone = [typer.predict([s])[0] for s in sentences[:3]]
    together = typer.predict(list(reversed(sentences)))[-3:][::-1]
    for a, b in zip(alone, together, strict=True):
        assert a.label == b.label
        assert math.isclose(a.confidence, b.confidence, abs_tol=1e-4)


def test_role_counts_must_match(typer: eventtype.EventTyper) -> None:
    with pytest.raises(DatelineError, match="E030"):
        typer.predict(["One sentence.", "Two sentences."], sources=["A"])


def test_int8_copy_types_the_clear_cases_as_fp32(typer: eventtype.EventTyper) -> None:
    sentences = [s for s, _ in CLEAR_CASES]
    fp32 = typer.predict(sentences)
    int8 = eventtype.load(eventtype.MODEL_DIR, "int8").predict(sentences)
    assert [p.label for p in int8] == [p.label for p in fp32]
    for a, b in zip(int8, fp32, strict=True):
        assert math.isclose(a.confidence, b.confidence, abs_tol=0.1)


def test_analysis_classifies_with_one_int8_member() -> None:
    sentence = CLEAR_CASES[0][0]
    fast = eventtype.load(eventtype.MODEL_DIR, "int8", 1)
    assert len(fast.members) == 1
    assert len(eventtype.load().members) == TrainConfig().members
    assert classify([sentence]) == fast.predict([sentence])
    assert classify([sentence], precision="fp32", members=None) == eventtype.load().predict(
        [sentence])


def test_one_int8_member_types_the_clear_cases(typer: eventtype.EventTyper) -> None:
    sentences = [s for s, _ in CLEAR_CASES]
    fast = classify(sentences)
    assert [p.type for p in fast] == [want for _, want in CLEAR_CASES]


def test_unknown_precision_is_refused() -> None:
    with pytest.raises(DatelineError, match="E035"):
        eventtype.load(eventtype.MODEL_DIR, "int4")
