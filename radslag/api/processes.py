"""Published dialogue processes and what hangs off them: phases, updates, contributions."""

# No postponed annotations here: Django Ninja and pydantic read them at run time.
from typing import Literal

from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Query, Router, Schema
from ninja.pagination import paginate

from radslag.api.pagination import BoundedLimitOffset, SeekingLimitOffset
from radslag.api.schemas import FOCUS_AREA_LIST, ContributionOut, PhaseOut, ProcessDetailOut, ProcessOut, UpdateOut
from radslag.api.tenancy import current_organisation
from radslag.contributions.models import Contribution
from radslag.dialogues.models import DialogueProcess, Phase, ProcessUpdate
from radslag.governance.models import FocusArea

router = Router(tags=["processes"])


class ProcessFilters(Schema):
    status: Literal["published", "closed"] | None = None
    focus_area: str | None = None


def _public_processes(request: HttpRequest) -> QuerySet[DialogueProcess]:
    organisation = current_organisation(request)
    return DialogueProcess.objects.for_organisation(organisation).published()


def _public_process(request: HttpRequest, slug: str) -> DialogueProcess:
    return get_object_or_404(_public_processes(request), slug=slug)


@router.get("", response=list[ProcessOut], summary="List published processes")
@paginate(BoundedLimitOffset)
def list_processes(request: HttpRequest, filters: Query[ProcessFilters]) -> QuerySet[DialogueProcess]:
    """Published and closed processes, newest first. Filter by `status` and by focus area slug."""
    processes = _public_processes(request).select_related("deciding_body").prefetch_related(
        Prefetch("focus_areas", queryset=FocusArea.objects.only("id", "slug"))
    )
    if filters.status:
        processes = processes.filter(status=filters.status)
    if filters.focus_area:
        processes = processes.filter(focus_areas__slug=filters.focus_area).distinct()
    return processes.order_by("-published_at", "-id")


@router.get("/{slug}", response=ProcessDetailOut, summary="One process with its mandate")
def get_process(request: HttpRequest, slug: str) -> DialogueProcess:
    processes = _public_processes(request).select_related("deciding_body", "commissioning_decision")
    return get_object_or_404(processes.prefetch_related("focus_areas", "localities"), slug=slug)


@router.get("/{slug}/phases", response=list[PhaseOut], summary="The process's phases in order")
def list_phases(request: HttpRequest, slug: str) -> QuerySet[Phase]:
    return _public_process(request, slug).phases.all()


@router.get("/{slug}/updates", response=list[UpdateOut], summary="What has happened, newest first")
def list_updates(request: HttpRequest, slug: str) -> QuerySet[ProcessUpdate]:
    """Updates whose publication time has come; scheduled ones stay hidden until then."""
    process = _public_process(request, slug)
    updates = process.updates.filter(published_at__lte=timezone.now())
    return updates.select_related("phase", "decision")


@router.get("/{slug}/contributions", response=list[ContributionOut], summary="Published contributions")
@paginate(SeekingLimitOffset)
def list_contributions(request: HttpRequest, slug: str) -> QuerySet[Contribution]:
    """Contributions that moderation has published, newest first, with the published wording.

    `count` is the number of published contributions; any `offset` below it answers as quickly as the first.
    """
    process = _public_process(request, slug)
    contributions = Contribution.objects.filter(process=process).published()
    return (
        contributions.select_related("locality")
        .prefetch_related(
            Prefetch("focus_areas", queryset=FocusArea.objects.only("id", "slug"), to_attr=FOCUS_AREA_LIST)
        )
        .only(
            "id", "body", "published_body", "channel", "created_at", "language", "locality__name",
            "process_id", "status",
        )
        .order_by("-created_at", "-id")
    )
