"""Exact and near-duplicate articles: content hashes and MinHash LSH (datasketch)."""

from __future__ import annotations

import hashlib
import re
from typing import Any

import numpy as np

from dateline.settings import Settings

# Signatures are stored, so the hashing scheme is pinned: a store written by one datasketch
# release stays comparable with signatures computed by a later one.
MINHASH_SCHEME = "affine32"  # 32-bit values: half the bytes of the 64-bit scheme
_WORD = re.compile(r"\w+", re.UNICODE)


def normalise(text: str) -> str:
    """Case- and whitespace-insensitive form of a text, for hashing."""
    return " ".join(_WORD.findall(text.lower()))


def content_hash(text: str) -> str:
    """The article's identity: two texts that differ only in case, spacing or punctuation
    share it."""
    return hashlib.sha256(normalise(text).encode("utf-8")).hexdigest()


def shingles(text: str, size: int) -> set[bytes]:
    words = _WORD.findall(text.lower())
    if len(words) < size:
        return {" ".join(words).encode("utf-8")} if words else set()
    return {" ".join(words[i : i + size]).encode("utf-8") for i in range(len(words) - size + 1)}


class NearDuplicateIndex:
    """Finds an earlier article whose word shingles overlap a new one's by the threshold."""

    def __init__(self, settings: Settings) -> None:
        from datasketch import MinHashLSH

        self._settings = settings
        self._lsh = MinHashLSH(
            threshold=settings.near_duplicate_threshold, num_perm=settings.minhash_perm
        )
        self._sigs: dict[str, Any] = {}
        # Every MinHash draws the same permutations from its seed; drawing them costs more
        # than hashing a short article, so the first one's are handed to the rest.
        self._permutations: Any = None

    def signature(self, text: str) -> bytes:
        """The MinHash signature of a text, as bytes for the store."""
        mh = self._minhash_of(text)
        return bytes(np.asarray(mh.hashvalues, dtype=np.uint32).tobytes())

    def add(self, article_id: str, signature: bytes) -> None:
        if article_id in self._sigs:
            return
        mh = self._from_bytes(signature)
        self._sigs[article_id] = mh
        self._lsh.insert(article_id, mh)

    def find(self, signature: bytes) -> tuple[str, float] | None:
        """The most similar indexed article at or above the threshold, with its estimate."""
        mh = self._from_bytes(signature)
        best: tuple[str, float] | None = None
        for key in self._lsh.query(mh):
            score = float(mh.jaccard(self._sigs[key]))
            if score >= self._settings.near_duplicate_threshold and (
                best is None or score > best[1] or (score == best[1] and key < best[0])
            ):
                best = (key, score)
        return best

    def _minhash_of(self, text: str) -> Any:
        mh = self._minhash(None)
        mh.update_batch(sorted(shingles(text, self._settings.shingle_size)))
        return mh

    def _from_bytes(self, signature: bytes) -> Any:
        return self._minhash(np.frombuffer(signature, dtype=np.uint32))

    def _minhash(self, values: Any) -> Any:
        from datasketch import MinHash

        mh = MinHash(num_perm=self._settings.minhash_perm, hashvalues=values,
                     permutations=self._permutations, scheme=MINHASH_SCHEME)
        self._permutations = mh.permutations
        return mh
