"""Public pages: sending a contribution online and reading the published ones."""

from __future__ import annotations

from contextlib import AbstractContextManager, nullcontext

from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language

from radslag.contributions.forms import ContributionForm, PublicFilterForm
from radslag.contributions.models import Contribution
from radslag.contributions.permissions import accepts_contributions
from radslag.contributions.querysets import CountingPaginator, SeekingPaginator, public_contributions
from radslag.contributions.representativeness import public_summary, suppress_small
from radslag.contributions.search import one_worker_per_search, query_words, search_contributions
from radslag.contributions.services import submit_contribution
from radslag.core.errors import DomainError
from radslag.core.throttle import throttled
from radslag.dialogues.models import DialogueProcess
from radslag.dialogues.permissions import can_view_process

PAGE_SIZE = 25
RECEIPT_SESSION_KEY = "contributions_receipt"


def _public_process(request: HttpRequest, slug: str) -> DialogueProcess:
    process = get_object_or_404(
        DialogueProcess.objects.select_related("organisation"),
        organisation=request.organisation,  # type: ignore[attr-defined]
        slug=slug,
    )
    if not can_view_process(request.user, process):
        raise Http404
    return process


def contribute(request: HttpRequest, slug: str) -> HttpResponse:
    process = _public_process(request, slug)
    if not accepts_contributions(process):
        return render(request, "contributions/closed.html", {"process": process}, status=403)
    if not process.allows_anonymous and not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if request.method == "POST" and (refusal := throttled(request, "contribution")):
        return refusal
    form = ContributionForm(request.POST or None, process=process, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            contribution = submit_contribution(
                process=process, author=request.user, body=form.cleaned_data["body"],
                focus_areas=form.cleaned_data["focus_areas"], profile=form.profile(),
                tell_me=form.tell_me_address(), language=get_language() or "sv",
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            request.session[RECEIPT_SESSION_KEY] = contribution.pk
            return redirect("contributions:receipt", slug=process.slug)
    return render(request, "contributions/contribute.html", {"process": process, "form": form})


def receipt(request: HttpRequest, slug: str) -> HttpResponse:
    process = _public_process(request, slug)
    receipt_pk = request.session.get(RECEIPT_SESSION_KEY)
    contribution = None if receipt_pk is None else Contribution.objects.filter(pk=receipt_pk, process=process).first()
    if contribution is None:
        return redirect("contributions:contribute", slug=process.slug)
    return render(request, "contributions/receipt.html", {"process": process, "contribution": contribution})


def process_contributions(request: HttpRequest, slug: str) -> HttpResponse:
    process = _public_process(request, slug)
    form = PublicFilterForm(request.GET or None, process=process)
    contributions = public_contributions(process)
    paginator_class: type[SeekingPaginator] = SeekingPaginator
    reading: AbstractContextManager[None] = nullcontext()
    if form.is_valid():
        data = form.cleaned_data
        if data["channel"]:
            contributions = contributions.filter(channel=data["channel"])
        if data["locality"]:
            contributions = contributions.filter(locality=data["locality"])
        if query_words(data["q"]):
            contributions = search_contributions(contributions, data["q"])
            paginator_class, reading = CountingPaginator, one_worker_per_search()
    with reading:
        page = paginator_class(contributions, PAGE_SIZE).get_page(request.GET.get("page"))
    summary = public_summary(process)
    context = {
        "process": process,
        "form": form,
        "page": page,
        "searching": bool(form.is_valid() and any(form.cleaned_data.values())),
        "taken_part": [suppress_small(breakdown) for breakdown in summary.comparisons],
        # Only the suppressed breakdowns and these facts reach the public template.
        "taken_part_total": summary.total,
        "adults_only": summary.adults_only,
        "population_year": summary.population_year,
        "accepts_contributions": accepts_contributions(process),
    }
    return render(request, "contributions/process_contributions.html", context)
