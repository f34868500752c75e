"""GET /api/conflicts: where the record disagrees with itself."""

from __future__ import annotations

from fastapi import APIRouter

from dateline.present.listing import list_conflicts
from dateline.serve.store import Paging, Reader

router = APIRouter(tags=["conflicts"])


@router.get("/api/conflicts")
def conflicts(conn: Reader, page: Paging) -> dict[str, object]:
    """Printed dates that their article's own evidence contradicts (kind "printed date"),
    then events whose sources disagree (kind "sources disagree") with every value."""
    rows = list_conflicts(conn)
    return page.wrap("conflicts", rows[page.offset:page.offset + page.limit], len(rows))
