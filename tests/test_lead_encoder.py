"""The story-lead encoder: its variants, and that a lead's vector does not depend on the
leads encoded with it (what makes re-ingesting an article in another batch harmless)."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from dateline.errors import DatelineError
from dateline.link import lead_encoder as stories
from dateline.link.lead_encoder import LEAD_DIM, encode_leads

# Leads of very different lengths, so that a batch pads the short ones a lot.
LEADS = [
    "Ferry sinks off the Kessel coast.",
    "Rescuers pulled 41 passengers from the water after the ferry Morning Star capsized "
    "near Kessel on Sunday, the coast guard said, and divers searched the hull overnight "
    "for the nine people still missing. The operator said the ship had passed its safety "
    "inspection in March. Storm warnings had been issued for the strait two days before.",
    "Parliament passes the water bill. Lawmakers in Orsenna approved a law that caps the "
    "price of tap water for five years.",
    "Striking dock workers return to work",
]


def _cosines(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return np.asarray(np.sum(a.astype(np.float64) * b.astype(np.float64), axis=1))


def test_the_product_encoder_gives_unit_vectors() -> None:
    vectors = encode_leads(LEADS)
    assert vectors.shape == (len(LEADS), LEAD_DIM)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


def test_an_fp32_lead_is_the_same_alone_and_in_any_batch() -> None:
    together = encode_leads(LEADS, "fp32")
    alone = np.concatenate([encode_leads([lead], "fp32") for lead in LEADS])
    reversed_ = encode_leads(LEADS[::-1], "fp32")[::-1]
    # canonical.py compares stored leads to 4 decimals; stay well inside that
    assert np.abs(together - alone).max() < 1e-5
    assert np.abs(together - reversed_).max() < 1e-5


def test_int8_mixed_keeps_the_outlier_layers_in_fp32() -> None:
    model = stories._encoder("int8-mixed", stories.LEAD_MAX_TOKENS)
    kinds = {name: type(layer).__module__ for name, layer in model.named_modules()
             if "dense" in name or name.endswith(("query", "key", "value"))}
    kept = [n for n, kind in kinds.items() if stories.LEAD_KEPT_FP32.search(n)]
    assert len(kept) == 6  # one per transformer block
    assert all(kinds[n] == torch.nn.Linear.__module__ for n in kept)
    quantized = [n for n in kinds if n not in kept]
    assert quantized and all("quantized" in kinds[n] for n in quantized)


def test_int8_variants_stay_close_to_fp32_and_mixed_closer() -> None:
    fp32 = encode_leads(LEADS, "fp32")
    int8 = _cosines(encode_leads(LEADS, "int8"), fp32)
    mixed = _cosines(encode_leads(LEADS, "int8-mixed"), fp32)
    assert int8.min() > 0.8
    assert mixed.min() > 0.95
    assert mixed.mean() > int8.mean()


def test_a_shorter_limit_changes_only_long_leads() -> None:
    full = encode_leads(LEADS, "fp32", 256)
    short = encode_leads(LEADS, "fp32", 16)
    cos = _cosines(full, short)
    assert cos[0] > 0.9999 and cos[3] > 0.9999  # under 16 word pieces: untouched
    assert cos[1] < 0.99  # cut after 16 of its ~70 word pieces


def test_an_unknown_precision_is_refused() -> None:
    with pytest.raises(DatelineError, match=r"\[E135\].*'fp16'"):
        encode_leads(LEADS, "fp16")
