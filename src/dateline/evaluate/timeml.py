"""TimeML documents: the plain text inside ``<TEXT>``, its gold TIMEX3s, and a writer.

A :class:`TimemlDoc` keeps the whole file as read, so that :func:`write_timeml` can give
back the same bytes with only the TIMEX3 tags inside ``<TEXT>`` replaced. Offsets of a
:class:`Timex` are character offsets into :attr:`TimemlDoc.text`, the content of
``<TEXT>`` with every tag removed and the five XML entities (and numeric character
references) decoded; :attr:`TimemlDoc.raw_pos` maps them back to the file.

Both annotated ``.tml`` files and TempEval-3 ``.TE3input`` files (a DCT and a TEXT with no
TIMEX3 in it) are read the same way. The document creation time is the TIMEX3 with
``functionInDocument="CREATION_TIME"`` inside ``<DCT>``; it is never part of the text.
"""

from __future__ import annotations

import datetime as dt
import functools
import html
import re
from dataclasses import dataclass
from pathlib import Path

SUFFIXES = (".tml", ".TE3input")


@dataclass(frozen=True)
class Timex:
    """One TIMEX3, gold or ours, by character offsets into the document text."""

    start: int
    end: int
    text: str
    type: str
    value: str
    mod: str = ""


@dataclass(frozen=True)
class _Tag:
    """A tag inside ``<TEXT>`` other than TIMEX3, kept when the document is written."""

    raw_start: int
    raw_end: int
    name: str
    closing: bool
    partner: int  # index of the matching open or close tag, -1 if unmatched


@dataclass(frozen=True)
class TimemlDoc:
    """A TimeML document as read: file content, DCT, plain text, gold TIMEX3s."""

    name: str
    raw: str
    dct: dt.date | None
    text: str
    gold: tuple[Timex, ...]
    raw_pos: tuple[int, ...]  # raw offset of each text character, plus the end of TEXT
    tags: tuple[_Tag, ...]
    timex_tags: tuple[tuple[int, int], ...]  # raw spans of the gold TIMEX3 tags to drop


class TimemlError(ValueError):
    """A file that is not a TimeML document we can read."""


@functools.cache
def _patterns() -> dict[str, re.Pattern[str]]:
    return {
        "text": re.compile(r"<TEXT>(.*?)</TEXT>", re.S),
        "dct": re.compile(r"<DCT>\s*<TIMEX3\b([^>]*)>", re.S),
        "piece": re.compile(r"<(/?)([A-Za-z][\w.-]{0,40})\b([^>]*)>|&(#?\w{1,10});"),
        "attr": re.compile(r'([\w:-]{1,40})\s*=\s*"([^"]*)"'),
    }


def read_timeml(path: Path) -> TimemlDoc:
    """Read one ``.tml`` or ``.TE3input`` file (UTF-8)."""
    return parse_timeml(path.read_text(encoding="utf-8"), path.name)


def parse_timeml(raw: str, name: str = "<string>") -> TimemlDoc:
    """Parse the content of a TimeML file; raises :class:`TimemlError` without ``<TEXT>``."""
    p = _patterns()
    body = p["text"].search(raw)
    if body is None:
        raise TimemlError(f"{name}: no <TEXT> element; is it a TimeML (.tml) or "
                          ".TE3input file?")
    chars: list[str] = []
    raw_pos: list[int] = []
    tags: list[_Tag] = []
    timex_tags: list[tuple[int, int]] = []
    gold: list[Timex] = []
    open_timex: tuple[int, dict[str, str]] | None = None
    stack: list[tuple[str, int]] = []
    at = body.start(1)
    for piece in p["piece"].finditer(raw, body.start(1), body.end(1)):
        _copy(raw, at, piece.start(), chars, raw_pos)
        at = piece.end()
        if piece.group(4) is not None:  # an entity
            chars.append(html.unescape(piece.group(0)))
            raw_pos.append(piece.start())
            continue
        closing, tag = piece.group(1) == "/", piece.group(2)
        if tag == "TIMEX3":
            timex_tags.append(piece.span())
            if not closing:
                open_timex = (len(chars), dict(p["attr"].findall(piece.group(3))))
            elif open_timex is not None:
                gold.append(_gold(open_timex, chars))
                open_timex = None
            continue
        tags.append(_tag(piece, tag, closing, tags, stack))
    _copy(raw, at, body.end(1), chars, raw_pos)
    raw_pos.append(body.end(1))
    return TimemlDoc(name, raw, _dct(raw), "".join(chars), tuple(gold), tuple(raw_pos),
                     tuple(tags), tuple(timex_tags))


def _copy(raw: str, start: int, end: int, chars: list[str], raw_pos: list[int]) -> None:
    chars.extend(raw[start:end])
    raw_pos.extend(range(start, end))


def _gold(opened: tuple[int, dict[str, str]], chars: list[str]) -> Timex:
    start, attrs = opened
    end = len(chars)
    return Timex(start, end, "".join(chars[start:end]), attrs.get("type", ""),
                 attrs.get("value", ""), attrs.get("mod", ""))


def _tag(piece: re.Match[str], name: str, closing: bool, tags: list[_Tag],
         stack: list[tuple[str, int]]) -> _Tag:
    """A non-TIMEX3 tag; a closing tag is paired with its open tag (and vice versa)."""
    index = len(tags)
    if piece.group(3).rstrip().endswith("/"):  # <SIGNAL/>: self-contained
        return _Tag(piece.start(), piece.end(), name, False, index)
    if not closing:
        stack.append((name, index))
        return _Tag(piece.start(), piece.end(), name, False, -1)
    partner = -1
    if stack and stack[-1][0] == name:
        partner = stack.pop()[1]
        opened = tags[partner]
        tags[partner] = _Tag(opened.raw_start, opened.raw_end, name, False, index)
    return _Tag(piece.start(), piece.end(), name, True, partner)


def _dct(raw: str) -> dt.date | None:
    found = _patterns()["dct"].search(raw)
    if found is None:
        return None
    attrs = dict(_patterns()["attr"].findall(found.group(1)))
    value = attrs.get("value", "")
    digits = re.sub(r"\D", "", value[:10])
    try:
        if len(digits) >= 8:
            return dt.date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        return None
    return None


# --- writing ---------------------------------------------------------------------------

def write_timeml(doc: TimemlDoc, timexes: list[Timex] | tuple[Timex, ...]) -> str:
    """The document with its TIMEX3s inside ``<TEXT>`` replaced by ``timexes``.

    The text and every other tag stay byte-identical; tids run t1, t2, ... in text order.
    A TIMEX3 that would cut another element in two grows to take it whole, so the output
    stays well-formed; one that would then overlap an earlier TIMEX3 is left out.
    """
    inserts: list[tuple[int, int, str]] = []  # (raw offset, 0 close / 1 open, tag)
    last_end = -1
    tid = 0
    for timex in sorted(timexes, key=lambda t: t.start):
        if not 0 <= timex.start < timex.end <= len(doc.text):
            continue
        start, end = _raw_span(doc, timex)
        if start < last_end:
            continue
        last_end = end
        tid += 1
        mod = f' mod="{timex.mod}"' if timex.mod else ""
        inserts.append((start, 1, f'<TIMEX3 tid="t{tid}" type="{timex.type}" '
                                  f'value="{timex.value}"{mod}>'))
        inserts.append((end, 0, "</TIMEX3>"))
    drops = sorted(doc.timex_tags)
    out: list[str] = []
    at = 0
    # At one offset: closing tags, then opening ones, then the gold tag that is dropped.
    for raw_at, _, tag in sorted(inserts + [(s, 2, "") for s, _ in drops]):
        out.append(doc.raw[at:raw_at])
        at = max(at, raw_at)
        if tag:
            out.append(tag)
        else:  # a gold TIMEX3 tag starts here: skip it
            at = next(e for s, e in drops if s == raw_at)
    out.append(doc.raw[at:])
    return "".join(out)


def _raw_span(doc: TimemlDoc, timex: Timex) -> tuple[int, int]:
    """Raw offsets for a TIMEX3 over text[start:end], widened to whole elements."""
    start = doc.raw_pos[timex.start]
    last = timex.end - 1
    end = doc.raw_pos[last] + 1
    if doc.raw[end - 1] == "&":  # an entity: a raw "&" cannot occur in XML text
        end = doc.raw.index(";", end) + 1
    for _ in range(len(doc.tags) + 1):
        grown = _grow(doc.tags, start, end)
        if grown == (start, end):
            break
        start, end = grown
    return start, end


def _grow(tags: tuple[_Tag, ...], start: int, end: int) -> tuple[int, int]:
    for tag in tags:
        if start <= tag.raw_start and tag.raw_end <= end and tag.partner >= 0:
            other = tags[tag.partner]
            start, end = min(start, other.raw_start), max(end, other.raw_end)
    return start, end


def iter_documents(folder: Path) -> list[Path]:
    """The ``.tml`` and ``.TE3input`` files under ``folder``, sorted."""
    return sorted(p for p in folder.rglob("*") if p.is_file() and p.name.endswith(SUFFIXES))
