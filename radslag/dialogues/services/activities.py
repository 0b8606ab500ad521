"""Writes on activities and their tables or groups, and telling registered people when plans change."""

from __future__ import annotations

import copy
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from radslag.audit.services import record_event
from radslag.core.errors import DomainError
from radslag.core.mail import send_after_commit
from radslag.dialogues.models import Activity, DialogueProcess, Registration, Table
from radslag.dialogues.services.processes import assign_fields
from radslag.dialogues.services.registrations import cancellation_url, promote_from_waiting_list

# A change to any of these is news for everyone registered: they may no longer be able to come.
NOTIFIED_FIELDS = ("starts_at", "ends_at", "place", "locality")


@dataclass(frozen=True)
class Change:
    label: str
    before: str
    after: str


def _check_belongs(activity: Activity, process: DialogueProcess) -> None:
    if activity.phase is not None and activity.phase.process_id != process.pk:
        raise DomainError(_("The phase belongs to another process."))
    if activity.locality is not None and activity.locality.organisation_id != process.organisation_id:
        raise DomainError(_("The locality belongs to another municipality."))


def _shown(activity: Activity, name: str) -> str:
    value = getattr(activity, name)
    if value is None or value == "":
        return "–"
    if name in ("starts_at", "ends_at"):
        return formats.date_format(timezone.localtime(value), "l j F Y, H:i")
    return str(value)


def _changes(before: Activity, after: Activity) -> list[Change]:
    """What registered people need to hear about, in the municipality's language."""
    labels = {"starts_at": _("Starts"), "ends_at": _("Ends"), "place": _("Place"), "locality": _("Locality")}
    return [Change(labels[name], _shown(before, name), _shown(after, name))
            for name in NOTIFIED_FIELDS if getattr(before, name) != getattr(after, name)]


def _language(activity: Activity) -> str:
    return activity.process.organisation.default_language or settings.LANGUAGE_CODE


def _tell_registered(activity: Activity, template: str, context: Mapping[str, Any], *, site_url: str) -> int:
    """E-mail everyone with a place or on the waiting list, in the municipality's language, after the commit."""
    organisation = activity.process.organisation
    registrations = list(activity.registrations.exclude(status=Registration.Status.CANCELLED).order_by("pk"))
    mails = []
    with translation.override(_language(activity)):
        for registration in registrations:
            full = {**context, "activity": activity, "organisation": organisation, "registration": registration,
                    "cancel_url": site_url + cancellation_url(registration)}
            subject = render_to_string(f"dialogues/email/{template}_subject.txt", full).strip()
            body = render_to_string(f"dialogues/email/{template}.txt", full)
            mails.append((subject, body, organisation.contact_email or settings.DEFAULT_FROM_EMAIL,
                          [registration.email]))
    send_after_commit(mails)
    return len(mails)


@transaction.atomic
def save_activity(
    *, process: DialogueProcess, actor: Any, fields: Mapping[str, Any], activity: Activity | None = None,
    site_url: str = "",
) -> Activity:
    """Plan a new activity in the process, or change one (times, place, registration, attendance).

    When the time or place of an activity that has not ended changes, everyone registered is told by
    e-mail what changed; when its capacity grows, the waiting list gets the new places in order.
    """
    is_new = activity is None
    before = None
    if activity is None:
        activity = Activity(process=process)
    else:
        # Compare with the stored row, not with an instance a bound form may already have changed.
        activity = Activity.objects.select_for_update().select_related("process__organisation").get(pk=activity.pk)
        before = copy.copy(activity)
    if activity.process_id != process.pk:
        raise DomainError(_("The activity belongs to another process."))
    changed = assign_fields(activity, fields)
    _check_belongs(activity, process)
    activity.full_clean()
    activity.save()
    data: dict[str, Any] = {"process": process.pk, "fields": sorted(changed)}
    if before is not None and activity.cancelled_at is None and before.ends_at > timezone.now():
        # Promote first, so that a change mail tells each person the place they now have.
        if before.capacity is not None and (activity.capacity is None or activity.capacity > before.capacity):
            data["promoted"] = len(promote_from_waiting_list(activity, site_url=site_url))
        with translation.override(_language(activity)):
            changes = _changes(before, activity)
        if changes:
            data["told"] = _tell_registered(activity, "activity_changed", {"changes": changes}, site_url=site_url)
    record_event(
        organisation=process.organisation, actor=actor,
        action="activity.created" if is_new else "activity.updated", target=activity, data=data,
    )
    return activity


@transaction.atomic
def cancel_activity(*, activity: Activity, actor: Any, reason: str, site_url: str = "") -> int:
    """Call an activity off: it stays on the page marked as cancelled, registration closes, and everyone
    registered or waiting is told by e-mail with the reason. Returns how many were told."""
    activity = Activity.objects.select_for_update().select_related("process__organisation").get(pk=activity.pk)
    if activity.cancelled_at is not None:
        raise DomainError(_("The activity is already cancelled."))
    if activity.ends_at <= timezone.now():
        raise DomainError(_("The activity has already taken place and cannot be cancelled."))
    reason = reason.strip()
    if not reason:
        raise DomainError(_("Say why the activity is cancelled: the people registered will read it."))
    activity.cancelled_at, activity.cancellation_reason = timezone.now(), reason
    activity.save(update_fields=["cancelled_at", "cancellation_reason", "updated_at"])
    process_url = site_url + reverse("dialogues:process_detail", kwargs={"slug": activity.process.slug})
    told = _tell_registered(activity, "activity_cancelled", {"process_url": process_url}, site_url=site_url)
    record_event(organisation=activity.process.organisation, actor=actor, action="activity.cancelled",
                 target=activity, data={"reason": reason, "told": told})
    return told


@transaction.atomic
def save_table(*, activity: Activity, actor: Any, fields: Mapping[str, Any], table: Table | None = None) -> Table:
    """Add a table or group to an activity, or change its host and participant count.

    The host may be left open while it is not decided: a table is often planned before its host is found."""
    is_new = table is None
    table = table or Table(activity=activity)
    if table.activity_id != activity.pk:
        raise DomainError(_("The table belongs to another activity."))
    assign_fields(table, fields)
    if Table.objects.filter(activity=activity, name=table.name).exclude(pk=table.pk).exists():
        raise DomainError(_("There is already a table with this name at the activity."))
    table.save()
    record_event(
        organisation=activity.process.organisation, actor=actor,
        action="table.created" if is_new else "table.updated", target=table, data={"activity": activity.pk},
    )
    return table
