"""Staff writes on a survey's content: the survey, its sections and questions, opening and closing it.

A question's condition may name only a question of an earlier section, so that the form knows, when it
draws a page, which of its questions show (no script needed). Questions and sections change only while
the survey is a draft: answers already given must keep meaning what they meant.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from radslag.audit.services import record_event
from radslag.core.access import has_capability
from radslag.core.errors import DomainError, PermissionDeniedError
from radslag.core.permissions import Capability
from radslag.organisations.models import Organisation
from radslag.surveys.models import Audience, Kind, Option, Question, Section, Survey


def check_staff(actor: Any, organisation: Organisation) -> None:
    if not has_capability(actor, organisation, Capability.SURVEYS_MANAGE):
        raise PermissionDeniedError(_("Only staff may build and send surveys."))


def _check_draft(survey: Survey) -> None:
    if survey.status != Survey.Status.DRAFT:
        raise DomainError(_("The survey has been opened: its questions can no longer change, so that every answer "
                            "means the same."))


@transaction.atomic
def save_survey(*, organisation: Organisation, actor: Any, fields: Mapping[str, Any],
                survey: Survey | None = None) -> Survey:
    check_staff(actor, organisation)
    is_new = survey is None
    survey = survey or Survey(organisation=organisation, created_by=actor)
    focus_areas = fields.get("focus_areas")
    for name, value in fields.items():
        if name != "focus_areas":
            setattr(survey, name, value)
    if survey.audience == Audience.PROCESS and survey.process is None:
        raise DomainError(_("Choose the dialogue the survey belongs to."))
    if survey.process is not None and survey.process.organisation_id != organisation.pk:
        raise DomainError(_("Choose one of the municipality's dialogues."))
    if not 0 < survey.trim_low <= 1 <= survey.trim_high:
        raise DomainError(_("The smallest weight must be between 0 and 1, and the largest at least 1."))
    survey.save()
    if focus_areas is not None:
        survey.focus_areas.set(focus_areas)
    record_event(organisation=organisation, actor=actor, action="survey.created" if is_new else "survey.updated",
                 target=survey, data={"fields": sorted(fields)})
    return survey


@transaction.atomic
def add_section(*, survey: Survey, actor: Any, title: str, title_en: str = "") -> Section:
    check_staff(actor, survey.organisation)
    _check_draft(survey)
    if not title.strip():
        raise DomainError(_("Give the section a heading."))
    position = (survey.sections.aggregate(m=Max("position"))["m"] or 0) + 1
    section = Section.objects.create(survey=survey, title=title.strip(), title_en=title_en.strip(), position=position)
    record_event(organisation=survey.organisation, actor=actor, action="survey.section_added", target=survey,
                 data={"section": section.pk})
    return section


def parse_options(text: str) -> list[tuple[str, str, str]]:
    """One choice (or statement) a line, "Swedish text | English text"; codes are made from the text."""
    options, codes = [], set()
    for line in text.splitlines():
        if not line.strip():
            continue
        label, _bar, english = (part.strip() for part in line.partition("|"))
        code = slugify(label)[:28] or "val"
        base, n = code, 2
        while code in codes:
            code, n = f"{base}-{n}", n + 1
        codes.add(code)
        options.append((code, label[:300], english[:300]))
    return options


def _check_question(survey: Survey, section: Section, fields: Mapping[str, Any], options: list[Any]) -> None:
    kind = fields["kind"]
    if kind in (Kind.SINGLE, Kind.MULTIPLE) and len(options) < 2:
        raise DomainError(_("Write at least two choices, one a line."))
    if kind == Kind.GRID and not options:
        raise DomainError(_("Write the statements, one a line."))
    if kind in (Kind.SCALE, Kind.GRID) and not (
            fields.get("scale_min", 1) < fields.get("scale_max", 5) and fields.get("scale_max", 5) - fields.get(
                "scale_min", 1) <= 10):
        raise DomainError(_("A scale goes from a lower to a higher number, with at most eleven steps (0–10)."))
    condition = fields.get("show_if")
    if condition is not None:
        if condition.section.survey_id != survey.pk or condition.section.position >= section.position:
            raise DomainError(_("A question can only depend on a question in an earlier section."))
        if not fields.get("show_if_value"):
            raise DomainError(_("Say which answer makes the question show."))
    if Question.objects.filter(section__survey=survey, key=fields["key"]).exists():
        raise DomainError(_("Another question already has the variable name %(key)s.") % {"key": fields["key"]})


@transaction.atomic
def add_question(*, section: Section, actor: Any, fields: Mapping[str, Any], options_text: str = "") -> Question:
    survey = section.survey
    check_staff(actor, survey.organisation)
    _check_draft(survey)
    options = parse_options(options_text) if fields["kind"] in (Kind.SINGLE, Kind.MULTIPLE, Kind.GRID) else []
    _check_question(survey, section, fields, options)
    position = (section.questions.aggregate(m=Max("position"))["m"] or 0) + 1
    question = Question(section=section, position=position, **fields)
    question.full_clean(exclude=["section", "show_if"])
    question.save()
    Option.objects.bulk_create(Option(question=question, position=i, value=code, label=label, label_en=english)
                               for i, (code, label, english) in enumerate(options, start=1))
    record_event(organisation=survey.organisation, actor=actor, action="survey.question_added", target=survey,
                 data={"question": question.pk, "kind": question.kind})
    return question


@transaction.atomic
def delete_question(*, question: Question, actor: Any) -> None:
    survey = question.section.survey
    check_staff(actor, survey.organisation)
    _check_draft(survey)
    record_event(organisation=survey.organisation, actor=actor, action="survey.question_deleted", target=survey,
                 data={"question": question.pk, "key": question.key})
    question.delete()


@transaction.atomic
def set_status(*, survey: Survey, actor: Any, status: str) -> Survey:
    check_staff(actor, survey.organisation)
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    if status == Survey.Status.OPEN:
        if not Question.objects.filter(section__survey=survey).exists():
            raise DomainError(_("Add at least one question before opening the survey."))
        if survey.closes_at is not None and survey.closes_at <= timezone.now():
            raise DomainError(_("The closing time has passed: set a later one first."))
    elif status != Survey.Status.CLOSED:
        raise DomainError(_("Unknown status."))
    survey.status = status
    survey.save(update_fields=["status", "updated_at"])
    record_event(organisation=survey.organisation, actor=actor, action=f"survey.{status}", target=survey)
    return survey
