"""What the working groups hold about a person: their seats (name, address, age, consent) and what they wrote."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from radslag.audit.personal_data import OnErasure, PersonalDataKind
from radslag.workgroups.models import GroupMember, GroupNote


def _seats(person: Any, organisation: Any) -> QuerySet[GroupMember]:
    return GroupMember.objects.filter(user=person, group__organisation=organisation).select_related("group")


def _export_seats(person: Any, organisation: Any) -> list[dict[str, Any]]:
    return [
        {"group": seat.group.name, "name": seat.name, "email": seat.email, "kind": seat.get_kind_display(),
         "under_18": seat.under_18, "birth_year": seat.birth_year,
         "invited_at": seat.invited_at.isoformat() if seat.invited_at else None,
         "accepted_at": seat.accepted_at.isoformat() if seat.accepted_at else None,
         "name_public_since": seat.name_consent_at.isoformat() if seat.name_consent_at else None,
         "left_at": seat.removed_at.isoformat() if seat.removed_at else None}
        for seat in _seats(person, organisation)
    ]


def _erase_seats(person: Any, organisation: Any) -> int:
    """The group keeps that someone of this name took part; the account, the address and the consent go."""
    return GroupMember.objects.filter(pk__in=_seats(person, organisation).values("pk")).update(
        user=None, email="", name_consent_at=None)


def _notes(person: Any, organisation: Any) -> QuerySet[GroupNote]:
    return GroupNote.objects.filter(author=person, group__organisation=organisation).select_related("group")


def _export_notes(person: Any, organisation: Any) -> list[dict[str, Any]]:
    return [{"group": note.group.name, "kind": note.get_kind_display(), "text": note.text,
             "written_at": note.created_at.isoformat()} for note in _notes(person, organisation)]


def _erase_notes(person: Any, organisation: Any) -> int:
    """What was written stays in the group's record and report, without the link to the writer."""
    return GroupNote.objects.filter(pk__in=_notes(person, organisation).values("pk")).update(author=None, member=None)


GROUP_MEMBERSHIPS = PersonalDataKind(
    key="workgroups.members", section="working_groups", label=_("Your seats in working groups"),
    on_erasure=OnErasure.PSEUDONYMISE,
    reason=_("The group keeps that you took part, but your account, your e-mail address and your consent to "
             "show your name are removed."),
    rows=_seats, export=_export_seats, erase=_erase_seats,
)
GROUP_NOTES = PersonalDataKind(
    key="workgroups.notes", section="working_group_notes", label=_("What you wrote in working groups"),
    on_erasure=OnErasure.PSEUDONYMISE,
    reason=_("Notes and insights are part of the group's work and report; they are kept without the link to you."),
    rows=_notes, export=_export_notes, erase=_erase_notes,
)
