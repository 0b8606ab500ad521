"""Exports of a survey's sent responses, one row per response with its weight: CSV, XLSX and SPSS .sav.

One data set, three formats. Columns: the response id, how it came, the wave, age band, sex, locality,
the weight; then one column per question (a choice's code, a scale's step, a number, a text), one per
choice of a multiple-choice question (1 chosen, 0 not) and one per statement of a grid. In the .sav file
every variable has its question as label, and codes have value labels; choices are numbered 1, 2, ...
in the order shown, "don't know" is 99 and declared missing, so SPSS and R leave it out of means.
"""

from __future__ import annotations

import io
import os
import re
import tempfile
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from radslag.analysis.safe_text import spreadsheet_row
from radslag.core.models import AgeBand, Sex
from radslag.organisations.models import Locality
from radslag.surveys.answering import survey_structure
from radslag.surveys.models import DONT_KNOW, Answer, Kind, Question, Response, Survey
from radslag.surveys.weighting import ensure_weights

DONT_KNOW_CODE = 99


def variable_name(name: str) -> str:
    """A name SPSS, R and Excel all accept: letters, digits and underscores, starting with a letter, at most 64."""
    cleaned = re.sub(r"[^0-9A-Za-z_]", "_", name)
    return (cleaned if cleaned[:1].isalpha() else f"v{cleaned}")[:64]


@dataclass
class Column:
    name: str
    label: str
    numeric: bool
    value_labels: dict[int, str] = field(default_factory=dict)
    codes: dict[str, int] = field(default_factory=dict)  # stored value -> number in the file


def _coded(name: str, label: str, choices: list[tuple[str, str]]) -> Column:
    codes = {value: i for i, (value, _label) in enumerate(choices, start=1)}
    return Column(name, label, True, {i: text for (_value, text), i in zip(choices, codes.values(), strict=True)},
                  codes)


def _scale(name: str, label: str, question: Question) -> Column:
    column = Column(name, label, True, codes={v: int(v) for v in question.scale_values()})
    column.value_labels = {question.scale_min: question.low_label or str(question.scale_min),
                           question.scale_max: question.high_label or str(question.scale_max)}
    if question.allow_dont_know:
        column.codes[DONT_KNOW] = DONT_KNOW_CODE
        column.value_labels[DONT_KNOW_CODE] = _("Don't know")
    return column


def _question_columns(question: Question) -> list[tuple[Column, int | None, str | None]]:
    """(column, statement pk, choice value) for each column a question gives."""
    key, text = question.key, question.text
    if question.kind == Kind.SINGLE:
        return [(_coded(key, text, [(o.value, o.label) for o in question.options.all()]), None, None)]
    if question.kind == Kind.MULTIPLE:
        return [(Column(f"{key}_{o.value}", f"{text}: {o.label}", True, {0: _("Not chosen"), 1: _("Chosen")}),
                 None, o.value) for o in question.options.all()]
    if question.kind == Kind.GRID:
        return [(_scale(f"{key}_{o.value}", f"{text}: {o.label}", question), o.pk, None)
                for o in question.options.all()]
    if question.kind == Kind.SCALE:
        return [(_scale(key, text, question), None, None)]
    return [(Column(key, text, question.kind == Kind.NUMBER), None, None)]


def _named(specs: list[tuple[Column, int | None, str | None]]) -> list[tuple[Column, int | None, str | None]]:
    for column, _statement, _choice in specs:
        column.name = variable_name(column.name)
    return specs


def _background_columns(survey: Survey) -> list[Column]:
    localities = list(Locality.objects.filter(organisation_id=survey.organisation_id).values_list("pk", "name"))
    return [
        Column("id", _("Response"), True), Column("source", _("How it came"), False),
        Column("wave", _("Wave"), False),
        _coded("age_band", _("Age"), [(b.value, str(b.label)) for b in AgeBand]),
        _coded("sex", _("Sex"), [(s.value, str(s.label)) for s in Sex]),
        _coded("locality", _("Locality"), [(str(pk), name) for pk, name in localities]),
        Column("weight", _("Weight (raking to the population)"), True),
    ]


def dataset(survey: Survey) -> tuple[list[Column], list[list[Any]]]:
    """The columns and one row per sent response (values as stored: codes are still text here)."""
    ensure_weights(survey)
    layout = [(column, q.pk, statement, choice) for _section, qs in survey_structure(survey) for q in qs
              for column, statement, choice in _named(_question_columns(q))]
    responses = list(Response.objects.filter(survey=survey, submitted_at__isnull=False).order_by("pk")
                     .values_list("pk", "source", "wave__label", "age_band", "sex", "locality_id", "weight"))
    answers: dict[int, dict[tuple[int, int | None], list[str]]] = defaultdict(lambda: defaultdict(list))
    for response_id, question_id, statement_id, value, text in (
            Answer.objects.filter(response__survey=survey, response__submitted_at__isnull=False)
            .values_list("response_id", "question_id", "statement_id", "value", "text")):
        answers[response_id][(question_id, statement_id)].append(value or text)
    rows = []
    for pk, source, wave, age, sex, locality, weight in responses:
        given = answers.get(pk, {})
        row: list[Any] = [pk, source, wave or "", age, sex, str(locality or ""), weight if weight is not None else 1.0]
        for _column, question_pk, statement, choice in layout:
            values = given.get((question_pk, statement), [])
            if choice is not None:
                row.append(1 if choice in values else (0 if (question_pk, None) in given else None))
            else:
                row.append(values[0] if values else None)
        rows.append(row)
    return [*_background_columns(survey), *(spec[0] for spec in layout)], rows


def write_csv(survey: Survey) -> bytes:
    import csv

    columns, rows = dataset(survey)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([c.name for c in columns])
    for row in rows:
        writer.writerow(spreadsheet_row(["" if v is None else v for v in row]))
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def write_xlsx(survey: Survey) -> bytes:
    from openpyxl import Workbook

    columns, rows = dataset(survey)
    book = Workbook(write_only=True)
    sheet = book.create_sheet(_("Answers"))
    sheet.append([c.name for c in columns])
    for row in rows:
        sheet.append(spreadsheet_row(row))
    labels = book.create_sheet(_("Variables"))
    labels.append([_("Variable"), _("Question"), _("Codes")])
    for column in columns:
        labels.append(spreadsheet_row([column.name, column.label,
                                       "; ".join(f"{k} = {v}" for k, v in column.value_labels.items())]))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _numeric(column: Column, value: Any) -> float | None:
    if value is None or value == "":
        return None
    if column.codes:
        code = column.codes.get(str(value))
        return float(code) if code is not None else None
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def write_sav(survey: Survey) -> bytes:
    """SPSS .sav with variable labels, value labels and "don't know" (99) declared missing."""
    import pandas as pd
    import pyreadstat

    columns, rows = dataset(survey)
    data = {}
    for index, column in enumerate(columns):
        values = [row[index] for row in rows]
        data[column.name] = (pd.Series([_numeric(column, v) for v in values], dtype="float64") if column.numeric
                             else pd.Series(["" if v is None else str(v) for v in values], dtype="object"))
    frame = pd.DataFrame(data, columns=[c.name for c in columns])
    missing: dict[str, list[Any]] = {c.name: [DONT_KNOW_CODE] for c in columns if DONT_KNOW_CODE in c.value_labels}
    handle, path = tempfile.mkstemp(suffix=".sav")
    os.close(handle)
    try:
        pyreadstat.write_sav(
            frame, path, column_labels={c.name: c.label[:255] for c in columns},
            variable_value_labels={c.name: {float(k): v for k, v in c.value_labels.items()} for c in columns
                                   if c.value_labels and c.numeric},
            missing_ranges=missing or None,
        )
        with open(path, "rb") as handle_in:
            return handle_in.read()
    finally:
        os.unlink(path)
