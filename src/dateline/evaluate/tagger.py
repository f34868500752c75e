"""Our TIMEX3s for a TimeML document: the temporal engine run sentence by sentence.

No spaCy here, to keep the harness fast and the engine measured on its own:

- sentences come from a regex splitter (a full stop, question or exclamation mark, or a
  blank line, before an upper-case letter, digit or quote);
- the tense of each sentence comes from a tiny tagger (:func:`rough_tags`) that marks
  only what :func:`~dateline.analyze.temporal.tense_of` reads: modals ("will", "would"
  is not future), "to" + base verbs, a closed list of irregular past forms and words
  ending in "-ed" as past (VBD) unless capitalised inside the sentence ("United"), and the
  past participle after an auxiliary; the tense of an expression is that of the nearest
  cue in its clause (:func:`clause_tense`), else the sentence's;
- the anchor is the document creation time (DCT).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterator
from pathlib import Path

from dateline.analyze.temporal import Tense, find_times, tense_of
from dateline.analyze.timex_discourse import resolve_document
from dateline.analyze.timex_patterns import MONTHS
from dateline.evaluate.timeml import (
    TimemlDoc,
    Timex,
    iter_documents,
    read_timeml,
    write_timeml,
)
from dateline.model import TimeExpr

# Irregular past forms common in news; regular ones are caught by their "-ed" ending.
_IRREGULAR_PAST = frozenset((
    "was", "were", "had", "did", "said", "told", "went", "came", "made", "took", "saw", "got",
    "gave", "met", "left", "held", "fell", "rose", "sold", "bought", "lost", "won", "began",
    "became", "brought", "thought", "found", "kept", "knew", "paid", "put", "ran", "sent",
    "set", "spent", "stood", "struck", "taught", "threw", "wrote", "hit", "led", "cut",
    "shut", "quit", "fled", "fought", "sought", "built", "felt", "meant", "heard", "chose",
    "drove", "ate", "flew", "grew", "drew", "broke", "spoke", "woke", "wore", "tore", "swore",
    "froze", "stole", "rode", "rang", "sang", "sank", "shot", "slid", "spread", "split",
    "bore", "forecast",
))
_MODALS = frozenset({"will", "shall", "'ll", "’ll", "wo"})
_AUX = frozenset({"has", "have", "had", "was", "were", "been", "'ve", "’ve", "is", "are"})
# "-ed" words that are rarely verbs in news copy.
_NOT_VERBS = frozenset({"need", "red", "bed", "speed", "seed", "feed", "shed", "hundred",
                        "indeed", "creed", "greed", "bred", "sled", "wed", "led", "fled"})


@functools.cache
def _splitter() -> re.Pattern[str]:
    return re.compile(r"(?<=[.!?])[\"'’”]?\s{1,10}(?=[\"'“‘`(]?[A-Z0-9])|\n\s*\n")


@functools.cache
def _token() -> re.Pattern[str]:
    return re.compile(r"[A-Za-z]+(?:['’][a-z]+)?|['’][a-z]{1,2}\b|\d[\d.,:]*")


# Words after which a full stop ends no sentence: titles, month and company abbreviations.
_ABBREVIATIONS = frozenset((
    "mr", "mrs", "ms", "dr", "st", "gen", "sen", "rep", "gov", "lt", "col", "sgt", "capt",
    "adm", "prof", "rev", "jr", "sr", "inc", "corp", "co", "ltd", "bros", "no", "vs", "jan",
    "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mon",
    "tue", "tues", "wed", "thu", "thurs", "fri", "sat", "sun", "u.s", "a.m", "p.m", "u.n",
    "u.k", "e.g", "i.e",
))
# After "a.m."/"p.m." a sentence goes on when a day, month or time zone follows.
_GOES_ON = frozenset((
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "est",
    "edt", "cst", "cdt", "pst", "pdt", "gmt", "utc", "jan", "feb", "march", "april", "may",
    "june", "july", "aug", "sept", "oct", "nov", "dec",
))


def _ends_sentence(text: str, brk: re.Match[str]) -> bool:
    if brk.group().count("\n") >= 2:  # a blank line
        return True
    before = text[max(0, brk.start() - 12):brk.start()].split()
    word = before[-1].lower().strip("\"'’”").rstrip(".") if before else ""
    if word in ("a.m", "p.m"):
        after = text[brk.end():brk.end() + 12].split()
        return not after or after[0].lower().rstrip(".,") not in _GOES_ON
    return word not in _ABBREVIATIONS and not (len(word) == 1 and word.isalpha())


def sentences(text: str) -> Iterator[tuple[int, str]]:
    """(offset, sentence) pairs that together cover the text."""
    start = 0
    for brk in _splitter().finditer(text):
        if not _ends_sentence(text, brk):
            continue
        if brk.start() > start:
            yield start, text[start:brk.start()]
        start = brk.end()
    if start < len(text):
        yield start, text[start:]


def rough_tags(sentence: str) -> list[tuple[str, str]]:
    """(word, Penn tag) pairs, with only MD, TO, VB, VBD and VBN told apart from NN."""
    words = _token().findall(sentence)
    tagged: list[tuple[str, str]] = []
    for i, word in enumerate(words):
        low = word.lower()
        prev = words[i - 1].lower() if i else ""
        if low in _MODALS:
            tag = "MD"
        elif low == "to":
            tag = "TO"
        elif prev in ("to", "will", "shall", "'ll", "’ll"):
            tag = "VB"
        elif low in _IRREGULAR_PAST or (low.endswith("ed") and len(low) > 4
                                         and low not in _NOT_VERBS
                                         and (i == 0 or not word[0].isupper())):
            tag = "VBN" if prev in _AUX and low not in ("was", "were", "had") else "VBD"
        else:
            tag = "NN"
        tagged.append((word, tag))
    return tagged


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
    return [Timex(t.start, t.end, t.text, t.timex_type, t.value, t.mod)
            for t in resolve_document(out, anchor, starts)]


@functools.cache
def _clause_break() -> re.Pattern[str]:
    return re.compile(r"[,;:()\"“”]|``|''|--|\s-\s|\s_\s|\b(?:that|which|who|but|because|"
                      r"while|although|when|where|and)\b")


def clause_tense(sentence: str, start: int, end: int) -> Tense | None:
    """The tense of the verb nearest to sentence[start:end] in its clause, None if none.

    Nearest by words, the left side first on a tie: "a court Thursday refused" is past
    though "will" opens the sentence; "planned to leave on Thursday", "would be traveling
    Thursday" and "as soon as Tuesday" are plans, so future. So is a month or its day
    right after "by", "until", "effective" ("pay the loan by February"): in TimeBank +
    AQUAINT 17 of 17 such yearless dates lie in the month of publication or later (not
    so for weekdays: "until Thursday, they had not...").
    """
    first = sentence[start:end].split(maxsplit=1)[0].rstrip(".").lower() if end > start else ""
    if first in MONTHS and _deadline().search(sentence, max(0, start - 16), start):
        return Tense.FUTURE
    breaks = [m.start() for m in _clause_break().finditer(sentence)]
    left = max((b for b in breaks if b < start), default=-1) + 1
    right = min((b for b in breaks if b >= end), default=len(sentence))
    left_tags = rough_tags(sentence[left:start])
    before = [(len(left_tags) - i, tense) for i, tense in _cues(left_tags)]
    after = [(i + 1, tense) for i, tense in _cues(rough_tags(sentence[end:right]))]
    nearest = min(before + after, key=lambda cue: cue[0], default=None)
    return nearest[1] if nearest else None


@functools.cache
def _deadline() -> re.Pattern[str]:
    return re.compile(r"\b(?i:by|until|till|effective|as\s+soon\s+as)\s{1,2}$")


# Words that, before "to", make the infinitive after them a plan: "planned to leave".
_PLANS = frozenset({"planned", "plans", "plan", "planning", "scheduled", "expected", "set",
                    "due", "going", "ready", "hopes", "hoped", "intends", "intended",
                    "prepared", "preparing", "slated", "poised"})
_FUTURE_WORDS = frozenset({"will", "shall", "'ll", "’ll", "wo", "would", "next", "upcoming"})


def _cues(tags: list[tuple[str, str]]) -> list[tuple[int, Tense]]:
    """(word index, tense) of each tense cue in a piece of a clause."""
    words = [w.lower() for w, _ in tags]
    out: list[tuple[int, Tense]] = []
    for i, (word, tag) in enumerate(zip(words, (t for _, t in tags), strict=True)):
        after, before = words[i + 1] if i + 1 < len(words) else "", words[i - 1] if i else ""
        if (word in _PLANS and after == "to") or (word == "soon" and before == "as") or (
                word in _FUTURE_WORDS):
            out.append((i, Tense.FUTURE))
        elif tag in ("VBD", "VBN"):
            out.append((i, Tense.PAST))
    return out


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
