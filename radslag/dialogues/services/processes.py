"""Writes on a dialogue process: its mandate, phases, publication and updates."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import models, transaction
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from radslag.audit.services import record_event
from radslag.core.errors import DomainError
from radslag.dialogues.models import DialogueProcess, Phase, ProcessUpdate
from radslag.organisations.models import Organisation

PROCESS_RELATIONS = ("focus_areas", "localities")


class PublicationRefusedError(DomainError):
    """The mandate is incomplete; `details` names each missing field."""


def assign_fields(instance: models.Model, fields: Mapping[str, Any], *, skip: tuple[str, ...] = ()) -> list[str]:
    """Set plain fields from a form's cleaned data; returns the names that changed."""
    changed = []
    for name, value in fields.items():
        if name in skip:
            continue
        if getattr(instance, name) != value:
            changed.append(name)
        setattr(instance, name, value)
    return changed


def _set_relations(process: DialogueProcess, fields: Mapping[str, Any]) -> None:
    for name in PROCESS_RELATIONS:
        if name in fields:
            getattr(process, name).set(fields[name])


@transaction.atomic
def create_process(*, organisation: Organisation, actor: Any, fields: Mapping[str, Any]) -> DialogueProcess:
    """A new process starts as a draft; nothing is public until it is published."""
    process = DialogueProcess(organisation=organisation, status=DialogueProcess.Status.DRAFT)
    assign_fields(process, fields, skip=PROCESS_RELATIONS)
    process.save()
    _set_relations(process, fields)
    record_event(organisation=organisation, actor=actor, action="process.created", target=process)
    return process


@transaction.atomic
def update_process(*, process: DialogueProcess, actor: Any, fields: Mapping[str, Any]) -> DialogueProcess:
    # Compare with the stored row, not with an instance a bound form may already have changed.
    process = DialogueProcess.objects.select_for_update().get(pk=process.pk)
    changed = assign_fields(process, fields, skip=PROCESS_RELATIONS)
    process.save()
    _set_relations(process, fields)
    record_event(
        organisation=process.organisation, actor=actor, action="process.updated", target=process,
        data={"fields": sorted(changed)},
    )
    return process


def missing_labels(process: DialogueProcess) -> list[str]:
    """The missing mandate fields, by their (translated) labels."""
    fields = (DialogueProcess._meta.get_field(name) for name in process.missing_for_publication())
    return [capfirst(str(getattr(field, "verbose_name", field.name))) for field in fields]


@transaction.atomic
def publish_process(*, process: DialogueProcess, actor: Any) -> DialogueProcess:
    """Publish a draft once its mandate says why, how far, who decides and when feedback comes."""
    process = DialogueProcess.objects.select_for_update().get(pk=process.pk)
    if process.status == DialogueProcess.Status.PUBLISHED:
        raise DomainError(_("The process is already published."))
    missing = missing_labels(process)
    if missing:
        raise PublicationRefusedError(
            _("The process cannot be published until these are filled in:"), details=missing
        )
    process.status = DialogueProcess.Status.PUBLISHED
    process.published_at = process.published_at or timezone.now()
    process.save(update_fields=["status", "published_at", "updated_at"])
    record_event(organisation=process.organisation, actor=actor, action="process.published", target=process)
    return process


@transaction.atomic
def close_process(*, process: DialogueProcess, actor: Any) -> DialogueProcess:
    """Close a published process: it stays public, but takes no more input or registrations."""
    process = DialogueProcess.objects.select_for_update().get(pk=process.pk)
    if process.status != DialogueProcess.Status.PUBLISHED:
        raise DomainError(_("Only a published process can be closed."))
    process.status = DialogueProcess.Status.CLOSED
    process.save(update_fields=["status", "updated_at"])
    record_event(organisation=process.organisation, actor=actor, action="process.closed", target=process)
    return process


@transaction.atomic
def save_phase(*, process: DialogueProcess, actor: Any, fields: Mapping[str, Any], phase: Phase | None = None) -> Phase:
    """Add a phase to the process, or change one of its phases."""
    is_new = phase is None
    phase = phase or Phase(process=process)
    if phase.process_id != process.pk:
        raise DomainError(_("The phase belongs to another process."))
    assign_fields(phase, fields)
    phase.full_clean()
    phase.save()
    action = "phase.created" if is_new else "phase.updated"
    record_event(organisation=process.organisation, actor=actor, action=action, target=phase,
                 data={"process": process.pk})
    return phase


@transaction.atomic
def delete_phase(*, phase: Phase, actor: Any) -> None:
    process = phase.process
    record_event(organisation=process.organisation, actor=actor, action="phase.deleted", target=phase,
                 data={"process": process.pk})
    phase.delete()


@transaction.atomic
def _check_update(update: ProcessUpdate, process: DialogueProcess) -> None:
    if update.phase is not None and update.phase.process_id != process.pk:
        raise DomainError(_("The phase belongs to another process."))
    if update.decision is not None and update.decision.organisation_id != process.organisation_id:
        raise DomainError(_("The decision belongs to another municipality."))


def post_update(*, process: DialogueProcess, actor: Any, fields: Mapping[str, Any]) -> ProcessUpdate:
    """Add an entry at the top of the public "what has happened" list."""
    update = ProcessUpdate(process=process, author=actor, published_at=timezone.now())
    assign_fields(update, fields)
    _check_update(update, process)
    update.save()
    record_event(organisation=process.organisation, actor=actor, action="process_update.posted", target=update,
                 data={"process": process.pk})
    return update


@transaction.atomic
def edit_update(*, update: ProcessUpdate, actor: Any, fields: Mapping[str, Any]) -> ProcessUpdate:
    """Correct a published update. It keeps its place in the list and is marked as edited on the public
    page; the text as it was before is kept in the audit log, so what residents were told stays on record."""
    update = ProcessUpdate.objects.select_for_update().select_related("process__organisation").get(pk=update.pk)
    before = {"title": update.title, "body": update.body}
    changed = assign_fields(update, fields)
    if not changed:
        return update
    _check_update(update, update.process)
    update.edited_at = timezone.now()
    update.save()
    record_event(organisation=update.process.organisation, actor=actor, action="process_update.edited",
                 target=update, data={"process": update.process_id, "fields": sorted(changed), "before": before})
    return update
