"""Reads for other pages: the decision bases waiting for a committee (the officials' overview shows them)."""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet
from django.utils import timezone

from radslag.decisionbasis.models import BasisVersion
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
