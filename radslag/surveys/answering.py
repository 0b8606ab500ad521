"""Answering a survey: its pages, which questions show, and reading posted answers strictly.

One parser serves the web form, the preview and staff entry of paper forms, so that a paper answer is
held to exactly the rules of an answer given online (a value outside the scale, a missing required
answer, a question that is not on the page). Nothing here writes; `services` saves what this accepts.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core import signing
from django.utils.translation import gettext as _

from radslag.core.errors import DomainError
from radslag.surveys.models import DONT_KNOW, Kind, Question, Response, Section, Survey

TEXT_LIMITS = {Kind.SHORT_TEXT: 200, Kind.LONG_TEXT: 4000}
FIELD = re.compile(r"^q(?P<question>\d+)(?:_(?P<statement>\d+))?$")
_SIGNER = signing.Signer(salt="radslag.surveys.answer-link")

# A posted answer: (question pk, statement pk or None) -> values (several only for multiple choice)
Values = dict[tuple[int, int | None], list[str]]


class TamperedForm(DomainError):
    """The posted form names a question or statement that is not on the page."""


def answer_token(*, invitation_pk: int | None = None, response_pk: int | None = None) -> str:
    """The signed personal link's token: for a panel invitation, or for a response begun on an open link."""
    return _SIGNER.sign(f"i{invitation_pk}" if invitation_pk is not None else f"r{response_pk}")


def read_token(token: str) -> tuple[str, int]:
    """("i", invitation pk) or ("r", response pk); BadSignature for a link that was changed."""
    value = _SIGNER.unsign(token)
    if value[:1] not in ("i", "r") or not value[1:].isdigit():
        raise signing.BadSignature("not an answer link")
    return value[0], int(value[1:])


def field_name(question: Question, statement_pk: int | None = None) -> str:
    return f"q{question.pk}" if statement_pk is None else f"q{question.pk}_{statement_pk}"


@dataclass
class Page:
    """One page of the form: the background questions, or one section's questions that show."""

    number: int  # 1-based
    section: Section | None  # None: the background page
    questions: list[Question] = field(default_factory=list)

    @property
    def is_background(self) -> bool:
        return self.section is None


def survey_structure(survey: Survey) -> list[tuple[Section, list[Question]]]:
    """Sections with their questions and options, in order, in three queries."""
    sections = list(survey.sections.all())
    questions = list(Question.objects.filter(section__survey=survey).prefetch_related("options")
                     .order_by("section__position", "section_id", "position", "id"))
    by_section: dict[int, list[Question]] = {s.pk: [] for s in sections}
    for question in questions:
        by_section[question.section_id].append(question)
    return [(section, by_section[section.pk]) for section in sections]


def is_shown(question: Question, known: Mapping[int, list[str]]) -> bool:
    """A conditional question shows when its earlier question was answered with the given value."""
    if question.show_if_id is None:
        return True
    return question.show_if_value in known.get(question.show_if_id, [])


def pages_for(structure: Sequence[tuple[Section, list[Question]]], known: Mapping[int, list[str]], *,
              ask_background: bool) -> list[Page]:
    pages = [Page(1, None)] if ask_background else []
    for section, questions in structure:
        shown = [q for q in questions if is_shown(q, known)]
        if shown:
            pages.append(Page(len(pages) + 1, section, shown))
    return pages


def known_answers(response: Response) -> dict[int, list[str]]:
    known: dict[int, list[str]] = {}
    for question_id, value in response.answers.filter(statement__isnull=True).values_list("question_id", "value"):
        known.setdefault(question_id, []).append(value)
    return known


@dataclass
class Parsed:
    values: Values
    errors: dict[int, str]  # question pk -> what is wrong, in Swedish

    @property
    def ok(self) -> bool:
        return not self.errors


def as_lists(data: Mapping[str, Any]) -> dict[str, list[str]]:
    """Field name -> every value posted (a QueryDict's lists, or a plain mapping of strings or lists)."""
    lists = getattr(data, "lists", None)
    if callable(lists):
        return {name: list(values) for name, values in lists()}
    return {name: [value] if isinstance(value, str) else list(value) for name, value in data.items()}


def _posted(data: Mapping[str, Any], questions: Sequence[Question]) -> Values:
    """The answers posted for `questions`; a field naming any other question or statement is tampering."""
    by_pk = {q.pk: q for q in questions}
    posted: Values = {}
    for name, raw in as_lists(data).items():
        match = FIELD.match(name)
        if match is None:
            continue
        question = by_pk.get(int(match["question"]))
        statement = int(match["statement"]) if match["statement"] else None
        statements = {o.pk for o in question.options.all()} if question is not None else set()
        if question is None or (statement is not None) != (question.kind == Kind.GRID) or (
                statement is not None and statement not in statements):
            raise TamperedForm(_("The form holds an answer to a question that is not on this page. Nothing was "
                                "saved: open the survey again from your link and answer once more."))
        values = [v.strip() for v in raw if v is not None and v.strip()]
        if values:
            posted[(question.pk, statement)] = values
    return posted


def _scale_error(question: Question, value: str) -> str | None:
    allowed = question.scale_values() + ([DONT_KNOW] if question.allow_dont_know else [])
    if value in allowed:
        return None
    return _("The answer must be a whole number from %(low)d to %(high)d%(dont_know)s, not \u201c%(value)s\u201d.") % {
        "low": question.scale_min, "high": question.scale_max, "value": value[:20],
        "dont_know": _(" or \u201cdon't know\u201d") if question.allow_dont_know else ""}


def _number(value: str) -> str | None:
    try:
        number = Decimal(value.replace(" ", "").replace(",", "."))
    except InvalidOperation:
        return None
    return format(number.normalize(), "f") if number.is_finite() else None


def _check(question: Question, values: list[str]) -> tuple[list[str], str | None]:
    kind = question.kind
    if kind in (Kind.SINGLE, Kind.MULTIPLE):
        codes = {o.value for o in question.options.all()}
        if kind == Kind.SINGLE and len(values) > 1:
            return values, _("Choose one answer only.")
        if any(v not in codes for v in values):
            return values, _("Choose among the answers shown.")
        return list(dict.fromkeys(values)), None
    if len(values) > 1:
        return values, _("Give one answer only.")
    value = values[0]
    if kind in (Kind.SCALE, Kind.GRID):
        return values, _scale_error(question, value)
    if kind == Kind.NUMBER:
        number = _number(value)
        return ([number] if number else values), (None if number else _("Write a number, for example 12."))
    limit = TEXT_LIMITS.get(Kind(kind), 4000)
    if len(value) > limit:
        return values, _("The answer can be at most %(limit)d characters long.") % {"limit": limit}
    return values, None


def parse_page(questions: Sequence[Question], data: Mapping[str, Any], *,
               require: bool = True) -> Parsed:
    """Read and check the answers to one page. `require=False` (save and continue later) lets required
    questions stay empty, but every answer given must still be valid."""
    posted = _posted(data, questions)
    values: Values = {}
    errors: dict[int, str] = {}
    for question in questions:
        keys = ([(question.pk, o.pk) for o in question.options.all()] if question.kind == Kind.GRID
                else [(question.pk, None)])
        missing = False
        for key in keys:
            if key not in posted:
                missing = True
                continue
            checked, error = _check(question, posted[key])
            if error:
                errors[question.pk] = error
            else:
                values[key] = checked
        if require and question.required and missing and question.pk not in errors:
            errors[question.pk] = (_("Answer every statement: the question must be answered.")
                                   if question.kind == Kind.GRID else _("The question must be answered."))
    return Parsed(values, errors)
