"""PLOVER type and mode (plus a few sentence cues) to ACLED event and sub-event types."""

from __future__ import annotations

import pytest

from dateline.analyze.acled import SUB_EVENT_TYPES, AcledType, acled_type, from_mention
from dateline.model import Mention, Modality, Sentence


def sub(kind: str, mode: str = "", sentence: str = "", trigger: str = "",
        targets: tuple[str, ...] = ()) -> str | None:
    found = acled_type(kind, mode, sentence, trigger, targets)
    if found is not None:
        assert found.sub_event_type in SUB_EVENT_TYPES[found.event_type]
    return found.sub_event_type if found else None


def test_the_table_holds_acleds_six_types_and_25_sub_types() -> None:
    assert len(SUB_EVENT_TYPES) == 6
    assert sum(len(subs) for subs in SUB_EVENT_TYPES.values()) == 25


@pytest.mark.parametrize(("mode", "sentence", "expected"), [
    ("drone", "A drone struck a fuel depot near the port overnight.", "Air/drone strike"),
    ("aerial", "Warplanes bombed a market in the north.", "Air/drone strike"),
    ("missile", "Two ballistic missiles hit the city centre.",
     "Shelling/artillery/missile attack"),
    ("artillery", "Howitzers shelled the village for hours.",
     "Shelling/artillery/missile attack"),
    ("", "A roadside bomb hit an army convoy.", "Remote explosive/landmine/IED"),
    ("", "A suicide bomber struck a crowded mosque.", "Suicide bomb"),
    ("", "Attackers threw a grenade into the bar.", "Grenade"),
    ("", "Chlorine canisters were dropped on the town.", "Chemical weapon"),
    ("", "Mortar fire hit the camp.", "Shelling/artillery/missile attack"),
    ("", "An explosion tore through the bus station.", "Remote explosive/landmine/IED"),
])
def test_remote_violence(mode: str, sentence: str, expected: str) -> None:
    assert sub("ASSAULT", mode, sentence) == expected
    assert acled_type("ASSAULT", mode, sentence) == AcledType(
        "Explosions/Remote violence", expected)


def test_a_bare_strike_came_from_the_air() -> None:
    assert sub("ASSAULT", "", "Massive overnight strikes preceded the talks.", "strikes") \
        == "Air/drone strike"
    assert sub("ASSAULT", "", "The attacks targeted the capital's power grid.", "targeted") \
        == "Air/drone strike"


def test_weapons_stopped_are_disrupted_weapons_use() -> None:
    assert sub("ASSAULT", "drone", "Air defences downed 40 drones overnight.",
               "downed") == "Disrupted weapons use"
    assert sub("ASSAULT", "firearms", "Soldiers shot down a drone near the border.",
               "shot") == "Disrupted weapons use"
    # interceptions mentioned beside a strike do not turn the strike into one
    assert sub("ASSAULT", "drone", "A drone hit the depot although others were intercepted.",
               "hit") == "Air/drone strike"


def test_battles_against_violence_against_civilians() -> None:
    assert sub("ASSAULT", "ground", "Troops clashed with rebels near the border.") \
        == "Armed clash"
    assert sub("ASSAULT", "firearms", "Gunmen shot dead three villagers at a market.") \
        == "Attack"
    assert sub("ASSAULT", "firearms", "Gunmen killed two soldiers at a checkpoint.") \
        == "Armed clash"
    assert sub("ASSAULT", "", "Militiamen attacked the camp.", targets=("civilians",)) \
        == "Attack"
    assert sub("ASSAULT", "abduct", "Armed men kidnapped 20 pupils.") \
        == "Abduction/forced disappearance"
    assert sub("ASSAULT", "", "Fighters raped women in the village.") == "Sexual violence"


def test_territory_changing_hands() -> None:
    assert sub("ASSAULT", "ground", "The army recaptured the town from insurgents.") \
        == "Government regains territory"
    assert sub("ASSAULT", "ground", "Rebels captured the town after heavy fighting.") \
        == "Non-state actor overtakes territory"
    assert sub("RETREAT", "", "Government forces withdrew from the town overnight.") \
        == "Non-violent transfer of territory"


@pytest.mark.parametrize(("mode", "sentence", "expected"), [
    ("", "Thousands marched through the capital demanding new elections.", "Peaceful protest"),
    ("", "Police fired tear gas to disperse the demonstrators.", "Protest with intervention"),
    ("", "Security forces opened fire on protesters, killing four.",
     "Excessive force against protesters"),
    ("", "Protesters torched cars and hurled stones at the police.", "Violent demonstration"),
    ("riot", "Rioters looted shops in the old town.", "Violent demonstration"),
    ("riot", "A mob lynched a man accused of theft.", "Mob violence"),
])
def test_demonstrations(mode: str, sentence: str, expected: str) -> None:
    assert sub("PROTEST", mode, sentence) == expected


def test_boycotts_are_not_demonstrations() -> None:
    assert sub("PROTEST", "", "The opposition will boycott the vote.") is None


def test_strategic_developments() -> None:
    assert sub("COERCE", "arrest", "Police arrested the opposition leader.") == "Arrests"
    assert sub("COERCE", "seize", "Customs officers seized a shipment of rifles.") \
        == "Disrupted weapons use"
    assert sub("COERCE", "", "Bulldozers demolished homes in the camp.") \
        == "Looting/property destruction"
    assert sub("COERCE", "", "Authorities imposed a curfew in the city.") == "Other"
    assert sub("AGREE", "ceasefire", "The two sides agreed a truce.") == "Agreement"
    assert sub("CONCEDE", "release", "Rebels freed 12 hostages.") == "Agreement"
    assert sub("MOBILIZE", "", "The militia set up a new base in the hills.") \
        == "Headquarters or base established"
    assert sub("RETREAT", "", "The armed group announced it would disband.") \
        == "Change to group/activity"


def test_events_acled_does_not_code() -> None:
    assert sub("CONSULT", "", "The ministers met in Brussels on Monday.") is None
    assert sub("CONSULT", "visit", "The president visited the troops.") is None
    for kind in ("ACCUSE", "REJECT", "REQUEST", "THREATEN", "SUPPORT", "AID", "SANCTION"):
        assert sub(kind, "", "The government condemned the attack and warned of sanctions.") \
            is None
    assert sub("AGREE", "", "The leaders promised to stay in touch.") is None
    assert sub("CONSULT", "", "Delegations opened peace talks in the capital.") == "Agreement"
    assert sub("CONSULT", "speech", "He addressed the summit before the peace talks.") is None


def test_disorder_types() -> None:
    assert AcledType("Battles", "Armed clash").disorder_type == "Political violence"
    assert AcledType("Protests", "Peaceful protest").disorder_type == "Demonstrations"
    assert AcledType("Riots", "Violent demonstration").disorder_type == "Demonstrations"
    assert AcledType("Riots", "Mob violence").disorder_type == "Political violence"
    assert AcledType("Strategic developments", "Arrests").disorder_type \
        == "Strategic developments"


def test_from_mention_reads_type_mode_sentence_and_recipients() -> None:
    text = "Russian drones hit a bus carrying miners in the city."
    mention = Mention(
        article_id="a", sentence=Sentence(0, len(text), text), type="ASSAULT", mode="drone",
        trigger="hit", actors=("Russia",), recipients=(), place=None, date=None,
        end_date=None, date_text="", modality=Modality.HAPPENED)
    assert from_mention(mention) == AcledType("Explosions/Remote violence", "Air/drone strike")
