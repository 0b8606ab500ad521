"""Public council pages, published answers per process, files, and the secretary's answer form."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from radslag.core.errors import DomainError
from radslag.councils import permissions, services
from radslag.councils.files import max_bytes
from radslag.councils.forms import AnswerForm
from radslag.councils.models import Attachment, Consultation, Consultee, Council, CouncilMeeting
from radslag.councils.overview import published_answers_for_process
from radslag.dialogues.views.public import organisation_of, viewable_process


def _visible_council(request: HttpRequest, slug: str) -> Council:
    council = get_object_or_404(Council, organisation=organisation_of(request), slug=slug)
    if not council.public and not permissions.is_staff(request.user, council.organisation):
        raise Http404
    return council


def council_list(request: HttpRequest) -> HttpResponse:
    councils = Council.objects.for_organisation(organisation_of(request)).public()
    return render(request, "councils/council_list.html", {"councils": councils})


def council_page(request: HttpRequest, council_slug: str) -> HttpResponse:
    """The council, its meetings, and the names of members who agreed to show them (never a minor's)."""
    council = _visible_council(request, council_slug)
    return render(request, "councils/council_page.html", {
        "council": council, "members": [m for m in council.members.filter(show_publicly=True) if m.name_is_public],
        "meetings": council.meetings.all(),
    })


def minutes(request: HttpRequest, council_slug: str, meeting_pk: int) -> FileResponse:
    council = _visible_council(request, council_slug)
    meeting = get_object_or_404(CouncilMeeting, council=council, pk=meeting_pk)
    if not meeting.minutes or not (meeting.minutes_published or permissions.is_staff(request.user,
                                                                                     council.organisation)):
        raise Http404
    return FileResponse(meeting.minutes.open("rb"), content_type="application/pdf",
                        filename=f"protokoll-{meeting.starts_at:%Y-%m-%d}.pdf")


def process_answers(request: HttpRequest, slug: str) -> HttpResponse:
    process = viewable_process(request, slug)
    return render(request, "councils/process_answers.html", {
        "process": process, "answers": published_answers_for_process(process)})


@never_cache
def attachment(request: HttpRequest, attachment_pk: int) -> FileResponse:
    """A document or answer attachment, to those who may see it; others get a 404 (its existence is not told)."""
    file = get_object_or_404(
        Attachment.objects.select_related("consultation__process", "answer__consultation__process"),
        pk=attachment_pk,
    )
    owner = file.consultation or file.answer.consultation  # type: ignore[union-attr]  # the constraint holds one
    if owner.organisation_id != organisation_of(request).pk or not permissions.may_download(request.user, file):
        raise Http404
    response = FileResponse(file.file.open("rb"), content_type=file.content_type, as_attachment=True,
                            filename=file.name)
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
def my_consultations(request: HttpRequest) -> HttpResponse:
    """The consultations the signed-in secretary's councils are asked to answer."""
    own = permissions.secretary_council_ids(request.user)
    consultations = (Consultation.objects.for_organisation(organisation_of(request)).sent()
                     .filter(councils__in=own).distinct().select_related("process").prefetch_related("answers"))
    return render(request, "councils/my_consultations.html", {"consultations": consultations, "own": own})


def _still_to_answer(
    request: HttpRequest, consultation: Consultation, answering: permissions.Answering
) -> tuple[list[Council], list[Consultee]]:
    """Who this person may still answer for: their councils (all, for staff) and, for staff, the consultees."""
    answered = {(a.council_id, a.consultee_id) for a in consultation.answers.all()}
    councils = [c for c in answering.councils if (c.pk, None) not in answered]
    if not permissions.is_staff(request.user, consultation.organisation):
        return councils, []
    return councils, [c for c in consultation.consultees.all() if (None, c.pk) not in answered]


@login_required
@require_http_methods(["GET", "POST"])
def answer(request: HttpRequest, consultation_pk: int) -> HttpResponse:
    consultation = get_object_or_404(Consultation.objects.sent().select_related("process"), pk=consultation_pk,
                                     organisation=organisation_of(request))
    answering = permissions.answering_for(request.user, consultation)
    if not answering.allowed:
        raise PermissionDenied
    councils, consultees = _still_to_answer(request, consultation, answering)
    form = AnswerForm(request.POST or None, request.FILES or None, councils=councils, consultees=consultees)
    if request.method == "POST" and form.is_valid():
        try:
            services.submit_answer(consultation=consultation, actor=request.user, text=form.cleaned_data["text"],
                                   attachments=form.cleaned_data["attachment_files"], **form.responder_kwargs())
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Thank you. The answer is submitted; staff publish it on the dialogue."))
            return redirect("councils:my_consultations")
    return render(request, "councils/answer.html", {
        "consultation": consultation, "form": form, "open": bool(councils or consultees),
        "late": consultation.is_late_at(timezone.now()), "limit_mb": max_bytes() // (1024 * 1024),
    }, status=400 if request.method == "POST" else 200)

