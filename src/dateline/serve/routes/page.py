"""The web page at / (timeline, filters, sources, map), its assets, and its JSON twin
/api/page: the data the page shows first."""

from __future__ import annotations

import hashlib
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from dateline.serve import page
from dateline.serve.errors import E070_NOT_FOUND, ApiError
from dateline.serve.store import Reader

router = APIRouter(tags=["page"])
SECURITY_HEADERS = {"X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer"}


@router.get("/", response_class=HTMLResponse, include_in_schema=False)
def index() -> HTMLResponse:
    """The interactive page; it reads /api/page, /api/events/{id} and /api/articles/{id}."""
    return HTMLResponse(page.asset("index.html"), headers={
        "Content-Security-Policy": page.SERVED_POLICY,
        "Link": '</api/page>; rel="alternate"; type="application/json"', **SECURITY_HEADERS})


@router.get("/static/{name}", include_in_schema=False)
def static(name: str, request: Request) -> Response:
    """The page's script and style, revalidated by their hash so an upgrade shows at once."""
    if name not in page.ASSETS:
        raise ApiError(404, E070_NOT_FOUND.format(what=f"no file /static/{name}"))
    text = page.asset(name)
    tag = '"' + hashlib.sha256(text.encode("utf-8")).hexdigest()[:32] + '"'
    headers = {"ETag": tag, "Cache-Control": "no-cache", **SECURITY_HEADERS}
    if request.headers.get("if-none-match") == tag:
        return Response(status_code=304, headers=headers)
    return Response(text, media_type=page.ASSETS[name], headers=headers)


@router.get("/api/page")
def page_json(conn: Reader, story: Annotated[str | None, Query(max_length=200)] = None
              ) -> dict[str, object]:
    """What the web page shows first: the timeline's events (dated, not hypothetical), each
    with its sources, story and map place (``geo``: name, country, lat, lon, ...), and the
    stories to filter by."""
    if story and conn.execute("SELECT 1 FROM stories WHERE id = ?", (story,)).fetchone() is None:
        raise ApiError(404, E070_NOT_FOUND.format(what=f"no story with id '{story}'"))
    return page.page_data(conn, story)
