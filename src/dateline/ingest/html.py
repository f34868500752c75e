"""Main text and metadata from HTML pages, with trafilatura (dates through htmldate)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from dateline import errors
from dateline.errors import Skip

# libxml2, under lxml and trafilatura, stops building the tree at this depth (it needs
# XML_PARSE_HUGE beyond): what is nested deeper is lost, not a crash or a deep recursion.
MAX_HTML_DEPTH = 255
# trafilatura's time grows with the number of elements: 6 s for a 100 KB page of 25,000
# paragraphs on our 2-core machine (benchmarks/fuzz.py), so a 20 MB page of them would
# take half an hour. The example pages have under 100 tags and a long news page with its
# comments a few thousand; beyond this many '<' a page is refused before parsing.
MAX_HTML_TAGS = 60_000
E097_TOO_COMPLEX = "[E097] is too complex to read as an article page ({detail}); skipped"

# htmldate's "extensive search" guesses dates from any string in the page, which on a
# page without metadata often picks a teaser's or a copyright line's date; we prefer an
# honest "unknown" and let the text-based inference of later stages do better.
_DATE_PARAMS = {"extensive_search": False, "original_date": True}


@dataclass(frozen=True)
class HtmlContent:
    text: str
    title: str | None
    published: str | None
    outlet: str | None
    url: str | None


def extract_html(origin: str, html: str, url: str | None = None) -> HtmlContent:
    """The article text and metadata of one page, or a Skip when it holds no article."""
    import trafilatura  # heavy import, only when HTML is actually met

    tags = html.count("<")
    if tags > MAX_HTML_TAGS:
        raise Skip(origin, E097_TOO_COMPLEX.format(
            detail=f"{tags:,} tags, over the limit of {MAX_HTML_TAGS:,}"))
    try:
        doc: Any = trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            favor_precision=True,
            date_extraction_params=_DATE_PARAMS,
        )
    except (ValueError, TypeError) as exc:  # lxml raises these on unparseable documents
        raise Skip(origin, errors.E008_BAD_HTML) from exc
    if doc is None or not (doc.text or "").strip():
        if too_deep(html):
            raise Skip(origin, E097_TOO_COMPLEX.format(
                detail=f"elements nested over {MAX_HTML_DEPTH} levels deep, past what the "
                       "HTML parser reads, leave no text"))
        raise Skip(origin, errors.E008_BAD_HTML)
    # trafilatura separates paragraphs by single newlines; we keep blank-line paragraphs.
    text = "\n\n".join(line.strip() for line in doc.text.splitlines() if line.strip())
    return HtmlContent(
        text=text,
        title=doc.title or None,
        published=doc.date or None,
        outlet=doc.sitename or None,
        url=doc.url or url,
    )


def too_deep(html: str) -> bool:
    """Whether the parser gave up on part of the page for its depth of nesting."""
    from lxml import etree

    parser = etree.HTMLParser(recover=True)
    try:
        etree.fromstring(html, parser)
    except (ValueError, TypeError, etree.LxmlError):
        return False
    return any(e.type == etree.ErrorTypes.ERR_RESOURCE_LIMIT for e in parser.error_log)
