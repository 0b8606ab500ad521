"""Staff pages for a process's phases, activities, tables and registrations."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db.models import Max
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from radslag.core.access import requires_capability
from radslag.core.errors import DomainError
from radslag.core.permissions import Capability
from radslag.dialogues import querysets, services
from radslag.dialogues.access import process_for
from radslag.dialogues.forms import ActivityForm, CancelActivityForm, PhaseForm, TableForm
from radslag.dialogues.models import Activity, Phase, Table
from radslag.dialogues.views.registration import site_url


@requires_capability(Capability.PROCESS_MANAGE)
@require_http_methods(["GET", "POST"])
def phase_list(request: HttpRequest, pk: int, phase_pk: int | None = None) -> HttpResponse:
    """The process's phases, with a form to add one (or to change the one in the address)."""
    process = process_for(request, pk, Capability.PROCESS_MANAGE)
    phase = get_object_or_404(Phase, pk=phase_pk, process=process) if phase_pk else None
    # A new phase comes after the last one; the number can still be changed.
    next_order = (process.phases.aggregate(last=Max("order"))["last"] or 0) + 1
    form = PhaseForm(request.POST or None, instance=phase, initial=None if phase else {"order": next_order})
    if request.method == "POST" and form.is_valid():
        services.save_phase(process=process, actor=request.user, fields=form.cleaned_data, phase=phase)
        messages.success(request, _("The phase is saved."))
        return redirect("dialogues:phase_list", pk=process.pk)
    return render(request, "dialogues/staff/phases.html", {
        "process": process, "phases": process.phases.all(), "form": form, "phase": phase,
    })


@requires_capability(Capability.PROCESS_MANAGE)
@require_POST
def phase_delete(request: HttpRequest, pk: int, phase_pk: int) -> HttpResponse:
    process = process_for(request, pk, Capability.PROCESS_MANAGE)
    phase = get_object_or_404(Phase, pk=phase_pk, process=process)
    services.delete_phase(phase=phase, actor=request.user)
    messages.success(request, _("The phase is deleted."))
    return redirect("dialogues:phase_list", pk=process.pk)


@requires_capability(Capability.PROCESS_MANAGE)
def activity_list(request: HttpRequest, pk: int) -> HttpResponse:
    process = process_for(request, pk, Capability.PROCESS_MANAGE)
    activities = querysets.activities_with_counts().filter(process=process)
    return render(request, "dialogues/staff/activities.html", {"process": process, "activities": activities})


@requires_capability(Capability.PROCESS_MANAGE)
@require_http_methods(["GET", "POST"])
def activity_edit(request: HttpRequest, pk: int, activity_pk: int | None = None) -> HttpResponse:
    """Create an activity, or change one and see its tables, registrations and waiting list."""
    process = process_for(request, pk, Capability.PROCESS_MANAGE)
    activity = get_object_or_404(Activity, pk=activity_pk, process=process) if activity_pk else None
    form = ActivityForm(request.POST or None, instance=activity, process=process)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.save_activity(process=process, actor=request.user, fields=form.cleaned_data,
                                           activity=activity, site_url=site_url(request))
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The activity is saved."))
            return redirect("dialogues:activity_edit", pk=process.pk, activity_pk=saved.pk)
    context: dict[str, Any] = {"process": process, "activity": activity, "form": form}
    if activity is not None:
        context["cancel_form"] = CancelActivityForm()
        context["can_cancel"] = activity.cancelled_at is None and activity.ends_at > timezone.now()
        context["tables"] = activity.tables.select_related("host")
        context["registrations"] = activity.registrations.exclude(status="cancelled")
    return render(request, "dialogues/staff/activity_form.html", context)


@requires_capability(Capability.PROCESS_MANAGE)
@require_POST
def activity_cancel(request: HttpRequest, pk: int, activity_pk: int) -> HttpResponse:
    """Call the activity off and tell everyone registered; the reason is required."""
    process = process_for(request, pk, Capability.PROCESS_MANAGE)
    activity = get_object_or_404(Activity, pk=activity_pk, process=process)
    form = CancelActivityForm(request.POST)
    try:
        if not form.is_valid():
            raise DomainError(_("Say why the activity is cancelled: the people registered will read it."))
        told = services.cancel_activity(activity=activity, actor=request.user, reason=form.cleaned_data["reason"],
                                        site_url=site_url(request))
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, ngettext(
            "The activity is cancelled. %(count)d registered person is told by e-mail.",
            "The activity is cancelled. %(count)d registered people are told by e-mail.", told) % {"count": told})
    return redirect("dialogues:activity_edit", pk=process.pk, activity_pk=activity.pk)


@requires_capability(Capability.PROCESS_MANAGE)
@require_http_methods(["GET", "POST"])
def table_edit(request: HttpRequest, pk: int, activity_pk: int, table_pk: int | None = None) -> HttpResponse:
    process = process_for(request, pk, Capability.PROCESS_MANAGE)
    activity = get_object_or_404(Activity, pk=activity_pk, process=process)
    table = get_object_or_404(Table, pk=table_pk, activity=activity) if table_pk else None
    form = TableForm(request.POST or None, instance=table, activity=activity)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_table(activity=activity, actor=request.user, fields=form.cleaned_data, table=table)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The table is saved."))
            return redirect("dialogues:activity_edit", pk=process.pk, activity_pk=activity.pk)
    return render(request, "dialogues/staff/table_form.html", {
        "process": process, "activity": activity, "table": table, "form": form,
    })
