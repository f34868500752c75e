"""How the cost of linking one mention grows with the event it joins.

Usage: python benchmarks/event_growth.py [--sizes 10,100,1000,5000]

For each size N, a fresh store gets one event reported by N articles (a strike whose toll
the sources give as 10, 11 or 12, so the event carries a dispute listing every source),
then one more article's mention is linked into it (:func:`dateline.link.events.link_mentions`,
the event's stored tally). Printed beside it: what rereading all N mentions and recomputing
the event from them (:func:`dateline.link.merge.canonical_fields`, what linking did before
tallies) costs on the same store.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sqlite3
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from dateline.link.events import link_mentions
from dateline.link.merge import canonical_fields
from dateline.model import FuzzyDate, Mention, Modality, Precision, Quantities, Sentence
from dateline.settings import Settings
from dateline.store import repo
from dateline.store.db import connect, transaction

DAY = FuzzyDate(dt.date(2026, 3, 10), Precision.DAY)


def strike(article: str, killed: int) -> Mention:
    return Mention(article_id=article, sentence=Sentence(0, 40, "A drone strike hit the depot."),
                   type="ASSAULT", mode="drone", trigger="hit", actors=("Ruritania",),
                   recipients=(), place="Portavel", date=DAY, end_date=None,
                   date_text="on Tuesday", modality=Modality.HAPPENED,
                   quantities=Quantities(killed=killed), confidence=0.6)


def article(conn: sqlite3.Connection, article_id: str) -> None:
    conn.execute(
        "INSERT INTO articles (id, origin, title, published, published_source, text,"
        " content_hash, ingested_at) VALUES (?, ?, '', '2026-03-10', 'given', '', ?, ?)",
        (article_id, article_id, article_id,
         dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10,100,1000,5000")
    args = parser.parse_args(argv)
    settings = Settings()
    for size in (int(s) for s in args.sizes.split(",")):
        conn = connect(Path(tempfile.mkdtemp(prefix="dateline-event-")) / "store.db")
        with transaction(conn):
            for n in range(size):
                article(conn, f"a{n}")
                link_mentions(conn, [strike(f"a{n}", 10 + n % 3)], settings)
            article(conn, "new")
        started = time.perf_counter()
        with transaction(conn):
            link_mentions(conn, [strike("new", 12)], settings)
        linked = time.perf_counter() - started
        event_id = conn.execute("SELECT id FROM events").fetchone()[0]
        started = time.perf_counter()
        told = repo.event_mentions(conn, event_id)
        canonical_fields(told, repo.published_dates(conn, {m.article_id for m in told}))
        reread = time.perf_counter() - started
        print(f"event of {size:,} mentions: link one more {linked * 1000:.1f} ms; "
              f"rereading all its mentions {reread * 1000:.1f} ms", flush=True)
        conn.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
