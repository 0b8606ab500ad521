"""Background work of the proposals app, run by `celery -A config beat` (see CELERY_BEAT_SCHEDULE)."""

from __future__ import annotations

from celery import shared_task

from radslag.proposals.services import end_periods


@shared_task(name="radslag.proposals.end_periods")
def end_proposal_periods() -> int:
    """Moves every proposal whose collection period has run out; answers how many changed."""
    return end_periods()
