"""The panel's public page (join, leave) and the staff page (settings, make-up, invitation mailings)."""

from __future__ import annotations

import csv
import io
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from radslag.analysis.safe_text import spreadsheet_row
from radslag.core.access import requires_capability
from radslag.core.errors import DomainError
from radslag.core.permissions import Capability
from radslag.panels import services
from radslag.panels.forms import InvitationForm, JoinForm, PanelForm
from radslag.panels.make_up import make_up
from radslag.panels.models import InvitationBatch, Panel, PanelMember


def _panel(request: HttpRequest) -> Panel | None:
    return Panel.objects.filter(organisation=request.organisation).first()  # type: ignore[attr-defined]


def _membership(panel: Panel, user: Any) -> PanelMember | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return panel.members.active().filter(user=user).first()


@require_http_methods(["GET", "POST"])
def panel_page(request: HttpRequest) -> HttpResponse:
    panel = _panel(request)
    if panel is None:
        raise Http404
    member = _membership(panel, request.user)
    initial = {"age_band": getattr(request.user, "age_band", ""), "sex": getattr(request.user, "sex", ""),
               "locality": getattr(request.user, "locality", None)}
    form = JoinForm(request.POST or None, organisation=panel.organisation, initial=initial)
    if request.method == "POST" and request.POST.get("action") == "leave":
        if member is not None:
            try:
                services.leave_panel(member=member, actor=request.user)
            except DomainError as error:  # e.g. a second click that arrived while the first was saved
                messages.info(request, error.message)
            else:
                messages.success(request, _("You have left the panel. Your answers about yourself are removed."))
        return redirect("panels:panel")
    if request.method == "POST" and member is not None:
        return redirect("panels:panel")  # already a member: the page says so
    if request.method == "POST" and form.is_valid():
        try:
            services.join_panel(panel=panel, user=request.user, **form.cleaned_data)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Welcome to the panel! You will get the surveys by e-mail."))
            return redirect("panels:panel")
    status = 400 if request.method == "POST" else 200
    return render(request, "panels/panel.html", {"panel": panel, "member": member, "form": form}, status=status)


def _staff_page(request: HttpRequest, panel: Panel | None, form: PanelForm,
                invitation_form: InvitationForm | None = None, status: int = 200) -> HttpResponse:
    context: dict[str, object] = {"panel": panel, "form": form}
    if panel is not None:
        context.update(
            members=panel.members.active().count(), left=panel.members.filter(left_at__isnull=False).count(),
            tables=make_up(panel), batches=panel.invitation_batches.all(),
            invitation_form=invitation_form or InvitationForm(),
        )
    return render(request, "panels/staff/overview.html", context, status=status)


@requires_capability(Capability.PANEL_MANAGE)
@require_http_methods(["GET", "POST"])
def staff(request: HttpRequest) -> HttpResponse:
    panel = _panel(request)
    form = PanelForm(request.POST or None, instance=panel)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_panel(organisation=request.organisation, actor=request.user,  # type: ignore[attr-defined]
                                fields=form.cleaned_data, panel=panel)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The panel is saved."))
            return redirect("panels:staff")
    return _staff_page(request, panel, form, status=400 if request.method == "POST" else 200)


@requires_capability(Capability.PANEL_MANAGE)
@require_POST
def create_invitations(request: HttpRequest) -> HttpResponse:
    panel = _panel(request)
    if panel is None:
        raise Http404
    form = InvitationForm(request.POST)
    if form.is_valid():
        try:
            services.create_invitations(panel=panel, user=request.user, **form.cleaned_data)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The codes are ready. Download the file for the letters below."))
            return redirect("panels:staff")
    return _staff_page(request, panel, PanelForm(instance=panel), invitation_form=form, status=400)


@requires_capability(Capability.PANEL_MANAGE)
@never_cache
def invitation_file(request: HttpRequest, batch_pk: int) -> HttpResponse:
    """A CSV for the mail merge: letter number, code, the address to join, and whether it is used."""
    batch = get_object_or_404(InvitationBatch, pk=batch_pk,
                              panel__organisation=request.organisation)  # type: ignore[attr-defined]
    address = request.build_absolute_uri(reverse("panels:panel"))
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(spreadsheet_row([_("letter"), _("code"), _("address"), _("used")]))
    for number, code, used in services.invitation_letters(batch=batch, user=request.user):
        writer.writerow(spreadsheet_row([number, code, address, _("yes") if used else ""]))
    response = HttpResponse("\ufeff" + out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="inbjudningar-{batch.pk}.csv"'
    return response
