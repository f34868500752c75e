"""One error format for every error the API returns:
``{"error": {"code": "E070", "message": "...", "status": 404}}``."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from dateline.errors import DatelineError

log = logging.getLogger(__name__)

E070_NOT_FOUND = "[E070] {what}; see /openapi.json for the routes and the list endpoints for ids"
E071_INVALID = "[E071] invalid request: {detail}"
E072_INGEST_OFF = (
    "[E072] ingest over HTTP is off; start 'dateline serve' with --token-file FILE or "
    "DATELINE_API_TOKEN set to turn it on"
)
E073_UNAUTHORIZED = (
    "[E073] ingest needs the header 'Authorization: Bearer <token>' with the server's token"
)
E074_TOO_LARGE = (
    "[E074] the request body is over the {limit:,}-byte limit; send fewer articles per request"
)
E075_NO_JOB = "[E075] no ingest job '{job}' (jobs are kept in memory until the server stops)"
E076_METHOD = "[E076] {method} is not allowed on {path}"
E077_INTERNAL = "[E077] internal error; the server log has the details"
E078_HTTP = "[E078] {detail}"


class ApiError(Exception):
    """An error answered in the one format; ``message`` starts with its ``[Ennn]`` code."""

    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = headers


def body(status: int, message: str) -> dict[str, object]:
    """``[E070] text`` -> the error object, code and text apart."""
    code, _, text = message.partition("] ")
    return {"error": {"code": code.lstrip("["), "message": text, "status": status}}


def respond(status: int, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse(body(status, message), status_code=status, headers=headers)


def install(app: FastAPI) -> None:
    """Routes every error (ours, FastAPI's validation, Starlette's 404/405) to one format."""

    async def api_error(_request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, ApiError)
        return respond(exc.status, exc.message, exc.headers)

    async def validation(_request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, RequestValidationError)
        return respond(422, E071_INVALID.format(detail=describe(exc.errors())))

    async def http_error(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, StarletteHTTPException)
        if exc.status_code == 404:
            message = E070_NOT_FOUND.format(what=f"no route {request.url.path}")
        elif exc.status_code == 405:
            message = E076_METHOD.format(method=request.method, path=request.url.path)
        else:
            message = E078_HTTP.format(detail=exc.detail)
        return respond(exc.status_code, message, dict(exc.headers or {}))

    async def dateline_error(_request: Request, exc: Exception) -> JSONResponse:
        return respond(400, E071_INVALID.format(detail=str(exc)))

    async def internal(request: Request, exc: Exception) -> JSONResponse:
        log.error("%s %s failed", request.method, request.url.path, exc_info=exc)
        return respond(500, E077_INTERNAL)

    app.add_exception_handler(ApiError, api_error)
    app.add_exception_handler(RequestValidationError, validation)
    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(DatelineError, dateline_error)
    app.add_exception_handler(Exception, internal)


def describe(problems: object) -> str:
    """FastAPI's validation errors as one sentence: ``query 'limit': ...; body ...``."""
    parts = []
    for problem in problems if isinstance(problems, list | tuple) else []:
        where = [str(p) for p in problem.get("loc", ())]
        place = f"{where[0]} '{'.'.join(where[1:])}'" if len(where) > 1 else ".".join(where)
        parts.append(f"{place}: {problem.get('msg', 'invalid')}".strip(": "))
    return "; ".join(parts) or "the request does not match the API (see /openapi.json)"
