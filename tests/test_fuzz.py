"""Property-based tests of the input stages (Hypothesis) and adversarial long inputs: no
exception escapes, and every input is done in bounded time. The targets and inputs are
those of benchmarks/fuzz.py, with few examples and smaller sizes so that CI stays fast;
the long run is recorded in docs/benchmarks.md."""

from __future__ import annotations

import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .conftest import benchmark

fuzz = benchmark("fuzz")
EXAMPLES = 60
# (target, adversarial input size, seconds allowed for one input). Linear stages get
# 100 KB; the tagger runs ~30 us per match on runs of dates (60 KB of them: 0.7 s), and
# HTML costs trafilatura about a quarter millisecond per element, so their inputs are
# smaller. The quadratic scans this caught took 5-18 s on 100 KB (6 s on 60 KB).
BOUNDS = {"clean": (100_000, 2.0), "dates": (100_000, 2.0), "jsonl": (100_000, 2.0),
          "temporal": (60_000, 3.0), "html": (8_000, 4.0)}
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.too_slow])


@pytest.mark.parametrize("name", sorted(BOUNDS))
def test_adversarial_long_runs_finish_in_bounded_time(name: str) -> None:
    size, budget = BOUNDS[name]
    target = fuzz.TARGETS[name]
    target("warm up")  # imports and model-free caches, paid once
    slow = {}
    for kind, text in fuzz.adversarial(size):
        seconds = fuzz.timed(target, text)
        if seconds > budget:
            slow[kind] = round(seconds, 2)
    assert slow == {}, f"{name}: {slow}"


def _check(name: str, text: str) -> None:
    _, budget = BOUNDS[name]
    start = time.perf_counter()
    fuzz.TARGETS[name](text)  # raising is a failure: Hypothesis shrinks it and shows it
    assert time.perf_counter() - start < budget


@SETTINGS
@given(fuzz.soup(), st.booleans())
def test_cleaner_never_raises(text: str, titled: bool) -> None:
    _check("clean", text)


@SETTINGS
@given(fuzz.soup())
def test_date_parsers_never_raise(text: str) -> None:
    _check("dates", text)


@SETTINGS
@given(fuzz.soup())
def test_timex_tagger_never_raises(text: str) -> None:
    _check("temporal", text)


@SETTINGS
@given(fuzz.soup())
def test_html_reader_never_raises(text: str) -> None:
    _check("html", text)


@SETTINGS
@given(st.one_of(fuzz.soup(), st.lists(st.sampled_from(
    ['{"text": "', '"id": ', "1" * 5000, "[" * 3000, "\n", "}", '"', "\\u00e9", "null"]),
    max_size=40).map("".join)))
def test_jsonl_reader_never_raises(text: str) -> None:
    _check("jsonl", text)
