"""Every write of an answer: starting a response, saving a page, sending it, and typing in a paper form.

Each call is one transaction on a locked response: a second send of the same link, an answer after the
survey closed, a required question left empty, a question id that is not on the page and a paper
answer outside the scale are all refused with a Swedish message, and nothing of the call is kept.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from radslag.audit.services import record_event
from radslag.contributions.services import receive_survey_answer
from radslag.core.access import has_capability
from radslag.core.errors import DomainError, PermissionDeniedError
from radslag.core.models import AgeBand, Sex
from radslag.core.permissions import Capability
from radslag.core.statements import parse_key
from radslag.organisations.models import Locality
from radslag.surveys.answering import (
    Page,
    Parsed,
    Values,
    is_shown,
    known_answers,
    pages_for,
    parse_page,
    survey_structure,
)
from radslag.surveys.models import Answer, Audience, Invitation, Kind, Question, Response, Source, Survey


class PageErrors(DomainError):
    """Answers on the page that cannot be saved; `errors` says which question and why."""

    def __init__(self, errors: dict[int, str], background: dict[str, str] | None = None) -> None:
        super().__init__(_("Some answers need to be corrected. Nothing on this page was saved."))
        self.errors = errors
        self.background = background or {}


def _check_open(survey: Survey, now: dt.datetime) -> None:
    if survey.status == Survey.Status.DRAFT:
        raise DomainError(_("The survey is not open yet."))
    if not survey.is_open_at(now):
        if survey.closes_at and survey.closes_at <= now:
            raise DomainError(_("The survey closed on %(date)s. Answers can no longer be saved.") % {
                "date": date_format(timezone.localtime(survey.closes_at), "j F Y")})
        raise DomainError(_("The survey is closed. Answers can no longer be saved."))


def _check_unsent(response: Response) -> None:
    if response.submitted_at is not None:
        raise DomainError(_("These answers have already been sent, and a link can be used to send once. "
                            "Thank you for answering!"))


def _active_member(survey: Survey, user: Any) -> Any:
    if not getattr(user, "is_authenticated", False):
        return None
    return user.panel_memberships.filter(panel__organisation=survey.organisation, left_at__isnull=True).first()


@transaction.atomic
def start_response(*, survey: Survey, user: Any, language: str = "sv", now: dt.datetime | None = None) -> Response:
    """A response to an open survey or a dialogue's survey; a panel member's background comes from the profile."""
    now = now or timezone.now()
    _check_open(survey, now)
    if survey.audience == Audience.PANEL:
        raise PermissionDeniedError(_("The panel's surveys are answered through the personal link in the invitation."))
    signed_in = getattr(user, "is_authenticated", False)
    member = _active_member(survey, user)
    response = Response.objects.create(
        survey=survey, source=Source.WEB, user=user if signed_in else None, language=language,
        age_band=getattr(member, "age_band", ""), sex=getattr(member, "sex", ""),
        locality_id=getattr(member, "locality_id", None), background_from_panel=member is not None,
    )
    return response


@transaction.atomic
def response_for_invitation(*, invitation: Invitation, now: dt.datetime | None = None) -> Response:
    """The response of a panel invitation, made on first use with the member's profile as background."""
    invitation = (Invitation.objects.select_for_update(of=("self",)).select_related("wave__survey", "member")
                  .get(pk=invitation.pk))
    existing = Response.objects.filter(invitation=invitation).first()
    if existing is not None:
        return existing
    _check_open(invitation.wave.survey, now or timezone.now())
    member = invitation.member
    return Response.objects.create(
        survey=invitation.wave.survey, invitation=invitation, wave=invitation.wave, source=Source.PANEL,
        user=member.user if member else None, age_band=member.age_band if member else "",
        sex=member.sex if member else "", locality_id=member.locality_id if member else None,
        background_from_panel=True,
    )


def pages_of(response: Response) -> list[Page]:
    return pages_for(survey_structure(response.survey), known_answers(response),
                     ask_background=not response.background_from_panel and response.source == Source.WEB)


def parse_background(organisation_id: int, data: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, str]]:
    """Age band, sex and locality, each optional; a value outside the lists is refused."""
    def one(name: str) -> str:
        value = data.get(name, "")
        return (value[0] if isinstance(value, list) and value else value or "").strip()

    errors: dict[str, str] = {}
    values: dict[str, Any] = {"age_band": one("age_band"), "sex": one("sex"), "locality": None}
    if values["age_band"] and values["age_band"] not in AgeBand.values:
        errors["age_band"] = _("Choose an age band from the list.")
    if values["sex"] and values["sex"] not in Sex.values:
        errors["sex"] = _("Choose one of the answers shown.")
    locality = one("locality")
    if locality:
        values["locality"] = Locality.objects.filter(organisation_id=organisation_id, pk=parse_key(locality)).first()
        if values["locality"] is None:
            errors["locality"] = _("Choose one of the municipality's localities.")
    return values, errors


def _write_answers(response: Response, questions: Iterable[Question], values: Values) -> None:
    questions = list(questions)
    Answer.objects.filter(response=response, question__in=questions).delete()
    kinds = {q.pk: q.kind for q in questions}
    rows = []
    for (question_id, statement_id), answer_values in values.items():
        text_answer = kinds.get(question_id) in (Kind.SHORT_TEXT, Kind.LONG_TEXT)
        for value in answer_values:
            rows.append(Answer(response=response, question_id=question_id, statement_id=statement_id,
                               value="" if text_answer else value, text=value if text_answer else ""))
    Answer.objects.bulk_create(rows, batch_size=1000)


def _locked(response: Response, now: dt.datetime) -> Response:
    locked = Response.objects.select_for_update(of=("self",)).select_related("survey").get(pk=response.pk)
    _check_unsent(locked)
    _check_open(locked.survey, now)
    return locked


@transaction.atomic
def save_page(*, response: Response, page_number: int, data: Mapping[str, Any], action: str,
              now: dt.datetime | None = None) -> Response:
    """Save one page. `action`: "next", "back", "later" (required questions may wait) or "submit" (last page)."""
    now = now or timezone.now()
    response = _locked(response, now)
    pages = pages_of(response)
    if not 1 <= page_number <= len(pages):
        raise DomainError(_("The page does not exist. Open the survey again from your link."))
    page = pages[page_number - 1]
    if page.is_background:
        values, errors = parse_background(response.survey.organisation_id, data)
        if errors:
            raise PageErrors({}, errors)
        response.age_band, response.sex, response.locality = values["age_band"], values["sex"], values["locality"]
    else:
        parsed = parse_page(page.questions, data, require=action != "later")
        if not parsed.ok:
            raise PageErrors(parsed.errors)
        _save_section(response, page, parsed)
    moves = {"next": page_number + 1, "back": page_number - 1, "later": page_number, "submit": page_number}
    response.page = max(1, min(moves.get(action, page_number), len(pages)))
    response.save(update_fields=["age_band", "sex", "locality", "page"])
    if action == "submit":
        _submit(response, now)
    return response


def _save_section(response: Response, page: Page, parsed: Parsed) -> None:
    assert page.section is not None
    # Every question of the section, so that answers to a question hidden since are removed too.
    _write_answers(response, page.section.questions.all(), parsed.values)


def _missing_required(response: Response) -> list[int]:
    answered = set(response.answers.values_list("question_id", flat=True))
    return [q.pk for page in pages_of(response) for q in page.questions if q.required and q.pk not in answered]


def _submit(response: Response, now: dt.datetime) -> None:
    missing = _missing_required(response)
    if missing:
        raise DomainError(_("Some required questions on earlier pages are not answered yet. Go back and answer "
                            "them before you send."))
    response.submitted_at = now
    response.save(update_fields=["submitted_at"])
    _contribute_free_text(response)
    record_event(organisation=response.survey.organisation, actor=None, action="survey.response_submitted",
                 target=response.survey, data={"response": response.pk, "source": response.source})


def _contribute_free_text(response: Response) -> None:
    """A dialogue's survey: each free-text answer becomes input of the process (channel "survey", enkät)."""
    survey = response.survey
    if survey.process is None:
        return
    for answer in response.answers.filter(question__kind__in=(Kind.SHORT_TEXT, Kind.LONG_TEXT)).exclude(text=""):
        receive_survey_answer(process=survey.process, body=answer.text, external_id=f"survey-answer-{answer.pk}",
                              age_band=response.age_band, sex=response.sex, locality=response.locality,
                              given_at=response.submitted_at or timezone.now())


@dataclass(frozen=True)
class PaperEntry:
    """A typed-in paper form as saved, and the keys of the questions whose answers were left out because the
    respondent answered them although the form said to skip them (their condition was not met)."""

    response: Response
    left_out: tuple[str, ...] = ()


def _shown_for(questions: list[Question], values: Values) -> list[Question]:
    """The questions the online form would have shown after these answers. A condition is read from the
    answers kept, so a follow-up to a question that was itself skipped is skipped too; conditions always
    name a question of an earlier section, so one pass in order suffices."""
    known: dict[int, list[str]] = {}
    shown = []
    for question in questions:
        if is_shown(question, known):
            shown.append(question)
            if (question.pk, None) in values:
                known[question.pk] = values[(question.pk, None)]
    return shown


@transaction.atomic
def enter_paper_form(*, survey: Survey, entered_by: Any, data: Mapping[str, Any], paper_number: str = "",
                     now: dt.datetime | None = None) -> PaperEntry:
    """A paper form typed in by staff: every page's answers at once, checked as strictly as online answers;
    one response saved complete, or nothing. An answer to a question the form said to skip is not saved,
    as online, where the question would not have shown; the entry names those questions for staff."""
    if not has_capability(entered_by, survey.organisation, Capability.SURVEYS_MANAGE):
        raise PermissionDeniedError(_("Only staff may type in paper forms."))
    now = now or timezone.now()
    if survey.status == Survey.Status.DRAFT:
        raise DomainError(_("Open the survey before typing in paper forms."))
    background, background_errors = parse_background(survey.organisation_id, data)
    questions = [q for _section, qs in survey_structure(survey) for q in qs]
    parsed = parse_page(questions, data, require=False)
    shown = _shown_for(questions, parsed.values)
    required = parse_page(shown, {k: v for k, v in data.items() if _names_shown(k, shown)}, require=True)
    errors = {**parsed.errors, **required.errors}
    if errors or background_errors:
        raise PageErrors(errors, background_errors)
    answered = {question_id for question_id, _statement in parsed.values}
    left_out = tuple(q.key for q in questions if q.pk in answered and q not in shown)
    try:
        with transaction.atomic():
            response = Response.objects.create(
                survey=survey, source=Source.PAPER, entered_by=entered_by, paper_number=paper_number.strip(),
                age_band=background["age_band"], sex=background["sex"], locality=background["locality"],
                submitted_at=now)
    except IntegrityError:
        raise DomainError(_("Form number %(number)s is already typed in.") % {"number": paper_number}) from None
    _write_answers(response, questions, required.values)
    _contribute_free_text(response)
    record_event(organisation=survey.organisation, actor=entered_by, action="survey.paper_entered", target=survey,
                 data={"response": response.pk, "left_out": list(left_out)})
    return PaperEntry(response, left_out)


def _names_shown(name: str, shown: list[Any]) -> bool:
    return any(name == f"q{q.pk}" or name.startswith(f"q{q.pk}_") for q in shown)
