"""Plain-text cleaning of news articles: whitespace, repeated headlines, boilerplate lines
and the teaser tail that scraped pages carry after the article.

Every rule removes whole lines (paragraphs), never words inside them, and everything
removed is returned in ``Cleaned.removed`` so a wrong cut can be seen and explained.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from difflib import SequenceMatcher

from dateline.ingest.pubdate import date_from_dateline

# Headlines run to about 15 words and 120 characters (the longest seed headline is 115);
# the margin admits long tabloid headlines while a first paragraph is almost always longer.
TITLE_MAX_CHARS = 160
TITLE_MAX_WORDS = 25
# Scraped pages repeat the headline with small edits ("were" dropped, other quotes); one
# dropped word in a 16-word headline scores 0.94, while two different headlines on the
# same story share well under 0.8 of their words.
TITLE_SIMILARITY = 0.8
# Copies of the headline sit in the page header, before the body; beyond this many
# paragraphs a similar line is a deliberate restatement and is left alone.
TITLE_SCAN_PARAGRAPHS = 6
# Boilerplate lines are short ("Share this article", "Photo: Reuters"); a longer line
# that happens to start the same way is prose and is kept.
BOILERPLATE_MAX_CHARS = 200
# Teaser headlines in the seed tails have 9-17 words; body sentences that lack a final
# period and are this short are rare outside subheadings, which the share rule protects.
TEASER_HEADLINE_MAX_WORDS = 30
# Teaser snippets are cut at about 100 characters ("...making other employment d...").
TEASER_SNIPPET_MAX_CHARS = 300
# After a section header, the rest is a teaser list when at least this share of it (and
# at least TEASER_MIN_COUNT paragraphs) looks like teasers; a body section after a
# subheading is made of long sentences ending in periods and scores near zero.
TEASER_MIN_SHARE = 0.6
TEASER_MIN_COUNT = 2
# Without a header, a tail is cut only when it holds this many headline+snippet pairs: a
# single pair can be a real subheading over a closing quote that trails off.
TEASER_MIN_PAIRS = 2
# Hard-wrapped plain text breaks lines at 60-80 characters; a block is joined back into
# one paragraph only when all its lines but the last fall in this band.
WRAP_MIN_CHARS = 40
WRAP_MAX_CHARS = 100


@dataclass(frozen=True)
class Cleaned:
    """The result of :func:`clean_text`."""

    title: str  # detected title ("" if none)
    text: str  # cleaned body text, paragraphs separated by "\n\n"
    removed: tuple[str, ...]  # each removed chunk, for inspection


_LINE_BREAKS = str.maketrans(
    {"\u2028": "\n", "\u2029": "\n", "\x0b": "\n", "\x0c": "\n", "\x85": "\n"}
)
# Control characters, the BOM and invisible format characters (soft hyphen, zero-width
# spaces, direction marks) that scraped text carries but no reader sees.
_INVISIBLE = re.compile(
    "[\x00-\x08\x0e-\x1f\x7f-\x9f\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]"
)
_SPACES = re.compile("[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
_BLANK_LINES = re.compile(r"\n\s*\n")

_BOILERPLATE = re.compile(
    r"(?i:"
    r"advertisement(?:\s*[-–—:]?\s*(?:scroll|continue)[\w\s]*)?"
    r"|(?:story|article) continues (?:below|after)(?: this)? (?:advertisement|ad)"
    r"|(?:image|photo|photograph|picture|video|graphic|caption|(?:photo |image )?credit"
    r"|image source)\s*:.*"
    r"|\(\s*(?:photo|image|picture|video|credit)\b[^)]*\)\.?"
    r"|read (?:more|also|next)\b\s*(?::.*)?|read more (?:about|on|from)\b.*|see also\s*:.*"
    r"|sign up (?:for|to)\b.*|subscribe (?:to|for|now)\b.*"
    r"|share (?:this|the) (?:article|story|page|post)\b.*"
    r"|share(?:\s+(?:on|via)\s+\w+)?|follow us\b.*"
    r"|skip to (?:main )?content|listen to (?:this|the) (?:article|story)\b.*"
    r"|(?:copyright\s*)?(?:©|\(c\)\s*\d{4}).*|copyright\s+(?:\d{4}|©).*|.*\ball rights reserved\b.*"
    r"|(?:additional )?(?:reporting|writing|editing) by\b.*|our standards:.*"
    r"|loading\W*|continue reading\W*|click here\b.*"
    r")"
)
_SECTION_HEADER = re.compile(
    r"(?i:opinion|view all|see all|related(?: articles| stories| news| coverage| content)?"
    r"|most (?:read|popular|viewed|shared)|more (?:from|on|in|about)\b.{0,40}"
    r"|more (?:stories|news|articles)|trending(?: now| stories| news)?"
    r"|recommended(?: for you| stories| reading)?|you (?:may|might) also (?:like|enjoy)"
    r"|read next|what to read next|also read|latest(?: news| stories)?|top stories"
    r"|editor'?s'? picks?|popular(?: now)?|in other news|around the web)\s*:?"
)
_BYLINE = re.compile(r"By\s+[A-Z]")
_SENTENCE_END = (".", ":", ",", ";")
_CLOSING_QUOTES = "\"'”’»"
_WORD = re.compile(r"\w+")


def clean_text(raw: str, title: str | None = None) -> Cleaned:
    """Clean one article's plain text.

    Normalises line breaks and spaces (keeping paragraph breaks), drops invisible
    characters, finds the title (``title`` if given, else a short first line without a
    final period) and keeps only its first copy at the top, removes boilerplate lines,
    and cuts the teaser tail of scraped pages. Paragraphs in ``text`` are separated by
    blank lines; ``removed`` lists every chunk that was cut.
    """
    removed: list[str] = []
    paragraphs = _drop_boilerplate(_paragraphs(_normalise(raw)), removed)
    found_title = " ".join(title.split()) if title and title.strip() else ""
    if not found_title and paragraphs and _looks_like_title(paragraphs[0]):
        found_title = paragraphs[0]
    if found_title:
        paragraphs = _drop_title_copies(paragraphs, found_title, removed)
    paragraphs = _cut_tail(paragraphs, removed)
    return Cleaned(title=found_title, text="\n\n".join(paragraphs), removed=tuple(removed))


def _normalise(raw: str) -> str:
    text = raw.replace("\r\n", "\n").replace("\r", "\n").translate(_LINE_BREAKS)
    text = unicodedata.normalize("NFC", text)
    return _SPACES.sub(" ", _INVISIBLE.sub("", text))


def _paragraphs(text: str) -> list[str]:
    """Blank-line blocks split into lines, except hard-wrapped blocks, which are joined."""
    paragraphs: list[str] = []
    for block in _BLANK_LINES.split(text):
        lines = [line.strip() for line in block.split("\n") if line.strip()]
        if _is_hard_wrapped(lines):
            paragraphs.append(" ".join(lines))
        else:
            paragraphs.extend(lines)
    return paragraphs


def _is_hard_wrapped(lines: list[str]) -> bool:
    # Within a wrapped paragraph some line starts mid-sentence, in lower case; a block of
    # headings, teasers or one-line paragraphs starts every line with a capital.
    if len(lines) < 2:
        return False
    if any(not WRAP_MIN_CHARS <= len(line) <= WRAP_MAX_CHARS for line in lines[:-1]):
        return False
    return any(line[:1].islower() for line in lines[1:])


def _drop_boilerplate(paragraphs: list[str], removed: list[str]) -> list[str]:
    kept: list[str] = []
    for paragraph in paragraphs:
        if len(paragraph) <= BOILERPLATE_MAX_CHARS and _BOILERPLATE.fullmatch(paragraph):
            removed.append(paragraph)
        else:
            kept.append(paragraph)
    return kept


def _looks_like_title(line: str) -> bool:
    words = line.split()
    if not words or len(line) > TITLE_MAX_CHARS or len(words) > TITLE_MAX_WORDS:
        return False
    if line.rstrip(_CLOSING_QUOTES).endswith(_SENTENCE_END):
        return False
    if (_BYLINE.match(line) and len(words) <= 6) or _SECTION_HEADER.fullmatch(line):
        return False
    # "15 February 2026" or "Published: Feb 15, 2026" on top is a dateline, not a title.
    return date_from_dateline(line) is None


def _drop_title_copies(paragraphs: list[str], title: str, removed: list[str]) -> list[str]:
    kept: list[str] = []
    seen = False
    for index, paragraph in enumerate(paragraphs):
        if index < TITLE_SCAN_PARAGRAPHS and _similar(paragraph, title):
            if seen:
                removed.append(paragraph)
                continue
            seen = True
        kept.append(paragraph)
    return kept


def _similar(line: str, title: str) -> bool:
    """Whether a line is a copy of the title, allowing small edits."""
    if len(line) > 2 * len(title) + TITLE_MAX_CHARS:
        return False  # far too long to be a copy; SequenceMatcher on it is quadratic
    line_words = _WORD.findall(line.casefold())
    title_words = _WORD.findall(title.casefold())
    if not line_words or not title_words:
        return False
    if len(line_words) > 2 * len(title_words):
        return False  # cannot reach the threshold; spares the comparison of long paragraphs
    union = set(line_words) | set(title_words)
    jaccard = len(set(line_words) & set(title_words)) / len(union)
    ratio = SequenceMatcher(None, " ".join(line_words), " ".join(title_words)).ratio()
    return max(jaccard, ratio) >= TITLE_SIMILARITY


def _cut_tail(paragraphs: list[str], removed: list[str]) -> list[str]:
    """Cut teaser lists from the end, repeatedly, since a page can stack several."""
    while True:
        cut = _section_cut(paragraphs)
        if cut is None:
            cut = _teaser_pairs_cut(paragraphs)
        if cut is None:
            return paragraphs
        # Headers left just above a cut ("Opinion" over "View All") belong to it.
        while cut > 1 and _SECTION_HEADER.fullmatch(paragraphs[cut - 1]):
            cut -= 1
        removed.append("\n\n".join(paragraphs[cut:]))
        paragraphs = paragraphs[:cut]


def _section_cut(paragraphs: list[str]) -> int | None:
    """Index of the first section header followed by teasers; never the first paragraph."""
    # Teaser-like paragraphs from each index to the end, counted once: checking the rest
    # anew after every header was quadratic (100 KB of header + prose lines took 5 s).
    after = [0] * (len(paragraphs) + 1)
    for index in range(len(paragraphs) - 1, -1, -1):
        after[index] = after[index + 1] + _is_teaser_like(paragraphs[index])
    for index in range(1, len(paragraphs)):
        rest = len(paragraphs) - index - 1
        if _SECTION_HEADER.fullmatch(paragraphs[index]) and _are_teasers(after[index + 1], rest):
            return index
    return None


def _is_teaser_like(paragraph: str) -> bool:
    return bool(_SECTION_HEADER.fullmatch(paragraph)) or _is_snippet(paragraph) or _is_headline(
        paragraph)


def _are_teasers(count: int, rest: int) -> bool:
    """Whether ``count`` teaser-like paragraphs out of the ``rest`` after a header make a
    teaser list."""
    if not rest:
        return True  # a header with nothing under it is page chrome
    return count >= TEASER_MIN_COUNT and count / rest >= TEASER_MIN_SHARE


def _teaser_pairs_cut(paragraphs: list[str]) -> int | None:
    """Start of a trailing run of headline + truncated-snippet pairs, if long enough."""
    start, pairs = len(paragraphs), 0
    while start >= 3 and _is_snippet(paragraphs[start - 1]) and _is_headline(paragraphs[start - 2]):
        start -= 2
        pairs += 1
    return start if pairs >= TEASER_MIN_PAIRS else None


def _is_snippet(paragraph: str) -> bool:
    stripped = paragraph.rstrip(_CLOSING_QUOTES)
    return len(paragraph) <= TEASER_SNIPPET_MAX_CHARS and stripped.endswith(("...", "…"))


def _is_headline(paragraph: str) -> bool:
    words = paragraph.split()
    if not words or len(words) > TEASER_HEADLINE_MAX_WORDS:
        return False
    if not any(c.isalpha() for c in paragraph):
        return False
    return not paragraph.rstrip(_CLOSING_QUOTES).endswith(_SENTENCE_END)
