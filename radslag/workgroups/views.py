"""Public group pages, the invitation link, the members' group space, materials and the group's report."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from radslag.core.errors import DomainError
from radslag.dialogues.views.public import organisation_of
from radslag.workgroups import documents, permissions, services
from radslag.workgroups.forms import AcceptForm, NoteForm
from radslag.workgroups.invitations import member_for_token
from radslag.workgroups.models import GroupMember, GroupNote, Material, WorkingGroup
from radslag.workgroups.report import report_for_group

NOTES_PER_PAGE = 50
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _group(request: HttpRequest, slug: str) -> WorkingGroup:
    return get_object_or_404(WorkingGroup.objects.select_related("process", "organisation"),
                             organisation=organisation_of(request), slug=slug)


def _public_group(request: HttpRequest, slug: str) -> WorkingGroup:
    group = _group(request, slug)
    visible = group.public and group.process.is_public
    if not visible and not permissions.may_use_space(request.user, group):
        raise Http404
    return group


def group_list(request: HttpRequest) -> HttpResponse:
    organisation = organisation_of(request)
    groups = WorkingGroup.objects.for_organisation(organisation).public().select_related("process")
    mine = (WorkingGroup.objects.for_organisation(organisation).filter(members__in=GroupMember.objects.active()
            .filter(user=request.user)) if request.user.is_authenticated else WorkingGroup.objects.none())
    return render(request, "workgroups/group_list.html", {"groups": groups, "my_groups": mine})


def group_page(request: HttpRequest, slug: str) -> HttpResponse:
    """Meetings and their approaches, and the names of members who agreed to show them (never a minor's)."""
    group = _public_group(request, slug)
    today = timezone.localdate()
    members = [m for m in group.members.joined().filter(name_consent_at__isnull=False) if m.name_is_public_on(today)]
    return render(request, "workgroups/group_page.html", {
        "group": group, "meetings": group.meetings.all(), "named_members": members,
        "member_count": group.members.joined().count(),
        "is_member": permissions.seat_of(request.user, group) is not None,
    })


@require_http_methods(["GET", "POST"])
def invitation(request: HttpRequest, token: str) -> HttpResponse:
    """The link in the invitation mail: sign in (or create an account) on the way, then accept."""
    member = member_for_token(token)
    if member is None or member.group.organisation_id != organisation_of(request).pk:
        raise Http404
    if request.method == "POST" and not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    form = AcceptForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.accept_invitation(member=member, user=request.user, show_name=form.cleaned_data["show_name"])
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Welcome to the group. This is the group's space."))
            return redirect("workgroups:space", slug=member.group.slug)
    return render(request, "workgroups/invitation.html", {"member": member, "group": member.group, "form": form},
                  status=400 if request.method == "POST" else 200)


def _space_post(request: HttpRequest, group: WorkingGroup, form: NoteForm) -> HttpResponse | None:
    """A note, or a change of the member's consent to show their name; None when the form must be shown again."""
    if request.POST.get("action") == "consent":
        seat = permissions.seat_of(request.user, group)
        if seat is None:
            raise PermissionDenied
        services.set_name_consent(member=seat, actor=request.user, consent=request.POST.get("show_name") == "on")
        messages.success(request, _("Your choice is saved."))
        return redirect("workgroups:space", slug=group.slug)
    if form.is_valid():
        try:
            services.add_note(group=group, actor=request.user, kind=form.cleaned_data["kind"],
                              text=form.cleaned_data["text"], meeting=form.cleaned_data["meeting"])
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Your note is shared with the group."))
            return redirect("workgroups:space", slug=group.slug)
    return None


@login_required
@require_http_methods(["GET", "POST"])
def space(request: HttpRequest, slug: str) -> HttpResponse:
    """The group space: meetings with materials and notes, and what members wrote, for members and staff."""
    group = _group(request, slug)
    if not permissions.may_use_space(request.user, group):
        raise PermissionDenied
    form = NoteForm(request.POST if request.method == "POST" else None, group=group)
    if request.method == "POST":
        done = _space_post(request, group, form)
        if done is not None:
            return done
    notes = Paginator(GroupNote.objects.filter(group=group).select_related("member", "author", "meeting"),
                      NOTES_PER_PAGE).get_page(request.GET.get("sida"))
    seat, today = permissions.seat_of(request.user, group), timezone.localdate()
    return render(request, "workgroups/space.html", {
        "group": group, "form": form, "notes": notes, "seat": seat,
        "seat_is_minor": seat is not None and seat.is_minor_on(today),
        "meetings": group.meetings.prefetch_related("materials"),
        "members": group.members.joined(),
    }, status=400 if request.method == "POST" else 200)


@never_cache
@login_required
def material(request: HttpRequest, slug: str, material_pk: int) -> FileResponse:
    group = _group(request, slug)
    file = get_object_or_404(Material, pk=material_pk, meeting__group=group)
    if not permissions.may_use_space(request.user, group):
        raise PermissionDenied
    response = FileResponse(file.file.open("rb"), content_type=file.content_type, as_attachment=True,
                            filename=file.name)
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _readable_report_group(request: HttpRequest, slug: str) -> WorkingGroup:
    group = _group(request, slug)
    if not permissions.may_read_report(request.user, group):
        raise PermissionDenied
    return group


@login_required
def report(request: HttpRequest, slug: str) -> HttpResponse:
    group = _readable_report_group(request, slug)
    return render(request, "workgroups/report.html", {"group": group, "report": report_for_group(group)})


@never_cache
@login_required
def report_pdf(request: HttpRequest, slug: str) -> HttpResponse:
    group = _readable_report_group(request, slug)
    response = HttpResponse(documents.render_pdf(report_for_group(group)), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="arbetsgrupp-{group.slug}.pdf"'
    return response


@never_cache
@login_required
def report_docx(request: HttpRequest, slug: str) -> HttpResponse:
    group = _readable_report_group(request, slug)
    response = HttpResponse(documents.render_docx(report_for_group(group)), content_type=DOCX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="arbetsgrupp-{group.slug}.docx"'
    return response
