"""The municipality's direction and decisions, for everyone."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from radslag.governance.models import Decision, FocusArea, StrategicPlan, Vision

# Stored values of DialogueProcess.Status and Contribution.Status; this app may not import those higher apps.
PUBLIC_PROCESS_STATUSES = ("published", "closed")
PUBLISHED = "published"
LATEST_CONTRIBUTIONS = 5
DECISIONS_PER_PAGE = 25


def overview(request: HttpRequest) -> HttpResponse:
    organisation = request.organisation  # type: ignore[attr-defined]
    vision = Vision.objects.filter(organisation=organisation).order_by("-created_at").first()
    plan = StrategicPlan.objects.filter(organisation=organisation).order_by("-ends", "-created_at").first()
    focus_areas = (
        FocusArea.objects.filter(organisation=organisation, plan=plan)
        .annotate(
            process_count=Count("processes", filter=Q(processes__status__in=PUBLIC_PROCESS_STATUSES), distinct=True),
            decision_count=Count("decisions", distinct=True),
        )
        .order_by("number")
    )
    return render(request, "governance/overview.html", {"vision": vision, "plan": plan, "focus_areas": focus_areas})


def focus_area(request: HttpRequest, slug: str) -> HttpResponse:
    area = get_object_or_404(FocusArea.objects.select_related("plan"), slug=slug, organisation=request.organisation)  # type: ignore[attr-defined]
    contributions = area.contributions.filter(status=PUBLISHED)
    return render(request, "governance/focus_area.html", {
        "area": area,
        "processes": area.processes.filter(status__in=PUBLIC_PROCESS_STATUSES).order_by("-published_at"),
        "decisions": area.decisions.select_related("body"),
        "contribution_count": contributions.count(),
        "latest_contributions": contributions.select_related("process").order_by("-created_at")[:LATEST_CONTRIBUTIONS],
    })


def decision_list(request: HttpRequest) -> HttpResponse:
    decisions = (
        Decision.objects.filter(organisation=request.organisation)  # type: ignore[attr-defined]
        .select_related("body")
        .prefetch_related("focus_areas")
    )
    page = Paginator(decisions, DECISIONS_PER_PAGE).get_page(request.GET.get("sida"))
    return render(request, "governance/decision_list.html", {"page": page})


def decision_detail(request: HttpRequest, pk: int) -> HttpResponse:
    decision = get_object_or_404(
        Decision.objects.select_related("body").prefetch_related("focus_areas"),
        pk=pk, organisation=request.organisation,  # type: ignore[attr-defined]
    )
    processes = decision.commissioned_processes.filter(status__in=PUBLIC_PROCESS_STATUSES)
    return render(request, "governance/decision_detail.html", {"decision": decision, "processes": processes})
