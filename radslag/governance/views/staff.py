"""Staff edit decisions; administrators edit the vision, the strategic plan and its focus areas."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from radslag.core.access import requires_capability
from radslag.core.permissions import Capability
from radslag.governance.forms import BodyMeetingForm, DecisionForm, FocusAreaForm, StrategicPlanForm, VisionForm
from radslag.governance.models import BodyMeeting, Decision, FocusArea, StrategicPlan, Vision
from radslag.governance.querysets import upcoming_meetings
from radslag.governance.services import record_decision, remove_meeting, save_direction, save_meeting


@requires_capability(Capability.DECISIONS_MANAGE)
def decision_admin_list(request: HttpRequest) -> HttpResponse:
    decisions = Decision.objects.filter(organisation=request.organisation).select_related("body")  # type: ignore[attr-defined]
    page = Paginator(decisions, 50).get_page(request.GET.get("sida"))
    return render(request, "governance/staff/decision_list.html", {"page": page})


@requires_capability(Capability.DECISIONS_MANAGE)
def decision_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    organisation = request.organisation  # type: ignore[attr-defined]
    decision = get_object_or_404(Decision, pk=pk, organisation=organisation) if pk is not None else None
    form = DecisionForm(request.POST or None, instance=decision, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        saved = record_decision(organisation=organisation, actor=request.user, form=form,
                                links_to=form.chosen_links())
        messages.success(request, _("The decision has been saved."))
        return redirect("governance:decision_detail", pk=saved.pk)
    return render(request, "governance/staff/decision_form.html", {"form": form, "decision": decision})


def edit_latest(
    request: HttpRequest, *, model: type[Any], form_class: type[Any], kind: str, title: str
) -> HttpResponse:
    """Edit the municipality's current vision or plan, or create the first one."""
    organisation = request.organisation  # type: ignore[attr-defined]
    instance = model.objects.filter(organisation=organisation).order_by("-created_at").first()
    form = form_class(request.POST or None, instance=instance, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        save_direction(organisation=organisation, actor=request.user, form=form, kind=kind)
        messages.success(request, _("Saved."))
        return redirect("governance:overview")
    return render(request, "governance/staff/direction_form.html", {"form": form, "title": title})


@requires_capability(Capability.GOVERNANCE_MANAGE)
def vision_edit(request: HttpRequest) -> HttpResponse:
    return edit_latest(request, model=Vision, form_class=VisionForm, kind="vision", title=_("Edit the vision"))


@requires_capability(Capability.GOVERNANCE_MANAGE)
def plan_edit(request: HttpRequest) -> HttpResponse:
    return edit_latest(request, model=StrategicPlan, form_class=StrategicPlanForm, kind="plan",
                       title=_("Edit the strategic plan"))


@requires_capability(Capability.GOVERNANCE_MANAGE)
def focus_area_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    organisation = request.organisation  # type: ignore[attr-defined]
    area = get_object_or_404(FocusArea, pk=pk, organisation=organisation) if pk is not None else None
    form = FocusAreaForm(request.POST or None, instance=area, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        save_direction(organisation=organisation, actor=request.user, form=form, kind="focus_area")
        messages.success(request, _("The focus area has been saved."))
        return redirect("governance:focus_area_admin")
    areas = FocusArea.objects.filter(organisation=organisation).select_related("plan")
    return render(request, "governance/staff/focus_areas.html", {"form": form, "editing": area, "areas": areas})


@requires_capability(Capability.DECISIONS_MANAGE)
def meetings(request: HttpRequest) -> HttpResponse:
    """The coming meetings of the deciding bodies, and a form to add one."""
    organisation = request.organisation  # type: ignore[attr-defined]
    form = BodyMeetingForm(request.POST or None, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        save_meeting(organisation=organisation, actor=request.user, form=form)
        messages.success(request, _("The meeting has been added."))
        return redirect("governance:meetings")
    return render(request, "governance/staff/meetings.html", {
        "form": form, "meetings": upcoming_meetings(organisation.pk, timezone.localdate())})


@requires_capability(Capability.DECISIONS_MANAGE)
@require_POST
def meeting_remove(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = request.organisation  # type: ignore[attr-defined]
    meeting = get_object_or_404(BodyMeeting, pk=pk, organisation=organisation)
    remove_meeting(organisation=organisation, actor=request.user, meeting=meeting)
    messages.success(request, _("The meeting has been removed."))
    return redirect("governance:meetings")
