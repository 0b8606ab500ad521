"""Reading results: every count runs `radslag tally`'s own code on the stored ballots."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from radslag.analysis.tallies import TallyResult, tally
from radslag.core.models import SMALL_GROUP_THRESHOLD, AgeBand
from radslag.voting.models import Ballot, CastBallot, Eligibility, Method


def eligible_count(ballot: Ballot) -> int | None:
    """Code ballots: codes handed out plus paper ballots (each was a person at the meeting). Else unknown."""
    if ballot.eligibility != Eligibility.CODES:
        return None
    paper = ballot.cast_ballots.filter(source=CastBallot.Source.PAPER).count()
    return ballot.codes.count() + paper


def ballot_spec(ballot: Ballot) -> dict[str, Any]:
    """The ballots file of `radslag tally` (options named by their keys; `labels` gives the titles)."""
    options = list(ballot.options.all())
    return {
        "method": ballot.method,
        "title": ballot.title,
        "options": [option.key for option in options],
        "labels": {option.key: option.title for option in options},
        "dots": ballot.dots_per_voter,
        "cap": ballot.effective_cap,
        "eligible": eligible_count(ballot),
        "ballots": list(ballot.cast_ballots.order_by("receipt").values_list("choices", flat=True)),
    }


def count_ballot(ballot: Ballot) -> TallyResult:
    spec = ballot_spec(ballot)
    return tally(spec, spec["method"])


@dataclass(frozen=True)
class Row:
    title: str
    score: float
    share: float
    rank: int


@dataclass(frozen=True)
class Participation:
    total: int
    web: int
    paper: int
    codes_issued: int
    codes_used: int
    by_locality: list[tuple[str, int | None]]
    by_age_band: list[tuple[str, int | None]]

    @property
    def code_turnout(self) -> float | None:
        return self.codes_used / self.codes_issued if self.codes_issued else None


def _suppressed(counter: Counter[str]) -> list[tuple[str, int | None]]:
    """Groups smaller than the threshold are shown as None ("fewer than 5"), never as their number."""
    return [(name, n if n >= SMALL_GROUP_THRESHOLD else None) for name, n in sorted(counter.items())]


def participation(ballot: Ballot) -> Participation:
    """Two queries however many ballots: the cast ballots' source and profile, and the codes' counts."""
    rows = list(ballot.cast_ballots.order_by().values_list("source", "locality__name", "age_band"))
    sources = Counter(source for source, _place, _age in rows)
    codes = ballot.codes.aggregate(issued=Count("id"), used=Count("id", filter=Q(used_at__isnull=False)))
    ages = dict(AgeBand.choices)
    by_locality = Counter(place or _("Not stated") for _source, place, _age in rows)
    by_age = Counter(str(ages.get(age, _("Not stated"))) for _source, _place, age in rows)
    return Participation(
        total=len(rows), web=sources[CastBallot.Source.WEB], paper=sources[CastBallot.Source.PAPER],
        codes_issued=codes["issued"], codes_used=codes["used"],
        by_locality=_suppressed(by_locality) if ballot.collect_profile else [],
        by_age_band=_suppressed(by_age) if ballot.collect_profile else [],
    )


def result_rows(ballot: Ballot, result: TallyResult) -> list[Row]:
    titles = {option.key: option.title for option in ballot.options.all()}
    return [Row(titles.get(s.option, s.option), s.score, s.share, s.rank) for s in result.scores]


def schulze_tiers(ballot: Ballot, result: TallyResult) -> list[list[str]]:
    if ballot.method != Method.RANKED:
        return []
    titles = {option.key: option.title for option in ballot.options.all()}
    tiers: list[list[str]] = result.extra.get("schulze", [])  # type: ignore[assignment]
    return [[titles.get(key, key) for key in tier] for tier in tiers]


def results_payload(
    ballot: Ballot, result: TallyResult | None = None, people: Participation | None = None
) -> dict[str, Any]:
    """What the projector view fetches every few seconds (of the result given, by default an exact count)."""
    result = result or count_ballot(ballot)
    people = people or participation(ballot)
    return {
        "ballot": ballot.pk,
        "method": ballot.method,
        "ballots": result.ballots,
        "codes_issued": people.codes_issued,
        "codes_used": people.codes_used,
        "rows": [{"title": r.title, "score": r.score, "share": round(r.share, 4), "rank": r.rank}
                 for r in result_rows(ballot, result)],
        "schulze": schulze_tiers(ballot, result),
    }
