"""What the answer page shows for each question: its field names, choices, the answer given and any error.

The same shapes render the web form, the preview and the paper entry form, so they cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from radslag.core.localized import LocalizedText, localized
from radslag.surveys.answering import field_name
from radslag.surveys.models import DONT_KNOW, Kind, Question


@dataclass(frozen=True)
class Choice:
    value: str
    label: str | LocalizedText
    checked: bool
    id: str


@dataclass
class Row:
    """A group of radios or checkboxes: a question's own, or one statement's of a grid."""

    name: str
    label: str | LocalizedText
    choices: list[Choice]
    typed: str = ""  # paper entry: what was typed, shown again beside an error


@dataclass
class Shown:
    question: Question
    text: LocalizedText
    help: LocalizedText
    name: str
    kind: str
    required: bool
    error: str = ""
    value: str = ""  # number and text answers
    rows: list[Row] = field(default_factory=list)  # one for single/multiple/scale, one per grid statement
    low_label: str | LocalizedText = ""
    high_label: str | LocalizedText = ""

    @property
    def is_grid(self) -> bool:
        return self.kind == Kind.GRID

    @property
    def shows_scale_ends(self) -> bool:
        return self.kind in (Kind.SCALE, Kind.GRID) and bool(self.low_label or self.high_label)

    @property
    def ends_lang_attr(self) -> str:
        """` lang="sv"` on the scale's ends when the English page shows a Swedish label, else nothing."""
        labels = [label for label in (self.low_label, self.high_label) if isinstance(label, LocalizedText)]
        return next((label.lang_attr for label in labels if label.fallback and label), "")

    @property
    def described_by(self) -> str:
        """The ids for aria-describedby: the help text, the meaning of the scale's ends and the error, so that
        a screen reader says what 1 and 5 stand for when a step of the scale gets focus."""
        ids = [(self.help, "help"), (self.shows_scale_ends, "ends"), (self.error, "error")]
        return " ".join(f"{self.name}-{suffix}" for present, suffix in ids if present)


def _scale_choices(question: Question, name: str, given: Sequence[str]) -> list[Choice]:
    choices = [Choice(v, v, v in given, f"{name}-{v}") for v in question.scale_values()]
    if question.allow_dont_know:
        choices.append(Choice(DONT_KNOW, _("Don't know"), DONT_KNOW in given, f"{name}-{DONT_KNOW}"))
    return choices


def shown_questions(questions: Iterable[Question], given: Mapping[str, Sequence[str]],
                    errors: Mapping[int, str]) -> list[Shown]:
    """`given`: field name -> values (as posted, or as saved)."""
    out = []
    for question in questions:
        name = field_name(question)
        shown = Shown(question, localized(question, "text"), localized(question, "help_text"), name, question.kind,
                      question.required, errors.get(question.pk, ""), (list(given.get(name, [])) or [""])[0],
                      low_label=localized(question, "low_label"), high_label=localized(question, "high_label"))
        if question.has_options:
            values = given.get(name, [])
            shown.rows = [Row(name, shown.text, [Choice(o.value, localized(o, "label"), o.value in values,
                                                        f"{name}-{o.value}") for o in question.options.all()])]
        elif question.kind == Kind.SCALE:
            shown.rows = [Row(name, shown.text, _scale_choices(question, name, given.get(name, [])))]
        elif question.kind == Kind.GRID:
            for statement in question.options.all():
                row_name = field_name(question, statement.pk)
                shown.rows.append(Row(row_name, localized(statement, "label"),
                                      _scale_choices(question, row_name, given.get(row_name, []))))
        out.append(shown)
    return out


def saved_values(answers: Iterable[tuple[int, int | None, str, str]], questions: Iterable[Question]
                 ) -> dict[str, list[str]]:
    """Saved answers (question pk, statement pk, value, text) as the field values of a form."""
    by_pk = {q.pk: q for q in questions}
    values: dict[str, list[str]] = {}
    for question_id, statement_id, value, text in answers:
        question = by_pk.get(question_id)
        if question is None:
            continue
        values.setdefault(field_name(question, statement_id), []).append(value or text)
    return values


def posted_values(data: Any) -> dict[str, list[str]]:
    return {name: data.getlist(name) for name in data if name.startswith("q")}


def background_given(data: Mapping[str, Any]) -> dict[str, Any]:
    return {name: data.get(name, "") for name in ("age_band", "sex", "locality")}
