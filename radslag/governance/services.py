"""Writes for decisions and the municipality's direction, each with its audit event."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.forms import ModelForm

from radslag.audit.services import record_event
from radslag.governance.models import Decision
from radslag.organisations.models import Organisation


@transaction.atomic
def record_decision(*, organisation: Organisation, actor: Any, form: ModelForm) -> Decision:
    """Create or update a decision from a valid form; logs `decision.created` or `decision.updated`."""
    decision: Decision = save_item(organisation=organisation, actor=actor, form=form, kind="decision")
    return decision


@transaction.atomic
def save_direction(*, organisation: Organisation, actor: Any, form: ModelForm, kind: str) -> Any:
    """Save a vision, strategic plan or focus area; `kind` names the audit action (`vision`, `plan`, ...)."""
    return save_item(organisation=organisation, actor=actor, form=form, kind=kind)


def save_item(*, organisation: Organisation, actor: Any, form: ModelForm, kind: str) -> Any:
    created = form.instance.pk is None
    instance = form.save(commit=False)
    instance.organisation = organisation
    instance.save()
    form.save_m2m()
    record_event(
        organisation=organisation, actor=actor, action=f"{kind}.{'created' if created else 'updated'}",
        target=instance, data={"changed": form.changed_data},
    )
    return instance
