"""Staff pages: councils with their members and meetings, consultees, and consultations with their answers."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from radslag.core.access import requires_capability
from radslag.core.errors import DomainError
from radslag.core.permissions import Capability
from radslag.councils import services
from radslag.councils.forms import ConsultationForm, ConsulteeForm, CouncilForm, MeetingForm, MemberForm
from radslag.councils.models import Consultation, ConsultationAnswer, Consultee, Council, CouncilMeeting, CouncilMember
from radslag.councils.overview import status_of, statuses_by_process
from radslag.dialogues.access import process_for
from radslag.dialogues.models import DialogueProcess

MANAGE = Capability.COUNCILS_MANAGE
FORM_TEMPLATE = "councils/staff/form.html"


def _org(request: HttpRequest) -> Any:
    return request.organisation  # type: ignore[attr-defined]


def _council(request: HttpRequest, council_pk: int) -> Council:
    return get_object_or_404(Council, pk=council_pk, organisation=_org(request))


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
def council_list(request: HttpRequest) -> HttpResponse:
    councils = Council.objects.for_organisation(_org(request)).prefetch_related("members")
    return render(request, "councils/staff/council_list.html", {"councils": councils})


@requires_capability(MANAGE)
@require_http_methods(["GET", "POST"])
def council_create(request: HttpRequest) -> HttpResponse:
    form = CouncilForm(request.POST or None)
    return _save_or_show(request, form, lambda fields: services.save_council(
        organisation=_org(request), actor=request.user, fields=fields), reverse("councils:staff_councils"),
        {"title": _("New council"), "back": reverse("councils:staff_councils")})


@requires_capability(MANAGE)
@require_http_methods(["GET", "POST"])
def council_edit(request: HttpRequest, council_pk: int) -> HttpResponse:
    council = _council(request, council_pk)
    form = CouncilForm(request.POST or None, instance=council)
    if request.method == "POST":
        return _save_or_show(request, form, lambda fields: services.save_council(
            organisation=council.organisation, actor=request.user, fields=fields, council=council),
            request.path, {"title": council.name})
    return render(request, "councils/staff/council.html", {
        "council": council, "form": form, "members": council.members.select_related("user"),
        "meetings": council.meetings.all()})


@requires_capability(MANAGE)
@require_http_methods(["GET", "POST"])
def member_edit(request: HttpRequest, council_pk: int, member_pk: int | None = None) -> HttpResponse:
    council = _council(request, council_pk)
    member = get_object_or_404(CouncilMember, pk=member_pk, council=council) if member_pk else None
    form = MemberForm(request.POST or None, instance=member)

    def save(fields: dict[str, Any]) -> None:
        services.save_member(council=council, actor=request.user, member=member,
                             fields={**{k: v for k, v in fields.items() if k != "account_email"},
                                     "user": fields["account_email"]})

    back = reverse("councils:staff_council", kwargs={"council_pk": council.pk})
    return _save_or_show(request, form, save, back, {
        "title": member.name if member else _("New member"), "back": back, "parent": council})


@requires_capability(MANAGE)
@require_http_methods(["GET", "POST"])
def meeting_edit(request: HttpRequest, council_pk: int, meeting_pk: int | None = None) -> HttpResponse:
    council = _council(request, council_pk)
    meeting = get_object_or_404(CouncilMeeting, pk=meeting_pk, council=council) if meeting_pk else None
    form = MeetingForm(request.POST or None, request.FILES or None, instance=meeting)

    def save(fields: dict[str, Any]) -> None:
        files = fields.pop("minutes_file")
        services.save_meeting(council=council, actor=request.user, meeting=meeting, fields=fields,
                              minutes=files[0] if files else None)

    back = reverse("councils:staff_council", kwargs={"council_pk": council.pk})
    return _save_or_show(request, form, save, back, {
        "title": _("Meeting") if meeting else _("New meeting"), "back": back, "parent": council,
        "meeting": meeting, "multipart": True})


@requires_capability(MANAGE)
@require_http_methods(["GET", "POST"])
def consultee_list(request: HttpRequest) -> HttpResponse:
    form = ConsulteeForm(request.POST or None)
    if request.method == "POST":
        return _save_or_show(request, form, lambda fields: services.save_consultee(
            organisation=_org(request), actor=request.user, fields=fields), request.path,
            {"title": _("New consultee")})
    return render(request, "councils/staff/consultee_list.html", {
        "consultees": Consultee.objects.filter(organisation=_org(request)), "form": form})


@requires_capability(MANAGE)
@require_http_methods(["GET", "POST"])
def consultee_edit(request: HttpRequest, consultee_pk: int) -> HttpResponse:
    consultee = get_object_or_404(Consultee, pk=consultee_pk, organisation=_org(request))
    form = ConsulteeForm(request.POST or None, instance=consultee)
    back = reverse("councils:staff_consultees")
    return _save_or_show(request, form, lambda fields: services.save_consultee(
        organisation=consultee.organisation, actor=request.user, fields=fields, consultee=consultee), back,
        {"title": consultee.name, "back": back})


@requires_capability(MANAGE)
def consultation_list(request: HttpRequest) -> HttpResponse:
    return render(request, "councils/staff/consultation_list.html", {
        "processes": statuses_by_process(_org(request), timezone.localdate()),
        "all_processes": DialogueProcess.objects.for_organisation(_org(request)).exclude(
            status=DialogueProcess.Status.CLOSED)})


def _consultation_fields(form: ConsultationForm) -> dict[str, Any]:
    data = form.cleaned_data
    return {"fields": {k: data[k] for k in ("kind", "title", "question", "reply_by")},
            "councils": data["councils"], "consultees": data["consultees"], "documents": data["document_files"]}


@requires_capability(MANAGE)
@require_http_methods(["GET", "POST"])
def consultation_create(request: HttpRequest, pk: int) -> HttpResponse:
    process = process_for(request, pk, MANAGE)
    form = ConsultationForm(request.POST or None, request.FILES or None, organisation=process.organisation)
    if request.method == "POST" and form.is_valid():
        try:
            consultation = services.save_consultation(process=process, actor=request.user,
                                                      **_consultation_fields(form))
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The consultation is saved. Check it and send it."))
            return redirect("councils:staff_consultation", consultation_pk=consultation.pk)
    return render(request, FORM_TEMPLATE, {
        "form": form, "title": _("New consultation"), "process": process, "multipart": True,
        "back": reverse("councils:staff_consultations")}, status=400 if request.method == "POST" else 200)


@requires_capability(MANAGE)
@require_http_methods(["GET", "POST"])
def consultation_detail(request: HttpRequest, consultation_pk: int) -> HttpResponse:
    consultation = get_object_or_404(Consultation.objects.select_related("process"), pk=consultation_pk,
                                     organisation=_org(request))
    form = ConsultationForm(request.POST or None, request.FILES or None, instance=consultation,
                            organisation=consultation.organisation)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_consultation(process=consultation.process, actor=request.user,
                                       consultation=consultation, **_consultation_fields(form))
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Saved."))
            return redirect(request.path)
    return render(request, "councils/staff/consultation.html", {
        "consultation": consultation, "form": form, "status": status_of(consultation, timezone.localdate()),
        "answers": consultation.answers.select_related("council", "consultee").prefetch_related("attachments"),
    }, status=400 if request.method == "POST" else 200)


@requires_capability(MANAGE)
@require_POST
def consultation_send(request: HttpRequest, consultation_pk: int) -> HttpResponse:
    consultation = get_object_or_404(Consultation, pk=consultation_pk, organisation=_org(request))
    answer_url = request.build_absolute_uri(reverse("councils:answer", kwargs={"consultation_pk": consultation.pk}))
    try:
        services.send_consultation(consultation=consultation, actor=request.user, answer_url=answer_url)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The consultation is sent."))
    return redirect("councils:staff_consultation", consultation_pk=consultation.pk)


@requires_capability(MANAGE)
@require_POST
def answer_publish(request: HttpRequest, answer_pk: int) -> HttpResponse:
    answer = get_object_or_404(ConsultationAnswer.objects.select_related("consultation__process"), pk=answer_pk,
                               consultation__organisation=_org(request))
    try:
        services.publish_answer(answer=answer, actor=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The answer is published on the dialogue and counted as its input."))
    return redirect("councils:staff_consultation", consultation_pk=answer.consultation_id)
