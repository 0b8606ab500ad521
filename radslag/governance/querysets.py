"""Reading decision links from the other side: the decisions linked to one process, theme, ..."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db.models import QuerySet

from radslag.governance.models import BodyMeeting, Decision, DecisionLink


def linked_decisions(kind: str, object_id: int, roles: Iterable[str] | None = None) -> QuerySet[Decision]:
    """The decisions linked to the object, newest first, each once."""
    found = DecisionLink.objects.filter(kind=kind, object_id=object_id)
    if roles is not None:
        found = found.filter(role__in=list(roles))
    return (
        Decision.objects.filter(pk__in=found.values("decision_id"))
        .select_related("body")
        .order_by("-decided_on", "-id")
    )


def outcome_decisions(process_id: int) -> QuerySet[Decision]:
    return linked_decisions("process", process_id, (DecisionLink.Role.OUTCOME, DecisionLink.Role.PARTIAL))


def process_roles(process_id: int) -> dict[int, str]:
    """Decision id → its role for the process."""
    return dict(DecisionLink.objects.filter(kind="process", object_id=process_id).values_list("decision_id", "role"))


def process_links(process_id: int) -> QuerySet[DecisionLink]:
    """The process's links with their decisions, newest decision first."""
    return (
        DecisionLink.objects.filter(kind="process", object_id=process_id)
        .select_related("decision__body")
        .order_by("-decision__decided_on", "-decision_id")
    )


def outcomes_for(process_ids: Iterable[int]) -> dict[int, list[Decision]]:
    """Process id → the decisions that are its outcome (or part of it), newest first: one query."""
    found: dict[int, list[Decision]] = {}
    rows = (
        DecisionLink.objects.filter(kind="process", object_id__in=list(process_ids),
                                    role__in=(DecisionLink.Role.OUTCOME, DecisionLink.Role.PARTIAL))
        .select_related("decision__body")
        .order_by("-decision__decided_on", "-decision_id")
    )
    for link in rows:
        found.setdefault(link.object_id, []).append(link.decision)
    return found


def upcoming_meetings(organisation_id: int, on: dt.date) -> QuerySet[BodyMeeting]:
    """The meetings of the municipality's bodies from `on`, soonest first, with their body."""
    return BodyMeeting.objects.filter(organisation_id=organisation_id, date__gte=on).select_related("body")
