"""Where the lexicon and the sentence classifier meet: confidence and statement stances."""

from __future__ import annotations

import datetime as dt
from typing import Any

from dateline.extract import Record, extract
from dateline.settings import Settings

DAY = dt.date(2026, 3, 3)


def mentions(text: str) -> list[dict[str, Any]]:
    return list(next(iter(extract([Record("t", text, DAY)], Settings())))["mentions"])


def test_a_trigger_the_sentence_agrees_with_is_surer_than_one_it_does_not() -> None:
    strike = mentions("Government artillery shelled the village of Ostrov on Monday, "
                      "killing four civilians.")
    aside = mentions("The shelling came two days before talks between the two sides in "
                     "Vienna, which officials expect to focus on prisoner exchanges.")
    assaults = [m for m in strike if m["type"] == "ASSAULT"]
    talks = [m for m in aside if m["type"] == "CONSULT"]
    assert assaults and talks
    assert assaults[0]["confidence"] > talks[0]["confidence"]


def test_a_statement_keeps_its_type_and_gains_a_stance() -> None:
    found = mentions("Foreign Minister Ana Ruiz said her country will never give up the "
                     "disputed border province in any peace deal.")
    said = [m for m in found if m["type"] == "STATEMENT"]
    assert len(said) == 1 and said[0]["speaker"] == "Ana Ruiz"
    assert said[0]["mode"] == "reject"


def test_a_plain_report_gains_no_stance() -> None:
    found = mentions("Foreign Minister Ana Ruiz said the meeting was held in a cordial "
                     "atmosphere.")
    said = [m for m in found if m["type"] == "STATEMENT"]
    assert len(said) == 1 and said[0]["mode"] == ""
