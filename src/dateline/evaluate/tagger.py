"""Our TIMEX3s for a TimeML document: the temporal engine run sentence by sentence.

No spaCy here, to keep the harness fast and the engine measured on its own: sentences and
tenses come from :mod:`dateline.analyze.light`, and the anchor is the document creation
time (DCT).
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from dateline.analyze.light import clause_tense, rough_tags, sentences
from dateline.analyze.temporal import Tense, find_times, tense_of
from dateline.analyze.timex_discourse import resolve_document
from dateline.evaluate.timeml import (
    TimemlDoc,
    Timex,
    iter_documents,
    read_timeml,
    write_timeml,
)
from dateline.model import TimeExpr


def tag_document(doc: TimemlDoc) -> list[Timex]:
    """Our TIMEX3s over the document text, anchored at its DCT."""
    return tag_text(doc.text, doc.dct)


def tag_text(text: str, anchor: dt.date | None) -> list[Timex]:
    """Our TIMEX3s over plain text: each expression resolved with its clause's tense."""
    out: list[TimeExpr] = []
    starts: list[int] = []
    for offset, sentence in sentences(text):
        starts.append(offset)
        base = tense_of(rough_tags(sentence)) if anchor is not None else Tense.PAST
        runs = {base: find_times(sentence, anchor, base, offset)}
        for expr in runs[base]:
            tense = clause_tense(sentence, expr.start - offset, expr.end - offset) or base
            if tense not in runs:
                runs[tense] = find_times(sentence, anchor, tense, offset)
            same = [e for e in runs[tense] if (e.start, e.end) == (expr.start, expr.end)]
            out.append(same[0] if same else expr)
    return [timex for t in resolve_document(out, anchor, starts) for timex in _split_range(t)]


# "April 24 and 25", "from 1991 to 1997": a range joined by a word, each end a number.
_RANGE = re.compile(r"(?P<first>.*\d)(?P<sep>\s{1,2}(?:to|and|through|until|till|&)\s{1,2})"
                    r"(?P<second>\S.*\d)")


def _split_range(t: TimeExpr) -> list[Timex]:
    """One TIMEX3, or two for a range: TimeML tags each end of "April 24 and 25" and leaves
    the word between them out as a signal (3 of 3 in TimeBank + AQUAINT)."""
    found = _RANGE.fullmatch(t.text) if t.timex_type == "DATE" and not t.note else None
    if found is None or t.end_date is None:
        return [Timex(t.start, t.end, t.text, t.timex_type, t.value, t.mod)]
    first, second = found["first"], found["second"]
    at = t.start + found.start("second")
    return [Timex(t.start, t.start + len(first), first, "DATE", t.value, t.mod),
            Timex(at, at + len(second), second, "DATE", t.end_date.iso())]


def retag_folder(in_dir: Path, out_dir: Path) -> list[Path]:
    """Write each ``.tml``/``.TE3input`` file of ``in_dir`` to ``out_dir`` with our TIMEX3s.

    Gold TIMEX3s inside ``<TEXT>`` are replaced; everything else is byte-identical.
    Returns the files written. Raises :class:`TimemlError` for a file without ``<TEXT>``.
    """
    written: list[Path] = []
    for path in iter_documents(in_dir):
        doc = read_timeml(path)
        target = out_dir / path.relative_to(in_dir)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(write_timeml(doc, tag_document(doc)), encoding="utf-8")
        written.append(target)
    return written
