"""Limit/offset pagination with a documented ceiling, so no request can ask for the whole table."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination

from radslag.contributions.querysets import read_slice

DEFAULT_LIMIT = 25
MAX_LIMIT = 100
# Far past any list we hold, and far below what the database's 64-bit OFFSET takes (a larger one was a 500).
MAX_OFFSET = 1_000_000_000


class BoundedLimitOffset(LimitOffsetPagination):
    """`limit` (1–100, default 25) and `offset` (0–1,000,000,000); a value outside is a 422 validation error."""

    class Input(Schema):
        limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description="Items per page (at most 100).")
        offset: int = Field(0, ge=0, le=MAX_OFFSET, description="How many items to skip (at most 1,000,000,000).")

    def __init__(self, **kwargs: object) -> None:
        super().__init__(max_limit=MAX_LIMIT, **kwargs)


class SeekingLimitOffset(BoundedLimitOffset):
    """The same parameters and answer as `BoundedLimitOffset`, for long lists of contributions: a deep
    offset costs what the first page does, since the page is read from the nearer end of the list, or
    by its ids first (`radslag.contributions.querysets.read_slice`)."""

    def paginate_queryset(
        self, queryset: QuerySet[Any], pagination: Any, request: HttpRequest, **params: Any
    ) -> dict[str, Any]:
        count = self._items_count(queryset)
        start = pagination.offset
        stop = start + min(pagination.limit, self.max_limit)
        return {self.items_attribute: read_slice(queryset, start, stop, count), "count": count}
