"""benchmarks/load.py, briefly: a few clients for a few seconds against `dateline serve`
on the demo store get only 200s with JSON. The full run (50 clients, 60 s) is recorded in
docs/benchmarks.md."""

from __future__ import annotations

from pathlib import Path

from .conftest import benchmark


def test_short_load_has_no_errors(demo_dir: Path) -> None:
    load = benchmark("load")
    results = load.run(demo_dir / "demo.db", clients=8, seconds=3.0, timeline=True)
    assert [f.endpoint for f in results] == ["/api/timeline", "/api/events"]
    for figures in results:
        assert figures.requests > 0 and figures.errors == 0
        assert 0 < figures.p50_ms <= figures.p95_ms <= figures.p99_ms <= figures.max_ms
