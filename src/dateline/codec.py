"""Mentions to and from plain JSON: one shape for the store, `dateline extract` and exports."""

from __future__ import annotations

from typing import Any

from dateline.model import ActorRef, GeoPlace, Mention, Quantities


def details(mention: Mention) -> dict[str, Any]:
    """What a mention carries beyond the store's fixed columns."""
    return {
        "actor_refs": [a.as_dict() for a in mention.actor_refs],
        "recipient_refs": [a.as_dict() for a in mention.recipient_refs],
        "geo": mention.geo.as_dict() if mention.geo else None,
        "acled": list(mention.acled) if mention.acled else None,
        "quote": mention.quote,
        "topic": mention.topic,
        "quantities": mention.quantities.as_dict(),
    }


def actor_ref(data: dict[str, Any]) -> ActorRef:
    return ActorRef(data["name"], data["key"], data.get("kind") or "", data.get("country"),
                    data.get("sector"), data.get("role") or "")


def geo_place(data: dict[str, Any] | None) -> GeoPlace | None:
    if not data:
        return None
    return GeoPlace(data["name"], data["country"], data["admin1"], float(data["lat"]),
                    float(data["lon"]), data.get("geonameid"), data.get("kind") or "")


def quantities(data: dict[str, Any]) -> Quantities:
    names = ("killed", "injured", "arrested", "missiles", "drones")
    fields: dict[str, Any] = {}
    for name in names:
        fields[name] = data.get(name)
        fields[f"{name}_qualifier"] = data.get(f"{name}_qualifier", "")
    return Quantities(**fields)


def mention_json(mention: Mention) -> dict[str, Any]:
    """Everything a mention says, as the `dateline extract` output documents it."""
    return {
        "type": mention.type,
        "mode": mention.mode,
        "confidence": mention.confidence,
        "trigger": mention.trigger,
        "modality": mention.modality.value,
        "actors": [a.as_dict() for a in mention.actor_refs]
        or [{"name": n} for n in mention.actors],
        "recipients": [a.as_dict() for a in mention.recipient_refs]
        or [{"name": n} for n in mention.recipients],
        "place": mention.place,
        "geo": mention.geo.as_dict() if mention.geo else None,
        "acled": ({"event_type": mention.acled[0], "sub_event_type": mention.acled[1]}
                  if mention.acled else None),
        "date": mention.date.iso() if mention.date else None,
        "end_date": mention.end_date.iso() if mention.end_date else None,
        "date_precision": mention.date.precision.value if mention.date else None,
        "date_text": mention.date_text,
        "quantities": mention.quantities.as_dict(),
        "speaker": mention.speaker,
        "quote": mention.quote,
        "topic": mention.topic,
        "sentence": {"start": mention.sentence.start, "end": mention.sentence.end,
                     "text": mention.sentence.text},
    }
