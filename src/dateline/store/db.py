"""The SQLite store: connection, pragmas and schema migrations run in transactions."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from dateline import errors
from dateline.errors import DatelineError

# Each migration is applied once, in order, inside one transaction, and recorded in the
# schema_migrations table; never edit a released one, add the next.
MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE articles (
        id TEXT PRIMARY KEY,
        origin TEXT NOT NULL,
        url TEXT,
        outlet TEXT,
        title TEXT NOT NULL,
        published TEXT,
        published_precision TEXT,
        published_source TEXT NOT NULL,
        published_evidence TEXT NOT NULL DEFAULT '',
        text TEXT NOT NULL,
        content_hash TEXT NOT NULL,
        minhash BLOB,
        duplicate_of TEXT REFERENCES articles(id),
        similarity REAL,
        removed TEXT NOT NULL DEFAULT '[]',
        ingested_at TEXT NOT NULL
    );
    CREATE INDEX articles_hash ON articles(content_hash);
    CREATE INDEX articles_dup ON articles(duplicate_of);
    CREATE TABLE entities (
        article_id TEXT NOT NULL REFERENCES articles(id),
        text TEXT NOT NULL, label TEXT NOT NULL,
        start INTEGER NOT NULL, end INTEGER NOT NULL
    );
    CREATE INDEX entities_article ON entities(article_id);
    CREATE TABLE times (
        article_id TEXT NOT NULL REFERENCES articles(id),
        text TEXT NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL,
        date TEXT, end_date TEXT, relation TEXT NOT NULL, note TEXT NOT NULL DEFAULT ''
    );
    CREATE INDEX times_article ON times(article_id);
    CREATE TABLE events (
        id TEXT PRIMARY KEY,
        type TEXT NOT NULL, mode TEXT NOT NULL DEFAULT '',
        date TEXT, end_date TEXT,
        place TEXT, actors TEXT NOT NULL DEFAULT '[]', recipients TEXT NOT NULL DEFAULT '[]',
        modality TEXT NOT NULL, summary TEXT NOT NULL,
        killed INTEGER, injured INTEGER, confidence REAL NOT NULL
    );
    CREATE INDEX events_date ON events(date);
    CREATE TABLE mentions (
        id INTEGER PRIMARY KEY,
        article_id TEXT NOT NULL REFERENCES articles(id),
        event_id TEXT NOT NULL REFERENCES events(id),
        sent_start INTEGER NOT NULL, sent_end INTEGER NOT NULL, sentence TEXT NOT NULL,
        type TEXT NOT NULL, mode TEXT NOT NULL DEFAULT '', trigger TEXT NOT NULL,
        actors TEXT NOT NULL, recipients TEXT NOT NULL, place TEXT,
        date TEXT, end_date TEXT, date_text TEXT NOT NULL DEFAULT '',
        modality TEXT NOT NULL,
        killed INTEGER, killed_qualifier TEXT NOT NULL DEFAULT '',
        injured INTEGER, injured_qualifier TEXT NOT NULL DEFAULT '',
        speaker TEXT, confidence REAL NOT NULL
    );
    CREATE INDEX mentions_article ON mentions(article_id);
    CREATE INDEX mentions_event ON mentions(event_id);
    CREATE INDEX mentions_type_date ON mentions(type, date);
    """,
    # 2: inferred publication dates carry a confidence; printed dates that the article's
    # own evidence contradicts are kept as conflicts with both readings.
    """
    ALTER TABLE articles ADD COLUMN published_confidence REAL NOT NULL DEFAULT 1.0;
    CREATE TABLE conflicts (
        id INTEGER PRIMARY KEY,
        article_id TEXT NOT NULL REFERENCES articles(id),
        field TEXT NOT NULL,
        text TEXT NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL,
        printed TEXT NOT NULL, corrected TEXT NOT NULL,
        evidence TEXT NOT NULL DEFAULT '[]'
    );
    CREATE INDEX conflicts_article ON conflicts(article_id);
    """,
    # 3: mentions carry canonical actors, a gazetteer place, the ACLED type, statements'
    # quotes and more counts, as one JSON object (see dateline.codec.details).
    """
    ALTER TABLE mentions ADD COLUMN details TEXT NOT NULL DEFAULT '{}';
    """,
    # 4: where an event's sources disagree (date, counts, place, attacker), every value
    # with its articles and the value shown (see dateline.link.disputes).
    """
    ALTER TABLE events ADD COLUMN disputes TEXT NOT NULL DEFAULT '[]';
    """,
    # 5: stories (see dateline.link.story_store): each article's story and what clustering
    # read of it, in arrival order; each event's story; a snapshot of the story index.
    """
    CREATE TABLE stories (
        id TEXT PRIMARY KEY, title TEXT NOT NULL,
        terms TEXT NOT NULL DEFAULT '[]', entities TEXT NOT NULL DEFAULT '[]',
        years TEXT NOT NULL DEFAULT '[]', first TEXT, last TEXT, size INTEGER NOT NULL
    );
    ALTER TABLE articles ADD COLUMN story_id TEXT;
    CREATE INDEX articles_story ON articles(story_id);
    ALTER TABLE events ADD COLUMN story_id TEXT;
    CREATE INDEX events_story ON events(story_id);
    CREATE TABLE story_docs (
        article_id TEXT PRIMARY KEY REFERENCES articles(id),
        doc TEXT NOT NULL, lead BLOB NOT NULL
    );
    CREATE TABLE story_index (
        id INTEGER PRIMARY KEY CHECK (id = 1), upto INTEGER NOT NULL, state BLOB NOT NULL
    );
    """,
    # 6: full-text search (FTS5) over articles' title and text and events' summaries, for
    # the HTTP API's `q`. External-content tables keep no second copy of the text; triggers
    # keep them in step (events are upserted, so summaries change on UPDATE) and the
    # 'rebuild' fills them from the rows already stored. They key on the tables' implicit
    # rowid, which VACUUM may renumber: after a VACUUM, rebuild both with
    # INSERT INTO articles_fts(articles_fts) VALUES ('rebuild') (and the same for events).
    """
    CREATE VIRTUAL TABLE articles_fts USING fts5(
        title, text, content='articles', content_rowid='rowid',
        tokenize='unicode61 remove_diacritics 2'
    );
    CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
        INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
    END;
    CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, text)
        VALUES ('delete', old.rowid, old.title, old.text);
    END;
    CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, text)
        VALUES ('delete', old.rowid, old.title, old.text);
        INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
    END;
    INSERT INTO articles_fts(articles_fts) VALUES ('rebuild');
    CREATE VIRTUAL TABLE events_fts USING fts5(
        summary, content='events', content_rowid='rowid',
        tokenize='unicode61 remove_diacritics 2'
    );
    CREATE TRIGGER events_fts_insert AFTER INSERT ON events BEGIN
        INSERT INTO events_fts(rowid, summary) VALUES (new.rowid, new.summary);
    END;
    CREATE TRIGGER events_fts_delete AFTER DELETE ON events BEGIN
        INSERT INTO events_fts(events_fts, rowid, summary)
        VALUES ('delete', old.rowid, old.summary);
    END;
    CREATE TRIGGER events_fts_update AFTER UPDATE OF summary ON events BEGIN
        INSERT INTO events_fts(events_fts, rowid, summary)
        VALUES ('delete', old.rowid, old.summary);
        INSERT INTO events_fts(rowid, summary) VALUES (new.rowid, new.summary);
    END;
    INSERT INTO events_fts(events_fts) VALUES ('rebuild');
    """,
    # 7: adding one article must not cost more as the store and its events grow: each
    # event's tally (dateline.link.tally) lets a new mention update the event without
    # reading all its mentions; merging looks events up by type and date together.
    # Events stored before get their tally the first time a mention joins them.
    """
    CREATE TABLE event_tallies (
        event_id TEXT PRIMARY KEY REFERENCES events(id), state TEXT NOT NULL
    );
    CREATE INDEX events_type_date ON events(type, date);
    """,
)
SCHEMA_VERSION = len(MIGRATIONS)


def connect(path: Path, *, create: bool = True) -> sqlite3.Connection:
    """An open store at ``path``, migrated to the current schema."""
    if not create and not path.exists():
        raise DatelineError(errors.E012_NO_DB.format(path=path))
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path, isolation_level=None, timeout=30.0)
    conn.row_factory = sqlite3.Row
    # WAL lets readers work while an ingest writes; NORMAL sync is durable across
    # application crashes (an interrupted ingest), which is what a local store needs.
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    conn.execute("PRAGMA foreign_keys=ON")
    migrate(conn, path)
    return conn


def migrate(conn: sqlite3.Connection, path: Path) -> int:
    """Applies the migrations the store lacks; returns its schema version."""
    conn.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations "
        "(version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)"
    )
    found = conn.execute("SELECT COALESCE(MAX(version), 0) FROM schema_migrations").fetchone()[0]
    if found > SCHEMA_VERSION:
        raise DatelineError(
            errors.E015_SCHEMA_NEWER.format(path=path, found=found, known=SCHEMA_VERSION)
        )
    for version in range(found + 1, SCHEMA_VERSION + 1):
        with transaction(conn):
            for statement in _statements(MIGRATIONS[version - 1]):
                conn.execute(statement)
            conn.execute(
                "INSERT INTO schema_migrations VALUES (?, ?)",
                (version, dt.datetime.now(dt.UTC).isoformat(timespec="seconds")),
            )
    return SCHEMA_VERSION


def _statements(script: str) -> list[str]:
    # executescript() would commit the open transaction; run statements one by one instead.
    # A trigger's body holds ';' of its own: pieces are joined until SQLite calls the
    # statement complete.
    found: list[str] = []
    pending = ""
    for piece in script.split(";"):
        pending += piece + ";"
        if sqlite3.complete_statement(pending):
            if pending.strip(" \n;"):
                found.append(pending.strip().rstrip(";").strip())
            pending = ""
    if pending.strip(" \n;"):
        found.append(pending.strip().rstrip(";").strip())
    return found


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """BEGIN IMMEDIATE ... COMMIT, rolled back on any error: all of a unit or nothing."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
