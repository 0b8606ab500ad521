"""Counting prioritisation ballots: dot voting, approval, single choice and ranked (Schulze and Borda).

Everything here is plain data in, plain data out, so that a recount from stored ballots
(`radslag tally`) runs the same code as the live result.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from radslag.analysis.ballot_rules import (
    BallotError,
    Option,
    read_approval,
    read_ballots_file,
    read_dots,
    read_ranking,
    read_single,
    read_word,
)

__all__ = [
    "BallotError",
    "OptionScore",
    "TallyResult",
    "borda_scores",
    "pairwise_preferences",
    "schulze_order",
    "strongest_paths",
    "tally",
    "tally_approval",
    "tally_dots",
    "tally_ranked",
    "tally_single",
    "tally_words",
    "validate_dot_ballot",
]


@dataclass(frozen=True)
class OptionScore:
    option: Option
    score: float
    share: float  # of all points (dots, approvals, first choices); 0 when nothing was cast
    rank: int  # 1 = best; equal scores share a rank


@dataclass(frozen=True)
class TallyResult:
    method: str
    ballots: int
    scores: list[OptionScore]
    eligible: int | None = None
    extra: dict[str, object] = field(default_factory=dict)

    @property
    def turnout(self) -> float | None:
        if not self.eligible:
            return None
        return self.ballots / self.eligible


def _ranked_scores(totals: Mapping[Option, float], options: Sequence[Option]) -> list[OptionScore]:
    grand = sum(totals.get(o, 0) for o in options)
    ordered = sorted(options, key=lambda o: (-totals.get(o, 0), options.index(o)))
    scores: list[OptionScore] = []
    for position, option in enumerate(ordered):
        value = totals.get(option, 0)
        tied_with_previous = scores and scores[-1].score == value
        rank = scores[-1].rank if tied_with_previous else position + 1
        scores.append(OptionScore(option, value, value / grand if grand else 0.0, rank))
    return scores


def validate_dot_ballot(allocation: Mapping[Option, int], options: Sequence[Option], *, dots: int, cap: int) -> None:
    read_dots(allocation, options, dots=dots, cap=cap)


def tally_dots(
    ballots: Iterable[Mapping[Option, int]], options: Sequence[Option], *, dots: int, cap: int,
    eligible: int | None = None,
) -> TallyResult:
    totals: Counter[Option] = Counter()
    count = 0
    for allocation in ballots:
        totals.update(read_dots(allocation, options, dots=dots, cap=cap))
        count += 1
    return TallyResult("dot", count, _ranked_scores(totals, options), eligible, {"dots": dots, "cap": cap})


def tally_approval(
    ballots: Iterable[Iterable[Option]], options: Sequence[Option], *, eligible: int | None = None
) -> TallyResult:
    totals: Counter[Option] = Counter()
    count = 0
    for approved in ballots:
        totals.update(read_approval(approved, options))
        count += 1
    return TallyResult("approval", count, _ranked_scores(totals, options), eligible)


def tally_single(ballots: Iterable[Option], options: Sequence[Option], *, eligible: int | None = None) -> TallyResult:
    totals: Counter[Option] = Counter()
    count = 0
    for choice in ballots:
        totals[read_single(choice, options)] += 1
        count += 1
    return TallyResult("single", count, _ranked_scores(totals, options), eligible)


def pairwise_preferences(ballots: Sequence[Sequence[Option]], options: Sequence[Option]) -> list[list[int]]:
    """d[i][j] = number of voters who rank option i above option j.

    An option a voter left unranked is below every option they ranked, and two unranked options are
    equal on that ballot (it counts for neither).
    """
    index = {o: i for i, o in enumerate(options)}
    n = len(options)
    d = [[0] * n for _ in range(n)]
    for ranking in ballots:
        position = {index[o]: p for p, o in enumerate(read_ranking(ranking, options))}
        last = len(position)
        for i in range(n):
            for j in range(n):
                if i != j and position.get(i, last) < position.get(j, last):
                    d[i][j] += 1
    return d


def strongest_paths(d: list[list[int]]) -> list[list[int]]:
    """p[i][j] = strength of the strongest path from i to j (Schulze, winning votes).

    A link i→j exists when more voters prefer i to j than j to i, and its strength is d[i][j]; a path's
    strength is that of its weakest link; 0 means no path.
    """
    n = len(d)
    p = [[d[i][j] if d[i][j] > d[j][i] else 0 for j in range(n)] for i in range(n)]
    for k in range(n):
        for i in range(n):
            if i == k:
                continue
            for j in range(n):
                if j not in (i, k):
                    p[i][j] = max(p[i][j], min(p[i][k], p[k][j]))
    return p


def schulze_order(d: list[list[int]], options: Sequence[Option]) -> list[list[Option]]:
    """Tiers of options, best first, by the Schulze method; options in one tier are tied.

    a beats b when the strongest path from a to b is stronger than the one back. The relation is a strict
    partial order (Schulze proves it transitive), so the winners are the options nobody beats, and each
    next tier is the options that nobody among those still left beats.
    """
    p = strongest_paths(d)
    left = list(range(len(options)))
    tiers: list[list[Option]] = []
    while left:
        unbeaten = [a for a in left if not any(p[b][a] > p[a][b] for b in left if b != a)]
        tiers.append([options[a] for a in unbeaten])
        left = [a for a in left if a not in unbeaten]
    return tiers


def borda_scores(ballots: Iterable[Sequence[Option]], options: Sequence[Option]) -> Counter[Option]:
    """Each ballot gives an option one point for every option it ranks that option above.

    With n options the first place gets n-1 points, the second n-2 and so on; an unranked option gets
    0, because it is above no option (unranked options are below all ranked ones and equal to each other).
    """
    n = len(options)
    borda: Counter[Option] = Counter()
    for ranking in ballots:
        for position, option in enumerate(read_ranking(ranking, options)):
            borda[option] += n - 1 - position
    return borda


def tally_ranked(
    ballots: Iterable[Sequence[Option]], options: Sequence[Option], *, eligible: int | None = None
) -> TallyResult:
    """Schulze order (its first tier are the winners, all of them) and Borda scores together."""
    rankings = [list(r) for r in ballots]
    d = pairwise_preferences(rankings, options)
    order = schulze_order(d, options)
    return TallyResult(
        "ranked", len(rankings), _ranked_scores(borda_scores(rankings, options), options), eligible,
        {"schulze": order, "pairwise": d, "winners": order[0] if order else []},
    )


def tally_words(answers: Iterable[str]) -> TallyResult:
    """How many gave each word (after normalising), most often given first, then alphabetically."""
    totals: Counter[Option] = Counter()
    count = 0
    for answer in answers:
        totals[read_word(answer)] += 1
        count += 1
    words = sorted(totals, key=lambda word: (-totals[word], word))
    return TallyResult("words", count, _ranked_scores(totals, words))


def tally(spec: Mapping[str, Any], method: str | None = None) -> TallyResult:
    """Count a ballots file of `radslag tally` (options, ballots, dots, cap, eligible) by `method`.

    The live results and the command-line recount both call this, so they cannot differ. A file that
    breaks the rules (see `ballot_rules`) raises BallotError naming the ballot.
    """
    checked = read_ballots_file(spec, method)
    options, ballots, eligible = checked.options, checked.ballots, checked.eligible
    if checked.method == "dot":
        return tally_dots(ballots, options, dots=checked.dots, cap=checked.cap, eligible=eligible)  # type: ignore[arg-type]
    if checked.method == "approval":
        return tally_approval(ballots, options, eligible=eligible)
    if checked.method == "single":
        return tally_single(ballots, options, eligible=eligible)  # type: ignore[arg-type]
    if checked.method == "words":
        result = tally_words(ballots)  # type: ignore[arg-type]
        return TallyResult(result.method, result.ballots, result.scores, eligible)
    return tally_ranked(ballots, options, eligible=eligible)  # type: ignore[arg-type]
