"""Quality gate: TIMEX3 figures on ../shared/data/timeml may not fall below the pinned floors.

The floors live in benchmarks/floors.json (key "timeml"); raise them when the engine gets
better, never lower them to let a regression through. Skipped when the corpus is absent.
"""

from __future__ import annotations

import json

import pytest

from dateline.evaluate.score import count, scores
from dateline.evaluate.tagger import tag_document
from dateline.evaluate.timeml import read_timeml

from .conftest import ROOT, SHARED

DATA = SHARED / "data" / "timeml"


def test_timeml_figures_stay_above_the_floors() -> None:
    if not DATA.is_dir():
        pytest.skip("../shared/data/timeml is not beside the repository")
    floors = json.loads((ROOT / "benchmarks" / "floors.json").read_text())["timeml"]
    counts = []
    for path in sorted(DATA.rglob("*.tml")):
        doc = read_timeml(path)
        counts.append(count(doc.gold, tag_document(doc)))
    figures = scores(counts).as_dict()
    assert figures["gold"] >= floors["gold"], "the corpus is incomplete"
    low = {k: (figures[k], floor) for k, floor in floors.items() if figures[k] < floor}
    assert not low, f"below the floors in benchmarks/floors.json (figure, floor): {low}"
