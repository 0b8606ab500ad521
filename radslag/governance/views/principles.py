"""The principles for dialogue: the version in force, earlier versions, and the administrator's edit."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from radslag.core.access import requires_capability
from radslag.core.errors import DomainError
from radslag.core.permissions import Capability
from radslag.governance import principles as service
from radslag.governance.forms import PrinciplesForm
from radslag.governance.models import DialoguePrinciples


def _versions(request: HttpRequest) -> list[DialoguePrinciples]:
    return list(DialoguePrinciples.objects.filter(organisation=request.organisation)  # type: ignore[attr-defined]
                .only("number", "title", "published_at", "change_note", "organisation"))


def principles(request: HttpRequest) -> HttpResponse:
    shown = service.current(request.organisation)  # type: ignore[attr-defined]
    return render(request, "governance/principles.html", {
        "version": shown, "versions": _versions(request), "is_current": True})


def principles_version(request: HttpRequest, number: int) -> HttpResponse:
    version = get_object_or_404(DialoguePrinciples, organisation=request.organisation,  # type: ignore[attr-defined]
                                number=number)
    current = service.current(request.organisation)  # type: ignore[attr-defined]
    return render(request, "governance/principles.html", {
        "version": version, "versions": _versions(request),
        "is_current": current is not None and current.pk == version.pk, "current": current})


@requires_capability(Capability.GOVERNANCE_MANAGE)
@require_http_methods(["GET", "POST"])
def principles_edit(request: HttpRequest) -> HttpResponse:
    organisation = request.organisation  # type: ignore[attr-defined]
    latest = DialoguePrinciples.objects.filter(organisation=organisation).order_by("-number").first()
    initial = {name: getattr(latest, name) for name in service.TEXT_FIELDS} if latest else {}
    form = PrinciplesForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            version = service.publish_principles(organisation=organisation, actor=request.user, fields=data,
                                                 change_note=data["change_note"])
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Version %(number)d of the principles is published.")
                             % {"number": version.number})
            return redirect("governance:principles")
    return render(request, "governance/staff/principles_form.html", {"form": form, "latest": latest},
                  status=400 if request.method == "POST" else 200)
