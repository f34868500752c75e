"""Statements: who said what, about what, read off a parsed sentence.

A statement is a speech verb ("said", "stated", "remarked", "told", "warned", ...) with a
speaker as its subject and something said: words in quotation marks, else the reported
clause ("Rutte said [attacks signal no seriousness about peace]"). Verbs that are events
of their own in PLOVER ("condemned", "urged", "rejected") keep their type and gain the
speaker and quote; the others become mentions of Dateline's own type ``STATEMENT``.
"""

from __future__ import annotations

import re
from typing import Any

from dateline.analyze import lexicon, light, nlp, roles
from dateline.analyze.temporal import Tense, tense_of

STATEMENT = "STATEMENT"
SPEECH_LEMMAS = frozenset({
    "say", "state", "remark", "note", "stress", "tell", "add", "announce", "declare",
    "claim", "insist", "argue", "emphasize", "emphasise", "write", "post", "label", "call",
    "describe", "assert", "acknowledge", "admit", "suggest", "explain", "predict", "vow",
    "warn", "promise", "pledge", "tweet", "comment", "reiterate", "underline", "observe",
})
# Pronoun subjects are resolved to the last person the article named.
PRONOUNS = frozenset({"he", "she"})
_QUOTES = re.compile(r"[“\"]([^”\"]{3,})[”\"]|``(.{3,}?)''|‘([^’]{12,})’")
_SPEECH_FORMS = (r"(?:said|says|stated|states|remarked|noted|stressed|told|tells|added|"
                 r"announced|declared|claimed|insisted|argued|emphasi[sz]ed|wrote|posted|"
                 r"warned|vowed|tweeted)\b")
SPEECH_WORDS = re.compile(r"\b" + _SPEECH_FORMS, re.IGNORECASE)


PRONOUN_SPEECH = re.compile(r"\b(?:[Hh]e|[Ss]he)\s+(?:\w+ly\s+)?" + _SPEECH_FORMS)


def may_hold_statement(sentence: str) -> bool:
    """A speech verb and a quotation: worth parsing for a statement even with no trigger."""
    return bool(SPEECH_WORDS.search(sentence)) and bool(_QUOTES.search(sentence))


def quoted(text: str) -> str:
    """The words in quotation marks, joined when there are several pieces."""
    pieces = [next(g for g in m.groups() if g) for m in _QUOTES.finditer(text)]
    return " … ".join(p.strip() for p in pieces)


def is_about_affairs(sent: Any, words: str) -> bool:
    """Whether a statement is about public affairs, as a record of a situation needs: what
    was said names an event (a trigger word) or a name, or the sentence names a country or a
    people. Athletes' and bystanders' remarks ("I just tried to keep my skis flat") are
    left out."""
    if lexicon.may_hold_event(words) or any(e.label_ in ("GPE", "NORP") for e in sent.ents):
        return True
    start = sent.text.find(words)
    if start < 0:
        return False
    return any(t.pos_ == "PROPN" and start <= t.idx - sent.start_char < start + len(words)
               for t in sent)


def is_report(verb: Any, trigger: Any, words: str) -> bool:
    """Whether the speech verb only attributes a past event told in its words ("a drone
    attack injured three, the governor said"), rather than stating a position ("attacks
    signal no seriousness about peace")."""
    if trigger.i == verb.i or not _covers(verb, trigger):
        return False
    return tense_of(light.rough_tags(words)) is Tense.PAST


def _covers(verb: Any, token: Any) -> bool:
    """Whether a token is in what the verb reports (its clausal complement, or the clause
    it is attached to as "..., X said")."""
    for child in verb.children:
        if child.dep_ in ("ccomp", "xcomp") and child.left_edge.i <= token.i <= child.right_edge.i:
            return True
    return bool(verb.dep_ == "parataxis" and token.i < verb.i)


def inside_quote(token: Any) -> bool:
    """Whether a token stands inside quotation marks in its sentence: events told only in
    someone's quoted words are that side's claims."""
    sent = token.sent
    local = token.idx - sent.start_char
    return any(m.start() < local < m.end() for m in _QUOTES.finditer(sent.text))


def speech_verbs(sent: Any) -> list[Any]:
    return [t for t in sent
            if t.pos_ in ("VERB", "AUX") and nlp.lemma(t).lower() in SPEECH_LEMMAS]


def speaker_of(verb: Any, last_person: str | None) -> str | None:
    """The speaker: the verb's subject as a name, a pronoun as the last person named."""
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not subjects and verb.dep_ in ("advcl", "conj", "xcomp"):  # "..., labeling it"
        subjects = [c for c in verb.head.children if c.dep_ == "nsubj"]
    for subject in subjects:
        if subject.lower_ in PRONOUNS:
            return last_person
        names = roles.names([subject])
        if names:
            return names[0]
        if subject.pos_ == "PROPN":  # a name the entity recogniser missed
            return _name(subject)
        if subject.pos_ == "NOUN":  # "the president told reporters": keep the title
            return " ".join(t.text for t in subject.subtree if t.dep_ != "det")
    return None


def said(verb: Any) -> str:
    """What was said: the quotation in the sentence, else the reported clause."""
    text = quoted(verb.sent.text)
    if text:
        return text
    for child in verb.children:
        if child.dep_ in ("ccomp", "xcomp") and child.pos_ in ("VERB", "AUX"):
            tokens = [t for t in child.subtree if not (t.dep_ == "mark" and t.head == child)]
            return str(verb.doc[tokens[0].i : tokens[-1].i + 1].text).strip(" ,.")
    return ""


def topic_of(verb: Any) -> str:
    """What a statement is about: the first name or noun phrase of what was said, or of
    an "about"/"on" phrase ("spoke about the ceasefire")."""
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ in ("about", "on", "regarding"):
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    return _phrase(pobj)
    scope = [c for c in verb.children if c.dep_ in ("ccomp", "dobj", "xcomp")]
    for head in scope:
        for token in head.subtree:
            if token.dep_ in ("nsubj", "dobj", "pobj", "attr") and token.pos_ in (
                    "NOUN", "PROPN") and token.i != verb.i:
                return _phrase(token)
    return ""


def _phrase(token: Any) -> str:
    left = [t for t in token.lefts if t.dep_ in ("amod", "compound", "poss")]
    return " ".join(str(t.text) for t in [*left, token])


def last_person(doc: Any) -> str | None:
    """The last person a parsed sentence names: a PERSON entity, or a proper-noun subject
    the entity recogniser missed ("Ana Ruiz arrived")."""
    found = [(e.start, e.text) for e in doc.ents if e.label_ == "PERSON"]
    found += [(t.i, _name(t)) for t in doc if t.dep_ == "nsubj" and t.pos_ == "PROPN"
              and not t.ent_type_]
    return max(found)[1] if found else None


def _name(token: Any) -> str:
    return " ".join(t.text for t in token.subtree if t.dep_ in ("compound", "flat")
                    or t.i == token.i)
