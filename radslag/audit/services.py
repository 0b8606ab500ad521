"""Writing to the audit log. Call inside the transaction of the change it records."""

from __future__ import annotations

import json
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction

from radslag.audit.chain import chain_head, lock_chain
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
    """Append one event to the chain. `actor` may be None (system) or an anonymous user (resident)."""
    is_person = actor is not None and getattr(actor, "is_authenticated", False)
    event = AuditEvent(
        organisation=organisation,
        actor=actor if is_person else None,
        actor_label=(getattr(actor, "email", "") or str(actor)) if is_person else "system/anonymous",
        action=action,
        object_type=target._meta.label_lower if target is not None else "",
        object_id=str(target.pk) if target is not None else "",
        object_repr=str(target)[:300] if target is not None else "",
        reason=reason,
        data=_as_stored(data or {}),
    )
    with transaction.atomic():
        lock_chain()
        sequence, previous_hash = chain_head()
        event.sequence, event.previous_hash = sequence + 1, previous_hash
        event.hash = event.computed_hash()
        event.save()
    return event


def _as_stored(data: dict[str, Any]) -> Any:
    """The details as the database gives them back (dates become strings), so that the hash stays the same."""
    return json.loads(json.dumps(data, cls=DjangoJSONEncoder))
