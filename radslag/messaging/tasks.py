"""Celery tasks that send the outbox, retry what waits, and build the weekly digest.

`start_sending(message_id)` is what the outbox calls after commit: with a broker it queues up to
RADSLAG_MAIL_SENDERS `send_message` tasks, which share the message's deliveries batch by batch (see
`radslag.messaging.sender`); with no broker (CELERY_TASK_ALWAYS_EAGER) the one task runs inline. A task
works for at most RADSLAG_MAIL_TASK_SECONDS and then queues its own continuation, so a large newsletter
never holds a worker for long. `resume_sending` (beat, every minute, and when a worker starts) picks up
whatever waits: deferred deliveries that are due, leases left by a killed worker, scheduled messages.
"""

from __future__ import annotations

import logging
import math
from typing import Any

from celery import shared_task
from celery.signals import worker_ready
from django.conf import settings
from django.utils import timezone

from radslag.messaging import sender

logger = logging.getLogger(__name__)
# A continuation is queued with a countdown only for waits this short (a dead worker's lease); longer
# waits (retries after a 4xx) are picked up by the beat's resume_sending.
SHORT_WAIT_S = 300


def _eager() -> bool:
    return bool(send_message.app.conf.task_always_eager)


def start_sending(message_id: int) -> None:
    if _eager():
        send_message.delay(message_id)
        return
    from radslag.messaging.models import Delivery

    count = Delivery.objects.filter(message_id=message_id).count()
    senders = max(1, min(int(getattr(settings, "RADSLAG_MAIL_SENDERS", 2)), math.ceil(count / sender.batch_size())))
    for _ in range(senders):
        send_message.delay(message_id)


@shared_task(acks_late=True)
def send_message(message_id: int) -> int:
    """Sends the message's claimable deliveries; returns how many were handed to the server."""
    eager = _eager()
    budget = None if eager else float(getattr(settings, "RADSLAG_MAIL_TASK_SECONDS", 120))
    progress = sender.send_message(message_id=message_id, budget_s=budget)
    if not eager:
        if progress.more_now:
            send_message.delay(message_id)
        elif progress.retry_at is not None:
            wait = (progress.retry_at - timezone.now()).total_seconds()
            if wait <= SHORT_WAIT_S:
                send_message.apply_async((message_id,), countdown=max(wait, 0) + 1)
    return progress.handed


@shared_task
def resume_sending() -> int:
    """Queues a sender for every message with deliveries to send now."""
    waiting = sender.messages_with_work()
    for message_id in waiting:
        if _eager():
            send_message.delay(message_id)
        else:
            start_sending(message_id)
    return len(waiting)


@shared_task
def build_weekly_digests() -> int:
    """Builds last week's digest for every organisation (idempotent: runs daily, builds once)."""
    from radslag.messaging.digest import build_last_weeks_digests

    return len(build_last_weeks_digests(timezone.now()))


@worker_ready.connect
def _resume_when_a_worker_starts(**_kwargs: Any) -> None:
    """A worker killed in the middle of a send left leases and queued work: pick it up at once."""
    try:
        resume_sending.delay()
    except Exception:  # a worker that cannot queue still serves; the beat resumes within a minute
        logger.exception("could not queue resume_sending at worker start")
