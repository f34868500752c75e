"""Values that depend on the rest of the document, not only on the publication date.

:func:`find_times` reads one sentence at a time; :func:`resolve_document` then revises,
in document order, the expressions that refer back to another time:

- business news reports on one quarter: "the quarter", "the latest period", "that
  quarter" are that quarter, and "a year ago", "a year earlier", "the year-ago quarter"
  the same quarter a year before (TimeBank's reading, e.g. ``1988-Q3`` in a report on the
  third quarter of 1989). The quarter is the last one named with its number, or before
  any, the first one the document names, counting only quarters over by publication;
- anaphors, "that year", "later that day", "the following month", take the time they
  refer to from the text: the latest DATE or TIME named with its year, else the
  publication date; "the next day", "the next year" take it as HeidelTime does for news:
  only from the same or the previous sentence, else the publication date.
  An anaphor finer than its reference keeps what is known: "that same day" after "last
  October" is ``1998-10-XX``.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import replace

from dateline.analyze.timex_anaphora import ANAPHORS, REFERENCE, shift_value
from dateline.model import TimeExpr

_QUARTER = re.compile(r"(\d{4})-Q([1-4])")


def resolve_document(times: Sequence[TimeExpr], anchor: dt.date | None = None,
                     sentence_starts: Sequence[int] = ()) -> list[TimeExpr]:
    """The expressions of one document, in order, with back-references resolved.

    ``anchor`` is the publication date and ``sentence_starts`` the offsets at which the
    document's sentences start (sorted); without them every expression is in one sentence.
    """
    focus = next((t.value for t in times if _reports(t, anchor)), None)
    reference: tuple[str, int] | None = None  # (value, sentence) of the latest time named
    out: list[TimeExpr] = []
    for time in times:
        sentence = bisect.bisect_right(sentence_starts, time.start)
        if time.note in ANAPHORS:
            time = _anaphor(time, reference, sentence, anchor)
        elif _reports(time, anchor):
            focus = time.value
        elif focus is not None:
            time = _refer(time, focus)
        if time.timex_type in ("DATE", "TIME") and REFERENCE.match(time.value):
            reference = (time.value, sentence)
        out.append(time)
    return out


def _reports(time: TimeExpr, anchor: dt.date | None) -> bool:
    """Whether a quarter named by its number can be the one a report is about: only a
    quarter over by publication is reported on ("a fourth-quarter charge" in November is
    a forecast, and "the latest quarter" then is still the third)."""
    found = _QUARTER.fullmatch(time.value) if time.note == "quarter" else None
    if found is None:
        return False
    year, quarter = int(found.group(1)), int(found.group(2))
    return anchor is None or (year, quarter) < (anchor.year, (anchor.month + 2) // 3)


def _anaphor(time: TimeExpr, reference: tuple[str, int] | None, sentence: int,
             anchor: dt.date | None) -> TimeExpr:
    step, far = ANAPHORS[time.note]
    if reference is not None and (far or reference[1] >= sentence - 1):
        value = reference[0]
    elif anchor is not None:
        value = anchor.isoformat()
    else:
        return time
    return replace(time, value=shift_value(value, time.value, step))


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
