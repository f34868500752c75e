"""Statements: speaker, words and topic; attributions stay with the events they report."""

from __future__ import annotations

import datetime as dt
from typing import Any

from dateline.extract import Record, extract
from dateline.settings import Settings

DAY = dt.date(2026, 3, 3)


def mentions(text: str) -> list[dict[str, Any]]:
    out = list(extract([Record("t", text, DAY)], Settings()))
    return list(out[0]["mentions"])


def test_a_reported_position_is_a_statement() -> None:
    found = mentions("Foreign Minister Ana Ruiz said the ceasefire in the north must hold.")
    said = [m for m in found if m["type"] == "STATEMENT"]
    assert len(said) == 1
    assert said[0]["speaker"] == "Ana Ruiz"
    assert said[0]["quote"] == "the ceasefire in the north must hold"
    assert said[0]["topic"] == "ceasefire"
    assert said[0]["date"] == "2026-03-03"


def test_quoted_words_are_the_quote() -> None:
    found = mentions('In a televised address, Ruiz stated, "Chile will not accept new '
                     'tariffs on copper."')
    said = [m for m in found if m["type"] == "STATEMENT"]
    assert said and said[0]["quote"] == "Chile will not accept new tariffs on copper."


def test_a_pronoun_speaker_is_the_last_person_named() -> None:
    found = mentions("Ana Ruiz arrived in Lima on Monday. She said Peru and Chile would "
                     "resume border talks.")
    said = [m for m in found if m["type"] == "STATEMENT"]
    assert said and said[0]["speaker"] == "Ana Ruiz"


def test_a_speech_act_event_gains_speaker_and_quote() -> None:
    found = mentions('The interior minister condemned the raid, calling it "an attack on '
                     'every family in the valley."')
    accuse = [m for m in found if m["type"] == "ACCUSE"]
    assert accuse and accuse[0]["quote"] == "an attack on every family in the valley."
    assert accuse[0]["speaker"]
    assert not [m for m in found if m["type"] == "STATEMENT"]


def test_an_attribution_is_the_source_of_the_event_not_a_statement() -> None:
    found = mentions("Drones struck a fuel depot near Vessna on Monday, the regional "
                     "governor said.")
    assert [m["type"] for m in found] == ["ASSAULT"]
    assert found[0]["speaker"] == "regional governor"


def test_remarks_about_nothing_public_are_left_out() -> None:
    assert mentions('"I just wanted to enjoy the last lap," the winner said.') == []
