"""Sentences and tense without a parser: what the analyze stage uses for the sentences that
hold no event, and the TimeML harness for all of them.

- sentences come from a regex splitter (a full stop, question or exclamation mark, or a
  blank line or line break, before an upper-case letter, digit or quote);
- the tense of each sentence comes from a tiny tagger (:func:`rough_tags`) that marks
  only what :func:`~dateline.analyze.temporal.tense_of` reads: modals ("will", "would"
  is not future), "to" + base verbs, a closed list of irregular past forms and words
  ending in "-ed" as past (VBD) unless capitalised inside the sentence ("United"), and the
  past participle after an auxiliary (none after "be": "will be named" is as future as
  its "will"); the tense of an expression is that of the nearest cue in its clause
  (:func:`clause_tense`), or for an opening phrase ("In January, ...") of the clause
  after it, else the sentence's.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from dateline.analyze.temporal import Tense
from dateline.analyze.timex_patterns import MONTHS

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
# Irregular participles that are no past form: past only right after an auxiliary
# ("have been searching", "has fallen"), else adjectives or nouns ("well known").
_IRREGULAR_PARTICIPLES = frozenset((
    "been", "gone", "done", "seen", "given", "taken", "known", "shown", "written", "begun",
    "fallen", "risen", "spoken", "chosen", "broken", "driven", "grown", "thrown", "drawn",
    "flown", "stolen", "hidden", "beaten", "forgotten", "gotten", "proven", "sunk",
))
_PERFECT_AUX = frozenset({"has", "have", "had", "'ve", "’ve", "was", "were", "been",
                          "having"})
_MODALS = frozenset({"will", "shall", "'ll", "’ll", "wo"})
_AUX = frozenset({"has", "have", "had", "was", "were", "been", "'ve", "’ve", "is", "are"})
# "-ed" words that are rarely verbs in news copy.
_NOT_VERBS = frozenset({"need", "red", "bed", "speed", "seed", "feed", "shed", "hundred",
                        "indeed", "creed", "greed", "bred", "sled", "wed", "led", "fled"})


@functools.cache
def _splitter() -> re.Pattern[str]:
    return re.compile(r"(?<=[.!?])(?P<close>[\"'’”]?)\s{1,10}(?=[\"'“‘`(]?[A-Z0-9])|\n\s*\n")


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
        end = brk.start() + len(brk["close"] or "")  # a closing quote stays in
        if end > start:
            yield start, text[start:end]
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
            if prev in ("be", "being"):
                tag = "NN"  # a passive: "will be named" takes its tense from "will"
            elif prev in _AUX and low not in ("was", "were", "had"):
                tag = "VBN"
            else:
                tag = "VBD"
        elif low in _IRREGULAR_PARTICIPLES and prev in _PERFECT_AUX:
            tag = "VBN"
        else:
            tag = "NN"
        tagged.append((word, tag))
    return tagged


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
    if nearest is None and left == 0 and sentence.startswith(",", right):
        # "In January, the firm hired...": an opening phrase takes the main clause's tense.
        following = min((b for b in breaks if b > right), default=len(sentence))
        nearest = min(_cues(rough_tags(sentence[right + 1:following])), default=None)
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
        if word in _PLANS and after == "to" and _pluperfect(words, i):
            # "had been due to expire Friday": a plan overtaken before publication.
            out.append((i, Tense.PAST))
        elif (word in _PLANS and after == "to") or (word == "soon" and before == "as") or (
                word in _FUTURE_WORDS):
            out.append((i, Tense.FUTURE))
        elif tag in ("VBD", "VBN"):
            out.append((i, Tense.PAST))
    return out


def _pluperfect(words: list[str], i: int) -> bool:
    """Whether words[i] follows "had" or "had been"."""
    return words[i - 1:i] == ["had"] or words[max(0, i - 2):i] == ["had", "been"]


# A wire dateline at the start of a paragraph: "ABU DHABI, Feb 4 (Agency) - ". The place is
# in capitals, as wires write it; what follows the dash is the first sentence.
DATELINE = re.compile(r"[A-Z][A-Z .'’-]{1,40},[^\n.]{0,60}?\s[-–—]{1,2}\s+")


def article_sentences(text: str) -> list[tuple[int, str]]:
    """(offset, sentence) pairs of an article, stripped: every line is a paragraph, a wire
    dateline starts a sentence of its own, and inside a paragraph :func:`sentences` splits."""
    found: list[tuple[int, str]] = []
    for line in re.finditer(r"[^\n]+", text):
        start = line.start()
        dateline = DATELINE.match(text, start, line.end())
        pieces = [(start, line.group())]
        if dateline:
            pieces = [(start, dateline.group()),
                      (dateline.end(), text[dateline.end():line.end()])]
        for base, piece in pieces:
            for offset, sentence in sentences(piece):
                stripped = sentence.strip()
                if stripped:
                    lead = len(sentence) - len(sentence.lstrip())
                    found.append((base + offset + lead, stripped))
    return found
