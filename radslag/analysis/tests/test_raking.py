"""Raking to population margins: the margins are reproduced, order does not matter, bounds hold."""

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from radslag.analysis.raking import RakingError, bounded_with_sum, rake, weighted_share, wilson_interval

AGES = ["16-29", "30-64", "65+"]
SEXES = ["female", "male"]
PLACES = ["Nödinge", "Nol", "Älvängen", "Surte"]


@st.composite
def surveys(draw):
    """Respondents covering every combination at least once (so exact raking is possible), plus extras."""
    cells = list(itertools.product(AGES, SEXES, PLACES))
    extra = draw(st.lists(st.sampled_from(cells), max_size=60))
    rows = cells + extra
    columns = {"age_band": [r[0] for r in rows], "sex": [r[1] for r in rows], "locality": [r[2] for r in rows]}
    counts = st.integers(min_value=50, max_value=5000)
    margins = {"age_band": {a: draw(counts) for a in AGES}, "sex": {s: draw(counts) for s in SEXES},
               "locality": {p: draw(counts) for p in PLACES}}
    return columns, margins


def _weighted_shares(columns, weights, variable, categories):
    values = np.array(columns[variable])
    return {c: weights[values == c].sum() / weights.sum() for c in categories}


@settings(max_examples=60, deadline=None)
@given(surveys())
def test_converged_weights_reproduce_every_population_margin(survey):
    columns, margins = survey
    result = rake(columns, margins, trim=None)
    assert result.converged
    for variable, margin in margins.items():
        total = sum(margin.values())
        shares = _weighted_shares(columns, result.weights, variable, margin)
        for category, count in margin.items():
            assert abs(shares[category] - count / total) < 1e-6
    assert result.weights.sum() == pytest.approx(len(columns["sex"]))


@settings(max_examples=40, deadline=None)
@given(surveys(), st.randoms(use_true_random=False))
def test_order_of_respondents_does_not_change_their_weights(survey, random):
    columns, margins = survey
    n = len(columns["sex"])
    order = list(range(n))
    random.shuffle(order)
    shuffled = {variable: [values[i] for i in order] for variable, values in columns.items()}
    first, second = rake(columns, margins), rake(shuffled, margins)
    assert np.allclose(first.weights[order], second.weights, rtol=1e-9, atol=1e-12)
    assert first.iterations == second.iterations


@settings(max_examples=60, deadline=None)
@given(surveys(), st.sampled_from([(0.2, 5.0), (0.5, 2.0), (0.8, 1.25)]))
def test_trimmed_weights_stay_within_bounds_and_sum_to_the_respondents(survey, trim):
    columns, margins = survey
    result = rake(columns, margins, trim=trim)
    n = len(columns["sex"])
    assert result.weights.min() >= trim[0] - 1e-9
    assert result.weights.max() <= trim[1] + 1e-9
    assert result.weights.sum() == pytest.approx(n)
    if result.converged:
        for variable, margin in margins.items():
            total = sum(margin.values())
            shares = _weighted_shares(columns, result.weights, variable, margin)
            assert all(abs(shares[c] - k / total) < 1e-6 for c, k in margin.items())


def test_tight_bounds_that_cannot_reach_the_margins_report_no_convergence():
    columns = {"sex": ["female"] * 90 + ["male"] * 10}
    result = rake(columns, {"sex": {"female": 50, "male": 50}}, trim=(0.8, 1.25))
    assert not result.converged
    assert result.max_weight <= 1.25 + 1e-9
    assert any("konvergerade inte" in warning for warning in result.warnings)


def test_when_the_bounds_bind_the_report_names_the_categories_they_keep_off_target():
    # 10 men cannot weigh more than 12.5 of 100 when no weight may exceed 1.25: the report says so, by name
    columns = {"sex": ["female"] * 90 + ["male"] * 10, "age": ["young", "old"] * 50}
    result = rake(columns, {"sex": {"female": 50, "male": 50}, "age": {"young": 50, "old": 50}}, trim=(0.8, 1.25))
    off = {(variable, category): (share, target) for variable, category, share, target in result.off_target}
    assert set(off) == {("sex", "female"), ("sex", "male")}  # age is met; only sex is held off
    assert off[("sex", "male")] == (pytest.approx(0.125), pytest.approx(0.5))
    assert result.report()["off_target"][0]["variable"] == "sex"
    [warning] = [w for w in result.warnings if "konvergerade inte" in w]
    assert "sex = male: 12,5 % av de viktade svaren mot 50,0 % av populationen" in warning


def test_report_gives_design_effect_and_effective_sample_size():
    columns = {"sex": ["female"] * 75 + ["male"] * 25}
    result = rake(columns, {"sex": {"female": 500, "male": 500}}, trim=None)
    assert result.converged and result.iterations >= 1
    assert result.min_weight == pytest.approx(2 / 3) and result.max_weight == pytest.approx(2.0)
    # n Σw² / (Σw)² = 100 (75·4/9 + 25·4) / 100² = 4/3
    assert result.design_effect == pytest.approx(4 / 3)
    assert result.effective_sample_size == pytest.approx(75.0)
    assert result.report()["converged"] is True


def test_a_population_category_without_respondents_is_warned_about_and_left_out():
    columns = {"locality": ["Nol"] * 4 + ["Surte"] * 6}
    result = rake(columns, {"locality": {"Nol": 100, "Surte": 100, "Alvhem": 50}})
    assert result.empty_categories == (("locality", "Alvhem"),)
    assert "Alvhem" in result.warnings[0]
    assert result.converged
    assert result.weights[:4].sum() == pytest.approx(5.0)


def test_a_respondent_category_missing_from_the_margins_is_refused_naming_the_row():
    with pytest.raises(RakingError, match="Svar 3: kategorin ”Bohus”") as caught:
        rake({"locality": ["Nol", "Surte", "Bohus"]}, {"locality": {"Nol": 1, "Surte": 1}})
    assert caught.value.row == 2


@pytest.mark.parametrize("margin", [{}, {"Nol": 0, "Surte": 0}, {"Nol": -3, "Surte": 5}, {"Nol": float("nan")}])
def test_an_empty_or_negative_margin_is_refused(margin):
    with pytest.raises(RakingError):
        rake({"locality": ["Nol"]}, {"locality": margin})


def test_bounded_with_sum_keeps_the_sum_while_clipping():
    w = bounded_with_sum(np.array([0.01, 1.0, 1.0, 9.99]), 0.2, 5.0, 12.0)
    assert w.sum() == pytest.approx(12.0)
    assert w.min() >= 0.2 and w.max() <= 5.0


def test_weighted_share_interval_widens_with_unequal_weights():
    indicator = np.array([1] * 40 + [0] * 60)
    equal = weighted_share(indicator, np.ones(100))
    unequal = weighted_share(indicator, np.tile([4.0, 0.25, 0.25, 0.25, 0.25], 20))
    assert equal.share == pytest.approx(0.4)
    assert equal.low == pytest.approx(wilson_interval(0.4, 100)[0], rel=0.02)
    assert unequal.share == pytest.approx(0.4)
    assert unequal.design_effect > 1.5
    assert unequal.high - unequal.low > equal.high - equal.low


def test_weighted_share_of_everyone_keeps_an_interval():
    share = weighted_share(np.ones(20, dtype=int), np.ones(20))
    assert share.share == 1.0 and share.high == 1.0 and share.low < 1.0
