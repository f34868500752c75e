"""GET /api/stories: the stories, largest first."""

from __future__ import annotations

from fastapi import APIRouter

from dateline.present.listing import list_stories
from dateline.serve.store import Paging, Reader

router = APIRouter(tags=["stories"])


@router.get("/api/stories")
def stories(conn: Reader, page: Paging) -> dict[str, object]:
    """Stories (the articles and events of one happening) with their span, size and label
    words, largest first."""
    rows = list_stories(conn)
    return page.wrap("stories", rows[page.offset:page.offset + page.limit], len(rows))
