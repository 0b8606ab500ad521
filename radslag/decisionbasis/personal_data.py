"""What the decision basis holds about a person: the versions staff started or sent to a committee."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from radslag.audit.personal_data import OnErasure, PersonalDataKind
from radslag.decisionbasis.models import BasisVersion


def _versions(person: Any, organisation: Any) -> QuerySet[BasisVersion]:
    return (BasisVersion.objects.filter(Q(created_by=person) | Q(frozen_by=person), basis__organisation=organisation)
            .defer("snapshot").order_by("basis_id", "number"))


def _export(person: Any, organisation: Any) -> list[dict[str, Any]]:
    return [
        {"matter": version.title, "version": version.number, "status": version.get_status_display(),
         "case_officer": version.case_officer, "started_by_you": version.created_by_id == person.pk,
         "sent_by_you": version.frozen_by_id == person.pk,
         "sent": version.frozen_at.isoformat() if version.frozen_at else None}
        for version in _versions(person, organisation)
    ]


DECISION_BASES = PersonalDataKind(
    key="decisionbasis.versions", section="decision_bases", label=_("Decision bases you started or sent"),
    on_erasure=OnErasure.KEEP,
    reason=_("A decision basis is a public record of the municipality's handling of a matter (a tjänsteskrivelse) "
             "and is kept under the Archives Act."),
    rows=_versions, export=_export,
)
