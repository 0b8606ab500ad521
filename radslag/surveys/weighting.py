"""The weights of a survey's sent responses: raked to the municipality's population aged 16 or more.

The margins are the latest population figures by age band, sex and locality (the same figures the
panel's make-up is compared with). A response whose background is not known, or falls in a category the
figures lack (such as "other or prefer not to say"), keeps the weight 1 and is not raked. The weights are
stored on the responses and recomputed whenever the set of sent responses or the trimming bounds change.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.db import transaction
from django.db.models import Case, Count, FloatField, Max, Value, When

from radslag.analysis.raking import RakingError, rake
from radslag.contributions.representativeness import latest_population
from radslag.core.models import AgeBand
from radslag.organisations.models import PopulationFigure
from radslag.surveys.models import Response, Survey

VARIABLES = ("age_band", "sex", "locality")


def population_margins(organisation_id: int) -> tuple[int | None, dict[str, dict[str, float]]]:
    year, rows = latest_population(organisation_id)
    margins: dict[str, dict[str, float]] = {v: defaultdict(float) for v in VARIABLES}
    for row in rows:
        if row["age_band"] == AgeBand.UNDER_16:
            continue
        margins["age_band"][row["age_band"]] += row["n"]
        margins["sex"][row["sex"]] += row["n"]
        margins["locality"][str(row["locality_id"])] += row["n"]
    return year, {v: {k: c for k, c in m.items() if c > 0} for v, m in margins.items()}


def fingerprint(survey: Survey) -> dict[str, Any]:
    """What the weights depend on, read with two small aggregate queries: the sent responses (how many, the
    newest, the last sent), the population figures (the year, how many rows) and the trimming bounds."""
    sent = Response.objects.filter(survey=survey, submitted_at__isnull=False).aggregate(
        n=Count("pk"), last=Max("pk"), at=Max("submitted_at"))
    figures = PopulationFigure.objects.filter(organisation_id=survey.organisation_id).aggregate(
        year=Max("year"), n=Count("pk"))
    return {"responses": sent["n"], "last": sent["last"], "at": sent["at"].isoformat() if sent["at"] else None,
            "year": figures["year"], "figures": figures["n"], "trim": [survey.trim_low, survey.trim_high]}


def ensure_weights(survey: Survey) -> dict[str, Any]:
    """The raking report for the survey's sent responses, computing and storing the weights if they are stale."""
    current = fingerprint(survey)
    if survey.weights_for == current and survey.weights_report:
        return survey.weights_report
    rows = list(Response.objects.filter(survey=survey, submitted_at__isnull=False).order_by("pk")
                .values_list("pk", "age_band", "sex", "locality_id"))
    year, margins = population_margins(survey.organisation_id)
    return compute_weights(survey, rows, year, margins, current)


@transaction.atomic
def compute_weights(survey: Survey, rows: list[tuple[int, str, str, Any]], year: int | None,
                    margins: dict[str, dict[str, float]], fingerprint: dict[str, Any]) -> dict[str, Any]:
    cell_weights: dict[tuple[str, str, str], float] = {}
    raked = [(pk, age, sex, str(loc)) for pk, age, sex, loc in rows
             if age in margins["age_band"] and sex in margins["sex"] and str(loc) in margins["locality"]]
    report: dict[str, Any] = {"population_year": year, "respondents": len(rows), "raked": len(raked),
                              "not_raked": len(rows) - len(raked), "weighted": False}
    if raked and all(margins.values()):
        columns = {"age_band": [r[1] for r in raked], "sex": [r[2] for r in raked], "locality": [r[3] for r in raked]}
        try:
            result = rake(columns, margins, trim=(survey.trim_low, survey.trim_high))
        except RakingError as error:
            report["error"] = str(error)
        else:
            # Raking gives every respondent of a cell (age band, sex, locality) the same weight.
            cell_weights = {(age, sex, loc): float(w) for (_pk, age, sex, loc), w in zip(raked, result.weights,
                                                                                        strict=True)}
            report.update(result.report(), weighted=True, respondents=len(rows))
    _store(survey, cell_weights)
    Survey.objects.filter(pk=survey.pk).update(weights_for=fingerprint, weights_report=report)
    survey.weights_for, survey.weights_report = fingerprint, report
    return report


def _store(survey: Survey, cell_weights: dict[tuple[str, str, str], float]) -> None:
    """One UPDATE: every sent response gets its cell's weight, or 1 when its cell was not raked (a CASE over
    the few dozen cells, rather than a statement per distinct weight). A response sent since the rows were
    read gets its cell's weight too, and changes the fingerprint, so the next reader rakes again."""
    weight = Case(*(When(age_band=age, sex=sex, locality_id=int(locality), then=Value(w))
                    for (age, sex, locality), w in sorted(cell_weights.items())),
                  default=Value(1.0), output_field=FloatField())
    Response.objects.filter(survey=survey, submitted_at__isnull=False).update(weight=weight)
