"""The story index a run starts from after a crash (snapshot + replayed rows) must be the
index the crashed run had, merges included, or the resumed store drifts from a clean one.
Documents are made by hand: no models."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import numpy as np

from dateline.link import story_store
from dateline.link.lead_encoder import LEAD_DIM
from dateline.link.stories import StoryDoc, StoryIndex
from dateline.store.db import connect, transaction


def _doc(article_id: str, words: str, lead_seed: int, day: int) -> StoryDoc:
    rng = np.random.default_rng(lead_seed)
    lead = rng.normal(size=LEAD_DIM).astype(np.float32)
    terms = {w: 1.0 for w in words.split()}
    return StoryDoc(article_id, terms, {}, {2026: 1}, lead / np.linalg.norm(lead),
                    dt.date(2026, 3, day), ("Velmora",), f"title of {article_id}")


def _article(conn: sqlite3.Connection, article_id: str) -> None:
    conn.execute("INSERT INTO articles (id, origin, title, published_source, text, content_hash,"
                 " ingested_at) VALUES (?, ?, ?, 'user', 'x', ?, '2026-03-01')",
                 (article_id, article_id, f"title of {article_id}", article_id))


def _add(conn: sqlite3.Connection, index: StoryIndex, doc: StoryDoc) -> str:
    with transaction(conn):
        _article(conn, doc.article_id)
        return story_store.place(conn, index, doc)


FLOOD = "flood river velmora bridge rescuers residents boats water banks rain"
QUAKE = "earthquake magnitude tower church masonry tents square engineers survey"


def _labels(index: StoryIndex) -> list[tuple[str, int, str, tuple[str, ...]]]:
    return sorted((x.id, x.size, x.title, x.terms) for x in index.labels())


def test_a_replayed_index_keeps_the_stories_merged_before_the_crash(tmp_path: Path) -> None:
    conn = connect(tmp_path / "s.db")
    live = StoryIndex()
    first = _add(conn, live, _doc("a1", QUAKE + " tremor", 1, 2))
    second = _add(conn, live, _doc("a2", FLOOD, 2, 3))
    third = _add(conn, live, _doc("a3", FLOOD + " army", 3, 3))
    assert first != second == third  # two stories, the larger one of two articles
    with transaction(conn):  # an event of a3 turns out to be a1's: the stories join
        story_store.merge_stories(conn, live, "a3", second, first)
    replayed = story_store.load_index(conn)  # a run that starts after a crash
    assert _labels(replayed) == _labels(live)
    assert conn.execute("SELECT title FROM stories WHERE id = ?",
                        (second,)).fetchone()[0] == "title of a2"
    # what the next article does must not depend on whether the run was interrupted
    again = _doc("a4", FLOOD + " tremor", 4, 4)
    assert replayed.add(again).story_id == live.add(again).story_id
    assert _labels(replayed) == _labels(live)
