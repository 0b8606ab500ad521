"""Scheduled work of the audit app: retention runs nightly (see CELERY_BEAT_SCHEDULE)."""

from __future__ import annotations

from celery import shared_task

from radslag.audit.retention import apply_retention


@shared_task(name="radslag.audit.apply_retention")
def apply_retention_task() -> int:
    """Destroy what has passed its retention period; answers how many rows were destroyed."""
    return sum(result.count for result in apply_retention())
