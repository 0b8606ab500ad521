"""The method, in plain words, for the results page: who answered, how the weights were made, what the
intervals mean. Built from the raking report, so that it says what was actually done."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from radslag.surveys.models import Survey


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
            "that a few people never decide a result. The weights range from %(min).2f to %(max).2f.") % {
            "low": report.get("trim", [0.2, 5])[0], "high": report.get("trim", [0.2, 5])[1],
            "min": report.get("min_weight", 1.0), "max": report.get("max_weight", 1.0)})
        paragraphs.append(_(
            "Weighting makes the results less precise: the design effect is %(deff).2f, so the %(n)d answers are "
            "worth about %(neff)d answers without weights (the effective sample size).") % {
            "deff": report.get("design_effect", 1.0), "n": report.get("respondents", 0),
            "neff": round(report.get("effective_sample_size", 0))})
        if report.get("not_raked"):
            paragraphs.append(_("%(count)d answers without a known age band, sex or locality keep the weight 1.") % {
                "count": report["not_raked"]})
        for warning in report.get("warnings", []):
            paragraphs.append(str(warning))
    else:
        paragraphs.append(_("The results are not weighted: the municipality has no population figures to weight "
                            "by, or no answer has a known background."))
    paragraphs.append(_(
        "The 95 %% interval beside a weighted share is the range that, in 95 surveys out of 100, holds the true "
        "share among those the survey describes. It takes the weights into account, so it is wider than for an "
        "unweighted sample of the same size. Groups of fewer than five people are not shown as numbers."))
    return paragraphs
