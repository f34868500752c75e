"""Talks gain their mediators and named delegates from the whole article; counted weapons
are attacks."""

from __future__ import annotations

import datetime as dt
from typing import Any

from dateline.extract import Record, extract
from dateline.settings import Settings

ARTICLE = (
    "Armenian and Azerbaijani negotiators met in Doha on Monday. Qatar brokered the "
    "meeting. Armenia's delegation is led by Foreign Minister Lilit Harutyunyan. "
    "Farid Mammadov is Azerbaijan's chief negotiator. A Qatari envoy, Nasser Al-Khulaifi, "
    "chaired the session."
)


def mentions(text: str) -> list[dict[str, Any]]:
    out = list(extract([Record("t", text, dt.date(2026, 3, 3))], Settings()))
    return list(out[0]["mentions"])


def test_talks_gain_the_mediator_and_the_delegates() -> None:
    met = [m for m in mentions(ARTICLE) if m["trigger"] == "met"]
    assert len(met) == 1
    talks = met[0]
    assert talks["type"] == "CONSULT" and talks["mode"] == "third-party"
    roles = {(a["name"], a["country"], a["role"]) for a in talks["actors"]}
    assert ("Armenia", "ARM", "") in roles and ("Azerbaijan", "AZE", "") in roles
    assert ("Qatar", "QAT", "mediator") in roles
    people = {a["name"]: a["country"] for a in talks["actors"] if a["role"] == "delegate"}
    assert people.get("Lilit Harutyunyan") == "ARM"
    assert people.get("Farid Mammadov") == "AZE"


def test_counted_weapons_are_an_attack_and_the_counter_is_no_attacker() -> None:
    found = mentions("The air force reported 38 cruise missiles and 120 drones overnight.")
    attacks = [m for m in found if m["type"] == "ASSAULT"]
    assert attacks and attacks[0]["quantities"]["missiles"] == 38
    assert attacks[0]["quantities"]["drones"] == 120
    assert attacks[0]["actors"] == []
