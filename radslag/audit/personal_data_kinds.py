"""What the audit log holds about a person: the events they did, and events that name them."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from radslag.audit.models import AuditEvent, ErasureRequest
from radslag.audit.personal_data import OnErasure, PersonalDataKind


def _events(person: Any, organisation: Any) -> QuerySet[AuditEvent]:
    naming = Q(actor=person) | Q(data__user=person.email)
    if person.email:
        naming |= Q(actor_label=person.email)
    return AuditEvent.objects.filter(organisation=organisation).filter(naming).order_by("sequence")


def _export(person: Any, organisation: Any) -> list[dict[str, Any]]:
    return [
        {"at": timezone.localtime(event.at).isoformat(timespec="seconds"), "by": event.actor_label,
         "action": event.action, "object": event.object_repr, "reason": event.reason, "details": event.data}
        for event in _events(person, organisation)
    ]


AUDIT_EVENTS = PersonalDataKind(
    key="audit.events", section="audit_events", label=_("Log of what was done in the system"),
    on_erasure=OnErasure.KEEP,
    reason=_("The log records how the municipality handled matters. It is a public record, cannot be changed and is "
             "destroyed only under a retention decision."),
    rows=_events, export=_export,
)


def _requests(person: Any, organisation: Any) -> QuerySet[ErasureRequest]:
    return ErasureRequest.objects.filter(organisation=organisation, person=person)


def _export_requests(person: Any, organisation: Any) -> list[dict[str, Any]]:
    return [
        {"received": item.created_at.isoformat(), "message": item.message, "status": item.get_status_display(),
         "decided": item.decided_at.isoformat() if item.decided_at else None, "note": item.note}
        for item in _requests(person, organisation)
    ]


ERASURE_REQUESTS = PersonalDataKind(
    key="audit.erasure_requests", section="erasure_requests", label=_("Your requests for erasure"),
    on_erasure=OnErasure.KEEP,
    reason=_("A request and its decision are public records: they show how the municipality handled it."),
    rows=_requests, export=_export_requests,
)
