"""Who has taken part in a process, compared with who lives in the municipality.

`representativeness(process)` counts a process's contributions by channel, activity, status, locality,
age band and sex in one grouped query (and a few small ones for labels and population figures), and
sets the participants' shares beside the population's shares from the organisation's latest population
figures. These are the exact figures, for staff. `suppress_small` gives a breakdown's published form,
by the rules of `radslag.analysis.disclosure` (the one owner of what may be published).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from django.core.cache import cache
from django.db import connection
from django.db.models import Count, Max, Sum
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from radslag.analysis import disclosure
from radslag.analysis.disclosure import share_step as share_step  # the published rounding step, re-exported
from radslag.contributions.models import Channel, Contribution
from radslag.core.models import SMALL_GROUP_THRESHOLD, AgeBand, Sex
from radslag.dialogues.models import DialogueProcess
from radslag.organisations.models import Locality, PopulationFigure

# A group whose share of the input is below half its share of the population is flagged.
UNDER_REPRESENTED_FACTOR = 0.5
Label = str | Promise


@dataclass(frozen=True)
class GroupShare:
    key: str
    label: Label
    count: int | None  # None when suppressed for publication
    share: float | None  # of those who stated this (0..1)
    population_share: float | None = None
    suppressed: bool = False  # fewer than five: neither count nor share is published
    rounded: bool = False  # no count published; the share is rounded (see suppress_small)
    # For a suppressed group: even four (the most it can be) is under half the population's share.
    surely_under_represented: bool = False
    percent: int | None = None  # the share in per cent as shown: half up, to the table's rounding step

    @property
    def under_represented(self) -> bool:
        if self.surely_under_represented:
            return True
        if self.share is None or not self.population_share:
            return False
        return self.share < UNDER_REPRESENTED_FACTOR * self.population_share

    @property
    def share_percent(self) -> int | None:
        if self.percent is not None:
            return self.percent
        return None if self.share is None else disclosure.share_percent(self.share)

    @property
    def population_percent(self) -> int | None:
        return None if self.population_share is None else disclosure.share_percent(self.population_share)


@dataclass(frozen=True)
class Breakdown:
    key: str
    title: Label
    rows: tuple[GroupShare, ...]
    answered: int | None  # how many contributions state this; None when suppressed
    not_stated: int | None
    compares_population: bool = False
    withheld: bool = False  # published form only: small groups could be worked out, so no row is shown

    @property
    def flagged(self) -> tuple[GroupShare, ...]:
        return tuple(row for row in self.rows if row.under_represented)


@dataclass(frozen=True)
class Representativeness:
    total: int
    population_year: int | None
    adults_only: bool  # nobody under 16 took part, so the comparison is with residents aged 16 or more
    channel: Breakdown
    activity: Breakdown
    status: Breakdown
    locality: Breakdown
    age_band: Breakdown
    sex: Breakdown

    @property
    def counts(self) -> tuple[Breakdown, ...]:
        return (self.channel, self.activity, self.status)

    @property
    def comparisons(self) -> tuple[Breakdown, ...]:
        return (self.locality, self.age_band, self.sex)


# In the column order of `contribution_profile_idx` (migration 0003), so that PostgreSQL answers the
# grouping below from that index alone, in index order, without reading the table.
PROFILE_FIELDS = ("status", "channel", "activity_id", "locality_id", "age_band", "sex")
Counts = dict[str, Counter[str]]


def _counts(process: DialogueProcess) -> Counts:
    """How many contributions the process has of each value of every profile field, in one query."""
    counts: Counts = {field: Counter() for field in PROFILE_FIELDS}
    combinations = (  # thousands of rows for a large process: tuples, not dicts
        Contribution.objects.filter(process=process).order_by().values_list(*PROFILE_FIELDS).annotate(n=Count("*"))
    )
    for *values, n in combinations:
        for field, value in zip(PROFILE_FIELDS, values, strict=True):
            counts[field][str(value or "")] += n
    return counts


def latest_population(organisation_id: int) -> tuple[int | None, Sequence[Mapping[str, Any]]]:
    """The latest year of the municipality's population figures, summed by locality, age band and sex."""
    figures = PopulationFigure.objects.filter(organisation_id=organisation_id)
    latest = figures.order_by().values("organisation").annotate(latest=Max("year")).values("latest")
    rows = list(
        figures.filter(year__in=latest)
        .order_by()
        .values("year", "locality_id", "age_band", "sex")
        .annotate(n=Sum("count"))
    )
    return (rows[0]["year"] if rows else None), rows


def population_shares(rows: Iterable[Mapping[str, Any]], field: str, adults_only: bool) -> dict[str, float]:
    """Each value's share (0..1) of the residents in `rows` (from `latest_population`), by `field`."""
    totals: Counter[str] = Counter()
    for row in rows:
        if adults_only and row["age_band"] == AgeBand.UNDER_16:
            continue
        totals[str(row[field])] += row["n"]
    whole = sum(totals.values())
    return {key: count / whole for key, count in totals.items()} if whole else {}


def _breakdown(
    key: str, title: Label, counts: Counter[str], labels: Iterable[tuple[str, Label]],
    population: dict[str, float] | None = None,
) -> Breakdown:
    not_stated = counts.get("", 0)
    answered = sum(counts.values()) - not_stated
    rows = tuple(
        GroupShare(
            key=group, label=label, count=counts.get(group, 0),
            share=(counts.get(group, 0) / answered) if answered else None,
            population_share=None if population is None else population.get(group, 0.0),
            percent=disclosure.percent(counts.get(group, 0), answered) if answered else None,
        )
        for group, label in labels
    )
    return Breakdown(key, title, rows, answered, not_stated, compares_population=population is not None)


def _plain_breakdown(key: str, title: Label, counts: Counter[str], labels: list[tuple[str, Label]]) -> Breakdown:
    breakdown = _breakdown(key, title, counts, labels)
    total = sum(counts.values())
    rows = tuple(replace(row, share=(row.count or 0) / total if total else None,
                         percent=disclosure.percent(row.count or 0, total) if total else None)
                 for row in breakdown.rows)
    return replace(breakdown, rows=rows, answered=total, not_stated=0)


def _activity_labels(process: DialogueProcess, counts: Counter[str]) -> list[tuple[str, Label]]:
    titles = dict(process.activities.order_by("starts_at").values_list("id", "title"))
    labels: list[tuple[str, Label]] = [(str(pk), title) for pk, title in titles.items()]
    if counts.get(""):
        labels.append(("", _("No activity (online, letters)")))
    return labels


def _comparisons(process: DialogueProcess, counts: Counts) -> dict[str, Any]:
    ages = counts["age_band"]
    adults_only = not ages.get(AgeBand.UNDER_16)
    year, population = latest_population(process.organisation_id)
    bands = [(band.value, band.label) for band in AgeBand if not (adults_only and band == AgeBand.UNDER_16)]
    names = Locality.objects.filter(organisation_id=process.organisation_id).values_list("id", "name")
    localities = [(str(pk), name) for pk, name in names]
    return {
        "population_year": year,
        "adults_only": adults_only,
        "locality": _breakdown(
            "locality", _("Locality"), counts["locality_id"], localities,
            population_shares(population, "locality_id", adults_only),
        ),
        "age_band": _breakdown(
            "age_band", _("Age"), ages, bands, population_shares(population, "age_band", adults_only)
        ),
        "sex": _breakdown(
            "sex", _("Sex"), counts["sex"], [(s.value, s.label) for s in Sex],
            population_shares(population, "sex", adults_only),
        ),
    }


def representativeness(process: DialogueProcess) -> Representativeness:
    """Every contribution received counts (a hidden one is still someone who took part)."""
    counts = _counts(process)
    status, activities = counts["status"], counts["activity_id"]
    return Representativeness(
        total=sum(status.values()),
        channel=_plain_breakdown(
            "channel", _("Channel"), counts["channel"], [(c.value, c.label) for c in Channel]
        ),
        activity=_plain_breakdown("activity", _("Activity"), activities, _activity_labels(process, activities)),
        status=_plain_breakdown(
            "status", _("Status"), status, [(s.value, s.label) for s in Contribution.Status]
        ),
        **_comparisons(process, counts),
    )


def _hide(row: GroupShare, answered: int = 0, threshold: int = SMALL_GROUP_THRESHOLD) -> GroupShare:
    """Hidden, but still flagged when it is under-represented whatever its number (1 to threshold-1):
    that says nothing the reader does not know already, and it is what a small group most often means."""
    largest_share = (threshold - 1) / answered if answered else 1.0
    surely = bool(row.population_share) and largest_share < UNDER_REPRESENTED_FACTOR * (row.population_share or 0)
    return replace(row, count=None, share=None, percent=None, suppressed=True, surely_under_represented=surely)


def _published_row(row: GroupShare, cell: disclosure.Cell, answered: int, threshold: int) -> GroupShare:
    if cell.form is disclosure.Form.FEW:
        return _hide(row, answered, threshold)
    if cell.form is disclosure.Form.ROUNDED:
        return replace(row, count=None, share=(cell.percent or 0) / 100, percent=cell.percent, rounded=True)
    return replace(row, percent=cell.percent)


def suppress_small(breakdown: Breakdown, threshold: int = SMALL_GROUP_THRESHOLD, *,
                   always_round: bool = False) -> Breakdown:
    """The breakdown's published form (see `radslag.analysis.disclosure`).

    Groups of 1 to threshold-1 say only "fewer than 5"; when there is one, the others show only a
    rounded share, so that no small group is the total minus the rest. When fewer than `threshold`
    state this at all, every group is hidden; when a small group could still be worked out, the whole
    breakdown is withheld. Breakdowns without small groups are shown exactly, unless `always_round`:
    for breakdowns of overlapping parts of one whole (themes), whose exact counts could be subtracted
    from the whole's and one another's.
    """
    answered = breakdown.answered or 0
    if answered < threshold:
        return replace(breakdown, rows=tuple(_hide(row) for row in breakdown.rows), answered=None, not_stated=None)
    table = disclosure.published_table([(row.key, row.count or 0) for row in breakdown.rows], threshold=threshold,
                                       always_round=always_round)
    if table.withheld:
        rows = tuple(replace(row, count=None, share=None, percent=None) for row in breakdown.rows)
        return replace(breakdown, rows=rows, answered=None, not_stated=None, withheld=True)
    not_stated = breakdown.not_stated if not breakdown.not_stated or breakdown.not_stated >= threshold else None
    rows = tuple(_published_row(row, cell, answered, threshold)
                 for row, cell in zip(breakdown.rows, table.cells, strict=True))
    return replace(breakdown, rows=rows, not_stated=not_stated)


PUBLIC_SUMMARY_SECONDS = 300


def public_summary(process: DialogueProcess) -> Representativeness:
    """The summary for public pages, cached for a few minutes: it aggregates every contribution
    of the process, and a public page must not pay for that on each request."""
    key = f"contributions:public-summary:{process.pk}"
    summary = cache.get(key)
    if summary is None:
        summary = representativeness(process)
        cache.set(key, summary, PUBLIC_SUMMARY_SECONDS)
    return summary


@dataclass(frozen=True)
class ParticipationSummary:
    """One process's participation against the population, in published form, for lists of processes."""

    total: int
    comparisons: tuple[Breakdown, ...]  # locality, age band and sex, each through `suppress_small`

    @property
    def flagged(self) -> tuple[GroupShare, ...]:
        return tuple(row for breakdown in self.comparisons for row in breakdown.flagged)


SUMMARY_FIELDS = ("locality_id", "age_band", "sex")


def _summary_counts(process_ids: Sequence[int]) -> dict[str, dict[int, Counter[str]]]:
    """Field -> process id -> value -> contributions. PostgreSQL counts the three groupings in one pass over
    the contributions (GROUPING SETS); other databases run one grouped count per field."""
    by_field: dict[str, dict[int, Counter[str]]] = {
        field: {pk: Counter() for pk in process_ids} for field in SUMMARY_FIELDS
    }
    if connection.vendor == "postgresql":
        quote = connection.ops.quote_name
        fields = {f.attname: str(f.column) for f in Contribution._meta.concrete_fields}
        table, process = quote(Contribution._meta.db_table), quote(fields["process_id"])
        columns = [quote(fields[name]) for name in SUMMARY_FIELDS]
        sets = ", ".join(f"({process}, {column})" for column in columns)
        # GROUPING(a, b, c) has a bit set for each column a row is not grouped by: 0b011 means grouped by
        # the first of the three, 0b101 by the second, 0b110 by the third.
        which = {0b011: 0, 0b101: 1, 0b110: 2}
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {process}, {', '.join(columns)}, GROUPING({', '.join(columns)}), COUNT(*) "  # noqa: S608
                f"FROM {table} WHERE {process} = ANY(%s) GROUP BY GROUPING SETS ({sets})",
                [list(process_ids)],
            )
            for process_id, *values, grouping, n in cursor.fetchall():
                index = which[grouping]
                by_field[SUMMARY_FIELDS[index]][process_id][str(values[index] or "")] += n
        return by_field
    for field in SUMMARY_FIELDS:
        rows = (Contribution.objects.filter(process_id__in=list(process_ids)).order_by()
                .values_list("process_id", field).annotate(n=Count("*")))
        for process_id, value, n in rows:
            by_field[field][process_id][str(value or "")] += n
    return by_field


def participation_summaries(organisation_id: int, process_ids: Sequence[int]) -> dict[int, ParticipationSummary]:
    """For many processes at once (the officials' overview): each one's contributions and its locality, age
    and sex against the population, published form only. Three queries on PostgreSQL (the grouped counts,
    the population, the localities), five elsewhere, whatever the number of processes;
    the same figures as `representativeness(process).comparisons` put through `suppress_small`."""
    by_field = _summary_counts(process_ids)
    _year, population = latest_population(organisation_id)
    localities = [(str(pk), name) for pk, name in
                  Locality.objects.filter(organisation_id=organisation_id).values_list("id", "name")]
    # The population's shares, with and without children (computed once, not once per process).
    shares = {adults: {field: population_shares(population, field, adults) for field in SUMMARY_FIELDS}
              for adults in (False, True)}
    sexes = [(s.value, s.label) for s in Sex]
    summaries = {}
    for pk in process_ids:
        ages = by_field["age_band"][pk]
        adults_only = not ages.get(AgeBand.UNDER_16)
        bands = [(band.value, band.label) for band in AgeBand if not (adults_only and band == AgeBand.UNDER_16)]
        population_of = shares[adults_only]
        comparisons = (
            _breakdown("locality", _("Locality"), by_field["locality_id"][pk], localities,
                       population_of["locality_id"]),
            _breakdown("age_band", _("Age"), ages, bands, population_of["age_band"]),
            _breakdown("sex", _("Sex"), by_field["sex"][pk], sexes, population_of["sex"]),
        )
        summaries[pk] = ParticipationSummary(
            total=sum(ages.values()), comparisons=tuple(suppress_small(b) for b in comparisons))
    return summaries
