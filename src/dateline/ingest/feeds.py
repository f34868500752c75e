"""RSS and Atom feed files as input: each item is an article.

An item gives its title, link, date (``pubDate``, ``published`` or ``updated``, as
written: the publisher's own day) and its text from ``content`` or else ``description``
/ ``summary``, HTML turned into paragraphs. The feed's title is the outlet. feedparser
reads every RSS and Atom dialect and the encoding the file declares; it is handed the
file's bytes, never a name, so it fetches nothing, and it leaves external entities
unresolved.
"""

from __future__ import annotations

import html
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from dateline import errors
from dateline.errors import Skip
from dateline.model import RawDocument

FEED_SUFFIXES = frozenset({".rss", ".atom", ".xml"})

E105_NOT_A_FEED = ("[E105] is not an RSS or Atom feed ({detail}); .rss, .atom and .xml files "
                   "are read as feeds: rename or move other XML")
E106_NO_ITEMS = "[E106] is a feed with no items; nothing to ingest"
E107_ITEM_NO_TEXT = ("[E107] has no text: the item needs a <description>, <summary> or "
                     "<content> with words")

# Elements after which a paragraph ends, so the text keeps the item's paragraphs.
_BLOCKS = frozenset({"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6",
                     "blockquote", "pre", "table", "tr", "section", "article", "figure"})
_SKIPPED = frozenset({"script", "style"})


def feed_documents(path: Path, limit: int) -> Iterator[RawDocument | Skip]:
    """The items of one feed file as documents, or Skips saying why there are none."""
    import feedparser

    origin = str(path)
    try:
        size = path.stat().st_size
        if size > limit:
            raise Skip(origin, errors.E004_TOO_LARGE.format(size=size, limit=limit))
        data = path.read_bytes()  # bytes: a feed declares its own encoding
    except OSError as exc:
        yield Skip(origin, f"cannot be read ({exc.strerror or exc})")
        return
    except Skip as skip:
        yield skip
        return
    parsed: Any = feedparser.parse(data)
    if not parsed.version and not parsed.entries:
        detail = str(parsed.get("bozo_exception") or "no <rss>, <feed> or <rdf:RDF> root")
        yield Skip(origin, E105_NOT_A_FEED.format(detail=detail[:200]))
        return
    if not parsed.entries:
        yield Skip(origin, E106_NO_ITEMS)
        return
    outlet = _clean(parsed.feed.get("title"))
    for number, entry in enumerate(parsed.entries, start=1):
        yield _item(f"{origin}#item{number}", entry, outlet)


def _item(where: str, entry: Any, outlet: str | None) -> RawDocument | Skip:
    bodies = [part.get("value", "") for part in entry.get("content", [])]
    bodies.append(entry.get("summary", ""))
    text = max((html_to_text(body) for body in bodies if body), key=len, default="")
    if not text.strip():
        return Skip(where, E107_ITEM_NO_TEXT)
    return RawDocument(origin=where, text=text, title=_clean(entry.get("title")),
                       url=_clean(entry.get("link")), outlet=outlet,
                       published=_clean(entry.get("published") or entry.get("updated")))


def html_to_text(fragment: str) -> str:
    """Plain text of an item's HTML, one paragraph per block element."""
    reader = _TextReader()
    reader.feed(fragment)
    reader.close()
    paragraphs = (" ".join(line.split()) for line in "".join(reader.parts).split("\n"))
    return "\n\n".join(p for p in paragraphs if p)


class _TextReader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED:
            self._skipping += 1
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED:
            self._skipping = max(0, self._skipping - 1)
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skipping:  # a line break in HTML source is a space
            self.parts.append(data.replace("\n", " "))


def _clean(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    text = " ".join(html.unescape(value).split())
    return text or None
