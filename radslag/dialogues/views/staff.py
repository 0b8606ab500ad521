"""Staff pages for planning a process: its mandate, publication, and "what has happened" updates."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from radslag.core.access import requires_capability
from radslag.core.errors import DomainError
from radslag.core.permissions import Capability
from radslag.dialogues import querysets, services
from radslag.dialogues.access import process_for
from radslag.dialogues.followup import answer_debts
from radslag.dialogues.forms import ProcessForm, UpdateForm
from radslag.dialogues.models import DialogueProcess, ProcessUpdate
from radslag.dialogues.timeline import today


@requires_capability(Capability.STAFF_PAGES)
def staff_home(request: HttpRequest) -> HttpResponse:
    processes = list(querysets.staff_processes(request.organisation))  # type: ignore[attr-defined]
    debts = answer_debts(processes, today())
    rows = [(process, debts.get(process.pk)) for process in processes]
    return render(request, "dialogues/staff/home.html", {
        "processes": rows,
        "owing": [(process, debt) for process, debt in rows if debt is not None and debt.owes],
    })


def address_prefix(request: HttpRequest) -> str:
    """The start of a process page's address, shown before the short name as it is typed."""
    return request.build_absolute_uri(reverse("dialogues:process_detail", kwargs={"slug": "x"})).removesuffix("x/")


@requires_capability(Capability.PROCESS_MANAGE)
@require_http_methods(["GET", "POST"])
def process_create(request: HttpRequest) -> HttpResponse:
    organisation = request.organisation  # type: ignore[attr-defined]
    form = ProcessForm(request.POST or None, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        process = services.create_process(organisation=organisation, actor=request.user, fields=form.cleaned_data)
        messages.success(request, _("The process is saved as a draft."))
        return redirect("dialogues:process_edit", pk=process.pk)
    return render(request, "dialogues/staff/process_form.html",
                  {"form": form, "process": None, "address_prefix": address_prefix(request)})


def _edit_page(request: HttpRequest, process: DialogueProcess, form: ProcessForm, **extra: Any) -> HttpResponse:
    context = {"form": form, "process": process, "missing": services.missing_labels(process),
               "address_prefix": address_prefix(request), **extra}
    return render(request, "dialogues/staff/process_form.html", context)


@requires_capability(Capability.PROCESS_MANAGE)
@require_http_methods(["GET", "POST"])
def process_edit(request: HttpRequest, pk: int) -> HttpResponse:
    process = process_for(request, pk, Capability.PROCESS_MANAGE)
    form = ProcessForm(request.POST or None, instance=process, organisation=process.organisation)
    if request.method == "POST" and form.is_valid():
        services.update_process(process=process, actor=request.user, fields=form.cleaned_data)
        messages.success(request, _("The changes are saved."))
        return redirect("dialogues:process_edit", pk=process.pk)
    return _edit_page(request, process, form)


@requires_capability(Capability.PROCESS_MANAGE)
@require_POST
def process_publish(request: HttpRequest, pk: int) -> HttpResponse:
    process = process_for(request, pk, Capability.PROCESS_MANAGE)
    try:
        services.publish_process(process=process, actor=request.user)
    except DomainError as error:
        form = ProcessForm(instance=process, organisation=process.organisation)
        return _edit_page(request, process, form, publish_error=error)
    messages.success(request, _("The process is published."))
    return redirect("dialogues:process_edit", pk=process.pk)


@requires_capability(Capability.PROCESS_MANAGE)
@require_POST
def process_close(request: HttpRequest, pk: int) -> HttpResponse:
    process = process_for(request, pk, Capability.PROCESS_MANAGE)
    try:
        services.close_process(process=process, actor=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The process is closed. It stays public but takes no more input."))
    return redirect("dialogues:process_edit", pk=process.pk)


@requires_capability(Capability.PROCESS_MANAGE)
@require_http_methods(["GET", "POST"])
def update_edit(request: HttpRequest, pk: int, update_pk: int | None = None) -> HttpResponse:
    """Post an update, or correct a published one (the public page then marks it as edited and the
    audit log keeps the old text)."""
    process = process_for(request, pk, Capability.PROCESS_MANAGE)
    update = get_object_or_404(ProcessUpdate, pk=update_pk, process=process) if update_pk else None
    form = UpdateForm(request.POST or None, instance=update, process=process)
    if request.method == "POST" and form.is_valid():
        try:
            if update is None:
                services.post_update(process=process, actor=request.user, fields=form.cleaned_data)
            else:
                services.edit_update(update=update, actor=request.user, fields=form.cleaned_data)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            if update is None:
                messages.success(request, _("The update is published on the process page."))
                return redirect("dialogues:process_edit", pk=process.pk)
            messages.success(request, _("The update is corrected. The process page marks it as edited."))
            return redirect("dialogues:update_create", pk=process.pk)
    return render(request, "dialogues/staff/update_form.html",
                  {"form": form, "process": process, "updates": process.updates.all(), "editing": update})
