"""GET /api/articles (filtered, paged) and /api/articles/{id} (text, times, mentions)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from dateline.serve import queries
from dateline.serve.errors import E070_NOT_FOUND, ApiError
from dateline.serve.store import Paging, Reader, date_prefix

router = APIRouter(tags=["articles"])
Text = Annotated[str | None, Query(max_length=200)]


@router.get("/api/articles")
def articles(conn: Reader, page: Paging, story: Text = None, outlet: Text = None,
             date_from: Annotated[str | None, Query(alias="from", max_length=10)] = None,
             date_to: Annotated[str | None, Query(alias="to", max_length=10)] = None,
             q: Text = None) -> dict[str, object]:
    """Articles in order of publication (undated last), with how each date was found and
    the original of each copy; ``q`` searches titles and texts (every word must occur)."""
    found = queries.ArticleFilter(story, outlet, date_prefix(date_from, "from"),
                                  date_prefix(date_to, "to"), q)
    rows, total = queries.articles(conn, found, page)
    return page.wrap("articles", rows, total)


@router.get("/api/articles/{article_id}")
def article(conn: Reader, article_id: str) -> dict[str, object]:
    """One article: cleaned text, publication date and its evidence, copies, conflicts,
    time expressions and event mentions."""
    found = queries.article_detail(conn, article_id)
    if found is None:
        raise ApiError(404, E070_NOT_FOUND.format(what=f"no article with id '{article_id}'"))
    return found
