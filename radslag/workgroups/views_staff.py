"""Staff pages: working groups with their members (and invitations) and meetings (and materials)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from radslag.core.access import requires_capability
from radslag.core.errors import DomainError
from radslag.core.permissions import Capability
from radslag.workgroups import services
from radslag.workgroups.files import max_bytes
from radslag.workgroups.forms import GroupForm, MeetingForm, MemberForm
from radslag.workgroups.models import GroupMeeting, GroupMember, GroupNote, WorkingGroup

MANAGE = Capability.WORKGROUPS_MANAGE
FORM_TEMPLATE = "workgroups/staff/form.html"


def _org(request: HttpRequest) -> Any:
    return request.organisation  # type: ignore[attr-defined]


def _group(request: HttpRequest, group_pk: int) -> WorkingGroup:
    return get_object_or_404(WorkingGroup.objects.select_related("process"), pk=group_pk, organisation=_org(request))


def _back(group: WorkingGroup) -> str:
    return reverse("workgroups:staff_group", kwargs={"group_pk": group.pk})


def _save_or_show(request: HttpRequest, form: BaseForm, save: Any, done: str, context: dict[str, Any]) -> HttpResponse:
    """Validate, call `save(cleaned_data)`, and go to `done`; or show the form again with what is wrong."""
    if request.method == "POST" and form.is_valid():
        try:
            save(form.cleaned_data)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Saved."))
            return redirect(done)
    return render(request, FORM_TEMPLATE, {"form": form, **context},
                  status=400 if request.method == "POST" else 200)


@requires_capability(MANAGE)
def group_list(request: HttpRequest) -> HttpResponse:
    groups = WorkingGroup.objects.for_organisation(_org(request)).select_related("process")
    return render(request, "workgroups/staff/group_list.html", {"groups": groups})


@requires_capability(MANAGE)
@require_http_methods(["GET", "POST"])
def group_create(request: HttpRequest) -> HttpResponse:
    form = GroupForm(request.POST or None, organisation=_org(request),
                     initial={"process": request.GET.get("process")})
    back = reverse("workgroups:staff_groups")
    return _save_or_show(request, form, lambda fields: services.save_group(
        organisation=_org(request), actor=request.user, fields=fields), back,
        {"title": _("New working group"), "back": back})


@requires_capability(MANAGE)
@require_http_methods(["GET", "POST"])
def group_edit(request: HttpRequest, group_pk: int) -> HttpResponse:
    group = _group(request, group_pk)
    form = GroupForm(request.POST or None, instance=group, organisation=group.organisation)
    if request.method == "POST":
        return _save_or_show(request, form, lambda fields: services.save_group(
            organisation=group.organisation, actor=request.user, fields=fields, group=group),
            request.path, {"title": group.name, "back": reverse("workgroups:staff_groups")})
    return render(request, "workgroups/staff/group.html", {
        "group": group, "form": form, "members": group.members.select_related("user"),
        "meetings": group.meetings.prefetch_related("materials"),
        "waiting": GroupNote.objects.filter(group=group, contribution__isnull=True).for_report().count()})


@requires_capability(MANAGE)
@require_http_methods(["GET", "POST"])
def member_edit(request: HttpRequest, group_pk: int, member_pk: int | None = None) -> HttpResponse:
    group = _group(request, group_pk)
    member = get_object_or_404(GroupMember, pk=member_pk, group=group) if member_pk else None
    form = MemberForm(request.POST or None, instance=member)
    def save(fields: dict[str, Any]) -> None:
        consent = fields.pop("name_consent")
        services.save_member(group=group, actor=request.user, fields=fields, member=member, name_consent=consent)

    return _save_or_show(request, form, save, _back(group), {
        "title": member.name if member else _("New group member"), "back": _back(group), "parent": group,
        "member": member})


@requires_capability(MANAGE)
@require_POST
def member_invite(request: HttpRequest, group_pk: int, member_pk: int) -> HttpResponse:
    group = _group(request, group_pk)
    member = get_object_or_404(GroupMember, pk=member_pk, group=group)

    def accept_url(token: str) -> str:
        return request.build_absolute_uri(reverse("workgroups:invitation", kwargs={"token": token}))

    try:
        services.invite_member(member=member, actor=request.user, accept_url=accept_url)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The invitation is sent to %(email)s.") % {"email": member.email})
    return redirect(_back(group))


@requires_capability(MANAGE)
@require_POST
def member_remove(request: HttpRequest, group_pk: int, member_pk: int) -> HttpResponse:
    group = _group(request, group_pk)
    member = get_object_or_404(GroupMember, pk=member_pk, group=group)
    try:
        services.remove_member(member=member, actor=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("%(name)s has left the group.") % {"name": member.name})
    return redirect(_back(group))


@requires_capability(MANAGE)
@require_http_methods(["GET", "POST"])
def meeting_edit(request: HttpRequest, group_pk: int, meeting_pk: int | None = None) -> HttpResponse:
    group = _group(request, group_pk)
    meeting = get_object_or_404(GroupMeeting, pk=meeting_pk, group=group) if meeting_pk else None
    initial = {} if meeting else {"number": group.meetings.count() + 1}
    form = MeetingForm(request.POST or None, request.FILES or None, instance=meeting, initial=initial)

    def save(fields: dict[str, Any]) -> None:
        materials = fields.pop("material_files")
        services.save_meeting(group=group, actor=request.user, fields=fields, materials=materials, meeting=meeting)

    return _save_or_show(request, form, save, _back(group), {
        "title": str(meeting) if meeting else _("New group meeting"), "back": _back(group), "parent": group,
        "meeting": meeting, "multipart": True, "limit_mb": max_bytes() // (1024 * 1024)})


@requires_capability(MANAGE)
@require_POST
def pass_on(request: HttpRequest, group_pk: int) -> HttpResponse:
    group = _group(request, group_pk)
    count = services.pass_on_to_analysis(group=group, actor=request.user)
    if count:
        messages.success(request, ngettext(
            "%(count)d entry is now input of the dialogue and part of its analysis.",
            "%(count)d entries are now input of the dialogue and part of its analysis.", count) % {"count": count})
    else:
        messages.info(request, _("There were no new insights, ideas or lessons to pass on."))
    return redirect(_back(group))
