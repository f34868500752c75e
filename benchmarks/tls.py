"""Timeline summarisation on Timeline17-layout data: alignment-based ROUGE and date F1.

Usage: python benchmarks/tls.py [--data DIR] [--json OUT] [--topics T ...]
                                [--method dateline|datewise|both] [--cache DIR]

DIR holds ``<Topic>_<source>/InputDocs/<YYYY-MM-DD>/<id>.txt`` articles (the folder name
is the publication date) and ``<Topic>_<source>/timelines/*.txt`` gold timelines (a date
line, sentences, a dashed separator). A topic's input is the union of the InputDocs of
all folders whose name starts with ``<Topic>_``; each gold timeline is one task.

The protocol is news-tls's (Ghalandari and Ifrim 2020): the system gets l = the number of
gold days and k = the mean number of sentences per gold day (rounded), its input is the
articles published from the first to the last gold day, and it is scored with tilse's
alignment-based ROUGE (``evaluate_align_date_content_costs_many_to_one``, the "reimpl"
ROUGE: stemmed, stopwords out) and date F1. Precision and recall are averaged over tasks
and F1 is computed from the averages. The last line printed holds the overall figures.

Gold entries whose date line is not a date are left out (with a note); a day written twice
keeps the sentences of both. Dated sentences of each topic are cached under ``--cache``
(default: a folder in the system temp dir) so reruns skip the temporal tagging.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import re
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from dateline import errors
from dateline.present.tls import DatedSentence, TimelineDay, datewise, summarise
from dateline.present.tls_input import dated_sentences

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "t17-dev"
DEFAULT_CACHE = Path(tempfile.gettempdir()) / "dateline-tls-cache"
# Bump when the dated sentences would change (tagger or sentence splitting), so a stale
# cache is not read.
CACHE_VERSION = "4"
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_SEPARATOR = re.compile(r"-{5,}")

Method = Callable[..., list[TimelineDay]]
METHODS: dict[str, Method] = {"dateline": summarise, "datewise": datewise}


@dataclass(frozen=True)
class Source:
    """One input article on disk."""

    id: str  # <folder>/<date>/<file>, unique in the data set
    path: Path
    published: dt.date


@dataclass(frozen=True)
class Gold:
    name: str  # <folder>/<file>
    days: dict[dt.date, tuple[str, ...]]


@dataclass(frozen=True)
class Topic:
    name: str
    sources: tuple[Source, ...]
    timelines: tuple[Gold, ...]


@dataclass(frozen=True)
class Scores:
    """Precision and recall of one task (or their means over tasks) and the F1."""

    r1_p: float
    r1_r: float
    r2_p: float
    r2_r: float
    date_p: float
    date_r: float

    @property
    def r1_f1(self) -> float:
        return _f1(self.r1_p, self.r1_r)

    @property
    def r2_f1(self) -> float:
        return _f1(self.r2_p, self.r2_r)

    @property
    def date_f1(self) -> float:
        return _f1(self.date_p, self.date_r)


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


# ------------------------------------------------------------------------------ layout


def read_layout(data: Path, notes: list[str]) -> list[Topic]:
    """The topics of a Timeline17-layout folder, folders merged by the name before '_'."""
    folders: dict[str, list[Path]] = {}
    for folder in sorted(p for p in data.iterdir() if p.is_dir()) if data.is_dir() else []:
        if (folder / "InputDocs").is_dir() or (folder / "timelines").is_dir():
            folders.setdefault(folder.name.split("_", 1)[0], []).append(folder)
    topics = []
    for name, members in sorted(folders.items()):
        sources = [s for f in members for s in _sources(f, notes)]
        timelines = [_gold(f, path, notes) for f in members
                     for path in sorted((f / "timelines").glob("*.txt"))]
        topics.append(Topic(name, tuple(sources), tuple(t for t in timelines if t.days)))
    if not any(t.sources and t.timelines for t in topics):
        raise SystemExit(errors.E051_NO_TOPICS.format(path=data))
    return topics


def _sources(folder: Path, notes: list[str]) -> list[Source]:
    found = []
    for day_dir in sorted(p for p in (folder / "InputDocs").glob("*") if p.is_dir()):
        try:
            published = dt.date.fromisoformat(day_dir.name)
        except ValueError:
            notes.append(errors.E054_BAD_INPUT_FOLDER.format(path=day_dir))
            continue
        for path in sorted(p for p in day_dir.iterdir() if p.is_file()):
            found.append(Source(f"{folder.name}/{day_dir.name}/{path.name}", path, published))
    return found


def read_gold(path: Path, notes: list[str]) -> dict[dt.date, tuple[str, ...]]:
    """A gold timeline file: {day: sentences}; a repeated day keeps both entries."""
    days: dict[dt.date, list[str]] = {}
    day: dt.date | None = None
    bad = False  # inside an entry whose date line could not be read
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if _SEPARATOR.fullmatch(line):
            day, bad = None, False
        elif day is None and not bad and line:
            try:
                day = dt.date.fromisoformat(line) if _DAY.fullmatch(line) else None
            except ValueError:
                day = None
            if day is None:
                notes.append(errors.E052_BAD_GOLD_DATE.format(path=path, line=number,
                                                              value=line))
                bad = True
            else:
                days.setdefault(day, [])
        elif day is not None and line:
            days[day].append(line)
    return {d: tuple(s) for d, s in sorted(days.items()) if s}


def _gold(folder: Path, path: Path, notes: list[str]) -> Gold:
    return Gold(f"{folder.name}/{path.name}", read_gold(path, notes))


# ------------------------------------------------------------------------------- input


def topic_sentences(topic: Topic, cache: Path | None,
                    progress: Callable[[int, int], None]) -> list[DatedSentence]:
    """Every dated sentence of the topic's articles, read from the cache when fresh."""
    key = hashlib.sha1(CACHE_VERSION.encode())
    for s in topic.sources:
        stat = s.path.stat()
        key.update(f"{s.id}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    cached = cache / f"{topic.name}-{key.hexdigest()[:16]}.json" if cache else None
    if cached is not None and cached.exists():
        return [_sentence(d) for d in json.loads(cached.read_text(encoding="utf-8"))]
    out: list[DatedSentence] = []
    for n, source in enumerate(topic.sources, start=1):
        text = source.path.read_text(encoding="utf-8", errors="replace")
        out.extend(dated_sentences(source.id, text, source.published))
        progress(n, len(topic.sources))
    if cached is not None:
        cached.parent.mkdir(parents=True, exist_ok=True)
        cached.write_text(json.dumps([_row(s) for s in out]), encoding="utf-8")
    return out


def _row(s: DatedSentence) -> dict[str, Any]:
    row = asdict(s)
    row["published"] = s.published.isoformat()
    row["dates"] = [d.isoformat() for d in s.dates]
    return row


def _sentence(row: dict[str, Any]) -> DatedSentence:
    return DatedSentence(row["text"], row["article"], row["start"], row["end"],
                         dt.date.fromisoformat(row["published"]), row["position"],
                         tuple(dt.date.fromisoformat(d) for d in row["dates"]), row["heading"])


# ------------------------------------------------------------------------------ scoring


def task_size(gold: dict[dt.date, tuple[str, ...]]) -> tuple[int, int]:
    """(l, k): the number of gold days and the mean sentences per day, rounded."""
    return len(gold), max(1, round(sum(len(s) for s in gold.values()) / len(gold)))


def score(predicted: dict[dt.date, list[str]], gold: dict[dt.date, tuple[str, ...]]) -> Scores:
    """tilse's align+ m:1 ROUGE-1/2 (reimplemented ROUGE) and date P/R of one task."""
    try:
        from tilse.data.timelines import GroundTruth, Timeline
        from tilse.evaluation import rouge
    except ImportError as exc:
        raise SystemExit(errors.E053_NO_TILSE) from exc
    if not predicted:  # tilse cannot align an empty timeline; it scores nothing anyway
        return Scores(0.0, 0.0, 0.0, 0.0, 0.0, 0.0)
    evaluator = rouge.TimelineRougeEvaluator(measures=["rouge_1", "rouge_2"],
                                             rouge_computation="reimpl")
    truth = GroundTruth([Timeline({d: list(s) for d, s in gold.items()})])
    found = evaluator.evaluate_align_date_content_costs_many_to_one(Timeline(predicted),
                                                                     truth)
    shared = len(set(predicted) & set(gold))
    date_p = shared / len(predicted) if predicted else 0.0
    return Scores(found["rouge_1"]["precision"], found["rouge_1"]["recall"],
                  found["rouge_2"]["precision"], found["rouge_2"]["recall"],
                  date_p, shared / len(gold))


def mean_scores(scores: Sequence[Scores]) -> Scores:
    n = len(scores)
    return Scores(*(sum(getattr(s, f) for s in scores) / n
                    for f in ("r1_p", "r1_r", "r2_p", "r2_r", "date_p", "date_r")))


def run_task(method: Method, sentences: Sequence[DatedSentence],
             gold: dict[dt.date, tuple[str, ...]]) -> tuple[list[TimelineDay], Scores]:
    """The protocol for one gold timeline: clip the input to its span, pass l and k."""
    first, last = min(gold), max(gold)
    clipped = [s for s in sentences if first <= s.published <= last]
    n_days, per_day = task_size(gold)
    timeline = method(clipped, n_days, per_day, span=(first, last)) if clipped else []
    predicted = {day.date: [s.text for s in day.sentences] for day in timeline}
    return timeline, score(predicted, gold)


# --------------------------------------------------------------------------------- main


def _progress(label: str) -> Callable[[int, int], None]:
    def show(done: int, total: int) -> None:
        if done == total or done % 25 == 0:
            end = "\n" if done == total else ""
            print(f"\r{label}: {done}/{total} articles", end=end, file=sys.stderr, flush=True)
    return show


def _line(label: str, s: Scores) -> str:
    return f"{label:<44} AR-1 F1 {s.r1_f1:.3f}  AR-2 F1 {s.r2_f1:.3f}  date F1 {s.date_f1:.3f}"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, metavar="DIR")
    parser.add_argument("--json", type=Path, default=None, metavar="OUT")
    parser.add_argument("--topics", nargs="+", default=None, metavar="T")
    parser.add_argument("--method", choices=[*METHODS, "both"], default="both")
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE, metavar="DIR")
    parser.add_argument("--no-cache", action="store_true")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    notes: list[str] = []
    topics = read_layout(args.data, notes)
    if args.topics:
        topics = [t for t in topics if t.name in args.topics]
    for note in notes:
        print("note:", note, file=sys.stderr)
    methods = list(METHODS) if args.method == "both" else [args.method]
    per_task: dict[str, list[Scores]] = {m: [] for m in methods}
    report: dict[str, Any] = {"tasks": [], "overall": {}}
    for topic in topics:
        sentences = topic_sentences(topic, None if args.no_cache else args.cache,
                                    _progress(topic.name))
        for gold in topic.timelines:
            n_days, per_day = task_size(gold.days)
            for m in methods:
                timeline, scores = run_task(METHODS[m], sentences, gold.days)
                per_task[m].append(scores)
                print(_line(f"{gold.name} ({m}, l={n_days}, k={per_day})", scores), flush=True)
                report["tasks"].append({
                    "task": gold.name, "method": m, "l": n_days, "k": per_day,
                    **_figures(scores),
                    "timeline": [{"date": d.date.isoformat(), "sentences": [
                        {"text": s.text, "article": s.article, "start": s.start,
                         "end": s.end} for s in d.sentences]} for d in timeline]})
    overall = {m: mean_scores(per_task[m]) for m in methods if per_task[m]}
    report["overall"] = {m: _figures(s) for m, s in overall.items()}
    report["seconds"] = round(time.perf_counter() - started, 1)
    if args.json:
        args.json.write_text(json.dumps(report, indent=1), encoding="utf-8")
    print(f"{sum(len(t) for t in per_task.values()) // max(1, len(methods))} tasks in "
          f"{report['seconds']} s", file=sys.stderr)
    print("  |  ".join(f"overall {m}: AR-1 F1 {s.r1_f1:.3f} AR-2 F1 {s.r2_f1:.3f} "
                       f"date F1 {s.date_f1:.3f}" for m, s in overall.items()))
    return 0


def _figures(s: Scores) -> dict[str, float]:
    return {**{k: round(v, 4) for k, v in asdict(s).items()},
            "ar1_f1": round(s.r1_f1, 4), "ar2_f1": round(s.r2_f1, 4),
            "date_f1": round(s.date_f1, 4)}


if __name__ == "__main__":
    sys.exit(main())
