"""Residents' pages: a survey's start page, answering page by page through a personal link, pausing the panel."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core import signing
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from radslag.core.errors import DomainError
from radslag.organisations.models import Organisation
from radslag.surveys import responding, waves
from radslag.surveys.answer_form import posted_values, saved_values, shown_questions
from radslag.surveys.answering import Page, TamperedForm, answer_token, read_token
from radslag.surveys.forms import BackgroundForm
from radslag.surveys.models import Audience, Invitation, Response, Survey


def _organisation(request: HttpRequest) -> Organisation:
    organisation = getattr(request, "organisation", None)
    if organisation is None:
        raise Http404
    return organisation


@require_http_methods(["GET", "POST"])
def start(request: HttpRequest, pk: int) -> HttpResponse:
    """An open survey or a dialogue's survey: its introduction, and a button that starts a response."""
    survey = get_object_or_404(Survey.objects.exclude(status=Survey.Status.DRAFT).exclude(audience=Audience.PANEL),
                               pk=pk, organisation=_organisation(request))
    if request.method == "POST":
        try:
            response = responding.start_response(survey=survey, user=request.user, language=get_language() or "sv")
        except DomainError as error:
            messages.error(request, error.message)
            return redirect("surveys:start", pk=survey.pk)
        return redirect("surveys:answer", token=answer_token(response_pk=response.pk))
    return render(request, "surveys/start.html", {"survey": survey, "open": survey.is_open_at(timezone.now())})


def _response_for(request: HttpRequest, token: str) -> Response:
    try:
        kind, pk = read_token(token)
    except signing.BadSignature:
        raise Http404 from None
    organisation = _organisation(request)
    if kind == "r":
        return get_object_or_404(Response.objects.select_related("survey"), pk=pk, survey__organisation=organisation)
    invitation = get_object_or_404(Invitation.objects.select_related("wave__survey"), pk=pk,
                                   wave__survey__organisation=organisation)
    existing = Response.objects.filter(invitation=invitation).select_related("survey").first()
    if existing is not None:
        return existing
    try:
        return responding.response_for_invitation(invitation=invitation)
    except DomainError as error:
        raise _Closed(invitation.wave.survey, error.message) from None


class _Closed(Exception):
    def __init__(self, survey: Survey, message: str) -> None:
        super().__init__(message)
        self.survey, self.message = survey, message


def _page_context(request: HttpRequest, response: Response, pages: list[Page], number: int, *,
                  given: dict[str, list[str]] | None = None, errors: dict[int, str] | None = None,
                  background: BackgroundForm | None = None, token: str = "", preview: bool = False) -> dict[str, Any]:
    page = pages[number - 1]
    if given is None:
        given = saved_values(response.answers.values_list("question_id", "statement_id", "value", "text"),
                             page.questions) if response.pk else {}
    if page.is_background and background is None:
        background = BackgroundForm(organisation=response.survey.organisation, initial={
            "age_band": response.age_band, "sex": response.sex, "locality": str(response.locality_id or "")})
    return {
        "survey": response.survey, "response": response, "page": page, "pages": pages, "number": number,
        "total": len(pages), "last": number == len(pages), "token": token, "preview": preview,
        "questions": shown_questions(page.questions, given, errors or {}), "errors": errors or {},
        "background": background,
        "link": request.build_absolute_uri(reverse("surveys:answer", kwargs={"token": token})) if token else "",
    }


def _page_number(request: HttpRequest, response: Response, total: int) -> int:
    try:
        wanted = int(request.GET.get("sida", response.page or 1))
    except ValueError:
        wanted = 1
    return max(1, min(wanted, total))


@never_cache
@require_http_methods(["GET", "POST"])
def answer(request: HttpRequest, token: str) -> HttpResponse:
    try:
        response = _response_for(request, token)
    except _Closed as closed:
        return render(request, "surveys/closed.html", {"survey": closed.survey, "message": closed.message}, status=410)
    if response.submitted_at is not None and request.method == "GET":
        return render(request, "surveys/thanks.html", {"survey": response.survey, "already": True})
    pages = responding.pages_of(response)
    if not pages:
        raise Http404
    if request.method == "POST":
        return _save(request, response, pages, token)
    number = _page_number(request, response, len(pages))
    return render(request, "surveys/answer.html", _page_context(request, response, pages, number, token=token))


def _save(request: HttpRequest, response: Response, pages: list[Page], token: str) -> HttpResponse:
    action = request.POST.get("action", "next")
    try:
        number = int(request.POST.get("page", "1"))
    except ValueError:
        number = 1
    try:
        saved = responding.save_page(response=response, page_number=number, data=request.POST, action=action)
    except responding.PageErrors as problem:
        number = max(1, min(number, len(pages)))
        background = BackgroundForm(request.POST, organisation=response.survey.organisation)
        for name, message in problem.background.items():
            background.add_error(name, message)
        context = _page_context(request, response, pages, number, given=posted_values(request.POST),
                                errors=problem.errors, background=background, token=token)
        context["problem"] = problem.message
        return render(request, "surveys/answer.html", context, status=400)
    except DomainError as error:
        status = 400 if isinstance(error, TamperedForm) else 409
        return render(request, "surveys/closed.html", {"survey": response.survey, "message": error.message},
                      status=status)
    if action == "submit":
        return render(request, "surveys/thanks.html", {"survey": saved.survey, "already": False})
    if action == "later":
        messages.success(request, _("Your answers are saved. Use the link on this page to continue later."))
    return redirect(f"{reverse('surveys:answer', kwargs={'token': token})}?sida={saved.page}")


@never_cache
@require_http_methods(["GET", "POST"])
def pause(request: HttpRequest, token: str) -> HttpResponse:
    """From any panel mail: pause the invitations for a while, or leave the panel."""
    try:
        member = waves.member_from_pause_token(token)
    except DomainError:
        raise Http404 from None
    if member.panel.organisation_id != _organisation(request).pk:
        raise Http404
    done = ""
    if request.method == "POST":
        try:
            if request.POST.get("action") == "leave":
                waves.leave_from_mail(member=member)
                done = _("You have left the panel. Thank you for your answers so far.")
            else:
                months = int(request.POST.get("months", "0") or 0)
                until = waves.pause_member(member=member, months=months).until
                done = _("You will get no surveys from the panel until %(date)s.") % {
                    "date": timezone.localtime(until).strftime("%Y-%m-%d")}
        except (DomainError, ValueError) as error:
            messages.error(request, getattr(error, "message", _("Choose how long the pause lasts.")))
            return redirect("surveys:pause", token=token)
    return render(request, "surveys/pause.html", {"member": member, "done": done, "options": waves.PAUSE_OPTIONS})
