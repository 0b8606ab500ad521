"""Writing to the audit log. Call inside the transaction of the change it records."""

from __future__ import annotations

from typing import Any

from django.db import models

from radslag.audit.models import AuditEvent


def record_event(
    *,
    organisation: Any,
    actor: Any,
    action: str,
    target: models.Model | None = None,
    reason: str = "",
    data: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append one event. `actor` may be None (system) or an anonymous user (resident)."""
    is_person = actor is not None and getattr(actor, "is_authenticated", False)
    return AuditEvent.objects.create(
        organisation=organisation,
        actor=actor if is_person else None,
        actor_label=(getattr(actor, "email", "") or str(actor)) if is_person else "system/anonymous",
        action=action,
        object_type=target._meta.label_lower if target is not None else "",
        object_id=str(target.pk) if target is not None else "",
        object_repr=str(target)[:300] if target is not None else "",
        reason=reason,
        data=data or {},
    )
