"""Mentions placed on the map and lined up with ACLED: the last step of the analyze stage.

The place a mention's rules found ("Taman, Krasnodar region") is resolved in the offline
gazetteer first; a mention with no place phrase gets the place its sentence frames as the
event's (:func:`dateline.analyze.places.event_place`). Violent and strategic events get
ACLED's event and sub-event type (:mod:`dateline.analyze.acled`).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import replace

from dateline.analyze import acled, lexicon, places
from dateline.model import Entity, GeoPlace, Mention


def enrich(mentions: Sequence[Mention], entities: Sequence[Entity]) -> list[Mention]:
    """Each mention with its gazetteer place and ACLED type (where there are any)."""
    ordered = sorted(entities, key=lambda e: e.start)
    starts = [e.start for e in ordered]
    out = []
    for mention in mentions:
        sent = mention.sentence
        lo, hi = bisect.bisect_left(starts, sent.start), bisect.bisect_left(starts, sent.end)
        geo = locate(mention, ordered[lo:hi])
        kind = acled.acled_type(mention.type, mention.mode, sent.text, mention.trigger,
                                mention.recipients)
        out.append(replace(
            mention, geo=geo, place=mention.place or (geo.name if geo else None),
            acled=(kind.event_type, kind.sub_event_type) if kind else None))
    return out


_LAST_WORDS = re.compile(r"([A-Za-z]+)\W+([A-Za-z]+)\W*$")


def _of_other_event(before: str, trigger: str) -> bool:
    """Whether the place phrase that follows ``before`` hangs off another event noun: in
    "the meeting took place ... before a scheduled discussion in Abu Dhabi", Abu Dhabi is
    the discussion's place, not the meeting's."""
    found = _LAST_WORDS.search(before)
    if found is None:
        return False
    noun = found.group(1).lower()
    return noun != trigger.lower() and noun in lexicon.event_nouns()


def locate(mention: Mention, entities: Sequence[Entity]) -> GeoPlace | None:
    sent = mention.sentence
    found = places.resolve(mention.place, context=sent.text) if mention.place else None
    if found is None:
        at = sent.text.find(mention.trigger)
        framed = [p for p in places.place_mentions(
            sent, entities, trigger=sent.start + at if at >= 0 else None)
            if p.frame != "bare" and not p.owner  # "Ukraine is prepared": no venue
            and not _of_other_event(sent.text[:p.start - sent.start], mention.trigger)]
        found = framed[0].place if framed else None
    if found is None:
        return None
    return GeoPlace(found.name, found.country, found.admin1, found.lat, found.lon,
                    found.geonameid, found.kind)
