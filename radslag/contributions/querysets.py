"""Reusable reads of contributions for the public and staff pages."""

from __future__ import annotations

from django.db.models import Case, IntegerField, QuerySet, Value, When

from radslag.contributions.models import Contribution
from radslag.dialogues.models import DialogueProcess

RECENT_ENTRIES = 10


def public_contributions(process: DialogueProcess) -> QuerySet[Contribution]:
    """What anyone may read: published contributions with only non-identifying fields loaded."""
    return (
        Contribution.objects.filter(process=process)
        .published()
        .select_related("locality")
        .only("id", "process_id", "channel", "body", "published_body", "created_at", "locality__name")
        .order_by("-created_at", "-id")
    )


def moderation_queue(process: DialogueProcess, status: str = "") -> QuerySet[Contribution]:
    """Everything in the process, awaiting moderation first, then newest first."""
    contributions = Contribution.objects.filter(process=process).select_related(
        "activity", "table", "locality", "moderated_by"
    )
    if status:
        contributions = contributions.filter(status=status)
    pending_first = Case(
        When(status=Contribution.Status.PENDING, then=Value(0)), default=Value(1), output_field=IntegerField()
    )
    return contributions.annotate(queue_order=pending_first).order_by("queue_order", "-created_at", "-id")


def recent_entries(process: DialogueProcess, user: object) -> QuerySet[Contribution]:
    """The last contributions this person typed in for the process, newest first."""
    return (
        Contribution.objects.filter(process=process, entered_by=user)
        .select_related("activity", "table")
        .order_by("-created_at", "-id")[:RECENT_ENTRIES]
    )
