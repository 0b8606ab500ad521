"""Erasure requests and retention: the resident asks, an administrator decides and sets retention."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from radslag.audit.erasure import carry_out_erasure, erasure_plan, file_erasure_request, refuse_erasure
from radslag.audit.forms import ErasureDecisionForm, ErasureRequestForm, RetentionRuleForm
from radslag.audit.models import ErasureRequest, RetentionRule
from radslag.audit.personal_data import retainable_kinds
from radslag.audit.retention import due_count, set_retention_rule
from radslag.core.access import requires_capability
from radslag.core.errors import DomainError
from radslag.core.permissions import Capability


@login_required
@require_POST
def erasure_request_file(request: HttpRequest) -> HttpResponse:
    form = ErasureRequestForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The message is too long: at most 2,000 characters."))
        return redirect("accounts:my_data")
    try:
        file_erasure_request(organisation=request.organisation, person=request.user,  # type: ignore[attr-defined]
                             message=form.cleaned_data["message"])
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Your request for erasure has been received. You will get the decision by "
                                    "e-mail."))
    return redirect("accounts:my_data")


@requires_capability(Capability.PERSONAL_DATA_MANAGE)
def erasure_requests(request: HttpRequest) -> HttpResponse:
    requests = ErasureRequest.objects.filter(organisation=request.organisation)  # type: ignore[attr-defined]
    return render(request, "accounts/erasure_requests.html", {"requests": requests.select_related("decided_by")})


@requires_capability(Capability.PERSONAL_DATA_MANAGE)
def erasure_request_detail(request: HttpRequest, pk: int) -> HttpResponse:
    erasure_request = get_object_or_404(ErasureRequest.objects.select_related("person", "decided_by"), pk=pk,
                                        organisation=request.organisation)  # type: ignore[attr-defined]
    form = ErasureDecisionForm(request.POST or None)
    if request.method == "POST" and erasure_request.is_open and form.is_valid():
        decide = carry_out_erasure if form.cleaned_data["decision"] == form.CARRY_OUT else refuse_erasure
        try:
            decide(erasure_request=erasure_request, actor=request.user, note=form.cleaned_data["note"])
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The decision is recorded and the person has been told by e-mail."))
            return redirect("accounts:erasure_request", pk=erasure_request.pk)
    plan = erasure_plan(erasure_request) if erasure_request.is_open else []
    return render(request, "accounts/erasure_request.html", {
        "erasure_request": erasure_request, "plan": plan, "form": form,
    })


def _rule_form(kind_key: str, rule: RetentionRule | None, data: QueryDict | None = None) -> RetentionRuleForm:
    initial = {"period_days": rule.period_days, "decision_reference": rule.decision_reference,
               "decision_date": rule.decision_date} if rule else {}
    return RetentionRuleForm(data, initial=initial, prefix=kind_key.replace(".", "-"))


@requires_capability(Capability.PERSONAL_DATA_MANAGE)
def retention(request: HttpRequest) -> HttpResponse:
    organisation = request.organisation  # type: ignore[attr-defined]
    rules = {rule.kind: rule for rule in RetentionRule.objects.filter(organisation=organisation)}
    posted_kind = request.POST.get("kind", "") if request.method == "POST" else ""
    forms = {item.key: _rule_form(item.key, rules.get(item.key), request.POST if item.key == posted_kind else None)
             for item in retainable_kinds()}
    posted = forms.get(posted_kind)
    if posted is not None and posted.is_valid():
        try:
            set_retention_rule(organisation=organisation, actor=request.user, kind_key=posted_kind,
                               **posted.cleaned_data)
        except DomainError as error:
            posted.add_error(None, error.message)
        else:
            messages.success(request, _("The retention rule is saved. It is applied every night."))
            return redirect("accounts:retention")
    rows = [{"kind": item, "rule": rules.get(item.key), "form": forms[item.key],
             "due": due_count(rules[item.key]) if item.key in rules else None} for item in retainable_kinds()]
    return render(request, "accounts/retention.html", {"rows": rows})
