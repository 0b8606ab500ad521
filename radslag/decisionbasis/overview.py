"""Reads for other pages: the decision bases waiting for a committee (the officials' overview shows them)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from radslag.decisionbasis.models import BasisVersion
from radslag.governance import overview_sections
from radslag.organisations.models import Organisation


def waiting_for(organisation: Organisation, *, today: dt.date | None = None) -> QuerySet[BasisVersion]:
    """Frozen versions whose committee meets today or later, soonest meeting first.

    Each row has its basis, process and committee loaded: `version.title`, `version.committee`,
    `version.meeting_date`, `version.basis.process`; link to it with
    `reverse("decisionbasis:version", kwargs={"pk": version.basis.process_id, "version_pk": version.pk})`.
    """
    today = today or timezone.localdate()
    return (BasisVersion.objects.filter(basis__organisation=organisation, status=BasisVersion.Status.FROZEN,
                                        meeting_date__gte=today)
            .select_related("basis__process", "committee").defer("snapshot")
            .order_by("meeting_date", "committee__name", "pk"))


THIS_WEEK = dt.timedelta(days=7)


def decision_bases_waiting(organisation: Organisation, user: Any) -> list[overview_sections.OverviewItem]:
    """The officials' overview section: frozen bases before their committee meeting, the nearest first."""
    today = timezone.localdate()
    return [
        overview_sections.OverviewItem(
            label=f"{version.title} ({_('version %(number)s') % {'number': version.number}})",
            url=reverse("decisionbasis:version", kwargs={"pk": version.basis.process_id, "version_pk": version.pk}),
            note=f"{version.committee.name if version.committee else ''} · {version.basis.process.title}",
            date=version.meeting_date,
            urgent=version.meeting_date is not None and version.meeting_date - today <= THIS_WEEK,
        )
        for version in waiting_for(organisation, today=today)
    ]


def register_overview_section() -> None:
    overview_sections.register(overview_sections.OverviewSection(
        key="decision_bases", title=gettext_lazy("Decision bases waiting for you"),
        empty=gettext_lazy("No decision basis is waiting for a committee."),
        items=decision_bases_waiting, order=10,
    ))
