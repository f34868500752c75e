"""A folder of small invented news articles for the crash and concurrency tests, and a
canonical dump of a store to compare two stores by content (not by row order or time)."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from pathlib import Path

# (topic, headline, body) templates; {place}, {day}, {n}, {m} vary per article.
_TEMPLATES = (
    ("port", "Drone strike sets fuel depot ablaze in {place}",
     "A drone strike on the port of {place} on {day} set a fuel depot on fire and wounded "
     "{n} dock workers, the regional governor said. Firefighters fought the blaze through "
     "the night, and shipping was halted while engineers checked the piers. The governor "
     "said {m} tanks had been destroyed and asked residents to keep their windows shut."),
    ("talks", "Envoys meet in {place} for a new round of ceasefire talks",
     "Envoys of the two governments met in {place} on {day} for a new round of talks on a "
     "ceasefire, the foreign ministry said. The delegations discussed an exchange of {n} "
     "prisoners and the reopening of {m} border crossings. A spokesman said the talks would "
     "continue next week and that both sides had agreed to keep the details private."),
    ("flood", "Floods force hundreds from their homes in {place}",
     "Heavy rain sent the river over its banks in {place} on {day}, and rescuers moved "
     "{n} residents to schools on higher ground, the emergency office said. {m} houses were "
     "flooded near the old bridge, which was closed to traffic. The mayor said the water "
     "would take days to fall and asked for army trucks to reach the outlying farms."),
    ("strike", "Rail workers strike over pay in {place}",
     "Rail workers in {place} walked off the job on {day} in a dispute over pay, leaving "
     "{n} trains cancelled across the region, the operator said. The union said {m} members "
     "had joined the strike and that talks with the ministry had broken down. Commuters "
     "crowded onto buses, and the operator warned that delays would last into the evening."),
    ("quake", "Earthquake damages buildings in {place}",
     "An earthquake of magnitude {n}.{m} struck near {place} on {day}, cracking walls and "
     "bringing down the tower of a church, the geological survey said. Two people were "
     "injured by falling masonry and {m} families spent the night in tents in the main "
     "square. Engineers began checking schools and the hospital for structural damage."),
)
_PLACES = ("Kestrel", "Velmora", "Brannock", "Ostrin", "Lindmark", "Portavel", "Tarsk",
           "Elmsgate")
_OUTLETS = ("Northwire", "Harbor Gazette", "Ridgeline Herald")


def write_corpus(folder: Path, count: int = 40) -> Path:
    """``count`` articles as .txt files, each with a "Published:" line; every eighth one a
    copy of an earlier article from another outlet (a duplicate the store must record)."""
    folder.mkdir(parents=True, exist_ok=True)
    start = dt.date(2026, 3, 2)
    written: list[str] = []
    for i in range(count):
        if i % 8 == 7:
            text = written[i - 5].replace(" on ", " early on ", 1)  # a near-copy
        else:
            _topic, head, body = _TEMPLATES[i % len(_TEMPLATES)]
            place = _PLACES[(i // len(_TEMPLATES) + i) % len(_PLACES)]
            day = start + dt.timedelta(days=i // 3)
            values = {"place": place, "day": day.strftime("%A"), "n": 3 + i % 7,
                      "m": 2 + (i * 3) % 11}
            text = (f"{head.format(**values)}\n\nPublished: {day.isoformat()}\n\n"
                    f"{body.format(**values)}")
        written.append(text)
        (folder / f"{i:03d}-{_OUTLETS[i % 3].split()[0].lower()}.txt").write_text(
            text, encoding="utf-8")
    return folder


_DUMP = {
    "articles": "SELECT id, origin, title, published, published_source, content_hash,"
                " duplicate_of, similarity, story_id FROM articles",
    "entities": "SELECT article_id, text, label, start, end FROM entities",
    "times": "SELECT article_id, text, start, end, date, end_date, relation FROM times",
    "mentions": "SELECT article_id, event_id, sent_start, sent_end, type, mode, trigger,"
                " actors, place, date, modality, killed, injured, round(confidence, 4)"
                " FROM mentions",
    "events": "SELECT id, type, mode, date, end_date, place, actors, recipients, modality,"
              " summary, killed, injured, round(confidence, 4), disputes, story_id FROM events",
    "conflicts": "SELECT article_id, field, text, start, end, printed, corrected FROM conflicts",
    "stories": "SELECT id, title, terms, entities, years, first, last, size FROM stories",
    "story_docs": "SELECT article_id, doc FROM story_docs",
}


def dump(conn: sqlite3.Connection) -> dict[str, list[str]]:
    """Every table's rows as sorted JSON strings: equal dumps mean the same store content."""
    return {table: sorted(json.dumps(list(row), ensure_ascii=False)
                          for row in conn.execute(query))
            for table, query in _DUMP.items()}


def check_consistent(conn: sqlite3.Connection) -> None:
    """SQLite's own checks, foreign keys, and the links between tables that the store keeps."""
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    one = conn.execute("SELECT COUNT(*), COUNT(DISTINCT content_hash || coalesce(url, '') ||"
                       " origin) FROM articles").fetchone()
    assert one[0] == one[1], "an article stored twice"
    orphans = {
        "mentions without event": "SELECT COUNT(*) FROM mentions m LEFT JOIN events e"
                                  " ON e.id = m.event_id WHERE e.id IS NULL",
        "events without mention": "SELECT COUNT(*) FROM events e WHERE NOT EXISTS"
                                  " (SELECT 1 FROM mentions m WHERE m.event_id = e.id)",
        "originals without story": "SELECT COUNT(*) FROM articles WHERE story_id IS NULL"
                                   " AND duplicate_of IS NULL",
        "originals without story_doc": "SELECT COUNT(*) FROM articles a WHERE duplicate_of"
                                       " IS NULL AND NOT EXISTS (SELECT 1 FROM story_docs d"
                                       " WHERE d.article_id = a.id)",
        "articles in no stored story": "SELECT COUNT(*) FROM articles a WHERE story_id IS NOT"
                                       " NULL AND NOT EXISTS (SELECT 1 FROM stories s"
                                       " WHERE s.id = a.story_id)",
        "stories of the wrong size": "SELECT COUNT(*) FROM stories s WHERE s.size != (SELECT"
                                     " COUNT(*) FROM story_docs d JOIN articles a ON a.id ="
                                     " d.article_id WHERE a.story_id = s.id)",
    }
    for what, query in orphans.items():
        assert conn.execute(query).fetchone()[0] == 0, what
    fts = conn.execute("SELECT COUNT(*) FROM articles_fts").fetchone()[0]
    assert fts == conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
