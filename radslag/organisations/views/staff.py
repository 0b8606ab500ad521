"""Staff pages for the municipality's own settings: accessibility statement, page feedback, localities, bodies."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from radslag.analysis import disclosure
from radslag.core.access import requires_capability
from radslag.core.permissions import Capability
from radslag.organisations.accessibility import default_statement_text
from radslag.organisations.forms import AccessibilityStatementForm, BodyForm, LocalityForm
from radslag.organisations.models import AccessibilityStatement, Body, Locality, PageFeedback
from radslag.organisations.services import save_accessibility_statement, save_configuration

LATEST_COMMENTS = 30


@requires_capability(Capability.ORGANISATION_CONFIGURE)
def accessibility_edit(request: HttpRequest) -> HttpResponse:
    organisation = request.organisation  # type: ignore[attr-defined]
    statement = AccessibilityStatement.objects.filter(organisation=organisation).first()
    initial = {} if statement else {"body": default_statement_text(organisation)}
    form = AccessibilityStatementForm(request.POST or None, instance=statement, initial=initial)
    if request.method == "POST" and form.is_valid():
        save_accessibility_statement(organisation=organisation, actor=request.user, form=form)
        messages.success(request, _("The accessibility statement has been saved."))
        return redirect("organisations:accessibility")
    return render(request, "organisations/accessibility_edit.html", {"form": form})


@requires_capability(Capability.FEEDBACK_READ)
def feedback_results(request: HttpRequest) -> HttpResponse:
    feedback = PageFeedback.objects.filter(organisation=request.organisation)  # type: ignore[attr-defined]
    counts = (
        feedback.values("path")
        .annotate(yes=Count("id", filter=Q(helpful=True)), no=Count("id", filter=Q(helpful=False)),
                  total=Count("id"))
        .order_by("-total", "path")[:200]
    )
    pages = [{**page, "yes_share": disclosure.percent(page["yes"], page["total"])} for page in counts]  # staff: exact
    comments = feedback.exclude(comment="").order_by("-created_at")[:LATEST_COMMENTS]
    return render(request, "organisations/feedback_results.html", {"pages": pages, "comments": comments})


def edit_configuration(
    request: HttpRequest, *, model: type[Any], form_class: type[Any], kind: str, pk: int | None
) -> HttpResponse:
    """One list-and-form page for localities and bodies: the list beside an add or edit form."""
    organisation = request.organisation  # type: ignore[attr-defined]
    instance = get_object_or_404(model, pk=pk, organisation=organisation) if pk is not None else None
    form = form_class(request.POST or None, instance=instance, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        saved = save_configuration(organisation=organisation, actor=request.user, form=form, kind=kind)
        messages.success(request, _("“%(name)s” has been saved.") % {"name": saved})
        return redirect(f"organisations:{kind}_list")
    return render(request, f"organisations/{kind}_list.html", {
        "form": form,
        "editing": instance,
        "objects": model.objects.filter(organisation=organisation),
    })


@requires_capability(Capability.ORGANISATION_CONFIGURE)
def locality_list(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    return edit_configuration(request, model=Locality, form_class=LocalityForm, kind="locality", pk=pk)


@requires_capability(Capability.ORGANISATION_CONFIGURE)
def body_list(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    return edit_configuration(request, model=Body, form_class=BodyForm, kind="body", pk=pk)
