"""Who is in the panel, by recruitment channel and profile, beside the municipality's population.

For the staff page only: the numbers are the panel's own register, so they are shown as they are
(`disclosure.exact_table`, shares rounded half up); nothing here is published. The
population figures, shares and the under-represented rule are the process dashboards'
(`contributions.representativeness`), compared with residents aged 16 or more, as panels recruit adults.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from radslag.analysis import disclosure
from radslag.contributions.representativeness import GroupShare, latest_population, population_shares
from radslag.core.models import AgeBand, Sex
from radslag.organisations.models import Locality
from radslag.panels.models import Channel, Panel


@dataclass(frozen=True)
class Row:
    label: str | Promise
    count: int
    share: int | None  # per cent of the members who answered this
    population_share: int | None = None
    under_represented: bool = False  # judged on the exact shares, by the dashboards' rule


@dataclass(frozen=True)
class Table:
    caption: str | Promise
    rows: list[Row]
    not_stated: int
    compares_population: bool


def _table(caption: str | Promise, counts: Counter[str], labels: Sequence[tuple[str, str | Promise]],
           population: dict[str, float] | None) -> Table:
    not_stated = counts.get("", 0)
    # Only the rows shown add up to 100 %.
    table = disclosure.exact_table([(key, counts.get(key, 0)) for key, _label in labels])
    answered = table.total or 0
    rows = []
    for (key, label), cell in zip(labels, table.cells, strict=True):
        exact = GroupShare(key, label, cell.count, (cell.count or 0) / answered if answered else None,
                           None if population is None else population.get(key, 0.0))
        rows.append(Row(label, cell.count or 0, cell.percent, exact.population_percent, exact.under_represented))
    return Table(caption, rows, not_stated, population is not None)


def make_up(panel: Panel) -> list[Table]:
    _year, population = latest_population(panel.organisation_id)

    def shares(field: str) -> dict[str, float]:
        return population_shares(population, field, adults_only=True)

    members = list(panel.members.active().values_list("channel", "age_band", "sex", "locality_id"))
    channel = Counter(m[0] for m in members)
    ages = Counter(m[1] for m in members)
    sexes = Counter(m[2] for m in members)
    places = Counter(str(m[3] or "") for m in members)
    localities = [(str(pk), name) for pk, name in
                  Locality.objects.filter(organisation_id=panel.organisation_id).values_list("id", "name")]
    bands = [(band.value, band.label) for band in AgeBand if band != AgeBand.UNDER_16]
    return [
        _table(_("Recruited by"), channel, [(c.value, c.label) for c in Channel], None),
        _table(_("Age"), ages, bands, shares("age_band")),
        _table(_("Sex"), sexes, [(s.value, s.label) for s in Sex], shares("sex")),
        _table(_("Locality"), places, localities, shares("locality_id")),
    ]
