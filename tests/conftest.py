"""Shared fixtures: paths to ../shared, small article texts written for the tests, the demo
store, and the headless Chromium of the browser tests."""

from __future__ import annotations

import importlib.util
import shutil
import sqlite3
import sys
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
CORPUS = ROOT / "examples" / "corpus"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
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


# An article written for the browser tests: its title, outlet, url and text carry script
# payloads that would set window.__pwned or the document's title if any of them ran.
HOSTILE = (
    "Checkpoint attack <script>window.__pwned = 1</script>\n\n"
    "Gunmen attacked a police checkpoint near the town of Velmora on Tuesday, killing two "
    "officers, the regional governor said. A resident posted <img src=x onerror=\"window."
    "__pwned = 2; document.title = 'pwned'\"> and <script>document.title = 'pwned'; "
    "window.__pwned = 1</script> in a comment that the police later removed.\n\n"
    "The governor said the attackers fled toward the hills.")


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


@pytest.fixture(scope="session")
def hostile_db(demo_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the demo store with the hostile article added."""
    from dateline.pipeline import Ingestor
    from dateline.settings import Settings
    from dateline.store.db import connect

    from .test_story_store import write_batch

    folder = tmp_path_factory.mktemp("hostile")
    db = folder / "demo.db"
    # SQLite's backup, not a file copy: the demo store's last writes may be in its WAL.
    with sqlite3.connect(demo_dir / "demo.db") as source, sqlite3.connect(db) as target:
        source.backup(target)
    source.close()
    target.close()
    batch = write_batch(folder / "h.jsonl", [("hostile-page", HOSTILE, "2026-02-18")])
    conn = connect(db)
    # Title, outlet and url of the same kind, on top of the text's payloads.
    Ingestor(conn, Settings()).ingest_paths([batch])
    conn.execute("UPDATE articles SET title = ?, outlet = ?, url = ? WHERE id = 'hostile-page'",
                 ("Attack <script>window.__pwned = 4</script>",
                  "<img src=x onerror=\"window.__pwned = 5\">", "javascript:window.__pwned=6"))
    conn.close()
    return db


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Debian's Chromium through Playwright; missing, the tests fail (.ci/run installs it)."""
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: apt-get install -y chromium (.ci/run does)")
    from playwright import sync_api  # the dev extra; missing, the tests fail

    profile = ROOT / "out" / "chromium-profile"
    shutil.rmtree(profile, ignore_errors=True)  # a fresh user-data-dir every run
    with sync_api.sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(profile), executable_path=str(CHROMIUM), args=CHROMIUM_ARGS,
            headless=True, viewport={"width": 1400, "height": 900})
        yield context
        context.close()
    shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A new tab that records script errors and refused resources (CSP) as they come."""
    tab = browser.new_page()
    problems: list[str] = []
    tab.on("pageerror", lambda exc: problems.append(f"error: {exc}"))
    tab.on("console", lambda msg: problems.append(f"console: {msg.text}")
           if msg.type == "error" else None)
    tab.problems = problems
    yield tab
    tab.close()
