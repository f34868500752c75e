"""Event triggers: lemmas that name an event, with their PLOVER root type and mode.

The first version of the lexicon, written from the PLOVER codebook's definitions (not from
any one article): a trigger counts when its lemma is listed for the part of speech it has
in the sentence. Modes are refined from the sentence's words (see ``ASSAULT_MODES``).
"""

from __future__ import annotations

import functools
import re
from types import MappingProxyType

# lemma -> (PLOVER type, default mode); verbs and nouns are separate because "talk" the
# verb is usually a statement, "talks" the noun a negotiation.
VERB_TRIGGERS = MappingProxyType(
    {
        # ASSAULT: use of force against people or property
        "attack": ("ASSAULT", ""), "strike": ("ASSAULT", ""), "bomb": ("ASSAULT", "aerial"),
        "shell": ("ASSAULT", "artillery"), "bombard": ("ASSAULT", "artillery"),
        "shoot": ("ASSAULT", "firearms"), "kill": ("ASSAULT", ""), "hit": ("ASSAULT", ""),
        "target": ("ASSAULT", ""), "invade": ("ASSAULT", "ground"), "raid": ("ASSAULT", ""),
        "pound": ("ASSAULT", ""), "fire": ("ASSAULT", ""), "launch": ("ASSAULT", ""),
        "down": ("ASSAULT", ""), "storm": ("ASSAULT", "ground"),
        "assassinate": ("ASSAULT", ""),
        "massacre": ("ASSAULT", ""), "ambush": ("ASSAULT", "ground"), "behead": ("ASSAULT", ""),
        "stab": ("ASSAULT", "beat"), "beat": ("ASSAULT", "beat"), "torture": ("ASSAULT", "beat"),
        "abduct": ("ASSAULT", "abduct"), "kidnap": ("ASSAULT", "abduct"),
        "execute": ("ASSAULT", ""), "clash": ("ASSAULT", "ground"), "fight": ("ASSAULT", "ground"),
        # CONSULT: meetings, talks, visits, calls
        "meet": ("CONSULT", ""), "negotiate": ("CONSULT", ""), "host": ("CONSULT", "third-party"),
        "visit": ("CONSULT", "visit"), "convene": ("CONSULT", ""), "confer": ("CONSULT", ""),
        "broker": ("CONSULT", "third-party"), "mediate": ("CONSULT", "third-party"),
        "address": ("CONSULT", "speech"), "discuss": ("CONSULT", ""),
        "phone": ("CONSULT", "phone"), "telephone": ("CONSULT", "phone"),
        # AGREE: agreements, promises, settlements
        "agree": ("AGREE", ""), "sign": ("AGREE", ""), "ratify": ("AGREE", ""),
        "pledge": ("AGREE", ""), "promise": ("AGREE", ""), "settle": ("AGREE", ""),
        # SUPPORT: praise, endorsement, backing in words
        "support": ("SUPPORT", ""), "praise": ("SUPPORT", ""), "endorse": ("SUPPORT", ""),
        "back": ("SUPPORT", ""), "welcome": ("SUPPORT", ""), "hail": ("SUPPORT", ""),
        "commend": ("SUPPORT", ""), "applaud": ("SUPPORT", ""), "defend": ("SUPPORT", ""),
        "congratulate": ("SUPPORT", ""), "thank": ("SUPPORT", ""), "recognize": ("SUPPORT", ""),
        "recognise": ("SUPPORT", ""),
        # COOPERATE: joint action
        "cooperate": ("COOPERATE", ""), "collaborate": ("COOPERATE", ""),
        "coordinate": ("COOPERATE", ""), "partner": ("COOPERATE", ""),
        "extradite": ("COOPERATE", ""), "ally": ("COOPERATE", ""),
        # CONCEDE: giving in, easing, releasing, apologising
        "concede": ("CONCEDE", ""), "apologize": ("CONCEDE", ""), "apologise": ("CONCEDE", ""),
        "release": ("CONCEDE", "release"), "free": ("CONCEDE", "release"),
        "ease": ("CONCEDE", "ease"), "lift": ("CONCEDE", "ease"), "pardon": ("CONCEDE", ""),
        "compromise": ("CONCEDE", ""), "resign": ("CONCEDE", ""), "yield": ("CONCEDE", ""),
        "relent": ("CONCEDE", ""), "capitulate": ("CONCEDE", ""), "surrender": ("CONCEDE", ""),
        # RETREAT: pulling forces or people back
        "withdraw": ("RETREAT", ""), "retreat": ("RETREAT", ""), "evacuate": ("RETREAT", ""),
        "disband": ("RETREAT", ""), "demobilize": ("RETREAT", ""), "flee": ("RETREAT", ""),
        # AID
        "donate": ("AID", ""), "supply": ("AID", ""), "deliver": ("AID", ""),
        "aid": ("AID", ""), "fund": ("AID", ""), "provide": ("AID", ""), "send": ("AID", ""),
        # ACCUSE: blame in words and in court
        "accuse": ("ACCUSE", ""), "blame": ("ACCUSE", ""), "condemn": ("ACCUSE", ""),
        "denounce": ("ACCUSE", ""), "criticize": ("ACCUSE", ""), "criticise": ("ACCUSE", ""),
        "allege": ("ACCUSE", ""), "sue": ("ACCUSE", ""), "charge": ("ACCUSE", ""),
        "indict": ("ACCUSE", ""), "convict": ("ACCUSE", ""), "slam": ("ACCUSE", ""),
        "fault": ("ACCUSE", ""), "rebuke": ("ACCUSE", ""), "prosecute": ("ACCUSE", ""),
        # REJECT
        "reject": ("REJECT", ""), "refuse": ("REJECT", ""), "dismiss": ("REJECT", ""),
        "veto": ("REJECT", ""), "rebuff": ("REJECT", ""), "oppose": ("REJECT", ""),
        "decline": ("REJECT", ""), "deny": ("REJECT", ""), "snub": ("REJECT", ""),
        "defy": ("REJECT", ""), "spurn": ("REJECT", ""),
        # REQUEST
        "urge": ("REQUEST", ""), "demand": ("REQUEST", ""), "request": ("REQUEST", ""),
        "appeal": ("REQUEST", ""), "ask": ("REQUEST", ""), "seek": ("REQUEST", ""),
        "plead": ("REQUEST", ""), "implore": ("REQUEST", ""),
        # THREATEN
        "threaten": ("THREATEN", ""), "warn": ("THREATEN", ""),
        # PROTEST
        "protest": ("PROTEST", ""), "demonstrate": ("PROTEST", ""), "rally": ("PROTEST", ""),
        "march": ("PROTEST", ""), "riot": ("PROTEST", "riot"), "boycott": ("PROTEST", ""),
        "picket": ("PROTEST", ""),
        # SANCTION
        "sanction": ("SANCTION", ""), "embargo": ("SANCTION", ""), "expel": ("SANCTION", ""),
        "ban": ("SANCTION", ""), "suspend": ("SANCTION", ""), "freeze": ("SANCTION", ""),
        "blacklist": ("SANCTION", ""), "penalize": ("SANCTION", ""), "fine": ("SANCTION", ""),
        # MOBILIZE: readying forces
        "mobilize": ("MOBILIZE", ""), "mobilise": ("MOBILIZE", ""), "deploy": ("MOBILIZE", ""),
        "mass": ("MOBILIZE", ""), "station": ("MOBILIZE", ""), "reinforce": ("MOBILIZE", ""),
        # COERCE: arrests, seizures, restrictions by force of authority
        "arrest": ("COERCE", "arrest"), "detain": ("COERCE", "arrest"),
        "jail": ("COERCE", "arrest"), "imprison": ("COERCE", "arrest"),
        "seize": ("COERCE", "seize"), "confiscate": ("COERCE", "seize"),
        "deport": ("COERCE", ""), "sentence": ("COERCE", ""), "censor": ("COERCE", "censor"),
        "blockade": ("COERCE", ""), "besiege": ("COERCE", ""), "evict": ("COERCE", ""),
        "raze": ("COERCE", ""), "demolish": ("COERCE", ""), "crack": ("COERCE", ""),
    }
)

NOUN_TRIGGERS = MappingProxyType(
    {
        "attack": ("ASSAULT", ""), "strike": ("ASSAULT", ""), "airstrike": ("ASSAULT", "aerial"),
        "bombing": ("ASSAULT", "aerial"), "shelling": ("ASSAULT", "artillery"),
        "raid": ("ASSAULT", ""), "assault": ("ASSAULT", ""), "offensive": ("ASSAULT", "ground"),
        "incursion": ("ASSAULT", "ground"), "invasion": ("ASSAULT", "ground"),
        "bombardment": ("ASSAULT", "artillery"), "explosion": ("ASSAULT", ""),
        "massacre": ("ASSAULT", ""), "ambush": ("ASSAULT", "ground"),
        "clash": ("ASSAULT", "ground"),
        "assassination": ("ASSAULT", ""), "shooting": ("ASSAULT", "firearms"),
        "kidnapping": ("ASSAULT", "abduct"), "abduction": ("ASSAULT", "abduct"),
        "talk": ("CONSULT", ""), "talks": ("CONSULT", ""), "meeting": ("CONSULT", ""),
        "negotiation": ("CONSULT", ""), "summit": ("CONSULT", ""), "round": ("CONSULT", ""),
        "discussion": ("CONSULT", ""), "visit": ("CONSULT", "visit"),
        "conference": ("CONSULT", ""), "speech": ("CONSULT", "speech"),
        "agreement": ("AGREE", ""), "deal": ("AGREE", ""), "accord": ("AGREE", ""),
        "ceasefire": ("AGREE", "ceasefire"), "truce": ("AGREE", "ceasefire"),
        "treaty": ("AGREE", ""), "pledge": ("AGREE", ""), "settlement": ("AGREE", ""),
        "support": ("SUPPORT", ""), "praise": ("SUPPORT", ""), "endorsement": ("SUPPORT", ""),
        "cooperation": ("COOPERATE", ""), "partnership": ("COOPERATE", ""),
        "extradition": ("COOPERATE", ""),
        "concession": ("CONCEDE", ""), "apology": ("CONCEDE", ""),
        "release": ("CONCEDE", "release"), "resignation": ("CONCEDE", ""),
        "withdrawal": ("RETREAT", ""), "retreat": ("RETREAT", ""), "pullout": ("RETREAT", ""),
        "evacuation": ("RETREAT", ""),
        "accusation": ("ACCUSE", ""), "condemnation": ("ACCUSE", ""), "lawsuit": ("ACCUSE", ""),
        "allegation": ("ACCUSE", ""), "indictment": ("ACCUSE", ""), "criticism": ("ACCUSE", ""),
        "rejection": ("REJECT", ""), "refusal": ("REJECT", ""), "veto": ("REJECT", ""),
        "denial": ("REJECT", ""),
        "request": ("REQUEST", ""), "appeal": ("REQUEST", ""), "demand": ("REQUEST", ""),
        "call": ("REQUEST", ""), "plea": ("REQUEST", ""),
        "threat": ("THREATEN", ""), "ultimatum": ("THREATEN", ""), "warning": ("THREATEN", ""),
        "aid": ("AID", ""), "assistance": ("AID", ""), "donation": ("AID", ""),
        "protest": ("PROTEST", ""), "demonstration": ("PROTEST", ""), "rally": ("PROTEST", ""),
        "march": ("PROTEST", ""), "riot": ("PROTEST", "riot"), "boycott": ("PROTEST", ""),
        "sanction": ("SANCTION", ""), "sanctions": ("SANCTION", ""), "embargo": ("SANCTION", ""),
        "ban": ("SANCTION", ""), "expulsion": ("SANCTION", ""), "suspension": ("SANCTION", ""),
        "mobilization": ("MOBILIZE", ""), "mobilisation": ("MOBILIZE", ""),
        "deployment": ("MOBILIZE", ""), "buildup": ("MOBILIZE", ""),
        "arrest": ("COERCE", "arrest"), "detention": ("COERCE", "arrest"),
        "crackdown": ("COERCE", ""), "seizure": ("COERCE", "seize"), "curfew": ("COERCE", ""),
        "blockade": ("COERCE", ""), "siege": ("COERCE", ""), "deportation": ("COERCE", ""),
    }
)

# Weapons counted in a report ("Ukraine reported 71 ballistic missiles") tell of an attack
# even when no attack word is there.
COUNTED_WEAPONS = MappingProxyType({
    "missile": "missile", "rocket": "missile", "drone": "drone", "shell": "artillery",
    "bomb": "aerial",
})

# Verbs whose subject counts weapons rather than fires them.
COUNTING_VERBS = frozenset({"report", "say", "count", "record", "detect", "intercept",
                            "down", "destroy", "shoot", "neutralize", "neutralise", "track"})

# Phrasal forms that change the type of a verb: "call for" is a request, "call off" cancels.
PHRASAL_TRIGGERS = MappingProxyType(
    {("call", "for"): ("REQUEST", ""), ("call", "on"): ("REQUEST", ""),
     ("pull", "out"): ("RETREAT", ""), ("pull", "back"): ("RETREAT", ""),
     ("crack", "down"): ("COERCE", ""), ("hand", "over"): ("CONCEDE", ""),
     ("speak", "with"): ("CONSULT", ""), ("talk", "with"): ("CONSULT", ""),
     ("team", "up"): ("COOPERATE", ""), ("walk", "out"): ("PROTEST", ""),
     ("step", "down"): ("CONCEDE", ""), ("back", "down"): ("CONCEDE", "")}
)

# Words in the sentence that fix an assault's mode; the first listed that occurs wins.
ASSAULT_MODES = (
    ("drone", "drone"), ("drones", "drone"), ("uav", "drone"), ("shahed", "drone"),
    ("missile", "missile"), ("missiles", "missile"), ("rocket", "missile"),
    ("rockets", "missile"), ("airstrike", "aerial"), ("air strike", "aerial"),
    ("bomb", "aerial"), ("artillery", "artillery"), ("shelling", "artillery"),
    ("shelled", "artillery"), ("mortar", "artillery"), ("gunmen", "firearms"),
    ("shooting", "firearms"), ("troops", "ground"), ("tank", "ground"),
)

# Sentence words that mark talks as brokered by someone outside the two sides.
THIRD_PARTY_CUES = ("broker", "mediat", "facilitat", "host", "trilateral")

# Nouns that can be triggers only with a cue nearby: "round" and "conference" are talks only
# when the sentence is about talks; "fire" and "launch" are attacks only with a weapon.
NEEDS_CUE = MappingProxyType(
    {
        "round": ("talk", "negotiat", "meeting"),
        "address": ("conference", "summit", "parliament", "assembly", "nation", "rally",
                    "congress", "forum", "session", "crowd", "lawmakers", "audience",
                    "delegates", "students", "supporters", "troops", "council"),
        "fight": ("troops", "forces", "rebel", "militant", "army", "soldier", "fighters",
                  "militia", "insurgent"),
        "clash": ("troops", "forces", "rebel", "militant", "army", "soldier", "fighters",
                  "militia", "insurgent", "police", "protesters", "border"),
        "march": ("protest", "demonstrat", "rally", "against", "demand"),
        "rally": ("protest", "demonstrat", "against", "demand", "supporters"),
        "execute": ("prisoner", "detainee", "hostage", "civilian", "captive", "executed by"),
        "station": ("troops", "forces", "soldiers", "missile", "warship"),
        "mass": ("troops", "forces", "soldiers", "tanks", "border"),
        "conference": ("security", "peace", "press"),
        "fire": ("missile", "rocket", "drone", "shell", "artillery", "gun", "shot"),
        "launch": ("missile", "rocket", "drone", "attack", "strike", "offensive"),
        "hit": ("missile", "rocket", "drone", "shell", "strike", "bomb", "attack"),
        "target": ("missile", "rocket", "drone", "shell", "strike", "bomb", "attack"),
        "down": ("drone", "missile", "plane", "jet", "helicopter"),
        "deliver": ("aid", "weapon", "arms", "supplies", "humanitarian", "ammunition"),
        "send": ("aid", "humanitarian", "supplies", "food", "medicine", "relief", "weapon",
                 "ammunition", "assistance", "donation"),
        "provide": ("aid", "humanitarian", "supplies", "food", "medicine", "relief",
                    "weapon", "ammunition", "assistance", "funding", "loan", "shelter"),
        "fund": ("aid", "humanitarian", "relief", "reconstruction", "recovery"),
        "supply": ("aid", "weapon", "arms", "humanitarian", "ammunition", "missile"),
        "explosion": ("drone", "missile", "bomb", "blast", "attack"),
        "warning": ("threat", "retaliat", "nuclear", "attack"),
    }
)

# Verbs that name an event only with what they act on ("backed the plan", "the plan was
# backed"); alone they are mostly something else ("defending champion", "fund managers").
NEEDS_OBJECT = frozenset({
    "support", "praise", "endorse", "back", "welcome", "hail", "commend", "applaud", "defend",
    "thank", "recognize", "recognise", "release", "free", "ease", "lift", "fund", "provide",
    "send", "station", "mass", "fine", "charge", "seek", "ask", "sentence", "fault", "ban",
    "freeze", "suspend", "execute", "settle", "deliver", "supply", "aid", "return",
    "coordinate", "partner", "host", "address", "yield", "reinforce", "deploy", "sign",
})

# A verb's object can change what it names: "strike a deal" is an agreement, a "defending
# champion" defends nothing political. None drops the trigger.
OBJECT_OVERRIDES: MappingProxyType[tuple[str, str], tuple[str, str] | None] = MappingProxyType({
    ("strike", "deal"): ("AGREE", ""), ("strike", "agreement"): ("AGREE", ""),
    ("strike", "balance"): None, ("strike", "chord"): None, ("strike", "tone"): None,
    ("defend", "champion"): None, ("defend", "title"): None, ("defend", "crown"): None,
    ("hit", "record"): None, ("hit", "high"): None, ("hit", "low"): None,
    ("back", "team"): None, ("launch", "campaign"): None, ("launch", "website"): None,
})

# Modality cues: lemmas of single words, and phrases matched on whole words.
CANCEL_CUES = (frozenset({"cancel", "scrap", "scuttle", "abandon", "scupper"}),
               ("call off", "called off", "calls off", "calling off"))
POSTPONE_CUES = (frozenset({"postpone", "delay", "reschedule", "defer"}),
                 ("put off", "push back", "pushed back", "pushes back", "moved to"))
DENY_CUES = (frozenset({"deny"}), ())
PLAN_CUES = (frozenset({"upcoming", "forthcoming", "scheduled", "planned", "slated",
                        "prepare", "ahead", "next"}),
             ("set for", "set to", "due to", "expected to", "plan to", "plans to",
              "planning to", "is to", "are to"))
CLAIM_CUES = (frozenset({"reportedly", "allegedly", "purportedly", "unconfirmed"}),
              ("claimed that", "claims that"))
# Modal verbs that make an event a possibility rather than a fact, and "if".
HYPOTHETICAL_MODALS = frozenset({"could", "might", "may", "would"})


# Forms too common in other senses to be worth a parse on their own ("came back").
AMBIGUOUS_FORMS = frozenset({"back", "fine", "fines", "free", "thanks", "mass", "station",
                             "stations", "fund", "funds", "march"})

# Irregular forms of trigger verbs; regular inflections are generated.
_IRREGULAR = MappingProxyType({
    "strike": ("struck", "stricken"), "shoot": ("shot",), "fight": ("fought",),
    "meet": ("met",), "send": ("sent",), "seek": ("sought",), "flee": ("fled",),
    "withdraw": ("withdrew", "withdrawn"), "freeze": ("froze", "frozen"), "hit": ("hit",),
    "speak": ("spoke", "spoken"), "forbid": ("forbade", "forbidden"), "hold": ("held",),
    "lead": ("led",), "give": ("gave", "given"), "take": ("took", "taken"),
})


def _forms(lemma: str) -> set[str]:
    forms = {lemma, lemma + "s", lemma + "es", lemma + "ed", lemma + "d", lemma + "ing"}
    if lemma.endswith("e"):
        forms.add(lemma[:-1] + "ing")
    if lemma.endswith("y"):
        forms |= {lemma[:-1] + "ied", lemma[:-1] + "ies"}
    if re.search(r"[^aeiou][aeiou][bdgmnprt]$", lemma):  # "ban" -> "banned", "banning"
        forms |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}
    forms.update(_IRREGULAR.get(lemma, ()))
    return forms


@functools.cache
def trigger_forms() -> frozenset[str]:
    """Every lower-case word form a trigger can take, for the cheap pass that picks the
    sentences worth parsing (over-generation is harmless there)."""
    verbs = {form for lemma in VERB_TRIGGERS for form in _forms(lemma)}
    nouns = {form for lemma in [*NOUN_TRIGGERS, *COUNTED_WEAPONS]
             for form in (lemma, lemma + "s", lemma + "es")}
    return frozenset(verbs | nouns) - AMBIGUOUS_FORMS


@functools.cache
def event_nouns() -> frozenset[str]:
    """The word forms of the noun triggers ("talks", "strike", "discussion")."""
    return frozenset(form for lemma in NOUN_TRIGGERS for form in (lemma, lemma + "s",
                                                                  lemma + "es"))


@functools.cache
def _cued_forms() -> dict[str, re.Pattern[str]]:
    """Word forms of triggers that need a cue, each with a pattern of its cues: a sentence
    with "fire" but no weapon word is not worth parsing for it."""
    out: dict[str, re.Pattern[str]] = {}
    plain = {form for lemma in [*VERB_TRIGGERS, *NOUN_TRIGGERS, *COUNTED_WEAPONS]
             if lemma not in NEEDS_CUE for form in _forms(lemma)}
    for lemma, cues in NEEDS_CUE.items():
        pattern = re.compile(r"\b(?:" + "|".join(re.escape(c) for c in cues) + ")")
        for form in _forms(lemma) - plain:
            out[form] = pattern
    alone = trigger_forms()
    for verb, particle in PHRASAL_TRIGGERS:  # "call for", "step down": with the particle
        for form in _forms(verb) - alone:
            out.setdefault(form, re.compile(rf"\b{form}\s+{particle}\b"))
    return out


_WORD = re.compile(r"[a-z]+")


def may_hold_event(sentence: str) -> bool:
    """Whether a sentence has a word that can trigger an event; parsing is spent on these."""
    forms, cued = trigger_forms(), _cued_forms()
    lowered = sentence.lower()
    for word in _WORD.findall(lowered):
        if word in cued:
            if cued[word].search(lowered):
                return True
        elif word in forms:
            return True
    return False
