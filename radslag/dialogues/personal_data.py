"""What the dialogues app holds about a person: registrations for activities and tables they hosted."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from radslag.audit.personal_data import OnErasure, PersonalDataKind, Retention
from radslag.dialogues.models import Registration, Table


def _registrations(person: Any, organisation: Any) -> QuerySet[Registration]:
    # By the account only: an address typed into a form while signed out is not proof that it is theirs.
    return (Registration.objects.filter(activity__process__organisation=organisation, user=person)
            .select_related("activity__process").order_by("-created_at"))


def _export_registrations(person: Any, organisation: Any) -> list[dict[str, Any]]:
    return [
        {"activity": item.activity.title, "dialogue": item.activity.process.title,
         "starts": item.activity.starts_at.isoformat(), "status": item.get_status_display(),
         "name": item.name, "email": item.email, "needs": item.needs, "registered": item.created_at.isoformat()}
        for item in _registrations(person, organisation)
    ]


def _erase_registrations(person: Any, organisation: Any) -> int:
    deleted, _per_model = Registration.objects.filter(pk__in=_registrations(person, organisation).values("pk")).delete()
    return deleted


def _registrations_due(organisation: Any, cutoff: dt.datetime) -> QuerySet[Registration]:
    return Registration.objects.filter(activity__process__organisation=organisation, activity__ends_at__lt=cutoff)


def _tables(person: Any, organisation: Any) -> QuerySet[Table]:
    return Table.objects.filter(host=person, activity__process__organisation=organisation).select_related(
        "activity__process")


def _export_tables(person: Any, organisation: Any) -> list[dict[str, Any]]:
    return [{"table": table.name, "activity": table.activity.title, "dialogue": table.activity.process.title,
             "starts": table.activity.starts_at.isoformat()} for table in _tables(person, organisation)]


def _unlink_tables(person: Any, organisation: Any) -> int:
    return Table.objects.filter(pk__in=_tables(person, organisation).values("pk")).update(host=None, host_name="")


REGISTRATIONS = PersonalDataKind(
    key="dialogues.registrations", section="registrations", label=_("Registrations for activities"),
    on_erasure=OnErasure.ERASE,
    reason=_("Your registrations, with name, e-mail address and any needs you told us, are erased."),
    rows=_registrations, export=_export_registrations, erase=_erase_registrations,
    retention=Retention(due=_registrations_due, explains=_("from when the activity ended")),
)
HOSTED_TABLES = PersonalDataKind(
    key="dialogues.hosted_tables", section="hosted_tables", label=_("Tables you hosted"),
    on_erasure=OnErasure.PSEUDONYMISE,
    reason=_("The tables stay in the record of the meeting, without your name."),
    rows=_tables, export=_export_tables, erase=_unlink_tables,
)
