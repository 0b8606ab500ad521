"""Counting prioritisation ballots: dot voting, approval, single choice and ranked (Schulze and Borda).

Everything here is plain data in, plain data out, so that a recount from stored ballots
(`radslag tally`) runs the same code as the live result.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

Option = str


class BallotError(ValueError):
    """A ballot breaks the rules of its vote. The message is written for the voter, in Swedish."""


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


def _check_known(chosen: Iterable[Option], options: Sequence[Option]) -> None:
    known = set(options)
    unknown = [o for o in chosen if o not in known]
    if unknown:
        raise BallotError(f"Okänt alternativ: {', '.join(map(str, unknown))}.")


def validate_dot_ballot(allocation: Mapping[Option, int], options: Sequence[Option], *, dots: int, cap: int) -> None:
    _check_known(allocation, options)
    if any(not isinstance(n, int) or n < 0 for n in allocation.values()):
        raise BallotError("Antalet prickar måste vara ett heltal som är noll eller större.")
    used = sum(allocation.values())
    if used > dots:
        raise BallotError(f"Du har delat ut {used} prickar men har bara {dots}.")
    over = [o for o, n in allocation.items() if n > cap]
    if over:
        raise BallotError(f"Högst {cap} prickar per alternativ ({', '.join(map(str, over))} fick fler).")


def tally_dots(
    ballots: Iterable[Mapping[Option, int]], options: Sequence[Option], *, dots: int, cap: int,
    eligible: int | None = None,
) -> TallyResult:
    totals: Counter[Option] = Counter()
    count = 0
    for allocation in ballots:
        validate_dot_ballot(allocation, options, dots=dots, cap=cap)
        totals.update(allocation)
        count += 1
    return TallyResult("dot", count, _ranked_scores(totals, options), eligible, {"dots": dots, "cap": cap})


def tally_approval(
    ballots: Iterable[Iterable[Option]], options: Sequence[Option], *, eligible: int | None = None
) -> TallyResult:
    totals: Counter[Option] = Counter()
    count = 0
    for approved in ballots:
        chosen = list(approved)
        _check_known(chosen, options)
        if len(set(chosen)) != len(chosen):
            raise BallotError("Samma alternativ får bara väljas en gång.")
        totals.update(chosen)
        count += 1
    return TallyResult("approval", count, _ranked_scores(totals, options), eligible)


def tally_single(ballots: Iterable[Option], options: Sequence[Option], *, eligible: int | None = None) -> TallyResult:
    totals: Counter[Option] = Counter()
    count = 0
    for choice in ballots:
        _check_known([choice], options)
        totals[choice] += 1
        count += 1
    return TallyResult("single", count, _ranked_scores(totals, options), eligible)


def _validate_ranking(ranking: Sequence[Option], options: Sequence[Option]) -> None:
    _check_known(ranking, options)
    if len(set(ranking)) != len(ranking):
        raise BallotError("Varje alternativ får bara rangordnas en gång.")


def pairwise_preferences(ballots: Sequence[Sequence[Option]], options: Sequence[Option]) -> list[list[int]]:
    """d[i][j] = number of voters who rank option i above option j (unranked options come last, tied)."""
    index = {o: i for i, o in enumerate(options)}
    n = len(options)
    d = [[0] * n for _ in range(n)]
    for ranking in ballots:
        _validate_ranking(ranking, options)
        position = {index[o]: p for p, o in enumerate(ranking)}
        last = len(ranking)
        for i in range(n):
            for j in range(n):
                if i != j and position.get(i, last) < position.get(j, last):
                    d[i][j] += 1
    return d


def schulze_order(d: list[list[int]], options: Sequence[Option]) -> list[list[Option]]:
    """Tiers of options, best first, by the Schulze method (strongest paths, winning votes)."""
    n = len(options)
    p = [[d[i][j] if d[i][j] > d[j][i] else 0 for j in range(n)] for i in range(n)]
    for k in range(n):
        for i in range(n):
            if i == k:
                continue
            for j in range(n):
                if j not in (i, k):
                    p[i][j] = max(p[i][j], min(p[i][k], p[k][j]))
    wins = [sum(1 for j in range(n) if j != i and p[i][j] > p[j][i]) for i in range(n)]
    tiers: dict[int, list[Option]] = {}
    for i, option in enumerate(options):
        tiers.setdefault(wins[i], []).append(option)
    return [tiers[w] for w in sorted(tiers, reverse=True)]


def tally_ranked(
    ballots: Iterable[Sequence[Option]], options: Sequence[Option], *, eligible: int | None = None
) -> TallyResult:
    """Schulze order and Borda scores together. Borda: with n options, 1st gets n-1 points, unranked 0."""
    rankings = [list(r) for r in ballots]
    d = pairwise_preferences(rankings, options)
    n = len(options)
    borda: Counter[Option] = Counter()
    for ranking in rankings:
        for position, option in enumerate(ranking):
            borda[option] += n - 1 - position
    order = schulze_order(d, options)
    return TallyResult(
        "ranked", len(rankings), _ranked_scores(borda, options), eligible,
        {"schulze": order, "pairwise": d, "winners": order[0] if order else []},
    )


def tally(spec: Mapping[str, Any], method: str) -> TallyResult:
    """Count a ballots file of `radslag tally` (options, ballots, dots, cap, eligible) by `method`.

    The live results and the command-line recount both call this, so they cannot differ.
    """
    options = [str(o) for o in spec["options"]]
    ballots = spec["ballots"]
    eligible = spec.get("eligible")
    if method == "dot":
        return tally_dots(ballots, options, dots=int(spec["dots"]), cap=int(spec.get("cap", spec["dots"])),
                          eligible=eligible)
    if method == "approval":
        return tally_approval(ballots, options, eligible=eligible)
    if method == "single":
        return tally_single(ballots, options, eligible=eligible)
    return tally_ranked(ballots, options, eligible=eligible)
