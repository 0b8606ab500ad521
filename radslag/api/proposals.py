"""Citizen proposals (Aleförslaget): public proposals, their support counts and the municipality's answers.

No supporter is ever named: only counts. Proposals still being checked, and refused ones, are not public.
"""

# No postponed annotations here: Django Ninja and pydantic read them at run time.
import datetime as dt

from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Query, Router, Schema
from ninja.pagination import paginate

from radslag.api.pagination import BoundedLimitOffset
from radslag.api.schemas import BodyOut, DecisionRef
from radslag.api.tenancy import current_organisation
from radslag.proposals.models import Proposal, ProposalQuerySet
from radslag.proposals.queries import in_status_group
from radslag.proposals.search import search_proposals

router = Router(tags=["proposals"])


class ProposalFilters(Schema):
    status: str | None = None  # collecting, handling or answered
    focus_area: str | None = None  # a focus area's slug
    q: str | None = None  # Swedish full-text search


class ProposalOut(Schema):
    id: int
    title: str
    text: str
    status: str
    submitted_at: dt.datetime
    accepted_at: dt.datetime | None
    closes_at: dt.datetime | None
    threshold: int | None
    support_count: int
    threshold_reached_at: dt.datetime | None
    committee: BodyOut | None
    answer_due: dt.datetime | None
    answered_at: dt.datetime | None
    outcome: str
    answer: str
    decision: DecisionRef | None
    process: str | None
    focus_areas: list[str]
    localities: list[str]

    @staticmethod
    def resolve_status(obj: Proposal) -> str:
        """As residents read it now: a period that has run out is over before the hourly task moves it on."""
        return obj.status_at(timezone.now())

    @staticmethod
    def resolve_process(obj: Proposal) -> str | None:
        return obj.process.slug if obj.process is not None else None

    @staticmethod
    def resolve_focus_areas(obj: Proposal) -> list[str]:
        return [area.slug for area in obj.focus_areas.all()]

    @staticmethod
    def resolve_localities(obj: Proposal) -> list[str]:
        return [place.name for place in obj.localities.all()]


def _proposals(request: HttpRequest) -> ProposalQuerySet:
    return (Proposal.objects.public().filter(organisation=current_organisation(request))
            .select_related("committee", "decision", "process").prefetch_related("focus_areas", "localities"))


@router.get("", response=list[ProposalOut], summary="List public proposals, newest first")
@paginate(BoundedLimitOffset)
def list_proposals(request: HttpRequest, filters: Query[ProposalFilters]) -> QuerySet[Proposal]:
    proposals = in_status_group(_proposals(request), filters.status or "", now=timezone.now())
    if filters.focus_area:
        proposals = proposals.filter(focus_areas__slug=filters.focus_area)
    if filters.q:
        return search_proposals(proposals, filters.q[:200])
    return proposals.order_by("-accepted_at", "-id")


@router.get("/{proposal_id}", response=ProposalOut, summary="One public proposal with its answer")
def get_proposal(request: HttpRequest, proposal_id: int) -> Proposal:
    return get_object_or_404(_proposals(request), pk=proposal_id)
