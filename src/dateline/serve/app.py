"""The FastAPI app over one store, and ``run`` for ``dateline serve``."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from dateline import errors as dateline_errors
from dateline.errors import DatelineError
from dateline.serve import errors
from dateline.serve.config import ServeConfig
from dateline.serve.ingest_jobs import JobRunner
from dateline.serve.routes import (
    articles,
    conflicts,
    events,
    ingest,
    page,
    stories,
    timeline,
)
from dateline.store.db import connect

DESCRIPTION = (
    "Dateline's record of events as JSON: stories, events (with their sources and "
    "conflicts), articles, conflicts and the timeline. Every error is "
    '`{"error": {"code", "message", "status"}}`. Ingest (`POST /api/ingest`) is off unless '
    "the server has a token, and then needs `Authorization: Bearer <token>`."
)


def create_app(config: ServeConfig) -> FastAPI:
    """The app; the store is migrated now (created only when ingest is on)."""
    path = config.db_path
    if config.token is None and not path.exists():
        raise DatelineError(dateline_errors.E012_NO_DB.format(path=path))
    connect(path).close()  # migrations (FTS tables included) run here, not per request
    runner = JobRunner(config)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        runner.stop()

    app = FastAPI(title="Dateline", description=DESCRIPTION, version="1",
                  docs_url=None, redoc_url=None, lifespan=lifespan)
    # Swagger's pages load scripts from a CDN; the description stays at /openapi.json.
    app.state.config = config
    app.state.jobs = runner
    errors.install(app)
    for module in (stories, events, articles, conflicts, timeline, page, ingest):
        app.include_router(module.router)
    return app


def run(config: ServeConfig, host: str, port: int) -> None:
    """Serves the app with uvicorn until interrupted."""
    import uvicorn

    uvicorn.run(create_app(config), host=host, port=port, log_level="info")
