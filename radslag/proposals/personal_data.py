"""What the proposals app holds about a person: the proposals they made and the supports they gave."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from radslag.audit.personal_data import OnErasure, PersonalDataKind
from radslag.proposals.models import Proposal, Support


def _proposals(person: Any, organisation: Any) -> QuerySet[Proposal]:
    return Proposal.objects.filter(proposer=person, organisation=organisation)


def _export_proposals(person: Any, organisation: Any) -> list[dict[str, Any]]:
    return [{"title": p.title, "text": p.text, "status": p.get_status_display(), "submitted_at": p.submitted_at,
             "name_shown": p.proposer_name} for p in _proposals(person, organisation)]


def _erase_proposals(person: Any, organisation: Any) -> int:
    """A proposal is a public record: it stays, without the link to the account or the name shown."""
    return _proposals(person, organisation).update(proposer=None, proposer_name="")


def _supports(person: Any, organisation: Any) -> QuerySet[Support]:
    return Support.objects.filter(user=person, proposal__organisation=organisation).select_related("proposal")


def _export_supports(person: Any, organisation: Any) -> list[dict[str, Any]]:
    return [{"proposal": s.proposal.title, "given_at": s.created_at, "tie": s.get_tie_display()}
            for s in _supports(person, organisation)]


def _erase_supports(person: Any, organisation: Any) -> int:
    """The support still counts (the proposal's tally stays true), without the link to the person."""
    rows = Support.objects.filter(pk__in=_supports(person, organisation).values("pk"))
    count = 0
    for support in rows:
        support.user = None
        support.person_key = f"erased:{support.pk}"
        support.save(update_fields=["user", "person_key"])
        count += 1
    return count


PROPOSALS = PersonalDataKind(
    key="proposals.proposals", section="proposals", label=_("Your proposals (Aleförslaget)"),
    on_erasure=OnErasure.PSEUDONYMISE,
    reason=_("A proposal is a public record and stays, without your name or the link to your account."),
    rows=_proposals, export=_export_proposals, erase=_erase_proposals,
)
SUPPORTS = PersonalDataKind(
    key="proposals.supports", section="proposal_supports", label=_("Proposals you support"),
    on_erasure=OnErasure.PSEUDONYMISE,
    reason=_("Your support still counts for the proposal, but is no longer linked to you."),
    rows=_supports, export=_export_supports, erase=_erase_supports,
)
