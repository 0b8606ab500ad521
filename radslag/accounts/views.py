"""The signed-in person's own data, and administrators' management of roles."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from radslag.accounts.forms import ProfileForm, RoleAddForm
from radslag.accounts.models import Membership
from radslag.accounts.personal_data import contributions_of, personal_data, registrations_of
from radslag.accounts.services import add_role, remove_role
from radslag.audit.forms import ErasureRequestForm
from radslag.audit.models import ErasureRequest
from radslag.audit.personal_data import kinds
from radslag.core.access import requires_capability
from radslag.core.errors import DomainError
from radslag.core.permissions import Capability


@login_required
def my_data(request: HttpRequest) -> HttpResponse:
    organisation = request.organisation  # type: ignore[attr-defined]
    user = request.user
    form = ProfileForm(request.POST or None, instance=user, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your profile has been saved."))
        return redirect("accounts:my_data")
    return render(request, "accounts/my_data.html", {
        "form": form,
        "roles": user.memberships.filter(organisation=organisation),  # type: ignore[union-attr]
        "contributions": contributions_of(user, organisation),  # type: ignore[arg-type]
        "registrations": registrations_of(user, organisation),  # type: ignore[arg-type]
        # Reverse relation, so this layer never imports dialogues: tables where the person is host.
        "hosted_tables": user.hosted_tables.filter(  # type: ignore[union-attr]
            activity__process__organisation=organisation
        ).select_related("activity__process").order_by("-activity__starts_at"),
        "held": [(item, item.count(user, organisation)) for item in kinds()],
        "erasure_requests": ErasureRequest.objects.filter(organisation=organisation, person=user.pk)[:5],
        "erasure_form": ErasureRequestForm(),
    })


@login_required
def my_data_download(request: HttpRequest) -> HttpResponse:
    data = personal_data(request.user, request.organisation)  # type: ignore[arg-type,attr-defined]
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json; charset=utf-8"
    )
    filename = f"mina-uppgifter-{timezone.localdate():%Y-%m-%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@requires_capability(Capability.ROLES_MANAGE)
def roles(request: HttpRequest) -> HttpResponse:
    organisation = request.organisation  # type: ignore[attr-defined]
    form = RoleAddForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            membership = add_role(organisation=organisation, actor=request.user, **form.cleaned_data)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("%(user)s is now %(role)s.") % {
                "user": membership.user.email, "role": membership.get_role_display().lower()})
            return redirect("accounts:roles")
    memberships = (
        Membership.objects.filter(organisation=organisation).select_related("user").order_by("user__email", "role")
    )
    return render(request, "accounts/roles.html", {"form": form, "memberships": memberships})


@requires_capability(Capability.ROLES_MANAGE)
@require_POST
def role_remove(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = request.organisation  # type: ignore[attr-defined]
    membership = get_object_or_404(Membership.objects.select_related("user"), pk=pk, organisation=organisation)
    try:
        remove_role(organisation=organisation, actor=request.user, membership=membership)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The role %(role)s was removed from %(user)s.") % {
            "role": membership.get_role_display().lower(), "user": membership.user.email})
    return redirect("accounts:roles")
