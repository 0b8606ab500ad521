"""What the panels app holds about a person: membership of the citizen panel and its profile."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from radslag.audit.personal_data import OnErasure, PersonalDataKind, Retention
from radslag.panels.models import PanelMember


def _memberships(person: Any, organisation: Any) -> QuerySet[PanelMember]:
    return PanelMember.objects.filter(user=person, panel__organisation=organisation).select_related(
        "panel", "locality")


def _export(person: Any, organisation: Any) -> list[dict[str, Any]]:
    return [
        {"panel": member.panel.name, "recruited_by": member.get_channel_display(),
         "age_band": member.age_band, "sex": member.sex, "locality": member.locality.name if member.locality else "",
         "joined": member.joined_at.isoformat(), "left": member.left_at.isoformat() if member.left_at else None}
        for member in _memberships(person, organisation)
    ]


def _erase(person: Any, organisation: Any) -> int:
    deleted, _per_model = PanelMember.objects.filter(pk__in=_memberships(person, organisation).values("pk")).delete()
    return deleted


def _due(organisation: Any, cutoff: dt.datetime) -> QuerySet[PanelMember]:
    return PanelMember.objects.filter(panel__organisation=organisation, left_at__lt=cutoff)


PANEL_MEMBERSHIPS = PersonalDataKind(
    key="panels.memberships", section="panel_memberships", label=_("Membership of the citizen panel"),
    on_erasure=OnErasure.ERASE,
    reason=_("Your membership and the profile you gave the panel are erased, and you leave the panel."),
    rows=_memberships, export=_export, erase=_erase,
    retention=Retention(due=_due, explains=_("from when the member left the panel")),
)
