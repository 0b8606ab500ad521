"""The paper version of a survey: a printable PDF with the same questions, in the same order, as online;
and what staff type from a paper form, turned into the answers the web form would have sent."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from radslag.core.localized import localized
from radslag.core.models import AgeBand, Sex
from radslag.organisations.models import Locality
from radslag.surveys.answer_form import shown_questions
from radslag.surveys.answering import field_name, survey_structure
from radslag.surveys.models import DONT_KNOW, Kind, Question, Survey

DONT_KNOW_TYPED = {"v", "vet ej", "x", "99"}


def _answer_label(question: Question, value: str) -> str:
    if question.has_options:
        return next((str(localized(o, "label")) for o in question.options.all() if o.value == value), value)
    return _("Don't know") if value == DONT_KNOW else value


def _condition(question: Question, by_pk: Mapping[int, Question]) -> tuple[Question, str] | None:
    """The earlier question a conditional question follows, and the answer it follows, as printed."""
    earlier = by_pk.get(question.show_if_id) if question.show_if_id is not None else None
    return None if earlier is None else (earlier, _answer_label(earlier, question.show_if_value))


def condition_notes(questions: Iterable[Question]) -> dict[int, str]:
    """What a paper form says instead of hiding a conditional question: after which answer it is answered."""
    by_pk = {q.pk: q for q in questions}
    notes = {}
    for question in by_pk.values():
        if (condition := _condition(question, by_pk)) is not None:
            earlier, answer = condition
            notes[question.pk] = _("Answer only if you answered \u201c%(answer)s\u201d to question %(key)s.") % {
                "answer": answer, "key": earlier.key}
    return notes


def left_out_notes(questions: Iterable[Question], keys: Iterable[str]) -> list[str]:
    """What staff are told about answers typed in from paper but not saved, because the respondent answered a
    question the form said to skip: one note per question, naming it and the answer it follows."""
    by_pk = {q.pk: q for q in questions}
    by_key = {q.key: q for q in by_pk.values()}
    notes = []
    for key in keys:
        condition = _condition(by_key[key], by_pk) if key in by_key else None
        if condition is not None:
            earlier, answer = condition
            notes.append(_("The answer to question %(key)s was not saved: it is to be answered only if question "
                           "%(earlier)s was answered \u201c%(answer)s\u201d.") % {
                "key": key, "earlier": earlier.key, "answer": answer})
    return notes


def paper_html(survey: Survey) -> str:
    structure = survey_structure(survey)
    notes = condition_notes(q for _section, questions in structure for q in questions)
    sections = [(section, [(shown, notes.get(shown.question.pk, "")) for shown in shown_questions(questions, {}, {})])
                for section, questions in structure]
    background = []
    if survey.self_selected:
        background = [
            (_("Age"), [label for value, label in AgeBand.choices if value != AgeBand.UNDER_16]),
            (_("Sex"), [label for _value, label in Sex.choices]),
            (_("Locality"), list(Locality.objects.filter(organisation_id=survey.organisation_id)
                                 .values_list("name", flat=True))),
        ]
    return render_to_string("surveys/paper.html", {"survey": survey, "sections": sections, "background": background})


def survey_pdf(survey: Survey, *, base_url: str = "") -> bytes:
    from weasyprint import HTML

    return HTML(string=paper_html(survey), base_url=base_url or None).write_pdf()


def _choice_codes(question: Question, typed: str) -> list[str]:
    """Box numbers as typed ("2" or "1 3") -> the choices' codes; anything else is passed on to be refused."""
    options = list(question.options.all())
    codes = []
    for token in re.split(r"[\s,;]+", typed.strip()):
        if token.isdigit() and 1 <= int(token) <= len(options):
            codes.append(options[int(token) - 1].value)
        elif token:
            codes.append(token)
    return codes


def _scale_value(typed: str) -> str:
    return DONT_KNOW if typed.strip().lower() in DONT_KNOW_TYPED else typed.strip()


def from_paper(questions: Iterable[Question], data: Mapping[str, Any]) -> dict[str, list[str]]:
    """What the web form would have posted for the typed-in paper form (field name -> values)."""
    values: dict[str, list[str]] = {}
    for name in data:
        if name.startswith("q"):
            values[name] = [data[name]] if isinstance(data[name], str) else list(data[name])
    for question in questions:
        if question.kind == Kind.GRID:
            for statement in question.options.all():
                name = field_name(question, statement.pk)
                if data.get(name, "").strip():
                    values[name] = [_scale_value(data[name])]
            continue
        name = field_name(question)
        typed = data.get(name, "")
        if not typed.strip():
            continue
        if question.has_options:
            values[name] = _choice_codes(question, typed)
        elif question.kind == Kind.SCALE:
            values[name] = [_scale_value(typed)]
    return values
