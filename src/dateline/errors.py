"""Errors a user can meet, numbered so they can be searched for, each naming the fix."""

from __future__ import annotations


class DatelineError(Exception):
    """Base class; the message is a complete sentence for the user."""


class Skip(DatelineError):
    """An input that is left out of the batch, with the reason why."""

    def __init__(self, origin: str, reason: str) -> None:
        super().__init__(f"{origin}: {reason}")
        self.origin = origin
        self.reason = reason


E001_NOT_FOUND = "[E001] no such file or folder; check the path"
E002_BINARY = "[E002] looks like a binary file (NUL bytes), not text or HTML; skipped"
E003_EMPTY = "[E003] is empty; skipped"
E004_TOO_LARGE = (
    "[E004] is {size:,} bytes, over the {limit:,}-byte limit; split it or raise the limit"
)
E005_ENCODING = (
    "[E005] is not valid UTF-8 (first bad byte at offset {offset}); re-encode it as UTF-8"
)
E006_NOT_JSON = "[E006] is not valid JSON ({detail}); fix or remove the line"
E007_NO_TEXT = "[E007] has no 'text' or 'html' field with content; each line needs one"
E008_BAD_HTML = "[E008] has no readable main text in its HTML; skipped"
E009_UNSUPPORTED = (
    "[E009] has an unsupported extension; use .txt, .html, .htm, .jsonl (or these gzipped, "
    ".gz), .rss, .atom or .xml"
)
E010_BAD_DATE = "[E010] '{value}' is not a date; use YYYY-MM-DD"
E011_NOT_OBJECT = "[E011] is JSON but not an object; each line must be one JSON object"
E012_NO_DB = "[E012] no store at {path}; run 'dateline ingest PATH --db {path}' first"
E013_NOT_FOUND_ID = (
    "[E013] no article or event with id '{id}'; see 'dateline events' or 'dateline articles'"
)
E014_TOO_SHORT = "[E014] has too little text to be an article ({words} words); skipped"
E015_SCHEMA_NEWER = (
    "[E015] the store {path} has schema version {found}, newer than this Dateline ({known}); "
    "upgrade Dateline"
)
E019_NO_STORY = "[E019] no story with id '{id}'; see 'dateline stories'"
# Timeline summarisation (present/tls.py) and its benchmark (benchmarks/tls.py).
E050_TLS_SIZE = (
    "[E050] a timeline needs l >= 1 days and k >= 1 sentences per day; got l={l}, k={k}"
)
E051_NO_TOPICS = (
    "[E051] {path} holds no topic in the Timeline17 layout "
    "(<Topic_source>/InputDocs/<YYYY-MM-DD>/*.txt and <Topic_source>/timelines/*.txt); "
    "check --data"
)
E052_BAD_GOLD_DATE = (
    "[E052] {path} line {line}: '{value}' is not a date (YYYY-MM-DD); that entry is left "
    "out of the gold timeline"
)
E053_NO_TILSE = (
    "[E053] scoring needs tilse (and nltk, scipy); install the dev extras: "
    "pip install -e '.[dev]'"
)
E054_BAD_INPUT_FOLDER = (
    "[E054] {path}: the folder name is not a publication date (YYYY-MM-DD); its articles "
    "are skipped"
)
