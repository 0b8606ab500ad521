"""Writes on activities and their tables or groups."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from radslag.audit.services import record_event
from radslag.core.errors import DomainError
from radslag.dialogues.models import Activity, DialogueProcess, Table
from radslag.dialogues.services.processes import assign_fields


def _check_belongs(activity: Activity, process: DialogueProcess) -> None:
    if activity.phase is not None and activity.phase.process_id != process.pk:
        raise DomainError(_("The phase belongs to another process."))
    if activity.locality is not None and activity.locality.organisation_id != process.organisation_id:
        raise DomainError(_("The locality belongs to another municipality."))


@transaction.atomic
def save_activity(
    *, process: DialogueProcess, actor: Any, fields: Mapping[str, Any], activity: Activity | None = None
) -> Activity:
    """Plan a new activity in the process, or change one (times, place, registration, attendance)."""
    is_new = activity is None
    if activity is None:
        activity = Activity(process=process)
    else:
        # Compare with the stored row, not with an instance a bound form may already have changed.
        activity = Activity.objects.select_for_update().get(pk=activity.pk)
    if activity.process_id != process.pk:
        raise DomainError(_("The activity belongs to another process."))
    changed = assign_fields(activity, fields)
    _check_belongs(activity, process)
    activity.full_clean()
    activity.save()
    record_event(
        organisation=process.organisation, actor=actor,
        action="activity.created" if is_new else "activity.updated", target=activity,
        data={"process": process.pk, "fields": sorted(changed)},
    )
    return activity


@transaction.atomic
def save_table(*, activity: Activity, actor: Any, fields: Mapping[str, Any], table: Table | None = None) -> Table:
    """Add a table or group to an activity, or change its host and participant count."""
    is_new = table is None
    table = table or Table(activity=activity)
    if table.activity_id != activity.pk:
        raise DomainError(_("The table belongs to another activity."))
    assign_fields(table, fields)
    if not table.host_id and not table.host_name.strip():
        raise DomainError(_("Choose a host or write the host's name."))
    if Table.objects.filter(activity=activity, name=table.name).exclude(pk=table.pk).exists():
        raise DomainError(_("There is already a table with this name at the activity."))
    table.save()
    record_event(
        organisation=activity.process.organisation, actor=actor,
        action="table.created" if is_new else "table.updated", target=table, data={"activity": activity.pk},
    )
    return table
