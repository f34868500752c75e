"""RSS and Atom feed files as input: each item becomes an article (issue 7, streams)."""

from __future__ import annotations

from pathlib import Path

from dateline.errors import Skip
from dateline.ingest.feeds import html_to_text
from dateline.ingest.sources import iter_files, read_documents
from dateline.model import DateSource, RawDocument
from dateline.pipeline import Ingestor
from dateline.settings import Settings
from dateline.store.db import connect

RSS = """<?xml version="1.0" encoding="ISO-8859-1"?>
<rss version="2.0"><channel>
<title>Harbour Wire</title><link>https://harbour-wire.example/</link>
<item>
  <title>Ferry strike halts crossings to Portavel</title>
  <link>https://harbour-wire.example/news/ferry-strike</link>
  <pubDate>Mon, 16 Feb 2026 07:30:00 +0100</pubDate>
  <description>&lt;p&gt;Ferry crews in Portavel walked off the job on Monday, halting every
  crossing to the islands, the union said.&lt;/p&gt;&lt;p&gt;The port authority said
  talks with the union would resume on Thursday in the town hall.&lt;/p&gt;</description>
</item>
<item>
  <title>Caf\xe9 owners protest new harbour fees</title>
  <link>https://harbour-wire.example/news/fees</link>
  <pubDate>Tue, 17 Feb 2026 12:00:00 GMT</pubDate>
  <description>Owners of cafes along the Portavel harbour protested on Tuesday against the
  new mooring fees, which the council approved last week after a long debate.</description>
</item>
</channel></rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Valley Courier</title>
  <entry>
    <title>Floods close the mountain road</title>
    <link href="https://valley-courier.example/floods"/>
    <updated>2026-03-02T09:00:00Z</updated>
    <summary>Short teaser.</summary>
    <content type="html">&lt;p&gt;Heavy rain flooded the mountain road above Kessel on
    Sunday night, and the police closed it until the water falls, officials said on
    Monday.&lt;/p&gt;&lt;script&gt;track()&lt;/script&gt;</content>
  </entry>
</feed>
"""


def _items(path: Path) -> list[RawDocument | Skip]:
    return list(read_documents(path, Settings()))


def test_rss_items_are_documents(tmp_path: Path) -> None:
    feed = tmp_path / "wire.rss"
    feed.write_bytes(RSS.encode("iso-8859-1"))
    first, second = _items(feed)
    assert isinstance(first, RawDocument) and isinstance(second, RawDocument)
    assert first.title == "Ferry strike halts crossings to Portavel"
    assert first.url == "https://harbour-wire.example/news/ferry-strike"
    assert first.outlet == "Harbour Wire"
    assert first.published == "Mon, 16 Feb 2026 07:30:00 +0100"
    assert first.text is not None and first.text.count("\n\n") == 1  # two paragraphs
    assert "<p>" not in first.text and "halting every crossing" in first.text
    assert second.title == "Café owners protest new harbour fees"  # declared encoding
    assert first.origin.endswith("wire.rss#item1")


def test_atom_content_wins_over_a_short_summary(tmp_path: Path) -> None:
    feed = tmp_path / "courier.atom"
    feed.write_text(ATOM, encoding="utf-8")
    (entry,) = _items(feed)
    assert isinstance(entry, RawDocument) and entry.text is not None
    assert entry.text.startswith("Heavy rain flooded") and "track()" not in entry.text
    assert entry.published == "2026-03-02T09:00:00Z"
    assert entry.url == "https://valley-courier.example/floods"


def test_what_is_not_a_feed_is_skipped_with_a_reason(tmp_path: Path) -> None:
    other = tmp_path / "sitemap.xml"
    other.write_text("<urlset><url><loc>x</loc></url></urlset>", encoding="utf-8")
    empty = tmp_path / "empty.rss"
    empty.write_text('<rss version="2.0"><channel><title>T</title></channel></rss>',
                     encoding="utf-8")
    bare = tmp_path / "bare.rss"
    bare.write_text('<rss version="2.0"><channel><item><title>Only a title</title></item>'
                    "</channel></rss>", encoding="utf-8")
    (a,), (b,), (c,) = _items(other), _items(empty), _items(bare)
    assert isinstance(a, Skip) and "[E105]" in a.reason
    assert isinstance(b, Skip) and "[E106]" in b.reason
    assert isinstance(c, Skip) and "[E107]" in c.reason and c.origin.endswith("#item1")


def test_feed_files_are_found_in_folders(tmp_path: Path) -> None:
    for name in ("a.rss", "b.atom", "c.xml", "d.csv"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    assert [p.name for p in iter_files([tmp_path]) if isinstance(p, Path)] == [
        "a.rss", "b.atom", "c.xml"]


def test_html_to_text_keeps_paragraphs() -> None:
    assert html_to_text("<p>One &amp; two</p><ul><li>three</li></ul>four<br>five") == (
        "One & two\n\nthree\n\nfour\n\nfive")


def test_feed_items_are_ingested_as_articles(tmp_path: Path) -> None:
    feed = tmp_path / "wire.rss"
    feed.write_bytes(RSS.encode("iso-8859-1"))
    conn = connect(tmp_path / "feed.db")
    ingestor = Ingestor(conn, Settings(db_path=tmp_path / "feed.db"))
    ingestor.ingest_paths([feed])
    assert ingestor.report.new == 2 and not ingestor.report.skipped
    rows = conn.execute("SELECT title, url, outlet, published, published_source, story_id "
                        "FROM articles ORDER BY published").fetchall()
    assert [(r["title"], r["outlet"], r["published"]) for r in rows] == [
        ("Ferry strike halts crossings to Portavel", "Harbour Wire", "2026-02-16"),
        ("Café owners protest new harbour fees", "Harbour Wire", "2026-02-17")]
    assert all(r["published_source"] == DateSource.METADATA.value for r in rows)
    assert all(r["story_id"] for r in rows)  # placed in stories as they arrive
    again = Ingestor(conn, Settings(db_path=tmp_path / "feed.db"))
    again.ingest_paths([feed])
    assert again.report.unchanged == 2 and again.report.new == 0
