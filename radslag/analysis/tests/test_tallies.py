"""Tallies: known Schulze cases, dot rules, and properties that any recount must keep."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from radslag.analysis.tallies import (
    BallotError,
    pairwise_preferences,
    schulze_order,
    tally_approval,
    tally_dots,
    tally_ranked,
    tally_single,
)

OPTIONS = ["skola", "möten", "natur", "trafik"]


def test_schulze_with_a_clear_condorcet_winner():
    ballots = [["b", "a", "c"]] * 5 + [["a", "b", "c"]] * 4 + [["c", "b", "a"]] * 3
    # b beats a (8-4) and c (9-3): b must win.
    assert tally_ranked(ballots, ["a", "b", "c"]).extra["winners"] == ["b"]


def test_schulze_cycle_resolved_by_strongest_paths():
    # Hand-checked: d[A][B]=5+... build a cycle A>B (6:3), B>C (7:2), C>A (5:4).
    ballots = [["A", "B", "C"]] * 4 + [["B", "C", "A"]] * 3 + [["C", "A", "B"]] * 2
    d = pairwise_preferences(ballots, ["A", "B", "C"])
    assert (d[0][1], d[1][2], d[2][0]) == (6, 7, 5)
    # Paths: A->B 6, A->C via B min(6,7)=6; C->A 5. B->C 7, B->A via C min(7,5)=5 < A->B 6.
    assert schulze_order(d, ["A", "B", "C"]) == [["A"], ["B"], ["C"]]


def test_exact_tie_is_reported_as_one_tier():
    ballots = [["a", "b"], ["b", "a"]]
    assert tally_ranked(ballots, ["a", "b"]).extra["schulze"] == [["a", "b"]]


def test_borda_gives_unranked_options_nothing():
    result = tally_ranked([["a", "b"]], ["a", "b", "c"])
    assert {s.option: s.score for s in result.scores} == {"a": 2, "b": 1, "c": 0}


def test_more_dots_than_allowed_is_refused_in_swedish():
    with pytest.raises(BallotError, match="bara 5"):
        tally_dots([{"skola": 3, "möten": 3}], OPTIONS, dots=5, cap=3)


def test_dot_cap_per_option_is_enforced():
    with pytest.raises(BallotError, match="Högst 2"):
        tally_dots([{"skola": 3}], OPTIONS, dots=5, cap=2)


def test_tampered_option_is_refused():
    with pytest.raises(BallotError, match="Okänt alternativ"):
        tally_single(["badhus"], OPTIONS)


def test_duplicate_approval_is_refused():
    with pytest.raises(BallotError):
        tally_approval([["skola", "skola"]], OPTIONS)


def test_turnout_uses_eligible_code_holders():
    result = tally_single(["skola", "natur"], OPTIONS, eligible=8)
    assert result.turnout == 0.25


dot_ballots = st.lists(
    # An empty ballot (no dots at all) is refused, so every generated ballot places 1 to 4 dots.
    st.dictionaries(st.sampled_from(OPTIONS), st.integers(0, 2), max_size=2)
    .filter(lambda b: 1 <= sum(b.values()) <= 4),
    max_size=30,
)


@given(dot_ballots)
def test_dot_totals_equal_the_dots_cast(ballots):
    result = tally_dots(ballots, OPTIONS, dots=4, cap=2)
    assert sum(s.score for s in result.scores) == sum(sum(b.values()) for b in ballots)


@given(dot_ballots, st.randoms())
def test_recount_in_any_order_gives_the_same_result(ballots, rnd):
    shuffled = list(ballots)
    rnd.shuffle(shuffled)
    assert tally_dots(ballots, OPTIONS, dots=4, cap=2) == tally_dots(shuffled, OPTIONS, dots=4, cap=2)


@given(st.lists(st.permutations(OPTIONS), max_size=20), st.randoms())
def test_ranked_result_is_independent_of_ballot_order(ballots, rnd):
    shuffled = list(ballots)
    rnd.shuffle(shuffled)
    assert tally_ranked(ballots, OPTIONS) == tally_ranked(shuffled, OPTIONS)


@given(st.lists(st.permutations(OPTIONS), min_size=1, max_size=20))
def test_a_condorcet_winner_always_wins_schulze(ballots):
    d = pairwise_preferences(ballots, OPTIONS)
    n = len(OPTIONS)
    condorcet = [i for i in range(n) if all(d[i][j] > d[j][i] for j in range(n) if j != i)]
    if condorcet:
        assert schulze_order(d, OPTIONS)[0] == [OPTIONS[condorcet[0]]]
