"""POST /api/ingest (with the server's token) and GET /api/ingest/{job}: background ingest."""

from __future__ import annotations

import hmac
import json
from typing import Annotated

from fastapi import APIRouter, Header, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from dateline.model import RawDocument
from dateline.serve.errors import (
    E071_INVALID,
    E072_INGEST_OFF,
    E073_UNAUTHORIZED,
    E074_TOO_LARGE,
    E075_NO_JOB,
    ApiError,
    describe,
)
from dateline.serve.ingest_jobs import JobRunner
from dateline.serve.store import config_of

router = APIRouter(tags=["ingest"])


class ArticleIn(BaseModel):
    """One article, as a line of a .jsonl input: ``text`` or ``html`` is required."""

    model_config = ConfigDict(extra="ignore")
    text: str | None = None
    html: str | None = None
    id: str | None = Field(None, max_length=200)
    url: str | None = Field(None, max_length=2000)
    title: str | None = Field(None, max_length=1000)
    outlet: str | None = Field(None, max_length=200)
    published: str | None = Field(None, max_length=40)

    @model_validator(mode="after")
    def _has_body(self) -> ArticleIn:
        if not any(v and v.strip() for v in (self.text, self.html)):
            raise ValueError("each article needs a non-empty 'text' or 'html'")
        return self


class Batch(BaseModel):
    model_config = ConfigDict(extra="forbid")
    articles: list[ArticleIn] = Field(min_length=1)


@router.post("/api/ingest", status_code=202)
async def ingest(request: Request,
                 authorization: Annotated[str | None, Header()] = None) -> JSONResponse:
    """Queue one article ``{"text" or "html", "id"?, "url"?, "title"?, "outlet"?,
    "published"?}`` or a batch ``{"articles": [...]}``; answers 202 with the job's id.
    Off (403) unless the server has a token; needs ``Authorization: Bearer <token>``."""
    config = config_of(request)
    if config.token is None:
        raise ApiError(403, E072_INGEST_OFF)
    scheme, _, given = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(
            given.strip().encode("utf-8"), config.token.encode("utf-8")):
        raise ApiError(401, E073_UNAUTHORIZED, {"WWW-Authenticate": "Bearer"})
    articles = _parse(await _read(request, config.max_request_bytes))
    if len(articles) > config.max_batch:
        raise ApiError(422, E071_INVALID.format(
            detail=f"{len(articles)} articles in one request; send at most {config.max_batch}"))
    job = _runner(request).submit([_document(n, a) for n, a in enumerate(articles, start=1)])
    where = f"/api/ingest/{job.id}"
    return JSONResponse({**job.to_json(), "url": where}, status_code=202,
                        headers={"Location": where})


@router.get("/api/ingest/{job_id}")
def job(request: Request, job_id: str) -> dict[str, object]:
    """A job's progress: state (queued, running, done, failed), articles done of total,
    new articles, duplicates, unchanged (already stored), skipped ones with the reason."""
    found = _runner(request).get(job_id)
    if found is None:
        raise ApiError(404, E075_NO_JOB.format(job=job_id))
    return found


def _runner(request: Request) -> JobRunner:
    runner = request.app.state.jobs
    assert isinstance(runner, JobRunner)
    return runner


async def _read(request: Request, limit: int) -> bytes:
    """The body, refused as soon as it is known to pass ``limit`` (header or stream)."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise ApiError(413, E074_TOO_LARGE.format(limit=limit))
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise ApiError(413, E074_TOO_LARGE.format(limit=limit))
        chunks.append(chunk)
    return b"".join(chunks)


def _parse(raw: bytes) -> list[ArticleIn]:
    try:
        data = json.loads(raw)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ApiError(422, E071_INVALID.format(
            detail=f"the body is not JSON ({exc}); send one article object or "
                   '{"articles": [...]}')) from None
    try:
        if isinstance(data, dict) and "articles" in data:
            return Batch.model_validate(data).articles
        return [ArticleIn.model_validate(data)]
    except ValidationError as exc:
        errors = [{**e, "loc": ("body", *e["loc"])} for e in exc.errors()]
        raise ApiError(422, E071_INVALID.format(detail=describe(errors))) from None


def _document(number: int, article: ArticleIn) -> RawDocument:
    text = article.text if article.text and article.text.strip() else None
    origin = f"item {number}" + (f" ({article.id})" if article.id else "")
    return RawDocument(origin=origin, text=text, html=None if text else article.html,
                       id=_clean(article.id), url=_clean(article.url),
                       title=_clean(article.title), outlet=_clean(article.outlet),
                       published=_clean(article.published))


def _clean(value: str | None) -> str | None:
    """As a .jsonl field: stripped, and blank is absent."""
    return value.strip() or None if value is not None else None
