"""Staff pages: the queue (with what is overdue), one proposal's handling, and the rules."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from radslag.core.access import requires_capability
from radslag.core.errors import DomainError
from radslag.core.permissions import Capability
from radslag.proposals import services
from radslag.proposals.forms import AnswerForm, AssignForm, ProgressForm, RefuseForm, RulesForm
from radslag.proposals.models import Proposal
from radslag.proposals.rules import current_rules

HANDLE = Capability.PROPOSALS_HANDLE
Status = Proposal.Status
QUEUES = (
    (Status.SUBMITTED, "to_check"), (Status.THRESHOLD_REACHED, "to_assign"), (Status.ASSIGNED, "assigned"),
    (Status.HANDLING, "handling"), (Status.PERIOD_ENDED, "to_answer"),
)


def _org(request: HttpRequest) -> Any:
    return request.organisation  # type: ignore[attr-defined]


def _proposal(request: HttpRequest, pk: int) -> Proposal:
    return get_object_or_404(Proposal.objects.select_related("rules", "committee", "decision"), pk=pk,
                             organisation=_org(request))


@requires_capability(HANDLE)
def queue(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    waiting = list(Proposal.objects.filter(organisation=_org(request), status__in=[s for s, _k in QUEUES])
                   .select_related("committee").order_by("answer_due", "submitted_at"))
    groups = [(Status(status).label, [p for p in waiting if p.status == status]) for status, _key in QUEUES]
    overdue = [p for p in waiting if p.is_overdue(at=now)]
    return render(request, "proposals/staff/queue.html", {"groups": groups, "overdue": overdue, "now": now})


@requires_capability(HANDLE)
def proposal(request: HttpRequest, pk: int) -> HttpResponse:
    item = _proposal(request, pk)
    return render(request, "proposals/staff/proposal.html", _forms(request, item))


def _forms(request: HttpRequest, item: Proposal, **bound: Any) -> dict[str, Any]:
    organisation = _org(request)
    return {
        "proposal": item, "now": timezone.now(),
        "refuse_form": bound.get("refuse") or RefuseForm(rules=item.rules),
        "assign_form": bound.get("assign") or AssignForm(organisation=organisation),
        "answer_form": bound.get("answer") or AnswerForm(organisation=organisation),
        "progress_form": bound.get("progress") or ProgressForm(initial={
            "outcome": item.outcome, "progress": item.progress, "progress_note": item.progress_note}),
    }


def _done(request: HttpRequest, item: Proposal, action: Any, form: Any = None, key: str = "",
          saved: str = "") -> HttpResponse:
    try:
        action()
    except DomainError as error:
        if form is None:
            messages.error(request, error.message)
            return redirect("proposals:staff_proposal", pk=item.pk)
        form.add_error(None, error.message)
        return render(request, "proposals/staff/proposal.html", _forms(request, item, **{key: form}), status=400)
    messages.success(request, saved or _("Saved. Those who follow the proposal are told."))
    return redirect("proposals:staff_proposal", pk=item.pk)


@requires_capability(HANDLE)
@require_POST
def accept(request: HttpRequest, pk: int) -> HttpResponse:
    item = _proposal(request, pk)
    return _done(request, item, lambda: services.accept_proposal(proposal=item, actor=request.user))


@requires_capability(HANDLE)
@require_POST
def refuse(request: HttpRequest, pk: int) -> HttpResponse:
    item = _proposal(request, pk)
    form = RefuseForm(request.POST, rules=item.rules)
    if not form.is_valid():
        return render(request, "proposals/staff/proposal.html", _forms(request, item, refuse=form), status=400)
    return _done(request, item, lambda: services.refuse_proposal(
        proposal=item, actor=request.user, **form.cleaned_data), form, "refuse")


@requires_capability(HANDLE)
@require_POST
def assign(request: HttpRequest, pk: int) -> HttpResponse:
    item = _proposal(request, pk)
    form = AssignForm(request.POST, organisation=_org(request))
    if not form.is_valid():
        return render(request, "proposals/staff/proposal.html", _forms(request, item, assign=form), status=400)
    return _done(request, item, lambda: services.assign_to_committee(
        proposal=item, actor=request.user, committee=form.cleaned_data["committee"]), form, "assign")


@requires_capability(HANDLE)
@require_POST
def start_handling(request: HttpRequest, pk: int) -> HttpResponse:
    item = _proposal(request, pk)
    return _done(request, item, lambda: services.start_handling(proposal=item, actor=request.user))


@requires_capability(HANDLE)
@require_POST
def answer(request: HttpRequest, pk: int) -> HttpResponse:
    item = _proposal(request, pk)
    form = AnswerForm(request.POST, organisation=_org(request))
    if not form.is_valid():
        return render(request, "proposals/staff/proposal.html", _forms(request, item, answer=form), status=400)
    return _done(request, item, lambda: services.answer_proposal(
        proposal=item, actor=request.user, **form.cleaned_data), form, "answer")


@requires_capability(HANDLE)
@require_POST
def progress(request: HttpRequest, pk: int) -> HttpResponse:
    item = _proposal(request, pk)
    form = ProgressForm(request.POST)
    if not form.is_valid():
        return render(request, "proposals/staff/proposal.html", _forms(request, item, progress=form), status=400)
    return _done(request, item, lambda: services.record_progress(
        proposal=item, actor=request.user, **form.cleaned_data), form, "progress",
        saved=_("Saved. A new outcome is told to those who follow the proposal."))


@requires_capability(Capability.ORGANISATION_CONFIGURE)
@require_http_methods(["GET", "POST"])
def rules_edit(request: HttpRequest) -> HttpResponse:
    organisation = _org(request)
    current = current_rules(organisation)
    form = RulesForm(request.POST or None, instance=current)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in RulesForm.Meta.fields}
        try:
            services.save_rules(organisation=organisation, actor=request.user, fields=fields)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The new rules apply to proposals submitted from now on."))
            return redirect("proposals:staff_rules")
    return render(request, "proposals/staff/rules.html", {"form": form, "rules": current},
                  status=400 if request.method == "POST" else 200)
