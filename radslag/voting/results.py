"""Reading results: every count runs `radslag tally`'s own code on the stored ballots."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from radslag.analysis import disclosure
from radslag.analysis.tallies import TallyResult, tally
from radslag.core.localized import localized
from radslag.core.models import AgeBand
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
    lang: str = ""  # set when the title is the Swedish original shown in another interface language

    @property
    def percent(self) -> int:
        """The share in whole per cent, halves rounded up (as every published share is)."""
        return disclosure.share_percent(self.share)


@dataclass(frozen=True)
class PublishedBreakdown:
    """Ballots by one profile question, in the published form of `radslag.analysis.disclosure`."""

    rows: list[tuple[str, disclosure.Cell]]
    withheld: bool  # small groups could be worked out from the rest, so no row shows a figure


@dataclass(frozen=True)
class Participation:
    total: int
    web: int
    paper: int
    codes_issued: int
    codes_used: int
    by_locality: PublishedBreakdown | None  # None when the ballot asks no profile questions
    by_age_band: PublishedBreakdown | None

    @property
    def code_turnout(self) -> float | None:
        return self.codes_used / self.codes_issued if self.codes_issued else None

    @property
    def code_turnout_percent(self) -> int | None:
        return disclosure.percent(self.codes_used, self.codes_issued) if self.codes_issued else None


def published_breakdowns(*counters: Counter[str]) -> list[PublishedBreakdown]:
    """The same ballots split several ways (each with its "not stated"), as they may be published: the
    total is on the page, so a small group is never the total minus the others (see the disclosure module)."""
    ordered = [sorted(counter.items()) for counter in counters]
    tables = disclosure.published_tables(ordered)
    return [PublishedBreakdown([(name, cell) for (name, _n), cell in zip(items, table.cells, strict=True)],
                               table.withheld)
            for items, table in zip(ordered, tables, strict=True)]


def participation(ballot: Ballot) -> Participation:
    """Two queries however many ballots: the cast ballots' source and profile, and the codes' counts."""
    rows = list(ballot.cast_ballots.order_by().values_list("source", "locality__name", "age_band"))
    sources = Counter(source for source, _place, _age in rows)
    codes = ballot.codes.aggregate(issued=Count("id"), used=Count("id", filter=Q(used_at__isnull=False)))
    ages = dict(AgeBand.choices)
    by_locality = Counter(place or _("Not stated") for _source, place, _age in rows)
    by_age = Counter(str(ages.get(age, _("Not stated"))) for _source, _place, age in rows)
    places, bands = published_breakdowns(by_locality, by_age) if ballot.collect_profile and rows else (None, None)
    return Participation(
        total=len(rows), web=sources[CastBallot.Source.WEB], paper=sources[CastBallot.Source.PAPER],
        codes_issued=codes["issued"], codes_used=codes["used"], by_locality=places, by_age_band=bands,
    )


def result_rows(ballot: Ballot, result: TallyResult) -> list[Row]:
    titles = {option.key: localized(option, "title") for option in ballot.options.all()}
    rows = []
    for score in result.scores:
        title = titles.get(score.option)
        text, lang = (title.text, title.lang if title.fallback else "") if title else (score.option, "")
        rows.append(Row(text, score.score, score.share, score.rank, lang))
    return rows


def schulze_tiers(ballot: Ballot, result: TallyResult) -> list[list[str]]:
    if ballot.method != Method.RANKED:
        return []
    titles = {option.key: localized(option, "title").text for option in ballot.options.all()}
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
