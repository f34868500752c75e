"""Shared fixtures: paths to ../shared and small article texts written for the tests."""

from __future__ import annotations

import importlib.util
import sys
from dataclasses import replace
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
CORPUS = ROOT / "examples" / "corpus"
SEED_DATES = {
    "000_199ab945a7d24b6d.txt": "2026-02-15",
    "001_830d5c1692baf6d5.txt": "2026-02-01",
    "002_8f453393c0e5582e.txt": "2026-02-04",
    "003_2502d95e1ed462e7.txt": "2024-08-17",
}


@pytest.fixture
def seeds_dir() -> Path:
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not beside the repository")
    return SEEDS


ARTICLE = (
    "Harbour fire after overnight raid\n\n"
    "A drone attack on the harbour of Portavel on Tuesday set two fuel tanks on fire and "
    "injured at least three dock workers, the regional governor said.\n\n"
    "Firefighters from three towns fought the blaze until the morning, and the port "
    "authority said that shipping would resume once the damage had been assessed."
)


def benchmark(name: str) -> ModuleType:
    """benchmarks/NAME.py, which is a script, not a package module, loaded once."""
    key = f"dateline_{name}_benchmark"
    if key not in sys.modules:
        spec = importlib.util.spec_from_file_location(key, ROOT / "benchmarks" / f"{name}.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[key] = module
        spec.loader.exec_module(module)
    return sys.modules[key]


@pytest.fixture(scope="session")
def demo_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`dateline demo` run once per test session: demo.db and timeline.html in a folder
    that tests read (copy the store before writing to it)."""
    from dateline.present.progress import run_demo
    from dateline.settings import Settings

    out = tmp_path_factory.mktemp("demo")
    run_demo(CORPUS, replace(Settings(), db_path=out / "demo.db"), out / "timeline.html")
    return out
