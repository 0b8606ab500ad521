"""The method, in plain words, for the results page: who answered, how the weights were made, what the
intervals mean. Built from the raking report, so that it says what was actually done."""

from __future__ import annotations

from typing import Any

from django.utils.formats import localize, number_format
from django.utils.translation import gettext as _

from radslag.surveys.models import Survey
from radslag.surveys.results import BACKGROUND, background_labels


def method_text(survey: Survey, report: dict[str, Any]) -> list[str]:
    paragraphs = []
    if survey.self_selected:
        paragraphs.append(_(
            "Anyone could answer this survey: those who answered chose to do so themselves. The results describe "
            "them, not the municipality's residents, and the weights below cannot change that."))
    else:
        paragraphs.append(_(
            "The survey was sent to members of the citizen panel. Members differ from residents in general, "
            "and so do those who answer, so the results are weighted."))
    if report.get("weighted"):
        paragraphs.append(_(
            "Weighting: each answer gets a weight, so that the answers together have the same make-up by age "
            "band, sex and locality as the residents aged 16 or more in the population figures for %(year)s. "
            "The weights are found step by step (raking): first they are adjusted to match age, then sex, then "
            "locality, and again, until all three match. It took %(iterations)d rounds%(converged)s.") % {
            "year": report.get("population_year") or "–", "iterations": report.get("iterations", 0),
            "converged": "" if report.get("converged") else _(", and the weights could not match the population "
                                                               "exactly within the bounds")})
        paragraphs.append(_(
            "No answer counts for less than %(low)s or more than %(high)s times an average answer (trimming), so "
            "that a few people never decide a result. The weights range from %(min)s to %(max)s.") % {
            "low": localize(report.get("trim", [0.2, 5])[0]), "high": localize(report.get("trim", [0.2, 5])[1]),
            "min": number_format(report.get("min_weight", 1.0), decimal_pos=2),
            "max": number_format(report.get("max_weight", 1.0), decimal_pos=2)})
        paragraphs.append(_(
            "Weighting makes the results less precise: the design effect is %(deff)s, so the %(n)d answers are "
            "worth about %(neff)d answers without weights (the effective sample size).") % {
            "deff": number_format(report.get("design_effect", 1.0), decimal_pos=2), "n": report.get("respondents", 0),
            "neff": round(report.get("effective_sample_size", 0))})
        if report.get("not_raked"):
            paragraphs.append(_("%(count)d answers without a known age band, sex or locality keep the weight 1.") % {
                "count": report["not_raked"]})
        paragraphs += _raking_warnings(survey, report)
    else:
        paragraphs.append(_("The results are not weighted: the municipality has no population figures to weight "
                            "by, or no answer has a known background."))
    paragraphs.append(_(
        "The 95 %% interval beside a weighted share is the range that, in 95 surveys out of 100, holds the true "
        "share among those the survey describes. It takes the weights into account, so it is wider than for an "
        "unweighted sample of the same size. Groups of fewer than five people are not shown as numbers.") % {})
    return paragraphs


def _raking_warnings(survey: Survey, report: dict[str, Any]) -> list[str]:
    """The raking's warnings in the reader's language, with categories by name (the report holds codes: an age
    band, a sex, a locality's id)."""
    empty, off_target = report.get("empty_categories", []), report.get("off_target", [])
    labels = {variable: dict(background_labels(survey, variable))
              for variable in {row["variable"] for row in [*empty, *off_target]} & set(BACKGROUND)}

    def named(variable: str, category: str) -> str:
        return str(labels.get(variable, {}).get(category, category))

    def percent(share: float) -> str:
        return number_format(100 * share, decimal_pos=1)

    paragraphs = [_("No one in the group %(category)s answered, so it cannot be weighted up from nothing: the "
                    "other groups of the same kind share its part of the population.") % {
                      "category": named(row["variable"], row["category"])}
                  for row in empty]
    if off_target:
        paragraphs.append(_(
            "Within the trimming bounds the answers cannot reach the population's make-up: %(groups)s. Results "
            "lean towards the groups with too large a share; widening the bounds or collecting more answers from "
            "the groups with too small a share would help.") % {"groups": "; ".join(
                _("%(category)s %(share)s %% of the weighted answers against %(target)s %% of the population") % {
                    "category": named(row["variable"], row["category"]), "share": percent(row["share"]),
                    "target": percent(row["target"])}
                for row in off_target[:4])})
    elif report.get("converged") is False:
        paragraphs.append(_("The weights did not settle within the rounds allowed; the largest difference from the "
                            "population is %(points)s percentage points.") % {
                              "points": number_format(100 * report.get("max_deviation", 0.0), decimal_pos=2)})
    return paragraphs
