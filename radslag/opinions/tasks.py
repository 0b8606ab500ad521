"""Background recomputation of opinion groups, debounced so that a burst of answers costs one run."""

from __future__ import annotations

from celery import shared_task
from django.conf import settings
from django.core.cache import cache
from django.db import transaction

from radslag.opinions.models import Conversation
from radslag.opinions.recompute import compute_snapshot

# At most one recomputation per conversation is queued within this many seconds.
DEBOUNCE_SECONDS = 10


def _queued_key(conversation_id: int) -> str:
    return f"opinions:recompute-queued:{conversation_id}"


@shared_task(ignore_result=True)
def recompute_opinions(conversation_id: int) -> None:
    conversation = Conversation.objects.filter(pk=conversation_id).first()
    if conversation is not None:
        compute_snapshot(conversation)


def queue_recompute(conversation: Conversation) -> bool:
    """Queue a recomputation after the current transaction commits, unless one is already queued.

    With a broker the task waits out the debounce window, so it sees every answer given meanwhile.
    Returns whether a run was queued.
    """
    if not cache.add(_queued_key(conversation.pk), 1, timeout=DEBOUNCE_SECONDS):
        return False
    countdown = 0 if settings.CELERY_TASK_ALWAYS_EAGER else DEBOUNCE_SECONDS
    conversation_id = conversation.pk
    transaction.on_commit(lambda: recompute_opinions.apply_async((conversation_id,), countdown=countdown))
    return True
