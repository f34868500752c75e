"""Event triggers: lemmas that name an event, with their PLOVER root type and mode.

The first version of the lexicon, written from the PLOVER codebook's definitions (not from
any one article): a trigger counts when its lemma is listed for the part of speech it has
in the sentence. Modes are refined from the sentence's words (see ``ASSAULT_MODES``).
"""

from __future__ import annotations

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
        # CONSULT: meetings, talks, visits, calls
        "meet": ("CONSULT", ""), "negotiate": ("CONSULT", ""), "host": ("CONSULT", "third-party"),
        "visit": ("CONSULT", "visit"), "convene": ("CONSULT", ""), "confer": ("CONSULT", ""),
        "broker": ("CONSULT", "third-party"), "mediate": ("CONSULT", "third-party"),
        "address": ("CONSULT", "speech"),
        # AGREE
        "agree": ("AGREE", ""), "sign": ("AGREE", ""), "ratify": ("AGREE", ""),
        # ACCUSE
        "accuse": ("ACCUSE", ""), "blame": ("ACCUSE", ""), "condemn": ("ACCUSE", ""),
        "denounce": ("ACCUSE", ""), "criticize": ("ACCUSE", ""), "criticise": ("ACCUSE", ""),
        "allege": ("ACCUSE", ""),
        # REJECT
        "reject": ("REJECT", ""), "refuse": ("REJECT", ""), "dismiss": ("REJECT", ""),
        "veto": ("REJECT", ""), "rebuff": ("REJECT", ""),
        # REQUEST
        "urge": ("REQUEST", ""), "demand": ("REQUEST", ""), "request": ("REQUEST", ""),
        "appeal": ("REQUEST", ""),
        # THREATEN
        "threaten": ("THREATEN", ""), "warn": ("THREATEN", ""),
        # AID
        "donate": ("AID", ""), "supply": ("AID", ""), "deliver": ("AID", ""),
        # SANCTION
        "sanction": ("SANCTION", ""), "embargo": ("SANCTION", ""), "expel": ("SANCTION", ""),
        "ban": ("SANCTION", ""),
    }
)

NOUN_TRIGGERS = MappingProxyType(
    {
        "attack": ("ASSAULT", ""), "strike": ("ASSAULT", ""), "airstrike": ("ASSAULT", "aerial"),
        "bombing": ("ASSAULT", "aerial"), "shelling": ("ASSAULT", "artillery"),
        "raid": ("ASSAULT", ""), "assault": ("ASSAULT", ""), "offensive": ("ASSAULT", "ground"),
        "incursion": ("ASSAULT", "ground"), "invasion": ("ASSAULT", "ground"),
        "bombardment": ("ASSAULT", "artillery"), "explosion": ("ASSAULT", ""),
        "talk": ("CONSULT", ""), "talks": ("CONSULT", ""), "meeting": ("CONSULT", ""),
        "negotiation": ("CONSULT", ""), "summit": ("CONSULT", ""), "round": ("CONSULT", ""),
        "discussion": ("CONSULT", ""), "visit": ("CONSULT", "visit"),
        "conference": ("CONSULT", ""), "speech": ("CONSULT", "speech"),
        "agreement": ("AGREE", ""), "deal": ("AGREE", ""), "accord": ("AGREE", ""),
        "ceasefire": ("AGREE", "ceasefire"), "truce": ("AGREE", "ceasefire"),
        "accusation": ("ACCUSE", ""), "condemnation": ("ACCUSE", ""),
        "rejection": ("REJECT", ""), "refusal": ("REJECT", ""),
        "request": ("REQUEST", ""), "appeal": ("REQUEST", ""), "demand": ("REQUEST", ""),
        "threat": ("THREATEN", ""), "ultimatum": ("THREATEN", ""), "warning": ("THREATEN", ""),
        "aid": ("AID", ""), "assistance": ("AID", ""),
        "sanction": ("SANCTION", ""), "sanctions": ("SANCTION", ""), "embargo": ("SANCTION", ""),
    }
)

# Phrasal forms that change the type of a verb: "call for" is a request, "call off" cancels.
PHRASAL_TRIGGERS = MappingProxyType(
    {("call", "for"): ("REQUEST", ""), ("call", "on"): ("REQUEST", "")}
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
        "conference": ("security", "peace", "press"),
        "fire": ("missile", "rocket", "drone", "shell", "artillery", "gun", "shot"),
        "launch": ("missile", "rocket", "drone", "attack", "strike", "offensive"),
        "hit": ("missile", "rocket", "drone", "shell", "strike", "bomb", "attack"),
        "target": ("missile", "rocket", "drone", "shell", "strike", "bomb", "attack"),
        "down": ("drone", "missile", "plane", "jet", "helicopter"),
        "deliver": ("aid", "weapon", "arms", "supplies", "humanitarian", "ammunition"),
        "supply": ("aid", "weapon", "arms", "humanitarian", "ammunition", "missile"),
        "explosion": ("drone", "missile", "bomb", "blast", "attack"),
        "warning": ("threat", "retaliat", "nuclear", "attack"),
    }
)

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
