"""Public proposal pages: the list, one proposal, writing one, supporting, the rules, the figures, the feed."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from radslag.core.access import has_capability
from radslag.core.errors import DomainError
from radslag.core.permissions import Capability
from radslag.core.statements import parse_key
from radslag.dialogues.views.public import organisation_of
from radslag.governance.models import FocusArea
from radslag.organisations.models import Body, Locality
from radslag.proposals import services
from radslag.proposals.figures import statistics_for, supporter_breakdown
from radslag.proposals.forms import ProposalForm, SupportForm, UpdateForm
from radslag.proposals.models import Proposal, Support
from radslag.proposals.open_data import proposal_lines
from radslag.proposals.queries import SORTS, STATUS_GROUPS, ListQuery, public_list
from radslag.proposals.rules import current_rules, person_key, population_of, threshold_for
from radslag.proposals.search import similar_proposals

PAGE_SIZE = 20
COMMITTEE_KINDS = (Body.Kind.COMMITTEE, Body.Kind.EXECUTIVE_BOARD, Body.Kind.COUNCIL)


def _int(value: str | None) -> int | None:
    """A filter's id from the query string; anything else (text, a number too large for an id) is no filter."""
    return parse_key(value) or None


def proposal_list(request: HttpRequest) -> HttpResponse:
    organisation = organisation_of(request)
    spec = ListQuery(query=request.GET.get("q", "")[:200], status=request.GET.get("status", ""),
                     focus_area=_int(request.GET.get("focus_area")), locality=_int(request.GET.get("locality")),
                     committee=_int(request.GET.get("committee")), sort=request.GET.get("sort", "supported"))
    page = Paginator(public_list(organisation, spec, now=timezone.now()), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "proposals/list.html", {
        "page": page, "spec": spec, "sorts": SORTS, "statuses": STATUS_GROUPS, "now": timezone.now(),
        "focus_areas": FocusArea.objects.filter(organisation=organisation),
        "localities": Locality.objects.filter(organisation=organisation),
        "committees": Body.objects.filter(organisation=organisation, kind__in=COMMITTEE_KINDS),
        "query_string": _without_page(request),
    })


def _without_page(request: HttpRequest) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


def _viewable(request: HttpRequest, pk: int) -> Proposal:
    """A public proposal, or one not yet public to its proposer and to staff; others get a 404."""
    organisation = organisation_of(request)
    proposal = get_object_or_404(
        Proposal.objects.select_related("rules", "committee", "decision__body", "process"),
        pk=pk, organisation=organisation)
    if proposal.status in (Proposal.Status.SUBMITTED, Proposal.Status.REFUSED):
        own = request.user.is_authenticated and proposal.proposer_id == request.user.pk
        if not own and not has_capability(request.user, organisation, Capability.PROPOSALS_HANDLE):
            raise Http404
    return proposal


def proposal_detail(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = _viewable(request, pk)
    now = timezone.now()
    supports = (request.user.is_authenticated
                and Support.objects.filter(proposal=proposal, person_key=person_key(request.user)).exists())
    return render(request, "proposals/detail.html", {
        "proposal": proposal, "now": now, "days_left": proposal.days_left(at=now),
        "open": proposal.is_open_for_support(at=now), "overdue": proposal.is_overdue(at=now), "supports": supports,
        "is_proposer": request.user.is_authenticated and proposal.proposer_id == request.user.pk,
        "support_form": SupportForm(), "update_form": UpdateForm(), "updates": proposal.updates.all(),
        "breakdown": supporter_breakdown(proposal) if proposal.support_count else [],
        "focus_areas": proposal.focus_areas.all(), "localities": proposal.localities.all(),
    })


@login_required
@require_http_methods(["GET", "POST"])
def proposal_create(request: HttpRequest) -> HttpResponse:
    organisation = organisation_of(request)
    rules = current_rules(organisation)
    form = ProposalForm(request.POST or None, organisation=organisation, rules=rules)
    similar: list[Proposal] = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        similar = similar_proposals(organisation, f"{data['title']} {data['text']}")
        if request.POST.get("action") != "similar":
            try:
                proposal = services.submit_proposal(
                    organisation=organisation, user=request.user, title=data["title"], text=data["text"],
                    show_name=data["show_name"], tie=data["tie"], process=data["process"],
                    focus_areas=data["focus_areas"], localities=data["localities"])
            except DomainError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("Thank you. Your proposal is submitted; staff check it against the "
                                            "rules, and you get a mail when it is accepted."))
                return redirect("proposals:detail", pk=proposal.pk)
    status = 400 if request.method == "POST" and form.errors else 200
    return render(request, "proposals/create.html", {"form": form, "rules": rules, "similar": similar,
                                                     "checked_similar": request.method == "POST"}, status=status)


def similar(request: HttpRequest) -> HttpResponse:
    """The similar proposals for a draft, as a fragment for the writing page's script."""
    text = request.GET.get("q", "")[:2000]
    found = similar_proposals(organisation_of(request), text) if len(text) >= 3 else []
    return render(request, "proposals/similar.html", {"similar": found, "checked_similar": bool(text)})


def _after_action(request: HttpRequest, pk: int, action: Any, done: str,
                  passing: type[Exception] | None = None) -> HttpResponse:
    """Runs `action`, tells the outcome and goes back to the proposal; `passing` errors are raised on."""
    try:
        action()
    except DomainError as error:
        if passing is not None and isinstance(error, passing):
            raise
        messages.error(request, error.message)
    else:
        messages.success(request, done)
    return redirect("proposals:detail", pk=pk)


@login_required
@require_POST
def support(request: HttpRequest, pk: int) -> HttpResponse:
    """Supports the proposal; with `Accept: application/json` (the page's script, scripts) the answer is JSON:
    201 with the new count, or 409 with the reason in Swedish. An id that names no public proposal of this
    municipality is a 404 either way."""
    # The service checks the tie against the rules; a form object would only copy its fields per request.
    posted = request.POST
    tie = posted.get("tie", Support.Tie.RESIDENT)
    organisation = organisation_of(request)

    def give() -> int:
        return services.support_proposal(organisation=organisation, proposal_id=pk, user=request.user, tie=tie,
                                         wants_news=posted.get("wants_news") in ("on", "true", "1"))

    try:
        if request.headers.get("Accept") == "application/json":
            try:
                count = give()
            except services.ProposalNotFoundError:
                raise
            except DomainError as error:
                return JsonResponse({"error": error.message}, status=409)
            return JsonResponse({"supported": True, "support_count": count}, status=201)
        return _after_action(request, pk, give, _("Thank you for your support."),
                             passing=services.ProposalNotFoundError)
    except services.ProposalNotFoundError:
        raise Http404 from None


@login_required
@require_POST
def withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = organisation_of(request)
    if not Proposal.objects.filter(pk=pk, organisation=organisation).exists():
        raise Http404
    return _after_action(request, pk, lambda: services.withdraw_support(
        organisation=organisation, proposal_id=pk, user=request.user), _("Your support is withdrawn."))


@login_required
@require_POST
def post_update(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = _viewable(request, pk)
    form = UpdateForm(request.POST)
    text = form.data.get("text", "")
    return _after_action(request, pk, lambda: services.post_update(proposal=proposal, user=request.user, text=text),
                         _("The update is published and sent to the supporters who asked."))


@login_required
def my_proposals(request: HttpRequest) -> HttpResponse:
    organisation = organisation_of(request)
    own = Proposal.objects.filter(organisation=organisation, proposer_id=request.user.pk)
    supported = Proposal.objects.filter(Q(supports__user_id=request.user.pk), organisation=organisation).distinct()
    return render(request, "proposals/mine.html", {"own": own, "supported": supported})


def rules_page(request: HttpRequest) -> HttpResponse:
    organisation = organisation_of(request)
    rules = current_rules(organisation)
    return render(request, "proposals/rules.html", {
        "rules": rules, "threshold": threshold_for(rules), "population": population_of(organisation)})


def statistics_page(request: HttpRequest) -> HttpResponse:
    return render(request, "proposals/statistics.html",
                  {"stats": statistics_for(organisation_of(request), now=timezone.now())})


def open_data(request: HttpRequest) -> StreamingHttpResponse:
    """Every public proposal and answer as CSV, for anyone to reuse."""
    response = StreamingHttpResponse(proposal_lines(organisation_of(request)), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="forslag.csv"'
    return response
