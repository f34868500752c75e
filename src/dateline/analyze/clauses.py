"""Clauses of a parsed sentence: the words that belong with a trigger or a time expression.

A sentence such as "The strikes came days before negotiators are due to meet in Geneva on
20 February" holds two clauses with two tenses; the strike's clause is "The strikes came
days before", and the date and the future belong to the other one.
"""

from __future__ import annotations

import itertools
from typing import Any

# Dependents that open a clause of their own (when they are verbs).
# ("acl", a reduced relative like "a bus carrying miners near Dnipro", stays in: it
# describes a participant of the clause's event.)
SUBORDINATE_DEPS = frozenset({"ccomp", "advcl", "relcl", "parataxis"})
# These open a clause only when a verb heads them ("attacked and burned" vs "Kyiv and Odesa").
VERBAL_DEPS = frozenset({"conj", "xcomp", "pcomp"})
VERB_POS = frozenset({"VERB", "AUX"})
FUTURE_MODALS = frozenset({"will", "shall", "'ll", "’ll"})
FUTURE_LEADS = frozenset({"due", "set", "expected", "scheduled", "slated", "going"})


def governing_verb(token: Any) -> Any:
    """The nearest verb at or above a token, or the sentence root."""
    current = token
    while current.pos_ not in VERB_POS and current.head.i != current.i:
        current = current.head
    return current


def clause_tokens(token: Any) -> list[Any]:
    """The tokens of the clause a token belongs to, in sentence order.

    Subordinate verb clauses are left out unless they hold the token; the token's own
    subtree is always in (a noun trigger's modifiers, "scheduled for 20 February", are
    about it).
    """
    verb = governing_verb(token)
    while verb.dep_ == "xcomp":  # "are due to meet": the plan is in the head's words
        verb = governing_verb(verb.head)
    # a verb's subtree holds its subordinate clauses too; the walk below sorts those out
    keep: dict[int, Any] = {} if token.pos_ in VERB_POS else {t.i: t for t in token.subtree}
    stack = [verb]
    while stack:
        current = stack.pop()
        keep[current.i] = current
        for child in current.children:
            opens_clause = child.dep_ in SUBORDINATE_DEPS or (
                child.dep_ in VERBAL_DEPS and child.pos_ in VERB_POS)
            if opens_clause and not (child.left_edge.i <= token.i <= child.right_edge.i):
                continue
            stack.append(child)
    return [keep[i] for i in sorted(keep)]


def token_at(sent: Any, char: int) -> Any | None:
    """The token of a sentence that covers a character offset of the document."""
    for token in sent:
        if token.idx <= char < token.idx + max(len(token), 1):
            return token
    return None


def has_future_verb(clause: list[Any]) -> bool:
    """A verb form that puts the clause itself in the future ("will take place", "is due to
    meet"), as opposed to a plan adjective on one of its nouns ("before scheduled talks")."""
    words = [t.lower_ for t in clause]
    if any(t.tag_ == "MD" and t.lower_ in FUTURE_MODALS for t in clause):
        return True
    return any(a in FUTURE_LEADS and b == "to" for a, b in itertools.pairwise(words))
