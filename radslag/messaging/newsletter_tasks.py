"""Sending scheduled newsletters: `celery -A config beat` runs this every five minutes.

(Not in `tasks.py`, which is the outbox's sender; Celery finds this module through CELERY_IMPORTS.)
"""

from __future__ import annotations

from celery import shared_task

from radslag.messaging.newsletters import send_due


@shared_task(name="radslag.messaging.send_due_newsletters")
def send_due_newsletters() -> int:
    """Send the newsletters whose scheduled time has come; answers how many were sent."""
    return send_due()
