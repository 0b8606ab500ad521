"""The strategic plan's focus areas, and what is traceable to each."""

# No postponed annotations here: Django Ninja and pydantic read them at run time.
from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router

from radslag.api.schemas import FocusAreaDetailOut, FocusAreaOut
from radslag.api.tenancy import current_organisation
from radslag.dialogues.models import DialogueProcess
from radslag.governance.models import FocusArea

router = Router(tags=["focus areas"])


def _focus_areas(request: HttpRequest) -> QuerySet[FocusArea]:
    organisation = current_organisation(request)
    return FocusArea.objects.for_organisation(organisation).select_related("plan")


@router.get("", response=list[FocusAreaOut], summary="List focus areas in plan order")
def list_focus_areas(request: HttpRequest) -> QuerySet[FocusArea]:
    return _focus_areas(request)


@router.get("/{slug}", response=FocusAreaDetailOut, summary="One focus area with its processes and decisions")
def get_focus_area(request: HttpRequest, slug: str) -> FocusArea:
    published = DialogueProcess.objects.published().only("id", "slug", "title").order_by("-published_at", "-id")
    areas = _focus_areas(request).prefetch_related(Prefetch("processes", queryset=published), "decisions")
    return get_object_or_404(areas, slug=slug)
