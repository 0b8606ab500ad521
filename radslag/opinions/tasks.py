"""Background recomputation of opinion groups, debounced so that a burst of answers costs one run."""

from __future__ import annotations

import datetime as dt

from celery import shared_task
from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from radslag.opinions.models import Conversation
from radslag.opinions.recompute import compute_snapshot

# At most one recomputation per conversation is queued within this many seconds.
DEBOUNCE_SECONDS = 10


@shared_task(ignore_result=True)
def recompute_opinions(conversation_id: int) -> None:
    conversation = Conversation.objects.filter(pk=conversation_id).first()
    if conversation is not None:
        compute_snapshot(conversation)


def claim_recompute(conversation_id: int) -> bool:
    """Mark a recomputation as queued unless one was queued within the window; True if this call won.

    One conditional UPDATE, so concurrent servers agree without a shared cache; it runs after the
    answer's own transaction, so answers never wait on the conversation's row.
    """
    now = timezone.now()
    window_start = now - dt.timedelta(seconds=DEBOUNCE_SECONDS)
    claimed = Conversation.objects.filter(pk=conversation_id).filter(
        Q(recompute_queued_at__isnull=True) | Q(recompute_queued_at__lt=window_start)
    ).update(recompute_queued_at=now)
    return claimed == 1


def _queue(conversation_id: int) -> None:
    if not claim_recompute(conversation_id):
        return
    # With a broker the task waits out the window, so that it sees every answer given meanwhile.
    countdown = 0 if settings.CELERY_TASK_ALWAYS_EAGER else DEBOUNCE_SECONDS
    recompute_opinions.apply_async((conversation_id,), countdown=countdown)


def queue_recompute(conversation: Conversation) -> None:
    """Queue a recomputation once the current transaction commits (at once outside a transaction)."""
    conversation_id = conversation.pk
    transaction.on_commit(lambda: _queue(conversation_id))
