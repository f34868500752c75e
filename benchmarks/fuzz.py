"""Fuzzing the input stages: the text cleaner, the HTML and JSONL readers, the publication
date parser and the TIMEX tagger must never raise (a reader may only refuse an input with
a Skip) and must finish each input in bounded time, whatever it holds.

Usage: python benchmarks/fuzz.py [--examples N] [--size CHARS] [--budget SECONDS]

Two runs per target: adversarial inputs (long runs of one token: digits, spaces,
punctuation, month and weekday names, dash chains, tags, ...) at --size characters each,
then --examples random inputs from Hypothesis (token soup and arbitrary text). Prints the
slowest input of each kind and exits 1 if any input raised or took over --budget seconds.
tests/test_fuzz.py runs the same targets with few examples and smaller inputs in CI.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dateline.analyze.temporal import Tense, find_times
from dateline.errors import Skip
from dateline.ingest import pubdate
from dateline.ingest.clean import clean_text
from dateline.ingest.prepare import prepare
from dateline.ingest.sources import read_documents
from dateline.model import RawDocument
from dateline.settings import Settings

ANCHOR = dt.date(2026, 2, 15)
# Pieces that the patterns of the stages look for, so that random soup reaches them.
TOKENS = (
    "Monday", "Sunday's", "March", "Feb.", "Sept", "15", "31st", "2026", "1990s", "-", "--",
    "—", "/", ":", ",", ".", "...", " ", "  ", "\n", "\n\n", "\t", "last", "next", "this",
    "week", "weeks", "ago", "the", "of", "early", "mid-", "late", "'s", "at", "10:30",
    "p.m.", "(Reuters)", "KYIV", "Published:", "Updated", "between", "and", "since",
    "until", "as soon as", "Q3", "fiscal", "year", "two", "days", "later", "earlier",
    "tonight", "Christmas", "Opinion", "Read more", "By ", "Share", "©", "<div>", "</div>",
    "<p>", "</p>", "<script>", "&amp;", "<!--", "{", "}", '"text": "', '"html": "', "[",
    "\u200b", "\u00a0", "\u2028", "\r", "é", "Ł", "\x00", "\ud7ff",
)
# (name, unit): each repeated to the wanted size; the slow patterns found so far were all
# long runs like these (a run of weekday names, header/prose line pairs).
UNITS = (
    ("digits", "7"), ("spaces", " "), ("dashes", "-"), ("dash pairs", "--"),
    ("punctuation", ".,;:!?"), ("months", "March "), ("month run", "March"),
    ("month days", "Feb 15 "), ("digit spaces", "1 "), ("digit dashes", "1-"),
    ("slashes", "1/"), ("colons", "1:"), ("year dashes", "2026-"), ("weekdays", "Monday "),
    ("ago", "two days ago "), ("dates", "1 March, 2026 - "), ("times", "10 p.m. "),
    ("ordinals", "1st "), ("newlines", "\n"), ("parens", "("), ("caps", "KYIV, "),
    ("header and prose", "Opinion\nThe minister said the talks went well and would go on.\n"),
    ("teasers", "Big news about a port\nA snippet that ends...\n"),
    ("title lines", "Harbour fire after overnight raid\n"), ("tags", "<div>"),
    ("open p", "<p>x"), ("comments", "<!--"), ("as soon as", "as soon as Monday "),
)


def clean(text: str) -> None:
    clean_text(text)
    clean_text(text, title=text[:120])


def temporal(text: str) -> None:
    find_times(text, ANCHOR, Tense.FUTURE if len(text) % 2 else Tense.PAST)


def dates(text: str) -> None:
    pubdate.date_from_string(text)
    pubdate.date_from_url("https://example.org/" + text)
    pubdate.date_from_dateline(text, ANCHOR)
    pubdate.resolve_pubdate(metadata=text[:200], url=None, text=text, user=None)


def html(text: str) -> None:
    with contextlib.suppress(Skip):  # refusing a page is fine; any other exception is not
        prepare(RawDocument(origin="fuzz.html", html=text), Settings())


def jsonl(text: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fuzz.jsonl"
        path.write_bytes(text.encode("utf-8", "surrogatepass"))
        for item in read_documents(path, Settings()):
            assert isinstance(item, RawDocument | Skip)


TARGETS: dict[str, Callable[[str], None]] = {
    "clean": clean, "temporal": temporal, "dates": dates, "html": html, "jsonl": jsonl}


def soup() -> st.SearchStrategy[str]:
    """Random text built mostly from the tokens the stages react to."""
    piece = st.one_of(st.sampled_from(TOKENS), st.text(max_size=6))
    return st.one_of(st.lists(piece, max_size=300).map("".join), st.text(max_size=1500))


def adversarial(size: int) -> list[tuple[str, str]]:
    return [(name, (unit * (size // len(unit) + 1))[:size]) for name, unit in UNITS]


@dataclass
class Worst:
    seconds: float = 0.0
    what: str = ""

    def note(self, seconds: float, what: str) -> None:
        if seconds > self.seconds:
            self.seconds, self.what = seconds, what


def timed(target: Callable[[str], None], text: str) -> float:
    start = time.perf_counter()
    target(text)
    return time.perf_counter() - start


def run_adversarial(name: str, size: int) -> Worst:
    worst = Worst()
    for kind, text in adversarial(size):
        worst.note(timed(TARGETS[name], text), kind)
    return worst


def run_random(name: str, examples: int) -> tuple[Worst, int]:
    worst, count = Worst(), 0

    @settings(max_examples=examples, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(soup())
    def check(text: str) -> None:
        nonlocal count
        count += 1
        worst.note(timed(TARGETS[name], text), repr(text[:60]))

    check()
    return worst, count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=2000)
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--budget", type=float, default=2.0)
    args = parser.parse_args()
    failed = False
    for name in TARGETS:
        start = time.perf_counter()
        hard = run_adversarial(name, args.size)
        soft, count = run_random(name, args.examples)
        elapsed = time.perf_counter() - start
        print(f"{name:9s} adversarial {len(UNITS)} x {args.size:,} chars: slowest "
              f"{hard.seconds:.3f} s ({hard.what}); random {count}: slowest {soft.seconds:.3f} s"
              f" ({soft.what}); {elapsed:.0f} s in all", flush=True)
        failed = failed or max(hard.seconds, soft.seconds) > args.budget
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
