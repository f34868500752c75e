"""Values that depend on the rest of the document, not only on the publication date.

:func:`find_times` reads one sentence at a time; :func:`resolve_document` then revises,
in document order, the expressions that refer back to another time:

- business news reports on one quarter: "the quarter", "the latest period", "that
  quarter" are that quarter, and "a year ago", "a year earlier", "the year-ago quarter"
  the same quarter a year before (TimeBank's reading, e.g. ``1988-Q3`` in a report on the
  third quarter of 1989). The quarter is the last one named with its number, or before
  any, the first one the document names.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from dateline.model import TimeExpr

_QUARTER = re.compile(r"(\d{4})-Q([1-4])")


def resolve_document(times: Sequence[TimeExpr]) -> list[TimeExpr]:
    """The expressions of one document, in order, with back-references resolved."""
    focus = next((t.value for t in times if t.note == "quarter"
                  and _QUARTER.fullmatch(t.value)), None)
    out: list[TimeExpr] = []
    for time in times:
        if time.note == "quarter" and _QUARTER.fullmatch(time.value):
            focus = time.value
        elif focus is not None:
            time = _refer(time, focus)
        out.append(time)
    return out


def _refer(time: TimeExpr, focus: str) -> TimeExpr:
    found = _QUARTER.fullmatch(focus)
    assert found is not None
    year, quarter = int(found.group(1)), found.group(2)
    if time.note == "quarter-ref":
        return replace(time, value=focus)
    if time.note in ("quarter-ago", "year-ago"):
        return replace(time, value=f"{year - 1:04d}-Q{quarter}")
    if time.note == "quarter-year" and time.value[:4].isdigit():
        return replace(time, value=f"{time.value[:4]}-Q{quarter}")
    return time
