"""The server's settings: where the store is, the ingest token and the request limits."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from dateline.errors import DatelineError
from dateline.settings import Settings

TOKEN_ENV = "DATELINE_API_TOKEN"
# A bearer token shorter than this is guessable; `python -c "import secrets;
# print(secrets.token_urlsafe(32))"` makes a good one.
MIN_TOKEN_CHARS = 16

E079_BAD_TOKEN = (
    "[E079] the API token {where} is {size} characters; use at least {least} "
    "(e.g. python -c \"import secrets; print(secrets.token_urlsafe(32))\")"
)


@dataclass(frozen=True)
class ServeConfig:
    """Everything the app needs; defaults are what ``dateline serve`` uses."""

    settings: Settings = field(default_factory=Settings)
    # Ingest over HTTP is off unless a token is set (--token-file or DATELINE_API_TOKEN).
    token: str | None = None
    # One request body at most: 5 MB holds a batch of a few hundred articles of text.
    max_request_bytes: int = 5 * 1024 * 1024
    # Articles in one ingest request; larger sets go in several requests.
    max_batch: int = 1000
    # Page sizes: the default, and the cap that keeps one response small.
    page_size: int = 50
    max_page_size: int = 500
    # Finished jobs remembered for GET /api/ingest/{job} (the oldest are forgotten).
    jobs_kept: int = 200

    @property
    def db_path(self) -> Path:
        return self.settings.db_path


def load_token(token_file: Path | None) -> str | None:
    """The token from ``token_file`` if given, else from the environment, else None."""
    if token_file is not None:
        token, where = token_file.read_text(encoding="utf-8").strip(), f"in {token_file}"
    else:
        token, where = os.environ.get(TOKEN_ENV, "").strip(), f"in ${TOKEN_ENV}"
        if not token:
            return None
    if len(token) < MIN_TOKEN_CHARS:
        raise DatelineError(E079_BAD_TOKEN.format(where=where, size=len(token),
                                                  least=MIN_TOKEN_CHARS))
    return token
