"""`dateline extract`: raw texts in, event mentions out, one JSON line each."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from dateline.cli import main

LINES = [
    {"id": "strike", "published": "2026-03-03",
     "text": "A drone attack on the harbour of Portavel on Tuesday injured at least three "
             "dock workers, the regional governor said."},
    {"id": 7, "text": "The weather stayed mild all week."},
    {"id": "talks", "published": "2026-03-03",
     "text": "Envoys of the two governments will meet in Geneva on Friday for talks hosted "
             "by Switzerland."},
]


def run(tmp_path: Path, lines: list[str]) -> tuple[int, list[dict[str, object]], str]:
    src, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["extract", "--jsonl", "--quiet", str(src), str(out)])
    rows = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    return result.exit_code, rows, result.output


def test_one_output_line_per_input_line_in_order(tmp_path: Path) -> None:
    code, rows, _ = run(tmp_path, [json.dumps(x) for x in LINES])
    assert code == 0
    assert [r["id"] for r in rows] == ["strike", 7, "talks"]
    assert rows[1]["mentions"] == []


def test_a_mention_carries_every_field(tmp_path: Path) -> None:
    _, rows, _ = run(tmp_path, [json.dumps(x) for x in LINES])
    strike = rows[0]["mentions"][0]  # type: ignore[index]
    assert {"type", "mode", "confidence", "actors", "recipients", "place", "geo", "acled",
            "date", "date_precision", "quantities", "modality", "speaker", "quote",
            "sentence"} <= set(strike)
    assert (strike["type"], strike["mode"], strike["modality"]) == ("ASSAULT", "drone",
                                                                    "happened")
    assert strike["date"] == "2026-03-03"
    assert strike["quantities"] == {"injured": 3, "injured_qualifier": "at least"}
    assert 0 < strike["confidence"] <= 1
    span = strike["sentence"]
    assert LINES[0]["text"][span["start"]:span["end"]] == span["text"]  # type: ignore[index]
    talks = rows[2]["mentions"][0]  # type: ignore[index]
    assert (talks["type"], talks["modality"], talks["date"]) == ("CONSULT", "planned",
                                                                 "2026-03-06")


def test_bad_lines_are_named_and_the_rest_goes_on(tmp_path: Path) -> None:
    lines = ["not json", json.dumps([1, 2]), json.dumps({"id": 1}),
             json.dumps({"id": 2, "text": "Talks ended.", "published": "March"}),
             json.dumps(LINES[1])]
    code, rows, output = run(tmp_path, lines)
    assert code == 3
    assert [r["id"] for r in rows] == [7]
    for number, code_name in ((1, "E006"), (2, "E011"), (3, "E018"), (4, "E010")):
        assert f"in.jsonl:{number}: [{code_name}]" in output


def test_the_cheap_pass_parses_only_sentences_that_may_hold_an_event() -> None:
    from dateline.analyze.lexicon import may_hold_event

    assert may_hold_event("Rebels attacked the convoy near the border.")
    assert may_hold_event("Talks resumed in Doha.")
    assert may_hold_event("The minister called for calm.")
    assert not may_hold_event("She called her sister.")  # "call" only as "call for/on"
    assert not may_hold_event("The sun came back after the rain.")
    assert not may_hold_event("Firefighters kept the blaze from spreading.")  # no weapon
    assert may_hold_event("Artillery fire hit the village.")
