"""What the councils app holds about a person: their seats on councils, linked to their account."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from radslag.audit.personal_data import OnErasure, PersonalDataKind
from radslag.councils.models import CouncilMember


def _seats(person: Any, organisation: Any) -> QuerySet[CouncilMember]:
    return CouncilMember.objects.filter(user=person, council__organisation=organisation).select_related("council")


def _export(person: Any, organisation: Any) -> list[dict[str, Any]]:
    return [
        {"council": seat.council.name, "name": seat.name, "represents": seat.represents,
         "role": seat.get_role_display(), "under_18": seat.under_18, "shown_publicly": seat.show_publicly}
        for seat in _seats(person, organisation)
    ]


def _erase(person: Any, organisation: Any) -> int:
    """The seat stays in the council's record (who sat there), without the link to the account."""
    return CouncilMember.objects.filter(pk__in=_seats(person, organisation).values("pk")).update(user=None)


COUNCIL_SEATS = PersonalDataKind(
    key="councils.seats", section="council_seats", label=_("Seats on the municipality's councils"),
    on_erasure=OnErasure.PSEUDONYMISE,
    reason=_("The council keeps its record of members, but your account is no longer linked to your seat."),
    rows=_seats, export=_export, erase=_erase,
)
