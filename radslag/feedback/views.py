"""Public pages: what happened with the input, each contribution's trail, and a person's own trail."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from radslag.contributions.models import Contribution
from radslag.dialogues.followup import answer_debts
from radslag.dialogues.timeline import today
from radslag.dialogues.views.public import organisation_of, viewable_process
from radslag.feedback.models import Answer
from radslag.feedback.trail import trail, trails
from radslag.feedback.what_happened import sections
from radslag.governance.querysets import outcome_decisions, process_roles
from radslag.messaging.models import Consent, Source
from radslag.messaging.tokens import BadToken, recipient_from_trail_token
from radslag.themes.models import Theme

PUBLIC = ("published", "closed")


def what_happened(request: HttpRequest, slug: str) -> HttpResponse:
    process = viewable_process(request, slug)
    themes = Theme.objects.filter(process=process, status=Theme.Status.ACTIVE).order_by("order", "id")
    answers = {
        a.theme_id: a for a in Answer.objects.filter(process=process, published_at__isnull=False)
        .prefetch_related("decisions__body")
    }
    roles = process_roles(process.pk)
    return render(request, "feedback/what_happened.html", {
        "process": process,
        "rows": [{"theme": theme, "answer": answers.get(theme.pk)} for theme in themes],
        "outcome": [(d, roles.get(d.pk)) for d in outcome_decisions(process.pk)],
        "debt": answer_debts([process], today()).get(process.pk),
        "answered_elsewhere": sections(process),
    })


def contribution_page(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    process = viewable_process(request, slug)
    contribution = get_object_or_404(
        Contribution.objects.select_related("process", "locality").published(), pk=pk, process=process)
    return render(request, "feedback/contribution.html", {"process": process, "trail": trail(contribution)})


def _own_trails(contributions: Any) -> list[Any]:
    return trails(contributions.select_related("process", "locality").order_by("-created_at", "-id"))


@login_required
def my_contributions(request: HttpRequest) -> HttpResponse:
    organisation = organisation_of(request)
    own = Contribution.objects.filter(organisation=organisation, author_id=request.user.pk, process__status__in=PUBLIC)
    return render(request, "feedback/my_contributions.html", {"trails": _own_trails(own), "by_token": False})


def trail_by_token(request: HttpRequest, token: str) -> HttpResponse:
    """The trail for someone without an account, from the link in their mail."""
    organisation = organisation_of(request)
    try:
        recipient = recipient_from_trail_token(token)
    except BadToken as error:
        return render(request, "feedback/trail_link_invalid.html", {"expired": error.expired}, status=400)
    if recipient.organisation_id != organisation.pk:
        raise Http404("No such trail.")
    # Input left online, and paper slips that carried this address (typed in by staff): both name the contribution.
    ids = Consent.objects.filter(
        recipient=recipient, source__in=(Source.CONTRIBUTION, Source.BULK_ENTRY),
    ).values_list("source_id", flat=True)
    own = Contribution.objects.filter(organisation=organisation, pk__in=list(ids), process__status__in=PUBLIC)
    counts = own.aggregate(
        held_back=Count("pk", filter=~Q(status=Contribution.Status.PUBLISHED)),
    )
    return render(request, "feedback/my_contributions.html", {
        "trails": _own_trails(own.published()), "by_token": True, "unpublished": counts["held_back"],
    })
