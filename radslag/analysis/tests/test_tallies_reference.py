"""Schulze and Borda agree with an independent implementation (pref_voting) on thousands of random profiles.

Ballots are partial rankings without ties (the ballot form gives each place to one option). Both sides use
the same reading of a partial ranking: unranked options are below every ranked option and equal to each
other (pref_voting's "extended strict preference"). Schulze is measured by winning votes, the strength
Schulze recommends, passed to pref_voting's Beat Path (its name for Schulze) as its strength function.
"""

import random

import pytest

from radslag.analysis.tallies import borda_scores, pairwise_preferences, schulze_order, tally_ranked

pref_voting = pytest.importorskip("pref_voting")
from pref_voting.margin_based_methods import beat_path, beat_path_defeat  # noqa: E402  (after the skip when it is missing)
from pref_voting.profiles_with_ties import ProfileWithTies  # noqa: E402
from pref_voting.scoring_methods import domination_borda_scores  # noqa: E402

PROFILES = 3000


def random_profile(rnd: random.Random) -> tuple[list[str], list[list[str]]]:
    options = [f"o{i}" for i in range(rnd.randint(2, 6))]
    ballots = []
    for _ in range(rnd.randint(1, 12)):
        ranking = rnd.sample(options, rnd.randint(1, len(options)))
        ballots.append(ranking)
    return options, ballots


def reference_profile(options: list[str], ballots: list[list[str]]) -> ProfileWithTies:
    profile = ProfileWithTies([{o: place for place, o in enumerate(b, start=1)} for b in ballots],
                              candidates=options)
    profile.use_extended_strict_preference()
    return profile


def winning_votes(profile: ProfileWithTies):
    return lambda a, b: profile.support(a, b)


def test_schulze_winners_and_borda_scores_agree_with_pref_voting_on_random_partial_profiles():
    rnd = random.Random(20261204)
    agreed_winners = agreed_borda = ties = 0
    for _ in range(PROFILES):
        options, ballots = random_profile(rnd)
        profile = reference_profile(options, ballots)
        ours = tally_ranked(ballots, options)
        expected = beat_path(profile, strength_function=winning_votes(profile))
        assert sorted(ours.extra["winners"]) == sorted(expected), (options, ballots)
        agreed_winners += 1
        ties += len(expected) > 1
        reference_borda = domination_borda_scores(profile)
        assert {s.option: s.score for s in ours.scores} == reference_borda, (options, ballots)
        agreed_borda += 1
    assert agreed_winners == agreed_borda == PROFILES
    assert ties > 100  # the profiles do exercise tied winners, the case this comparison was written for


def test_on_complete_rankings_winning_votes_and_margins_give_the_same_winners():
    rnd = random.Random(7)
    for _ in range(500):
        options = [f"o{i}" for i in range(rnd.randint(2, 5))]
        ballots = [rnd.sample(options, len(options)) for _ in range(rnd.randint(1, 9))]
        profile = reference_profile(options, ballots)
        assert sorted(tally_ranked(ballots, options).extra["winners"]) == sorted(beat_path(profile))


def test_each_later_tier_is_unbeaten_among_the_options_left_by_pref_voting_s_defeat_relation():
    rnd = random.Random(11)
    for _ in range(1000):
        options, ballots = random_profile(rnd)
        profile = reference_profile(options, ballots)
        defeats = beat_path_defeat(profile, strength_function=winning_votes(profile))
        left, expected = set(options), []
        while left:
            tier = {a for a in left if not any(defeats.has_edge(b, a) for b in left if b != a)}
            expected.append(sorted(tier))
            left -= tier
        ours = schulze_order(pairwise_preferences(ballots, options), options)
        assert [sorted(tier) for tier in ours] == expected, (options, ballots)


def test_the_issue_example_names_both_tied_winners():
    ballots = [["A", "B", "C"], ["B", "C", "A"]]
    result = tally_ranked(ballots, ["A", "B", "C"])
    assert result.extra["winners"] == ["A", "B"]
    assert result.extra["schulze"] == [["A", "B"], ["C"]]


def test_borda_gives_unranked_options_nothing_and_ranked_ones_a_point_per_option_below():
    assert borda_scores([["b"]], ["a", "b", "c"]) == {"b": 2}
