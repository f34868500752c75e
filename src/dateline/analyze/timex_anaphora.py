"""Values of anaphoric expressions from the time they refer to.

"that year", "later that day" (note ``anaphor``: the reference itself), "the next day",
"the following month" (``anaphor+1``), "the previous week" (``anaphor-1``), "the next day"
(``anaphor+1 near``: only a time named in the same or the previous sentence) are found with
a template value (``XXXX``, ``XXXX-XX``, ``XXXX-XX-XX``, ``XXXX-WXX``) that names their
unit; :func:`shift_value` fills it from a reference value such as ``1998-10-23``.
"""

from __future__ import annotations

import datetime as dt
import re

from dateline.analyze.timex_base import week_value

# The step of each anaphor note, and whether its reference may lie further back than the
# previous sentence (else the publication date is the reference).
ANAPHORS = {"anaphor": (0, True), "anaphor+1": (1, True), "anaphor-1": (-1, True),
            "anaphor+1 near": (1, False)}
# A value that can serve as a reference: a year, month, day or ISO week, with its year.
REFERENCE = re.compile(r"(\d{4})(?:-(\d\d)(?:-(\d\d))?|-W(\d\d))?(?:$|T|-WE)")


def shift_value(reference: str, template: str, step: int) -> str:
    """The value of an anaphor of unit ``template`` ``step`` units after ``reference``.

    What the reference does not fix stays unknown: "the next day" after "October 1998" is
    ``XXXX-XX-XX``, "that day" after it ``1998-10-XX``.
    """
    found = REFERENCE.match(reference)
    if found is None:
        return template
    year, month, day, week = (int(g) if g else None for g in found.groups())
    assert year is not None
    if template == "XXXX":
        return f"{year + step:04d}"
    if template == "XXXX-XX":
        if month is None:
            return f"{year:04d}-XX" if step == 0 else template
        total = year * 12 + month - 1 + step
        return f"{total // 12:04d}-{total % 12 + 1:02d}"
    if day is not None and month is not None:
        date = dt.date(year, month, day)
    elif week is not None:
        date = dt.date.fromisocalendar(year, week, 1)
        if template == "XXXX-WXX":
            return week_value(date + dt.timedelta(weeks=step))
        return template
    else:
        partial = f"{year:04d}-{month:02d}-XX" if month else f"{year:04d}-XX-XX"
        return partial if step == 0 and template == "XXXX-XX-XX" else template
    if template == "XXXX-WXX":
        return week_value(date + dt.timedelta(weeks=step))
    return (date + dt.timedelta(days=step)).isoformat()
