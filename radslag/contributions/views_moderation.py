"""The moderation page for one contribution: publish, hide citing a rule, or publish an edited text."""

from __future__ import annotations

from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.db.models import Q
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _

from radslag.contributions.forms import EditForm, HideForm
from radslag.contributions.models import Contribution
from radslag.contributions.querysets import moderation_queue
from radslag.contributions.services import hide_contribution, publish_contribution, publish_edited
from radslag.core.access import requires_capability
from radslag.core.errors import DomainError
from radslag.core.permissions import Capability
from radslag.dialogues.access import process_for

ACTIONS = ("publish", "hide", "edit")


def _back_to_queue(request: HttpRequest, contribution: Contribution, following: int | None) -> HttpResponseRedirect:
    """Back to the queue where the moderator was: same filter and page, scrolled to the next item, which
    takes focus (its tabindex=-1 makes it a target; moderation.js moves focus where a browser does not)."""
    url = reverse("contributions:moderation_queue", kwargs={"pk": contribution.process_id})
    query = {}
    status = request.POST.get("status", "")
    if status in Contribution.Status.values:
        query["status"] = status
    page = request.POST.get("page", "")
    if page.isdigit() and page != "1":
        query["page"] = page
    if query:
        url = f"{url}?{urlencode(query)}"
    if following is not None:
        url = f"{url}#item-{following}"
    return HttpResponseRedirect(url)


def next_in_queue(contribution: Contribution, status: str) -> int | None:
    """The item after `contribution` in the queue as the moderator sees it (else the one before it)."""
    queue = moderation_queue(contribution.process, status if status in Contribution.Status.values else "")
    own_order = 0 if contribution.status == Contribution.Status.PENDING else 1
    after = (
        Q(queue_order__gt=own_order)
        | Q(queue_order=own_order, created_at__lt=contribution.created_at)
        | Q(queue_order=own_order, created_at=contribution.created_at, pk__lt=contribution.pk)
    )
    following = queue.filter(after).exclude(pk=contribution.pk).values_list("pk", flat=True).first()
    if following is None:
        following = queue.exclude(after).exclude(pk=contribution.pk).reverse().values_list("pk", flat=True).first()
    return following


def _apply(request: HttpRequest, contribution: Contribution, action: str, form: forms.Form | None) -> str:
    """Run the chosen action; returns the message to show. Raises DomainError when refused."""
    if action == "publish" or form is None:
        publish_contribution(contribution=contribution, moderator=request.user, note=request.POST.get("note", ""))
        return _("The contribution was published.")
    data = form.cleaned_data
    if action == "hide":
        hide_contribution(contribution=contribution, moderator=request.user, rule=data["rule"], note=data["note"],
                          site_url=request.build_absolute_uri("/").rstrip("/"))
        return _("The contribution was hidden. It is kept as a record.")
    publish_edited(
        contribution=contribution, moderator=request.user, published_body=data["published_body"], note=data["note"]
    )
    return _("The edited text was published. The original is kept unchanged.")


@requires_capability(Capability.CONTRIBUTIONS_MODERATE)
def moderate(request: HttpRequest, pk: int, contribution_pk: int) -> HttpResponse:
    process = process_for(request, pk, Capability.CONTRIBUTIONS_MODERATE)
    contribution = get_object_or_404(
        Contribution.objects.select_related("process", "activity", "table", "locality"), pk=contribution_pk,
        process=process,
    )
    action = request.POST.get("action", "") if request.method == "POST" else ""
    hide_form = HideForm(request.POST if action == "hide" else None, process=process, prefix="hide")
    edit_form = EditForm(
        request.POST if action == "edit" else None, prefix="edit",
        initial={"published_body": contribution.public_text},
    )
    chosen = {"hide": hide_form, "edit": edit_form}.get(action)
    if action in ACTIONS and (chosen is None or chosen.is_valid()):
        following = next_in_queue(contribution, request.POST.get("status", ""))
        try:
            messages.success(request, _apply(request, contribution, action, chosen))
        except DomainError as error:
            (chosen or hide_form).add_error(None, error.message)
        else:
            return _back_to_queue(request, contribution, following)
    context = {
        "process": process, "contribution": contribution, "hide_form": hide_form, "edit_form": edit_form,
        "failed_form": chosen if chosen is not None and chosen.errors else None,
        "status": request.POST.get("status", request.GET.get("status", "")),
        "page_number": request.POST.get("page", request.GET.get("page", "")),
    }
    return render(request, "contributions/staff/moderate.html", context)
