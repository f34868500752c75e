"""Quality gate: timeline summarisation on a CI-sized subset of ../shared/data/t17-dev may not
fall below the floors pinned in benchmarks/floors.json (key "tls").

The subset is the topics in the floors' "topics" (their gold timelines are the tasks), run
through the benchmark's own functions (benchmarks/tls.py) with a fresh cache, so the
temporal tagging is exercised too. Raise the floors when the method gets better, never lower
them to let a regression through. Skipped when the data set is absent.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dateline.present.tls import summarise

from .conftest import ROOT, SHARED
from .test_tls import _bench

DATA = SHARED / "data" / "t17-dev"


def test_tls_figures_stay_above_the_floors(tmp_path: Path) -> None:
    if not DATA.is_dir():
        pytest.skip("../shared/data/t17-dev is not beside the repository")
    floors = json.loads((ROOT / "benchmarks" / "floors.json").read_text())["tls"]
    bench = _bench()
    topics = [t for t in bench.read_layout(DATA, []) if t.name in floors["topics"]]
    assert [t.name for t in topics] == sorted(floors["topics"]), "a gate topic is missing"
    scores = []
    for topic in topics:
        sentences = bench.topic_sentences(topic, tmp_path, lambda done, total: None)
        scores.extend(bench.run_task(summarise, sentences, gold.days)[1]
                      for gold in topic.timelines)
    assert len(scores) == floors["tasks"], "the subset's gold timelines changed"
    overall = bench.mean_scores(scores)
    figures = {"ar1_f1": overall.r1_f1, "ar2_f1": overall.r2_f1, "date_f1": overall.date_f1}
    low = {k: (round(v, 4), floors[k]) for k, v in figures.items() if v < floors[k]}
    assert not low, f"below the floors in benchmarks/floors.json (figure, floor): {low}"
