"""Where the sources of one event disagree: every value kept with its sources, one shown.

For each field that reports can state differently (the date they give, killed, injured,
the place, the attacking side), the values of an event's mentions are grouped, each with
the articles that give it. Values that cannot both be true make a dispute: two different
stated dates, two exact counts that differ or an exact count below another's "at least",
two places of which neither contains the other, two actor countries with no overlap.

The value shown is chosen by a documented rule, never by dropping the others:

1. agreement of independent sources: the value most articles give (duplicate copies are
   stored once, so a syndicated copy does not vote twice);
2. specificity: a day over a month, an exact count over "at least"/"about", a town over
   its region over its country;
3. recency of reporting: for counts, tolls rise as bodies are found, so the latest
   report; for the rest, the earliest report, closest to the event.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass

from dateline.model import Mention, Precision

LOWER_BOUNDS = frozenset({"at least", "more than", "over", "dozens", "hundreds", "scores"})
_PRECISION_RANK = {Precision.DAY: 2, Precision.MONTH: 1, Precision.YEAR: 0}
_GEO_RANK = {"city": 2, "admin1": 1, "country": 0}


@dataclass(frozen=True)
class Reading:
    """One value of a field, as one article gives it."""

    value: Hashable
    shown: str  # the value as displayed: "2026-02-15", "at least 12", "Taman"
    article: str
    specificity: int
    published: str  # ISO date of the article, "" when unknown


def readings(field: str, mentions: Sequence[Mention],
             published: Mapping[str, str]) -> list[Reading]:
    """Each mention's reading of a field (mentions that state nothing give none)."""
    out = []
    for m in mentions:
        day = published.get(m.article_id, "")
        if field == "date" and m.date is not None and m.date_text:
            out.append(Reading(m.date.iso(), m.date.iso(), m.article_id,
                               _PRECISION_RANK[m.date.precision], day))
        elif field in ("killed", "injured"):
            count = getattr(m.quantities, field)
            qualifier = getattr(m.quantities, f"{field}_qualifier")
            if count is not None:
                shown = f"{qualifier} {count}".strip()
                out.append(Reading((count, qualifier in LOWER_BOUNDS), shown, m.article_id,
                                   0 if qualifier else 1, day))
        elif field == "place" and m.geo is not None:
            out.append(Reading(m.geo.geonameid or m.geo.name, m.geo.name, m.article_id,
                               _GEO_RANK.get(m.geo.kind, 0), day))
        elif field == "actor" and m.type == "ASSAULT":
            countries = tuple(sorted({a.country for a in m.actor_refs if a.country}))
            if countries:
                out.append(Reading(countries, ", ".join(countries), m.article_id, 0, day))
    return out


def _compatible(field: str, a: Hashable, b: Hashable,
                contains: Callable[[Hashable, Hashable], bool]) -> bool:
    if a == b:
        return True
    if field in ("killed", "injured"):
        assert isinstance(a, tuple) and isinstance(b, tuple)
        x, x_low = int(a[0]), bool(a[1])
        y, y_low = int(b[0]), bool(b[1])
        # "at least 12" agrees with 15; 12 and 15 do not; two lower bounds never clash
        return (x_low and y >= x) or (y_low and x >= y) or (x_low and y_low)
    if field == "actor":
        assert isinstance(a, tuple) and isinstance(b, tuple)
        return bool(set(a) & set(b))
    if field == "place":
        return contains(a, b) or contains(b, a)
    return False


def choose(field: str, found: Sequence[Reading]) -> Reading:
    """The reading shown, by the rule of the module docstring."""
    support: dict[Hashable, set[str]] = {}
    for r in found:
        support.setdefault(r.value, set()).add(r.article)
    latest = field in ("killed", "injured")

    def rank(r: Reading) -> tuple[int, int, str]:
        when = r.published if latest else _invert(r.published)
        return len(support[r.value]), r.specificity, when

    return max(found, key=rank)


def _invert(day: str) -> str:
    """A sort key under which earlier ISO dates rank higher (unknown dates last)."""
    if not day:
        return ""
    return "".join(chr(ord("9") - ord(c) + ord("0")) if c.isdigit() else c for c in day)


def disputes(mentions: Sequence[Mention], published: Mapping[str, str],
             contains: Callable[[Hashable, Hashable], bool] = lambda a, b: False,
             ) -> list[dict[str, object]]:
    """The fields on which an event's sources disagree, each value with its articles and
    the value shown; [] when they all agree."""
    out: list[dict[str, object]] = []
    for field in ("date", "killed", "injured", "place", "actor"):
        found = readings(field, mentions, published)
        values = list(dict.fromkeys(r.value for r in found))
        clash = any(not _compatible(field, a, b, contains)
                    for i, a in enumerate(values) for b in values[i + 1:])
        if not clash:
            continue
        chosen = choose(field, found)
        grouped: dict[Hashable, dict[str, object]] = {}
        for r in found:
            entry = grouped.setdefault(r.value, {"value": r.shown, "articles": []})
            articles = entry["articles"]
            assert isinstance(articles, list)
            if r.article not in articles:
                articles.append(r.article)
        out.append({"field": field, "shown": chosen.shown,
                    "rule": "agreement, then specificity, then "
                            + ("latest report" if field in ("killed", "injured")
                               else "earliest report"),
                    "values": list(grouped.values())})
    return out
