"""Decisions of the municipality's bodies, the end of the line a dialogue feeds into."""

# No postponed annotations here: Django Ninja and pydantic read them at run time.
from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Query, Router, Schema
from ninja.pagination import paginate

from radslag.api.pagination import BoundedLimitOffset
from radslag.api.schemas import DecisionDetailOut, DecisionOut
from radslag.api.tenancy import current_organisation
from radslag.dialogues.models import DialogueProcess
from radslag.governance.models import Decision

router = Router(tags=["decisions"])


class DecisionFilters(Schema):
    focus_area: str | None = None


def _decisions(request: HttpRequest) -> QuerySet[Decision]:
    organisation = current_organisation(request)
    return Decision.objects.for_organisation(organisation).select_related("body").prefetch_related("focus_areas")


@router.get("", response=list[DecisionOut], summary="List decisions, newest first")
@paginate(BoundedLimitOffset)
def list_decisions(request: HttpRequest, filters: Query[DecisionFilters]) -> QuerySet[Decision]:
    decisions = _decisions(request)
    if filters.focus_area:
        decisions = decisions.filter(focus_areas__slug=filters.focus_area).distinct()
    return decisions.order_by("-decided_on", "-id")


@router.get("/{decision_id}", response=DecisionDetailOut, summary="One decision and the processes it commissioned")
def get_decision(request: HttpRequest, decision_id: int) -> Decision:
    published = DialogueProcess.objects.published().only("id", "slug", "title", "commissioning_decision_id")
    decisions = _decisions(request).prefetch_related(Prefetch("commissioned_processes", queryset=published))
    return get_object_or_404(decisions, pk=decision_id)
