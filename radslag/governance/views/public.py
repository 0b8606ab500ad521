"""The municipality's direction and decisions, for everyone."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from radslag.governance import links
from radslag.governance.models import Decision, DecisionLink, FocusArea, StrategicPlan, Vision

# Stored values of DialogueProcess.Status and Contribution.Status; this app may not import those higher apps.
PUBLIC_PROCESS_STATUSES = ("published", "closed")
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
    return render(request, "governance/decision_detail.html", {"decision": decision, **dialogue_behind(decision)})


def dialogue_behind(decision: Decision) -> dict[str, Any]:
    """The dialogues a decision commissions or answers (by role) and the published items it rests on."""
    organisation = decision.organisation
    rows = list(decision.links.all())
    process_ids = [row.object_id for row in rows if row.kind == links.PROCESS]
    # The process form's own field still names the commissioning decision; it counts as a link too.
    commissioned = list(decision.commissioned_processes.values_list("pk", flat=True))
    targets = links.resolve(organisation, links.PROCESS, process_ids + commissioned)
    roles: dict[str, list[links.Target]] = {role: [] for role in DecisionLink.Role.values if role != "basis"}
    placed: set[int] = set()
    for row in rows:
        if row.kind == links.PROCESS and row.object_id in targets:
            roles[row.role].append(targets[row.object_id])
            placed.add(row.object_id)
    roles[DecisionLink.Role.COMMISSIONING] += [targets[pk] for pk in commissioned if pk in targets and pk not in placed]
    processes = [
        {"role": DecisionLink.Role(role).label, "targets": found} for role, found in roles.items() if found
    ]
    basis = []
    for kind in links.basis_kinds():
        ids = [row.object_id for row in rows if row.kind == kind.key]
        resolved = links.resolve(organisation, kind.key, ids)
        if resolved:
            basis.append({"label": kind.label, "targets": [resolved[i] for i in ids if i in resolved]})
    return {"processes_by_role": processes, "basis": basis}
