"""ACLED event types for Dateline's PLOVER events.

ACLED codes political violence, demonstrations and strategic developments in six event
types and 25 sub-event types; PLOVER codes interaction in general. :func:`acled_type` maps
a PLOVER root type and mode (as :mod:`dateline.analyze.lexicon` and ``events.mode_of`` name
them) plus a few words of the sentence to an :class:`AcledType`, and returns None for what
ACLED does not code (statements, plain meetings, aid, sanctions, ...).

==========  =====================  ==============================================================
PLOVER      mode                   ACLED event type: sub-event type (first rule that fits)
==========  =====================  ==============================================================
ASSAULT     any, trigger "downed", Strategic developments: Disrupted weapons use: the trigger
            "intercepted"          says the weapon was stopped ("shot down", "defused")
ASSAULT     any, chemical cues     Explosions/Remote violence: Chemical weapon ("chlorine")
ASSAULT     any, suicide cues      Explosions/Remote violence: Suicide bomb
ASSAULT     any, grenade cues      Explosions/Remote violence: Grenade
ASSAULT     explosives, IED cues   Explosions/Remote violence: Remote explosive/landmine/IED
            ("roadside bomb", "landmine", "car bomb", "explosive device")
ASSAULT     drone, aerial          Explosions/Remote violence: Air/drone strike
ASSAULT     missile, artillery     Explosions/Remote violence: Shelling/artillery/missile attack
ASSAULT     sexual, rape cues      Violence against civilians: Sexual violence
ASSAULT     abduct                 Violence against civilians: Abduction/forced disappearance
ASSAULT     "", weapon cues        as drone/aerial or missile/artillery ("warplanes", "mortar")
ASSAULT     "", trigger "strike",  Explosions/Remote violence: Air/drone strike (English news
            infrastructure cues    calls shelling shelling; see REMOTE_DEFAULT)
ASSAULT     "", explosion cues     Explosions/Remote violence: Remote explosive/landmine/IED
ASSAULT     any, protester target  Protests: Excessive force against protesters
ASSAULT     any, mob cues          Riots: Mob violence ("lynched", "vigilantes")
ASSAULT     any, retake cues       Battles: Government regains territory ("recaptured")
ASSAULT     any, capture cues      Battles: Non-state actor overtakes territory, when rebels,
                                   militants or the like took it; Armed clash otherwise
ASSAULT     not ground, civilian   Violence against civilians: Attack, when civilians are the
            cues                   target and no armed side is
ASSAULT     beat, firearms         Violence against civilians: Attack, when no armed side is
                                   named ("gunmen shot dead a trader")
ASSAULT     ground, any other      Battles: Armed clash
PROTEST     riot                   Riots: Violent demonstration (Mob violence with mob cues)
PROTEST     any, lethal force      Protests: Excessive force against protesters ("police
                                   opened fire", "troops shot dead")
PROTEST     any, violent crowd     Riots: Violent demonstration ("torched", "hurled stones")
PROTEST     any, police action     Protests: Protest with intervention ("tear gas", "dispersed")
PROTEST     "" and others          Protests: Peaceful protest (boycotts: None)
COERCE      arrest                 Strategic developments: Arrests
COERCE      seize                  Disrupted weapons use (weapons seized), Non-violent transfer
                                   of territory (a town taken), else Looting/property destruction
COERCE      any, demolition cues   Strategic developments: Looting/property destruction
COERCE      any, curfew cues       Strategic developments: Other (curfew, martial law)
AGREE       ceasefire, deal cues   Strategic developments: Agreement (pledges, promises: None)
CONCEDE     release, surrender     Strategic developments: Agreement (prisoners, hostages)
CONCEDE     any, resignation cues  Strategic developments: Change to group/activity
CONSULT     "", third-party, with  Strategic developments: Agreement (ACLED files peace talks
            peace-process cues     under Agreement); plain meetings, visits, calls: None
RETREAT     territory cues         Strategic developments: Non-violent transfer of territory
RETREAT     disband cues           Strategic developments: Change to group/activity
MOBILIZE    base cues              Strategic developments: Headquarters or base established
any other                          None (ACCUSE, REJECT, REQUEST, THREATEN, SUPPORT, COOPERATE,
                                   AID, SANCTION and anything the rules above leave out)
==========  =====================  ==============================================================

Modes Dateline produces today: ASSAULT drone, missile, aerial, artillery, firearms, ground,
beat, abduct; PROTEST riot; COERCE arrest, seize, censor; AGREE ceasefire; CONCEDE release,
ease; CONSULT third-party, visit, speech, phone; "" when unknown. The PLOVER codebook modes
"explosives" and "sexual" are accepted too. The cues are word lists matched on whole words
of the sentence, written from ACLED's codebook definitions, not from any one article; the
modality (planned, denied, ...) is the caller's to check.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from dateline.model import Mention

BATTLES = "Battles"
REMOTE = "Explosions/Remote violence"
CIVILIANS = "Violence against civilians"
PROTESTS = "Protests"
RIOTS = "Riots"
STRATEGIC = "Strategic developments"

# ACLED's 25 sub-event types by event type.
SUB_EVENT_TYPES = {
    BATTLES: ("Armed clash", "Government regains territory",
              "Non-state actor overtakes territory"),
    REMOTE: ("Chemical weapon", "Air/drone strike", "Suicide bomb",
             "Shelling/artillery/missile attack", "Remote explosive/landmine/IED", "Grenade"),
    CIVILIANS: ("Sexual violence", "Attack", "Abduction/forced disappearance"),
    PROTESTS: ("Peaceful protest", "Protest with intervention",
               "Excessive force against protesters"),
    RIOTS: ("Violent demonstration", "Mob violence"),
    STRATEGIC: ("Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
                "Headquarters or base established", "Looting/property destruction",
                "Non-violent transfer of territory", "Other"),
}


@dataclass(frozen=True)
class AcledType:
    """An ACLED event type and sub-event type."""

    event_type: str
    sub_event_type: str

    @property
    def disorder_type(self) -> str:
        """ACLED's top level: Political violence, Demonstrations or Strategic developments."""
        if self.sub_event_type == "Excessive force against protesters":
            return "Political violence; Demonstrations"
        if self.event_type == PROTESTS or self.sub_event_type == "Violent demonstration":
            return "Demonstrations"
        if self.event_type == STRATEGIC:
            return STRATEGIC
        return "Political violence"


def _cues(*phrases: str) -> re.Pattern[str]:
    """A whole-word matcher; a trailing "*" lets a word take endings ("clash*")."""
    parts = [re.escape(p.rstrip("*")) + (r"\w*" if p.endswith("*") else "") for p in phrases]
    return re.compile(r"\b(?:" + "|".join(parts) + r")\b")


INTERCEPTED = _cues("intercept*", "downed", "down", "defus*", "shoot down", "shot down")
CHEMICAL = _cues("chemical", "chlorine", "sarin", "nerve agent", "mustard gas", "toxic gas",
                 "poison gas", "tear-gas shells dropped")
SUICIDE = _cues("suicide", "blew himself up", "blew herself up", "self-detonat*", "svbied")
GRENADE = _cues("grenade*")
IED = _cues("ied", "ieds", "roadside bomb*", "landmine*", "land mine*", "mine blast",
            "car bomb*", "explosive device*", "booby trap*", "booby-trap*", "improvised explosive",
            "bomb planted", "planted bomb*", "remote-controlled bomb*", "magnetic bomb*")
AIR = _cues("airstrike*", "air strike*", "air raid*", "warplane*", "jets", "fighter jet*",
            "helicopter gunship*", "drone*", "uav*", "bombed", "bombing*", "barrel bomb*")
SHELLING = _cues("shell", "shells", "shelled", "shelling", "artillery", "mortar*", "rocket*",
                 "missile*", "howitzer*", "bombard*")
# A strike whose weapon the sentence does not name: English news calls shelling shelling and
# a raid a raid, so a bare "strike", or an attack on a power grid or a refinery, came from
# the air (drones and aircraft) more often than from guns.
REMOTE_DEFAULT = "Air/drone strike"
STRIKE = re.compile(r"(?:air)?strik|struck|bomb")
INFRASTRUCTURE = _cues("grid", "power plant*", "power station*", "substation*", "refiner*",
                       "oil depot*", "fuel depot*", "energy infrastructure", "energy facilit*",
                       "infrastructure")
EXPLOSION = _cues("explosion*", "blast*", "explod*", "detonat*")
SEXUAL = _cues("rape*", "raped", "sexual*", "sexually")
PROTESTERS = _cues("protester*", "protestor*", "demonstrator*", "marchers", "rally",
                   "sit-in", "crowd of protesters")
MOB = _cues("mob", "mobs", "lynch*", "vigilante*", "angry crowd", "villagers attacked")
RETAKEN = _cues("recaptur*", "retook", "retake*", "retaken", "regain*", "liberat*",
                "took back", "take back", "reclaimed")
TAKEN = _cues("captur*", "seized control", "seize control", "took control", "take control",
              "taken control", "overran", "overrun", "fell to", "seized the", "stormed and took")
NON_STATE = _cues("rebel*", "militant*", "insurgent*", "jihadist*", "militia*", "gang*",
                  "separatist*", "guerrilla*", "fighters", "armed group*", "al-shabaab",
                  "islamic state", "isis", "taliban", "hamas", "hezbollah", "houthi*")
ARMED = _cues("troops", "soldier*", "forces", "army", "military", "police", "officers",
              "checkpoint*", "convoy*", "base", "positions", "rebel*", "militant*",
              "insurgent*", "fighters", "militia*", "gunmen", "clash*", "fighting",
              "battle*", "firefight*", "gun battle*", "exchange* of fire", "exchanged fire",
              "frontline", "front line", "offensive")
CIVILIAN = _cues("civilian*", "villager*", "resident*", "worshipper*", "student*", "pupils",
                 "children", "women", "journalist*", "reporter*", "aid worker*", "passenger*",
                 "shopper*", "farmer*", "herder*", "worker*", "mineworkers", "patients",
                 "refugee*", "displaced", "family", "families", "teacher*", "doctor*",
                 "nurse*", "pilgrims", "mourners", "market", "school", "hospital", "mosque",
                 "church", "homes", "village", "residential", "apartment*", "bus")
LETHAL = _cues("shot dead", "killed", "killing", "live ammunition", "live fire",
               "opened fire", "fired on", "fired at", "massacre*")
SECURITY = _cues("police", "policemen", "troops", "soldiers", "security forces", "army",
                 "gendarme*", "national guard", "riot police", "militia*")
VIOLENT_CROWD = _cues("torch*", "set fire", "set ablaze", "burned", "burnt", "hurl*",
                      "threw stones", "threw rocks", "pelted", "stones", "looted", "vandali*",
                      "smashed", "molotov*", "petrol bomb*", "clashed with police")
INTERVENTION = _cues("tear gas", "teargas", "tear-gas", "dispers*", "water cannon*",
                     "rubber bullet*", "arrested", "detained", "baton*", "broke up", "cordon*",
                     "pepper spray")
BOYCOTT = _cues("boycott*")
WEAPONS = _cues("weapon*", "arms", "ammunition", "munitions", "explosives", "rifles",
                "guns", "missiles", "drones")
TERRITORY = _cues("town", "towns", "village", "villages", "city", "territory", "district",
                  "area", "region", "base", "airport", "control", "checkpoint", "positions",
                  "province", "border crossing", "handed over", "handover")
DEMOLITION = _cues("demolish*", "raze*", "razed", "bulldoz*", "torch*", "burn* down",
                   "burned homes", "looted", "looting", "loot*", "ransack*", "plunder*",
                   "destroyed homes", "destroyed property")
CURFEW = _cues("curfew*", "martial law", "state of emergency")
AGREEMENT = _cues("ceasefire*", "cease-fire*", "truce*", "peace deal*", "peace agreement*",
                  "peace accord*", "accord", "agreement", "deal", "treaty", "pact",
                  "prisoner exchange*", "prisoner swap*", "swap", "exchange of prisoners",
                  "armistice", "memorandum")
RELEASED = _cues("release*", "freed", "surrender*", "prisoner*", "hostage*", "captive*",
                 "detainee*", "pows", "handed over")
RESIGNED = _cues("resign*", "step* down", "stepped down", "ousted", "new leader*",
                 "leadership", "defect*", "split", "merge*", "renamed")
PEACE_PROCESS = _cues("peace talks", "peace negotiation*", "ceasefire talks",
                      "ceasefire negotiation*", "truce talks", "peace process", "peace conference",
                      "peace summit", "prisoner exchange*")
WITHDRAWN = _cues("withdr*", "pulled out", "pull out", "pulls out", "pullout", "retreat*",
                  "handed over", "hand over", "handover", "left the")
DISBANDED = _cues("disband*", "demobili*", "dissolv*", "laid down", "lay down")
BASE = _cues("base", "bases", "headquarters", "outpost*", "camp", "camps", "garrison*")


def acled_type(kind: str, mode: str = "", sentence: str = "", trigger: str = "",
               targets: tuple[str, ...] = ()) -> AcledType | None:
    """The ACLED event type of a PLOVER event, or None when ACLED does not code it.

    ``kind`` and ``mode`` are Dateline's (ASSAULT/"drone", PROTEST/"riot", ...);
    ``sentence`` supplies the cues of the table in the module docstring, ``trigger`` the
    event's word ("downed") and ``targets`` its recipients ("civilians")."""
    cues = _Cues(mode.lower(), f"{sentence} {trigger}".lower(), trigger.lower(),
                 " ".join(targets).lower())
    rule = _RULES.get(kind.upper())
    found = rule(cues) if rule else None
    return AcledType(*found) if found else None


def from_mention(mention: Mention) -> AcledType | None:
    """:func:`acled_type` of one of Dateline's event mentions."""
    return acled_type(mention.type, mention.mode, mention.sentence.text, mention.trigger,
                      mention.recipients)


@dataclass(frozen=True)
class _Cues:
    mode: str
    text: str  # the sentence and the trigger, lower-cased
    trigger: str
    targets: str


def _assault(c: _Cues) -> tuple[str, str] | None:
    # the trigger itself says the weapon was stopped: "downed", "intercepted", "shot down"
    if INTERCEPTED.search(c.trigger) or (c.trigger == "shot" and "shot down" in c.text):
        return STRATEGIC, "Disrupted weapons use"
    for cue, sub in ((CHEMICAL, "Chemical weapon"), (SUICIDE, "Suicide bomb"),
                     (GRENADE, "Grenade")):
        if cue.search(c.text):
            return REMOTE, sub
    if c.mode == "explosives" or IED.search(c.text):
        return REMOTE, "Remote explosive/landmine/IED"
    if c.mode in ("drone", "aerial"):
        return REMOTE, "Air/drone strike"
    if c.mode in ("missile", "artillery"):
        return REMOTE, "Shelling/artillery/missile attack"
    if c.mode == "sexual" or SEXUAL.search(c.text):
        return CIVILIANS, "Sexual violence"
    if c.mode == "abduct":
        return CIVILIANS, "Abduction/forced disappearance"
    return _assault_unarmed(c)


def _assault_unarmed(c: _Cues) -> tuple[str, str]:
    """Force without a named weapon of remote violence: battle, attack on civilians, or
    force against a crowd."""
    if not c.mode and AIR.search(c.text):
        return REMOTE, "Air/drone strike"
    if not c.mode and SHELLING.search(c.text):
        return REMOTE, "Shelling/artillery/missile attack"
    if not c.mode and (STRIKE.match(c.trigger) or INFRASTRUCTURE.search(c.text)):
        return REMOTE, REMOTE_DEFAULT
    if not c.mode and EXPLOSION.search(c.text):  # an explosion nobody flew or fired
        return REMOTE, "Remote explosive/landmine/IED"
    if PROTESTERS.search(c.text) and not ARMED.search(c.targets):
        return PROTESTS, "Excessive force against protesters"
    if MOB.search(c.text):
        return RIOTS, "Mob violence"
    if RETAKEN.search(c.text):
        return BATTLES, "Government regains territory"
    if TAKEN.search(c.text):
        if NON_STATE.search(c.text):
            return BATTLES, "Non-state actor overtakes territory"
        return BATTLES, "Armed clash"
    civilians = CIVILIAN.search(c.targets) or CIVILIAN.search(c.text)
    if c.mode != "ground" and civilians and not ARMED.search(c.targets):
        return CIVILIANS, "Attack"
    if c.mode in ("beat", "firearms") and not ARMED.search(c.text):
        return CIVILIANS, "Attack"
    return BATTLES, "Armed clash"


def _protest(c: _Cues) -> tuple[str, str] | None:
    if c.mode == "riot":
        return (RIOTS, "Mob violence") if MOB.search(c.text) else (RIOTS, "Violent demonstration")
    if BOYCOTT.search(c.text) and not PROTESTERS.search(c.text):
        return None  # a boycott is not a gathering
    if LETHAL.search(c.text) and SECURITY.search(c.text):
        return PROTESTS, "Excessive force against protesters"
    if VIOLENT_CROWD.search(c.text):
        return RIOTS, "Violent demonstration"
    if INTERVENTION.search(c.text):
        return PROTESTS, "Protest with intervention"
    return PROTESTS, "Peaceful protest"


def _coerce(c: _Cues) -> tuple[str, str] | None:
    if c.mode == "arrest":
        return STRATEGIC, "Arrests"
    if c.mode == "seize":
        if WEAPONS.search(c.text):
            return STRATEGIC, "Disrupted weapons use"
        if TERRITORY.search(c.text):
            return STRATEGIC, "Non-violent transfer of territory"
        return STRATEGIC, "Looting/property destruction"
    if DEMOLITION.search(c.text):
        return STRATEGIC, "Looting/property destruction"
    if CURFEW.search(c.text):
        return STRATEGIC, "Other"
    return None


def _agree(c: _Cues) -> tuple[str, str] | None:
    if c.mode == "ceasefire" or AGREEMENT.search(c.text):
        return STRATEGIC, "Agreement"
    return None


def _concede(c: _Cues) -> tuple[str, str] | None:
    if c.mode == "release" or RELEASED.search(c.text):
        return STRATEGIC, "Agreement"
    if RESIGNED.search(c.text):
        return STRATEGIC, "Change to group/activity"
    return None


def _consult(c: _Cues) -> tuple[str, str] | None:
    if c.mode in ("", "third-party") and PEACE_PROCESS.search(c.text):
        return STRATEGIC, "Agreement"
    return None  # a visit, a call or a speech is not the talks it mentions


def _retreat(c: _Cues) -> tuple[str, str] | None:
    if DISBANDED.search(c.text):
        return STRATEGIC, "Change to group/activity"
    if WITHDRAWN.search(c.text) and TERRITORY.search(c.text):
        return STRATEGIC, "Non-violent transfer of territory"
    return None


def _mobilize(c: _Cues) -> tuple[str, str] | None:
    return (STRATEGIC, "Headquarters or base established") if BASE.search(c.text) else None


_RULES: dict[str, Callable[[_Cues], tuple[str, str] | None]] = {
    "ASSAULT": _assault, "PROTEST": _protest, "COERCE": _coerce, "AGREE": _agree,
    "CONCEDE": _concede, "CONSULT": _consult, "RETREAT": _retreat, "MOBILIZE": _mobilize,
}
