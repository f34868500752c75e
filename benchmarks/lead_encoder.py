"""The story-lead encoder: CPU cost per lead and agreement with fp32 of its cheaper variants.

Usage: python benchmarks/lead_encoder.py [--data DIR] [--limit 300] [--repeats 3]
                                         [--candidates P:N[:B],...]
                                         [--json OUT]

The leads are those of an even sample of the T17 dev articles (``scale.py``'s
``t17_files``), read and cleaned by the ingest (``read_documents``, ``prepare``), each the
headline and the first ``LEAD_SENTENCES`` sentences of ``light.article_sentences``: what
:func:`dateline.link.stories.lead_text` makes of the analysis, without running it. Each
candidate (precision:max word pieces[:batch]) encodes them with one torch thread, as the
ingest does (``pipeline.TORCH_THREADS``), called with ``pipeline.FLUSH_EVERY`` leads at a
time in input order, as the ingest calls it, which encodes them ``batch`` at a time
(default ``LEAD_BATCH``). The first candidate, fp32:256:32, is the encoder before
``LEAD_BATCH`` and the reference. Printed: CPU and wall ms per lead (best of
``--repeats``; the machine is shared, so read the CPU figure), the cosine of each lead's
vector with the reference's (min, 1st percentile, median), and how far a lead's vector
moves when it is encoded alone instead of in its batch (min cosine): int8 quantizes
activations with one scale per batch, so this is what re-ingesting an article in another
batch changes.
Also printed: the word-piece lengths of the leads and how many reach each limit.
ECB+ quality of a candidate: ``benchmarks/stories.py --lead int8:128``.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from dateline import pipeline
from dateline.analyze.light import article_sentences
from dateline.errors import Skip
from dateline.ingest.prepare import prepare
from dateline.ingest.sources import read_documents
from dateline.link import lead_encoder, stories
from dateline.settings import Settings

sys.path.insert(0, str(Path(__file__).resolve().parent))
from scale import SHARED, t17_files

CANDIDATES = "fp32:256:32,fp32:256,int8:256,int8-mixed:256,fp32:128,int8:128,int8-mixed:128"
Matrix = npt.NDArray[np.float32]


def candidate(spec: str) -> tuple[str, int, int]:
    """``"int8:128"`` -> ("int8", 128, LEAD_BATCH); ``"fp32:256:32"`` -> ("fp32", 256, 32)."""
    precision, tokens, batch = [*spec.split(":"), "", ""][:3]
    return (precision, int(tokens or lead_encoder.LEAD_MAX_TOKENS),
            int(batch or lead_encoder.LEAD_BATCH))


def leads(paths: Sequence[Path]) -> list[str]:
    """The lead of each article, as ``stories.lead_text`` builds it from the analysis."""
    found = []
    settings = Settings()
    for path in paths:
        for doc in read_documents(path, settings):
            if isinstance(doc, Skip):
                continue
            try:
                article = prepare(doc, settings)
            except Skip:
                continue
            lead = [s for _, s in article_sentences(article.text)[:stories.LEAD_SENTENCES]]
            if article.title and not article.text.startswith(article.title):
                lead.insert(0, article.title)
            found.append(" ".join(lead) or article.text[:500])
    return found


def encode(texts: Sequence[str], spec: str) -> Matrix:
    """The leads encoded as the ingest does, one batch of FLUSH_EVERY articles at a time."""
    step = pipeline.FLUSH_EVERY
    parts = [lead_encoder.encode_leads(texts[i:i + step], *candidate(spec))
             for i in range(0, len(texts), step)]
    return np.concatenate(parts)


def timed(texts: Sequence[str], spec: str, repeats: int) -> tuple[Matrix, float, float]:
    """Vectors, CPU ms and wall ms per lead (best of ``repeats``)."""
    lead_encoder.encode_leads(texts[:8], *candidate(spec))  # load and warm up
    cpu, wall, vectors = [], [], None
    for _ in range(repeats):
        c, w = time.process_time(), time.perf_counter()
        vectors = encode(texts, spec)
        cpu.append(time.process_time() - c)
        wall.append(time.perf_counter() - w)
    assert vectors is not None
    per = 1000 / len(texts)
    return vectors, min(cpu) * per, min(wall) * per


def token_lengths(texts: Sequence[str]) -> list[int]:
    tokenizer = lead_encoder._encoder("fp32", lead_encoder.LEAD_MAX_TOKENS).tokenizer
    return [len(ids) for ids in tokenizer(list(texts), truncation=False)["input_ids"]]


def cosines(a: Matrix, b: Matrix) -> dict[str, float]:
    """Row-wise cosine of two sets of unit vectors: min, 1st percentile, median."""
    cos = np.sum(a.astype(np.float64) * b.astype(np.float64), axis=1)
    return {"min": float(cos.min()), "p1": float(np.percentile(cos, 1)),
            "median": float(np.median(cos))}


def alone(texts: Sequence[str], spec: str, batched: Matrix, sample: int) -> float:
    """Min cosine between a lead encoded alone and in its batch (the first ``sample``)."""
    single = np.concatenate([lead_encoder.encode_leads([t], *candidate(spec))
                             for t in texts[:sample]])
    return cosines(single, batched[:sample])["min"]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=SHARED / "t17-dev")
    parser.add_argument("--limit", type=int, default=300)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--candidates", default=CANDIDATES)
    parser.add_argument("--alone", type=int, default=64, metavar="N",
                        help="leads encoded alone too, to see how much the batch matters")
    parser.add_argument("--json", type=Path, default=None, metavar="OUT")
    args = parser.parse_args(argv)
    import torch

    torch.set_num_threads(pipeline.TORCH_THREADS)
    texts = leads(t17_files(args.data, args.limit))
    lengths = token_lengths(texts)
    report: dict[str, Any] = {"leads": len(texts), "word_pieces": {
        "median": statistics.median(lengths), "p90": float(np.percentile(lengths, 90)),
        "max": max(lengths), "over_128": sum(n > 128 for n in lengths),
        "over_256": sum(n > 256 for n in lengths)}, "candidates": {}}
    print(f"{len(texts)} leads; word pieces (with [CLS]/[SEP]): {report['word_pieces']}")
    specs = args.candidates.split(",")
    reference = None
    for spec in specs:
        vectors, cpu_ms, wall_ms = timed(texts, spec, args.repeats)
        if reference is None:
            reference = vectors  # the first candidate is the reference (fp32:256:32)
        row = {"cpu_ms": cpu_ms, "wall_ms": wall_ms, "cosine": cosines(vectors, reference),
               "alone_min_cosine": alone(texts, spec, vectors, args.alone)}
        report["candidates"][spec] = row
        cos = row["cosine"]
        print(f"{spec:<9} CPU {cpu_ms:5.1f} ms/lead  wall {wall_ms:5.1f} ms/lead  cosine with "
              f"{specs[0]}: min {cos['min']:.4f} p1 {cos['p1']:.4f} median "
              f"{cos['median']:.4f}  alone vs batched: min {row['alone_min_cosine']:.6f}")
    if args.json:
        args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
