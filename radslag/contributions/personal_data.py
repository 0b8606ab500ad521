"""What the contributions app holds about a person: the input they sent while signed in."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from radslag.audit.personal_data import OnErasure, PersonalDataKind, Retention
from radslag.contributions.models import Contribution


def _contributions(person: Any, organisation: Any) -> QuerySet[Contribution]:
    return Contribution.objects.filter(organisation=organisation, author=person).select_related("process")


def _export(person: Any, organisation: Any) -> list[dict[str, Any]]:
    return [
        {"received": item.created_at.isoformat(), "dialogue": item.process.title,
         "channel": item.get_channel_display(), "status": item.get_status_display(),
         "text": item.body, "published_text": item.published_body}
        for item in _contributions(person, organisation)
    ]


def _due(organisation: Any, cutoff: dt.datetime) -> QuerySet[Contribution]:
    return Contribution.objects.filter(organisation=organisation, created_at__lt=cutoff)


CONTRIBUTIONS = PersonalDataKind(
    key="contributions.contributions", section="contributions", label=_("Contributions"),
    on_erasure=OnErasure.KEEP,
    reason=_("A contribution became a public record when it reached the municipality, even if it was never "
             "published. It is kept under the Archives Act until a retention decision allows it to be destroyed. "
             "Your name is never published with it, and staff can remove personal details from the published text."),
    rows=_contributions, export=_export,
    retention=Retention(due=_due, explains=_("from when it arrived")),
)
