"""TIMEX3s from another system, read from JSON lines, to be scored like our own.

One line per document::

    {"file": "TimeBank/wsj_0026.tml", "timexes": [{"start": 12, "end": 20,
     "type": "DATE", "value": "1989-10-25", "mod": ""}]}

``file`` is the path relative to the data folder or just the file name; ``start`` and
``end`` are character offsets into :attr:`~dateline.evaluate.timeml.TimemlDoc.text`, the
content of ``<TEXT>`` with every tag removed and XML entities decoded (the string the
gold offsets are computed on). ``mod`` may be left out. A document with no line scores as
one where the system found nothing.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from dateline.evaluate.timeml import TimemlDoc, Timex


class SystemFileError(ValueError):
    """A system annotation file we cannot score."""


def read_system(path: Path) -> dict[str, list[dict[str, Any]]]:
    """The raw timexes of each document in a JSON-lines file, keyed by its ``file``."""
    out: dict[str, list[dict[str, Any]]] = {}
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                out[str(record["file"])] = list(record["timexes"])
            except (json.JSONDecodeError, KeyError, TypeError) as exc:
                raise SystemFileError(
                    f"{path}:{number}: expected a JSON object with \"file\" and "
                    f"\"timexes\" ({exc}); see the format in benchmarks/timeml.py") from exc
    return out


def system_timexes(doc: TimemlDoc, relative: str,
                   annotations: dict[str, list[dict[str, Any]]]) -> list[Timex]:
    """The system's TIMEX3s for ``doc``, found under its relative path or its name."""
    raw = annotations.get(relative, annotations.get(doc.name, []))
    out: list[Timex] = []
    for item in raw:
        try:
            start, end = int(item["start"]), int(item["end"])
            kind, value, mod = str(item["type"]), str(item["value"]), str(item.get("mod") or "")
        except (KeyError, TypeError, ValueError) as exc:
            raise SystemFileError(f"{relative}: a timex needs integer \"start\", \"end\" and "
                                  f"\"type\", \"value\" strings, got {item!r}") from exc
        if not 0 <= start < end <= len(doc.text):
            raise SystemFileError(f"{relative}: offsets {start}-{end} fall outside the "
                                  f"document text (length {len(doc.text)}); offsets count "
                                  "characters of <TEXT> with all tags stripped")
        out.append(Timex(start, end, doc.text[start:end], kind, value, mod))
    return sorted(out, key=lambda t: (t.start, t.end))
