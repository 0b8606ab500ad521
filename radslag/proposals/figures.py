"""Published figures: supporters by locality and age band, and the statistics a council judges its rules by.

The breakdowns go through the one disclosure module (`radslag.analysis.disclosure.published_tables`):
small groups are suppressed and the rest rounded where a small group could otherwise be worked out.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections import Counter
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Count, Q
from django.db.models.functions import ExtractYear
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from radslag.analysis import disclosure
from radslag.core.models import AgeBand
from radslag.feedback.models import AnswerStatus
from radslag.organisations.models import Locality, Organisation
from radslag.proposals.models import Proposal, Support

NOT_STATED = "-"


@dataclass(frozen=True)
class Breakdown:
    caption: str
    rows: list[tuple[str, disclosure.Cell]]
    withheld: bool


# Counting a popular proposal's supporters by group reads every support row; the figures may lag a little.
BREAKDOWN_SECONDS = 300
STATISTICS_SECONDS = 600


def supporter_breakdown(proposal: Proposal) -> list[Breakdown]:
    """Supporters by locality and by age band, as they may be published (empty with no supporters).

    Kept in the cache for BREAKDOWN_SECONDS per proposal and count, since the count changes with each support.
    """
    key = f"proposals:breakdown:{proposal.pk}:{proposal.support_count}:{get_language()}"
    return cache.get_or_set(key, lambda: _breakdown(proposal), BREAKDOWN_SECONDS)  # type: ignore[return-value]  # never None: the default fills it


def _breakdown(proposal: Proposal) -> list[Breakdown]:
    counts = list(Support.objects.filter(proposal=proposal).values_list("locality_id", "age_band")
                  .annotate(n=Count("id")))
    if not counts:
        return []
    by_place: Counter[str] = Counter()
    by_age: Counter[str] = Counter()
    for locality_id, age_band, n in counts:
        by_place[str(locality_id) if locality_id else NOT_STATED] += n
        by_age[age_band or NOT_STATED] += n
    names = {str(pk): name for pk, name in Locality.objects.filter(organisation=proposal.organisation_id)
             .values_list("pk", "name")}
    places = [*sorted((k for k in by_place if k != NOT_STATED), key=lambda k: names.get(k, k)), NOT_STATED]
    ages = [str(band) for band in AgeBand.values] + [NOT_STATED]
    labels = {**names, **{str(k): str(v) for k, v in AgeBand.choices}, NOT_STATED: _("Not stated")}
    tables = disclosure.published_tables([[(k, by_place[k]) for k in places], [(k, by_age[k]) for k in ages]])
    return [
        Breakdown(caption, [(labels.get(cell.key, cell.key), cell) for cell in table.cells], table.withheld)
        for caption, table in zip((_("Supporters by locality"), _("Supporters by age band")), tables, strict=True)
    ]


@dataclass(frozen=True)
class Statistics:
    per_year: list[tuple[int, int]]
    decided: int  # proposals whose collection is over (reached or not)
    reached: int
    reached_percent: int | None
    median_days_to_answer: float | None
    by_outcome: list[tuple[str, int]]


def statistics_for(organisation: Organisation, *, now: dt.datetime) -> Statistics:
    """The figures, kept in the cache for STATISTICS_SECONDS: they change slowly and read every proposal."""
    key = f"proposals:statistics:{organisation.pk}:{get_language()}"
    return cache.get_or_set(key, lambda: _statistics(organisation), STATISTICS_SECONDS)  # type: ignore[return-value]  # never None: the default fills it


def _statistics(organisation: Organisation) -> Statistics:
    public = Proposal.objects.public().filter(organisation=organisation)
    per_year = list(public.annotate(year=ExtractYear("submitted_at")).values("year").annotate(n=Count("id"))
                    .order_by("year").values_list("year", "n"))
    over = public.filter(Q(threshold_reached_at__isnull=False) | ~Q(status__in=Proposal.SUPPORTABLE)).count()
    reached = public.filter(threshold_reached_at__isnull=False).count()
    # From when the proposal was the municipality's to answer (threshold reached, or the period over).
    waits = [(answered - start).total_seconds() / 86400
             for reached_at, ended_at, answered in public.filter(answered_at__isnull=False).values_list(
                 "threshold_reached_at", "collection_ended_at", "answered_at")
             if (start := reached_at or ended_at) is not None and answered is not None]
    outcomes = dict(public.filter(status=Proposal.Status.ANSWERED).values("outcome").annotate(n=Count("id"))
                    .values_list("outcome", "n"))
    return Statistics(
        per_year=per_year, decided=over, reached=reached,
        reached_percent=disclosure.percent(reached, over) if over else None,
        median_days_to_answer=round(statistics.median(waits), 1) if waits else None,
        by_outcome=[(str(label), outcomes.get(value, 0)) for value, label in AnswerStatus.choices],
    )
