"""Limit/offset pagination with a documented ceiling, so no request can ask for the whole table."""

from __future__ import annotations

from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination

DEFAULT_LIMIT = 25
MAX_LIMIT = 100


class BoundedLimitOffset(LimitOffsetPagination):
    """`limit` (1–100, default 25) and `offset`; a limit above 100 is a 422 validation error."""

    class Input(Schema):
        limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description="Items per page (at most 100).")
        offset: int = Field(0, ge=0, description="How many items to skip.")

    def __init__(self, **kwargs: object) -> None:
        super().__init__(max_limit=MAX_LIMIT, **kwargs)  # type: ignore[arg-type]
