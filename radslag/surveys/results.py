"""A survey's results: response rates, and for each question the counts and shares, unweighted and weighted,
with 95 % confidence intervals that take the weights into account; cross-tabulations by background.

Every breakdown goes through `radslag.analysis.disclosure.published_table`: a group of fewer than five
shows no number, and then the other groups only rounded shares. A weighted share and its interval are
shown only beside an exact count, since they would otherwise give the hidden count away.
Counts are summed by the database: one query for every closed question's values, with the weights.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from django.db.models import Count, F, FloatField, Q, Sum, Window
from django.db.models.functions import Coalesce, RowNumber
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from radslag.analysis import disclosure
from radslag.analysis.raking import Share, share_from_sums
from radslag.core.localized import LocalizedText, localized
from radslag.core.models import AgeBand, Sex
from radslag.organisations.models import Locality
from radslag.panels.models import Channel
from radslag.surveys.answering import survey_structure
from radslag.surveys.models import DONT_KNOW, Answer, Invitation, Kind, Question, Response, Survey, Wave
from radslag.surveys.weighting import ensure_weights

Label = str | Promise | LocalizedText
BACKGROUND = ("age_band", "sex", "locality")


@dataclass(frozen=True)
class Cell:
    key: str
    label: Label
    count: int | None  # None when the disclosure rules hide it
    percent: int | None  # unweighted, as published
    few: bool
    weighted: Share | None  # only beside an exact count


@dataclass
class Breakdown:
    """One question (or one statement of a grid): its answers, or a note that the table is withheld."""

    title: Label
    respondents: int
    cells: list[Cell]
    withheld: bool
    design_effect: float = 1.0
    effective_n: float = 0.0
    mean: float | None = None  # number and scale questions: the weighted mean of the numeric answers
    step: int = 1  # > 1: the shares, weighted ones included, are rounded to this many per cent (a cross-tab)


@dataclass
class QuestionResult:
    question: Question
    breakdowns: list[Breakdown] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)  # free-text answers (a sample, newest first)
    text_count: int = 0


def option_labels(question: Question) -> list[tuple[str, Label]]:
    if question.has_options:
        return [(o.value, str(localized(o, "label"))) for o in question.options.all()]
    if question.on_scale:
        labels: list[tuple[str, Label]] = []
        for value in question.scale_values():
            end = (localized(question, "low_label") if value == str(question.scale_min) else
                   localized(question, "high_label") if value == str(question.scale_max) else "")
            labels.append((value, f"{value} – {end}" if str(end) else value))
        if question.allow_dont_know:
            labels.append((DONT_KNOW, _("Don't know")))
        return labels
    return []


def _breakdown(title: Label, labels: Sequence[tuple[str, Label]], sums: dict[str, tuple[int, float, float]],
               totals: tuple[int, float, float], *, always_round: bool = False) -> Breakdown:
    """`always_round` for tables published beside others of the same people that they could be subtracted from
    (a cross-tab's groups beside the whole): no exact counts, and every share, weighted ones included, only in
    the table's rounding step, so that no group's hidden cell can be worked out from the rest."""
    n, total, squares = totals
    table = disclosure.published_table([(key, sums.get(key, (0, 0.0, 0.0))[0]) for key, _label in labels],
                                       always_round=always_round)
    rounded = any(cell.rounded for cell in table.cells)
    cells, deffs = [], []
    for (key, label), cell in zip(labels, table.cells, strict=True):
        count, weighted, weighted_sq = sums.get(key, (0, 0.0, 0.0))
        share = None
        if (cell.form is disclosure.Form.EXACT or cell.rounded) and n:
            share = share_from_sums(n=n, total=total, total_squares=squares, count=count, weighted=weighted,
                                    weighted_squares=weighted_sq)
            if 0 < share.share < 1:
                deffs.append(share.design_effect)
            if rounded:
                share = _in_steps(share, table.step)
        cells.append(Cell(key, label, cell.count, cell.percent, cell.few, share))
    kish_n = total * total / squares if squares else 0.0
    deff = max(deffs) if deffs else (n / kish_n if kish_n else 1.0)
    return Breakdown(title, n, cells, table.withheld, deff, n / deff if deff else 0.0,
                     step=table.step if rounded else 1)


def _in_steps(share: Share, step: int) -> Share:
    """The weighted share and its interval rounded half up to `step` per cent (the interval outwards)."""
    def rounded(value: float) -> float:
        return disclosure.share_percent(value, step) / 100

    low = max(0.0, math.floor(share.low * 100 / step) * step / 100)
    high = min(1.0, math.ceil(share.high * 100 / step) * step / 100)
    return replace(share, share=rounded(share.share), low=low, high=high, answers=0, weighted=0.0)


def _answers_of(survey: Survey, responses: Any | None) -> Any:
    """The answers of the given responses, or of the survey's sent responses (one join, not a sub-select)."""
    if responses is None:
        return Answer.objects.filter(response__survey=survey, response__submitted_at__isnull=False)
    return Answer.objects.filter(response__in=responses)


Sums = dict[tuple[int, int | None], dict[str, tuple[int, float, float]]]


def _closed_sums(survey: Survey, responses: Any | None) -> Sums:
    weight = Coalesce(F("response__weight"), 1.0, output_field=FloatField())
    rows = (_answers_of(survey, responses).exclude(value="")
            .values_list("question_id", "statement_id", "value")
            .annotate(n=Count("id"), w=Sum(weight), w2=Sum(weight * weight)).order_by())
    sums: dict[tuple[int, int | None], dict[str, tuple[int, float, float]]] = defaultdict(dict)
    for question_id, statement_id, value, n, w, w2 in rows:
        sums[(question_id, statement_id)][value] = (n, w or 0.0, w2 or 0.0)
    return sums


def _respondent_totals(survey: Survey, responses: Any, multiple: list[int]) -> dict[int, tuple[int, float, float]]:
    """For multiple-choice questions: how many answered at all (a respondent counts once), with Σw and Σw².

    One small aggregate per question over the responses that hold a choice in it (a semi-join, which the
    database plans the same way however the responses' rows were last written)."""
    weight = Coalesce(F("weight"), 1.0, output_field=FloatField())
    totals = {}
    for question_id in multiple:
        chose = Answer.objects.filter(question_id=question_id).exclude(value="").values("response_id")
        sums = responses.filter(pk__in=chose).aggregate(n=Count("pk"), w=Sum(weight), w2=Sum(weight * weight))
        if sums["n"]:
            totals[question_id] = (sums["n"], sums["w"] or 0.0, sums["w2"] or 0.0)
    return totals


def _totals(sums: dict[str, tuple[int, float, float]]) -> tuple[int, float, float]:
    return (sum(v[0] for v in sums.values()), sum(v[1] for v in sums.values()), sum(v[2] for v in sums.values()))


def _mean(question: Question, sums: dict[str, tuple[int, float, float]]) -> float | None:
    numeric = [(float(v), w) for v, (_n, w, _w2) in sums.items() if v != DONT_KNOW and _is_number(v)]
    weight = sum(w for _v, w in numeric)
    return sum(v * w for v, w in numeric) / weight if weight else None


def _is_number(value: str) -> bool:
    try:
        float(value)
    except ValueError:
        return False
    return True


def question_results(survey: Survey, responses: Any | None = None) -> list[QuestionResult]:
    """Every question's results over the survey's sent responses (or those given), weighted."""
    ensure_weights(survey)
    structure = survey_structure(survey)
    questions = [q for _section, qs in structure for q in qs]
    sums = _closed_sums(survey, responses)
    sent = responses if responses is not None else Response.objects.filter(survey=survey, submitted_at__isnull=False)
    multiple = _respondent_totals(survey, sent, [q.pk for q in questions if q.kind == Kind.MULTIPLE])
    texts = _texts(_answers_of(survey, responses), [q.pk for q in questions if q.is_text])
    results = []
    for question in questions:
        result = QuestionResult(question)
        if question.is_text:
            result.texts, result.text_count = texts.get(question.pk, ([], 0))
        elif question.kind == Kind.NUMBER:
            values = sums.get((question.pk, None), {})
            totals = _totals(values)
            hidden = totals[0] < disclosure.SMALL_GROUP_THRESHOLD
            result.breakdowns.append(Breakdown(localized(question, "text"), totals[0], [], hidden,
                                               mean=None if hidden else _mean(question, values)))
        else:
            result.breakdowns = _closed_breakdowns(question, sums, multiple)
        results.append(result)
    return results


def _closed_breakdowns(question: Question, sums: dict[tuple[int, int | None], dict[str, tuple[int, float, float]]],
                       multiple: dict[int, tuple[int, float, float]]) -> list[Breakdown]:
    labels = option_labels(question)
    if question.kind == Kind.GRID:
        breakdowns = []
        for statement in question.options.all():
            values = sums.get((question.pk, statement.pk), {})
            breakdown = _breakdown(localized(statement, "label"), labels, values, _totals(values))
            breakdown.mean = _mean(question, values)
            breakdowns.append(breakdown)
        return breakdowns
    values = sums.get((question.pk, None), {})
    totals = multiple.get(question.pk, (0, 0.0, 0.0)) if question.kind == Kind.MULTIPLE else _totals(values)
    breakdown = _breakdown(localized(question, "text"), labels, values, totals)
    if question.kind == Kind.SCALE:
        breakdown.mean = _mean(question, values)
    return [breakdown]


def _texts(answers: Any, question_ids: list[int], sample: int = 8) -> dict[int, tuple[list[str], int]]:
    """Every text question's count of written answers and its newest few, ranked and counted by the database
    (one query that returns only the sample, not every text)."""
    if not question_ids:
        return {}
    quotes: dict[int, list[str]] = defaultdict(list)
    counts: dict[int, int] = {}
    rows = (answers.filter(question_id__in=question_ids).exclude(text="")
            .annotate(rank=Window(RowNumber(), partition_by=F("question_id"), order_by=F("id").desc()),
                      written=Window(Count("id"), partition_by=F("question_id")))
            .filter(rank__lte=sample).order_by("question_id", "rank").values_list("question_id", "text", "written"))
    for question_id, text, written in rows:
        counts[question_id] = written
        quotes[question_id].append(text)
    return {q: (quotes[q], counts.get(q, 0)) for q in question_ids}


def background_labels(survey: Survey, variable: str) -> list[tuple[str, Label]]:
    if variable == "age_band":
        return [(b.value, b.label) for b in AgeBand if b != AgeBand.UNDER_16]
    if variable == "sex":
        return [(s.value, s.label) for s in Sex]
    return [(str(pk), name) for pk, name in
            Locality.objects.filter(organisation_id=survey.organisation_id).values_list("pk", "name")]


@dataclass
class CrossTab:
    question: Question
    variable: str
    columns: list[tuple[Label, Breakdown]]


def cross_tab(survey: Survey, question: Question, variable: str) -> CrossTab:
    """One closed question's answers within each group of a background variable (each group its own table)."""
    ensure_weights(survey)
    field_name = "locality_id" if variable == "locality" else variable
    weight = Coalesce(F("response__weight"), 1.0, output_field=FloatField())
    rows = (Answer.objects.filter(question=question, statement__isnull=True, response__submitted_at__isnull=False)
            .exclude(value="").values_list(f"response__{field_name}", "value")
            .annotate(n=Count("id"), w=Sum(weight), w2=Sum(weight * weight)).order_by())
    groups: dict[str, dict[str, tuple[int, float, float]]] = defaultdict(dict)
    for group, value, n, w, w2 in rows:
        groups[str(group or "")][value] = (n, w or 0.0, w2 or 0.0)
    labels = option_labels(question)
    columns = [(label, _breakdown(label, labels, groups.get(key, {}), _totals(groups.get(key, {})),
                                  always_round=True))
               for key, label in background_labels(survey, variable)]
    return CrossTab(question, variable, columns)


@dataclass(frozen=True)
class RateRow:
    label: Label
    invited: int
    answered: int | None  # None when hidden (fewer than five, or would reveal a hidden group)
    percent: int | None


@dataclass
class WaveRates:
    wave: Wave
    overall: RateRow
    by: list[tuple[Label, list[RateRow]]]


def _rate_rows(groups: dict[str, tuple[int, int]], labels: Sequence[tuple[str, Label]]) -> list[RateRow]:
    rows = []
    for key, label in labels:
        invited, answered = groups.get(key, (0, 0))
        if not invited:
            continue
        table = disclosure.published_table([("answered", answered), ("not", invited - answered)])
        cell = table.cell("answered")
        exact = cell.form is disclosure.Form.EXACT
        rows.append(RateRow(label, invited, cell.count if exact else None, cell.percent if not table.withheld
                            and not cell.few else None))
    return rows


def response_rates(survey: Survey) -> list[WaveRates]:
    """Per wave: invited and answered, overall, per stratum variable and per recruitment channel."""
    out = []
    for wave in survey.waves.all():
        # Grouped by the database: one row per stratum and channel, not one per invitation.
        groups = (Invitation.objects.filter(wave=wave).values_list("stratum", "channel")
                  .annotate(invited=Count("id"), answered=Count("id", filter=Q(response__submitted_at__isnull=False)))
                  .order_by())
        per: dict[str, dict[str, list[int]]] = {v: defaultdict(lambda: [0, 0]) for v in (*BACKGROUND, "channel")}
        invited_all = answered = 0
        for stratum, channel, invited, done in groups:
            age, sex, locality = [*stratum.split("|"), "", "", ""][:3]
            for variable, key in (("age_band", age), ("sex", sex), ("locality", locality), ("channel", channel)):
                per[variable][key][0] += invited
                per[variable][key][1] += done
            invited_all += invited
            answered += done
        overall = _rate_rows({"all": (invited_all, answered)}, [("all", _("Everyone invited"))])
        by: list[tuple[Label, list[RateRow]]] = [
            (title, _rate_rows({k: (v[0], v[1]) for k, v in per[variable].items()}, labels))
            for variable, title, labels in (
            ("age_band", _("Age"), background_labels(survey, "age_band")),
            ("sex", _("Sex"), background_labels(survey, "sex")),
            ("locality", _("Locality"), background_labels(survey, "locality")),
            ("channel", _("Recruited by"), [(c.value, c.label) for c in Channel]),
        )]
        out.append(WaveRates(wave, overall[0] if overall else RateRow(_("Everyone invited"), 0, 0, None), by))
    return out
