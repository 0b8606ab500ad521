"""Ranked tally against an independent implementation (pref_voting): agreement and speed.

Random profiles of partial rankings, as the ballot form makes them (each place holds one option, and a
voter may leave options unranked). Both sides read an unranked option as below every ranked one and
equal to the other unranked ones (pref_voting's "extended strict preference"); Schulze's strength is
winning votes, passed to pref_voting's Beat Path (its name for Schulze).
"""

from __future__ import annotations

import random
import time

from radslag.analysis.tallies import pairwise_preferences, schulze_order, tally_ranked

SEED = 20261204
SMALL_PROFILES = 20_000  # 2–7 options, 1–15 ballots: where ties and cycles are common
LARGE_PROFILES = 200  # 5–13 options, 100–2,000 ballots: an open meeting's size


def _profile(rnd: random.Random, options_range: tuple[int, int], ballots_range: tuple[int, int]):
    options = [f"o{i}" for i in range(rnd.randint(*options_range))]
    ballots = [rnd.sample(options, rnd.randint(1, len(options))) for _ in range(rnd.randint(*ballots_range))]
    return options, ballots


def _reference(options: list[str], ballots: list[list[str]]):
    from pref_voting.profiles_with_ties import ProfileWithTies

    profile = ProfileWithTies([{o: place for place, o in enumerate(b, start=1)} for b in ballots],
                              candidates=options)
    profile.use_extended_strict_preference()
    return profile


def _expected_tiers(profile, options: list[str]) -> list[list[str]]:
    from pref_voting.margin_based_methods import beat_path_defeat

    defeats = beat_path_defeat(profile, strength_function=lambda a, b: profile.support(a, b))
    left, tiers = set(options), []
    while left:
        tier = {a for a in left if not any(defeats.has_edge(b, a) for b in left if b != a)}
        tiers.append(sorted(tier))
        left -= tier
    return tiers


def _compare(rnd: random.Random, count: int, options_range, ballots_range) -> dict[str, float]:
    from pref_voting.margin_based_methods import beat_path
    from pref_voting.scoring_methods import domination_borda_scores

    same_winners = same_order = same_borda = tied = 0
    ours_s = theirs_s = 0.0
    for _ in range(count):
        options, ballots = _profile(rnd, options_range, ballots_range)
        started = time.perf_counter()
        ours = tally_ranked(ballots, options)
        ours_s += time.perf_counter() - started
        started = time.perf_counter()
        profile = _reference(options, ballots)
        winners = beat_path(profile, strength_function=lambda a, b, p=profile: p.support(a, b))
        borda = domination_borda_scores(profile)
        theirs_s += time.perf_counter() - started
        our_winners: list[str] = list(ours.extra["winners"])  # type: ignore[call-overload]  # extra is loosely typed
        same_winners += sorted(our_winners) == sorted(winners)
        tied += len(winners) > 1
        same_borda += {s.option: s.score for s in ours.scores} == borda
        order = [sorted(tier) for tier in schulze_order(pairwise_preferences(ballots, options), options)]
        same_order += order == _expected_tiers(profile, options)
    return {"count": count, "winners": same_winners, "order": same_order, "borda": same_borda, "tied": tied,
            "ours_ms": 1000 * ours_s / count, "theirs_ms": 1000 * theirs_s / count}


def run() -> str:
    try:
        import pref_voting
    except ImportError:
        return "## Ranked tally against pref_voting\n\nSkipped: pref_voting is not installed (`make install-dev`).\n"
    rnd = random.Random(SEED)
    small = _compare(rnd, SMALL_PROFILES, (2, 7), (1, 15))
    large = _compare(rnd, LARGE_PROFILES, (5, 13), (100, 2000))
    lines = [
        "## Ranked tally against pref_voting",
        "",
        f"Rådslag's Schulze (winning votes) and Borda, as used by the results page, the projector and "
        f"`radslag tally`, against pref_voting {pref_voting.__version__} (Beat Path with winning votes as its "
        f"strength; `domination_borda_scores`) on random partial rankings, seed {SEED}. Unranked options count "
        "below every ranked one and equal to each other on both sides. The order is compared tier by tier: "
        "each tier is the options that nobody left beats by strongest path.",
        "",
        "| profiles | options | ballots | same winners | same Schulze order | same Borda scores "
        "| with tied winners | Rådslag ms/profile | pref_voting ms/profile |",
        "| ---: | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for label_options, label_ballots, figures in (("2–7", "1–15", small), ("5–13", "100–2,000", large)):
        lines.append(
            f"| {figures['count']:,} | {label_options} | {label_ballots} | {figures['winners']:,} "
            f"| {figures['order']:,} | {figures['borda']:,} | {figures['tied']:,} "
            f"| {figures['ours_ms']:.2f} | {figures['theirs_ms']:.2f} |"
        )
    agreed = all(f["winners"] == f["order"] == f["borda"] == f["count"] for f in (small, large))
    lines += ["", f"**Every profile agrees: {'yes' if agreed else 'NO'}.** "
              "The same comparison runs in the test suite on 3,000 profiles "
              "(`radslag/analysis/tests/test_tallies_reference.py`)."]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(run())
