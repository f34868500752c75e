"""From a raw document to a clean Article: HTML extraction, cleaning, publication date."""

from __future__ import annotations

import hashlib
import re
from urllib.parse import urlparse

from dateline import errors
from dateline.errors import Skip
from dateline.ingest.clean import clean_text
from dateline.ingest.dedup import content_hash
from dateline.ingest.html import extract_html
from dateline.ingest.pubdate import resolve_pubdate
from dateline.model import Article, RawDocument
from dateline.settings import Settings

# Fewer words than this is a caption, a stub or an error page, not an article.
MIN_WORDS = 15
_ID_CHARS = re.compile(r"[^A-Za-z0-9._:-]+")


def prepare(doc: RawDocument, settings: Settings) -> Article:
    """The cleaned article of a raw document, or a Skip saying why there is none."""
    text, title = doc.text, doc.title
    url, outlet, metadata_date = doc.url, doc.outlet, doc.published
    if text is None and doc.html is not None:
        page = extract_html(doc.origin, doc.html, url)
        text, title = page.text, title or page.title
        url, outlet = url or page.url, outlet or page.outlet
        metadata_date = metadata_date or page.published
    if text is None:
        raise Skip(doc.origin, errors.E007_NO_TEXT)
    cleaned = clean_text(text, title)
    words = len(cleaned.text.split())
    if words < MIN_WORDS:
        raise Skip(doc.origin, errors.E014_TOO_SHORT.format(words=words))
    published = resolve_pubdate(
        metadata=metadata_date, url=url, text=cleaned.text, user=settings.default_published
    )
    digest = content_hash(cleaned.text)
    outlet = outlet or settings.default_outlet or _domain(url)
    return Article(
        id=_article_id(doc.id, digest, url, outlet, cleaned.title),
        origin=doc.origin,
        text=cleaned.text,
        title=cleaned.title or (title or ""),
        url=url,
        outlet=outlet,
        published=published,
        content_hash=digest,
        removed=cleaned.removed,
    )


def _domain(url: str | None) -> str | None:
    if not url:
        return None
    host = urlparse(url).hostname or ""
    return host.removeprefix("www.") or None


def _article_id(given: str | None, digest: str, url: str | None, outlet: str | None,
                title: str) -> str:
    """The given id if any, else one derived from content and source, so re-ingesting the
    same file finds the same id while a copy from another outlet gets its own."""
    if given:
        cleaned = _ID_CHARS.sub("-", given).strip("-")
        if cleaned:
            return cleaned[:80]
    key = "\x1f".join((digest, url or "", outlet or "", title))
    return "a" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:11]
