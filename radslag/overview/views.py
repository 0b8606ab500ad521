"""The officials' overview (staff area) and the public focus-area and vision pages."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from radslag.core.access import requires_capability
from radslag.core.permissions import Capability
from radslag.dialogues.timeline import today
from radslag.governance.models import FocusArea
from radslag.overview.focus_pages import focus_area_page, vision_page
from radslag.overview.officials import overview_for


@requires_capability(Capability.PROCESS_READ_ANALYSIS)
def officials_overview(request: HttpRequest) -> HttpResponse:
    """Read only: the guard refuses every POST (a read-only capability without a write one)."""
    overview = overview_for(organisation=request.organisation, user=request.user, on=today())  # type: ignore[attr-defined]
    return render(request, "overview/officials.html", {"overview": overview})


def focus_area(request: HttpRequest, slug: str) -> HttpResponse:
    area = get_object_or_404(FocusArea.objects.select_related("plan", "organisation"), slug=slug,
                             organisation=request.organisation)  # type: ignore[attr-defined]
    return render(request, "overview/focus_area.html", focus_area_page(area, today()))


def vision(request: HttpRequest) -> HttpResponse:
    return render(request, "overview/vision.html", vision_page(request.organisation))  # type: ignore[attr-defined]
