"""TIMEX3 quality on TimeML corpora: TempEval-3 Task A figures per corpus and overall.

Usage: python benchmarks/timeml.py [--data DIR] [--json OUT] [--errors] [--by-category]
                                  [--system FILE]

Every ``.tml`` file under DIR (default ../shared/data/timeml: TimeBank + AQUAINT) is read,
tagged by the temporal engine (anchor: the DCT) and scored against its gold TIMEX3s. One
line per corpus (the first folder under DIR), then the overall line, last. ``--errors``
prints every missed, spurious, span-off and wrong-value expression, for error analysis;
``--by-category`` prints the wrong values only, grouped by kind of error
(:mod:`dateline.evaluate.categories`), with a count per kind, largest first.

``--system FILE.jsonl`` scores another system's annotations instead of running our engine,
with the same reader and scorer. One JSON object per line and document::

    {"file": "TimeBank/wsj_0026.tml",
     "timexes": [{"start": 12, "end": 20, "type": "DATE", "value": "1989-10-25",
                  "mod": ""}]}

``file`` is the path under DIR or the bare file name ("wsj_0026.tml"). ``start``/``end``
are character offsets (end exclusive) into the raw text inside ``<TEXT>`` with every tag
stripped and the XML entities (and numeric character references) decoded: the string
``dateline.evaluate.timeml`` computes gold offsets on. The DCT is not in that text. ``mod``
may be empty or absent. A document without a line counts as one with no TIMEX3 found.
Example: ``python benchmarks/timeml.py --system /tmp/heideltime_timeml.jsonl``.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

from dateline.evaluate.categories import category
from dateline.evaluate.external import SystemFileError, read_system, system_timexes
from dateline.evaluate.score import Counts, Scores, count, match, scores
from dateline.evaluate.tagger import tag_document
from dateline.evaluate.timeml import TimemlDoc, Timex, read_timeml

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "timeml"


def evaluate(data: Path, show_errors: bool = False, system_file: Path | None = None,
             by_category: dict[str, list[str]] | None = None) -> dict[str, Scores]:
    """Scores per corpus folder and under "overall"; ours, or those of ``system_file``.

    With ``by_category``, every wrong value is added to it as a line, under its kind.
    """
    external = read_system(system_file) if system_file is not None else None
    per: dict[str, list[Counts]] = defaultdict(list)
    for path in sorted(data.rglob("*.tml")):
        doc = read_timeml(path)
        relative = path.relative_to(data).as_posix()
        system = (tag_document(doc) if external is None
                  else system_timexes(doc, relative, external))
        corpus = path.relative_to(data).parts[0] if path.parent != data else "."
        per[corpus].append(count(doc.gold, system))
        if show_errors:
            _print_errors(doc, system)
        if by_category is not None:
            _categorise(doc, system, by_category)
    result = {name: scores(c) for name, c in sorted(per.items())}
    result["overall"] = scores(c for cs in per.values() for c in cs)
    return result


def _print_errors(doc: TimemlDoc, system: list[Timex]) -> None:
    pairs = match(doc.gold, system)
    matched_g = {id(g) for g, _ in pairs}
    matched_s = {id(s) for _, s in pairs}
    for g in doc.gold:
        if id(g) not in matched_g:
            print(f"MISS\t{doc.name}\t{g.text!r}\t{g.type}\t{g.value}\t{g.mod}\t{_ctx(doc, g)}")
    for s in system:
        if id(s) not in matched_s:
            print(f"SPUR\t{doc.name}\t{s.text!r}\t{s.type}\t{s.value}\t{s.mod}\t{_ctx(doc, s)}")
    for g, s in pairs:
        if (g.start, g.end) != (s.start, s.end):
            print(f"SPAN\t{doc.name}\t{g.text!r}\t{s.text!r}\t{_ctx(doc, g)}")
        if g.value != s.value or g.type != s.type:
            print(f"VALUE\t{doc.name}\t{g.text!r}\t{g.type} {g.value} {g.mod}\t"
                  f"{s.type} {s.value} {s.mod}\tdct={doc.dct}\t{_ctx(doc, g)}")


def _categorise(doc: TimemlDoc, system: list[Timex], into: dict[str, list[str]]) -> None:
    for g, s in match(doc.gold, system):
        if g.value != s.value:
            into.setdefault(category(g, s), []).append(
                f"{doc.name}\t{g.text!r}\t{g.type} {g.value}\t{s.text!r}\t{s.type} {s.value}"
                f"\tdct={doc.dct}\t{_ctx(doc, g)}")


def print_categories(by_category: dict[str, list[str]]) -> None:
    """Each kind of value error with its count, largest first, then its errors."""
    ranked = sorted(by_category.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    for name, lines in ranked:
        print(f"{len(lines):5}  {name}")
    for name, lines in ranked:
        print(f"\n## {name} ({len(lines)})")
        print("\n".join(lines))


def _ctx(doc: TimemlDoc, t: Timex) -> str:
    return " ".join(doc.text[max(0, t.start - 60):t.end + 40].split())


def format_line(name: str, s: Scores) -> str:
    return (f"{name:<10} gold={s.gold:<5} sys={s.system:<5} "
            f"strict P/R/F1={s.strict_p:.3f}/{s.strict_r:.3f}/{s.strict_f1:.3f}  "
            f"relaxed P/R/F1={s.relaxed_p:.3f}/{s.relaxed_r:.3f}/{s.relaxed_f1:.3f}  "
            f"type F1={s.type_f1:.3f}  value F1={s.value_f1:.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--json", type=Path, help="Also write the figures here as JSON.")
    parser.add_argument("--errors", action="store_true", help="Print every error.")
    parser.add_argument("--by-category", action="store_true",
                        help="Print the wrong values grouped by kind of error.")
    parser.add_argument("--system", type=Path, metavar="FILE.jsonl",
                        help="Score these annotations (format above) instead of ours.")
    args = parser.parse_args()
    if not args.data.is_dir():
        sys.exit(f"{args.data}: no such folder; pass --data with a folder of .tml files")
    if args.system is not None and not args.system.is_file():
        sys.exit(f"{args.system}: no such file; pass --system a JSON-lines file")
    groups: dict[str, list[str]] | None = {} if args.by_category else None
    try:
        result = evaluate(args.data, args.errors, args.system, groups)
    except SystemFileError as exc:
        sys.exit(str(exc))
    if groups is not None:
        print_categories(groups)
    for name, figures in result.items():
        print(format_line(name, figures))
    if args.json:
        args.json.write_text(json.dumps({k: v.as_dict() for k, v in result.items()},
                                        indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
