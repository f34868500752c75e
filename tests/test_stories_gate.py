"""Quality gate: story clustering on ECB+ may not fall below the pinned floors.

Runs what ``python benchmarks/stories.py`` runs (every document through the real ingest
and analysis, then the story index) on ../shared/data/ecbplus/ecbplus_dev.jsonl, and
checks B-cubed and pairwise F1 of the dev topics in file order, and of all documents,
against benchmarks/floors.json (key "stories"). Raise the floors when clustering improves;
never lower them to let a regression through. Skipped when the data is absent.
"""

from __future__ import annotations

import json
from types import ModuleType

import pytest

from dateline.link.stories import StoryWeights, story_docs
from dateline.settings import Settings

from .conftest import ROOT, SHARED, benchmark

DATA = SHARED / "data" / "ecbplus" / "ecbplus_dev.jsonl"


def _bench() -> ModuleType:
    return benchmark("stories")


def test_story_clustering_stays_above_the_floors() -> None:
    if not DATA.is_file():
        pytest.skip("../shared/data/ecbplus is not beside the repository")
    bench = _bench()
    floors = json.loads((ROOT / "benchmarks" / "floors.json").read_text())["stories"]
    gold = bench.read_gold(DATA)
    pairs, _notes = bench.analyse(gold, Settings())
    found, _spread = bench.runs(story_docs(pairs), gold, StoryWeights(), 0, 0)
    figures = {f"{split}_{name}": getattr(found[split]["file order"], name)
               for split in ("dev", "all") for name in ("bcubed_f1", "pairwise_f1")}
    low = {k: (round(figures[k], 4), floor) for k, floor in floors.items()
           if figures[k] < floor}
    assert not low, f"below the floors in benchmarks/floors.json (figure, floor): {low}"
