"""Background work of the dialogues app, run by `celery -A config beat` (see CELERY_BEAT_SCHEDULE)."""

from __future__ import annotations

from celery import shared_task

from radslag.dialogues.services.meetings import send_reminders


@shared_task(name="radslag.dialogues.send_activity_reminders")
def send_activity_reminders() -> int:
    """The day-before reminder to everyone registered; answers how many activities were reminded."""
    return send_reminders()
