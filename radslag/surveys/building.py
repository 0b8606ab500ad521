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
from radslag.surveys.models import DONT_KNOW, Audience, Kind, Option, Question, Section, Survey


def check_staff(actor: Any, organisation: Organisation) -> None:
    if not has_capability(actor, organisation, Capability.SURVEYS_MANAGE):
        raise PermissionDeniedError(_("Only staff may build and send surveys."))


def _check_draft(survey: Survey) -> None:
    if survey.status != Survey.Status.DRAFT:
        raise DomainError(_("The survey has been opened: its questions can no longer change, so that every answer "
                            "means the same."))


def _lock_draft(survey: Survey) -> None:
    """Lock the survey's row to the end of the transaction and check that it is still a draft, so that it
    cannot be opened (`set_status` takes the same lock) between the check and the change."""
    _check_draft(Survey.objects.select_for_update().get(pk=survey.pk))


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
    _lock_draft(survey)
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


def options_as_text(question: Question) -> str:
    """The question's choices written back the way `parse_options` reads them, for the edit form."""
    return "\n".join(f"{o.label} | {o.label_en}" if o.label_en else o.label for o in question.options.all())


def _parsed_options(fields: Mapping[str, Any], options_text: str) -> list[tuple[str, str, str]]:
    return parse_options(options_text) if fields["kind"] in (Kind.SINGLE, Kind.MULTIPLE, Kind.GRID) else []


def _possible_answers(fields: Mapping[str, Any], codes: list[str]) -> list[str] | None:
    """The answers a condition on a question of this shape can name; None where any number may do, none for
    text and grids (their answers are not kept as values that decide what shows)."""
    if fields["kind"] in (Kind.SINGLE, Kind.MULTIPLE):
        return codes
    if fields["kind"] == Kind.SCALE:
        steps = [str(v) for v in range(fields.get("scale_min", 1), fields.get("scale_max", 5) + 1)]
        return [*steps, DONT_KNOW] if fields.get("allow_dont_know", True) else steps
    return None if fields["kind"] == Kind.NUMBER else []


def _shape(question: Question) -> dict[str, Any]:
    return {"kind": question.kind, "scale_min": question.scale_min, "scale_max": question.scale_max,
            "allow_dont_know": question.allow_dont_know}


def _check_answer_named(*, key: str, earlier: str, value: str, possible: list[str] | None) -> None:
    """A condition names an answer the earlier question can have, or the question it guards never shows."""
    if possible == []:
        raise DomainError(_("The question %(key)s depends on %(earlier)s, but an answer in words or to statements "
                            "cannot decide what shows. Choose a question with choices, a scale or a number.") % {
            "key": key, "earlier": earlier})
    if possible is not None and value not in possible:
        raise DomainError(_("The question %(key)s is shown when %(earlier)s is answered with %(value)s, but "
                            "%(earlier)s has no such answer. Its answers are: %(answers)s.") % {
            "key": key, "earlier": earlier, "value": value, "answers": ", ".join(possible)})


def _check_shape(fields: Mapping[str, Any], options: list[Any]) -> None:
    kind = fields["kind"]
    if kind in (Kind.SINGLE, Kind.MULTIPLE) and len(options) < 2:
        raise DomainError(_("Write at least two choices, one a line."))
    if kind == Kind.GRID and not options:
        raise DomainError(_("Write the statements, one a line."))
    if kind in (Kind.SCALE, Kind.GRID) and not (
            fields.get("scale_min", 1) < fields.get("scale_max", 5) and fields.get("scale_max", 5) - fields.get(
                "scale_min", 1) <= 10):
        raise DomainError(_("A scale goes from a lower to a higher number, with at most eleven steps (0–10)."))


def _check_question(survey: Survey, section: Section, fields: Mapping[str, Any], options: list[Any],
                    editing: Question | None = None) -> None:
    _check_shape(fields, options)
    condition = fields.get("show_if")
    if condition is not None:
        if (condition.section.survey_id != survey.pk or condition.section.position >= section.position
                or (editing is not None and condition.pk == editing.pk)):
            raise DomainError(_("A question can only depend on a question in an earlier section."))
        if not fields.get("show_if_value"):
            raise DomainError(_("Say which answer makes the question show."))
        codes = list(condition.options.values_list("value", flat=True))
        possible = _possible_answers(_shape(condition), codes)
        _check_answer_named(key=fields["key"], earlier=condition.key, value=fields["show_if_value"],
                            possible=possible)
    others = Question.objects.filter(section__survey=survey, key=fields["key"])
    if editing is not None:
        others = others.exclude(pk=editing.pk)
    if others.exists():
        raise DomainError(_("Another question already has the variable name %(key)s.") % {"key": fields["key"]})


@transaction.atomic
def add_question(*, section: Section, actor: Any, fields: Mapping[str, Any], options_text: str = "") -> Question:
    survey = section.survey
    check_staff(actor, survey.organisation)
    _lock_draft(survey)
    options = _parsed_options(fields, options_text)
    _check_question(survey, section, fields, options)
    position = (section.questions.aggregate(m=Max("position"))["m"] or 0) + 1
    question = Question(section=section, position=position, **fields)
    question.full_clean(exclude=["section", "show_if"])
    question.save()
    _create_options(question, options)
    record_event(organisation=survey.organisation, actor=actor, action="survey.question_added", target=survey,
                 data={"question": question.pk, "kind": question.kind})
    return question


@transaction.atomic
def delete_question(*, question: Question, actor: Any) -> None:
    survey = question.section.survey
    check_staff(actor, survey.organisation)
    _lock_draft(survey)
    record_event(organisation=survey.organisation, actor=actor, action="survey.question_deleted", target=survey,
                 data={"question": question.pk, "key": question.key})
    section_id = question.section_id
    question.delete()
    _renumber_questions(section_id)


def _create_options(question: Question, options: list[tuple[str, str, str]]) -> None:
    Option.objects.bulk_create(Option(question=question, position=i, value=code, label=label, label_en=english)
                               for i, (code, label, english) in enumerate(options, start=1))


def _check_condition_order(survey: Survey) -> None:
    """Every conditional question still comes in a later section than the question it depends on."""
    rows = (Question.objects.filter(section__survey=survey, show_if__isnull=False)
            .values_list("key", "section__position", "show_if__key", "show_if__section__position"))
    for key, position, earlier, earlier_position in rows:
        if earlier_position >= position:
            raise DomainError(_("The question %(key)s is shown only after an answer to %(earlier)s, so it must come "
                                "in a later section than %(earlier)s. Change its condition first.") % {
                "key": key, "earlier": earlier})


def _check_dependents(question: Question, fields: Mapping[str, Any], codes: list[str]) -> None:
    """The questions that show after an answer to this one still name an answer it can have."""
    possible = _possible_answers(fields, codes)
    for key, value in Question.objects.filter(show_if=question).values_list("key", "show_if_value"):
        _check_answer_named(key=key, earlier=fields["key"], value=value, possible=possible)


def _changes(question: Question, section: Section, fields: Mapping[str, Any],
             options: list[tuple[str, str, str]]) -> list[str]:
    changed = [name for name, value in fields.items() if getattr(question, name) != value]
    if section.pk != question.section_id:
        changed.append("section")
    if options != [(o.value, o.label, o.label_en) for o in question.options.all()]:
        changed.append("options")
    return sorted(changed)


def _renumber_questions(section_id: int) -> None:
    questions = list(Question.objects.filter(section_id=section_id).order_by("position", "id"))
    for position, question in enumerate(questions, start=1):
        question.position = position
    Question.objects.bulk_update(questions, ["position"])


@transaction.atomic
def edit_question(*, question: Question, actor: Any, section: Section, fields: Mapping[str, Any],
                  options_text: str = "") -> Question:
    """Change any of a draft question's fields, its choices (replaced all at once) or its section."""
    survey = question.section.survey
    check_staff(actor, survey.organisation)
    _lock_draft(survey)
    if section.survey_id != survey.pk:
        raise DomainError(_("Choose one of the survey's sections."))
    question = Question.objects.select_for_update().get(pk=question.pk)
    options = _parsed_options(fields, options_text)
    _check_question(survey, section, fields, options, editing=question)
    _check_dependents(question, fields, [code for code, _label, _english in options])
    changed, left = _changes(question, section, fields, options), question.section_id
    for name, value in fields.items():
        setattr(question, name, value)
    if section.pk != left:
        question.section = section
        question.position = (section.questions.aggregate(m=Max("position"))["m"] or 0) + 1
    question.full_clean(exclude=["section", "show_if"])
    question.save()
    question.options.all().delete()
    _create_options(question, options)
    if section.pk != left:
        _renumber_questions(left)
    _check_condition_order(survey)
    record_event(organisation=survey.organisation, actor=actor, action="survey.question_edited", target=survey,
                 data={"question": question.pk, "key": question.key, "changed": changed})
    return question


_STEPS = {"up": -1, "down": 1}


def _move(items: list[Any], pk: int, direction: str, *, first: str, last: str) -> int:
    """Swap the item with its neighbour and number them all 1, 2, 3...; returns the item's new position."""
    if direction not in _STEPS:
        raise DomainError(_("Choose whether to move up or down."))
    index = next(i for i, item in enumerate(items) if item.pk == pk)
    other = index + _STEPS[direction]
    if not 0 <= other < len(items):
        raise DomainError(first if direction == "up" else last)
    items[index], items[other] = items[other], items[index]
    for position, item in enumerate(items, start=1):
        item.position = position
    return other + 1


@transaction.atomic
def move_question(*, question: Question, actor: Any, direction: str) -> None:
    """One step up or down within its section. Conditions name earlier sections only, so no move within a
    section can put a question before the one it depends on; to another section it moves by `edit_question`."""
    survey = question.section.survey
    check_staff(actor, survey.organisation)
    _lock_draft(survey)
    questions = list(Question.objects.filter(section_id=question.section_id).order_by("position", "id"))
    position = _move(questions, question.pk, direction,
                     first=_("The question %(key)s is already first in its section.") % {"key": question.key},
                     last=_("The question %(key)s is already last in its section.") % {"key": question.key})
    Question.objects.bulk_update(questions, ["position"])
    record_event(organisation=survey.organisation, actor=actor, action="survey.question_moved", target=survey,
                 data={"question": question.pk, "key": question.key, "position": position})


@transaction.atomic
def move_section(*, section: Section, actor: Any, direction: str) -> None:
    survey = section.survey
    check_staff(actor, survey.organisation)
    _lock_draft(survey)
    sections = list(survey.sections.order_by("position", "id"))
    position = _move(sections, section.pk, direction,
                     first=_("The section %(title)s is already first.") % {"title": section.title},
                     last=_("The section %(title)s is already last.") % {"title": section.title})
    Section.objects.bulk_update(sections, ["position"])
    _check_condition_order(survey)
    record_event(organisation=survey.organisation, actor=actor, action="survey.section_moved", target=survey,
                 data={"section": section.pk, "position": position})


@transaction.atomic
def edit_section(*, section: Section, actor: Any, title: str, title_en: str = "") -> Section:
    survey = section.survey
    check_staff(actor, survey.organisation)
    _lock_draft(survey)
    if not title.strip():
        raise DomainError(_("Give the section a heading."))
    section.title, section.title_en = title.strip(), title_en.strip()
    section.save(update_fields=["title", "title_en"])
    record_event(organisation=survey.organisation, actor=actor, action="survey.section_edited", target=survey,
                 data={"section": section.pk})
    return section


@transaction.atomic
def delete_section(*, section: Section, actor: Any) -> None:
    """Only an empty section goes, so that no question is lost with it."""
    survey = section.survey
    check_staff(actor, survey.organisation)
    _lock_draft(survey)
    if section.questions.exists():
        raise DomainError(_("The section %(title)s still has questions: move them to another section or remove "
                            "them first.") % {"title": section.title})
    record_event(organisation=survey.organisation, actor=actor, action="survey.section_deleted", target=survey,
                 data={"section": section.pk, "title": section.title})
    section.delete()
    sections = list(survey.sections.order_by("position", "id"))
    for position, each in enumerate(sections, start=1):
        each.position = position
    Section.objects.bulk_update(sections, ["position"])


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
