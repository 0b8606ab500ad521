"""Who is in the panel, by recruitment channel and profile, beside the municipality's population.

For the staff page: the numbers are the panel's own register, so they are shown as they are. The
population comparison uses the latest year of population figures and, as panels recruit adults,
residents aged 16 or more.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import Max, Sum
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from radslag.core.models import AgeBand, Sex
from radslag.organisations.models import Locality, PopulationFigure
from radslag.panels.models import Channel, Panel

# Half the population's share or less is flagged, as on the process dashboards.
UNDER_REPRESENTED_FACTOR = 0.5


@dataclass(frozen=True)
class Row:
    label: str | Promise
    count: int
    share: int | None  # per cent of the members who answered this
    population_share: int | None = None

    @property
    def under_represented(self) -> bool:
        if not self.population_share or self.share is None:
            return False
        return self.share < UNDER_REPRESENTED_FACTOR * self.population_share


@dataclass(frozen=True)
class Table:
    caption: str | Promise
    rows: list[Row]
    not_stated: int
    compares_population: bool


def _percent(part: int, whole: int) -> int | None:
    return round(100 * part / whole) if whole else None


def _population(panel: Panel, field: str) -> dict[str, int]:
    figures = PopulationFigure.objects.filter(organisation_id=panel.organisation_id).exclude(
        age_band=AgeBand.UNDER_16)
    year = figures.aggregate(latest=Max("year"))["latest"]
    if year is None:
        return {}
    totals = {str(row[field]): row["n"] for row in figures.filter(year=year).order_by().values(field)
              .annotate(n=Sum("count"))}
    whole = sum(totals.values())
    return {key: round(100 * n / whole) for key, n in totals.items()} if whole else {}


def _table(caption: str | Promise, counts: Counter[str], labels: Sequence[tuple[str, str | Promise]],
           population: dict[str, int] | None) -> Table:
    not_stated = counts.get("", 0)
    answered = sum(counts.get(key, 0) for key, _label in labels)  # only the rows shown add up to 100 %
    rows = [Row(label, counts.get(key, 0), _percent(counts.get(key, 0), answered),
                None if population is None else population.get(key, 0)) for key, label in labels]
    return Table(caption, rows, not_stated, population is not None)


def make_up(panel: Panel) -> list[Table]:
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
        _table(_("Age"), ages, bands, _population(panel, "age_band")),
        _table(_("Sex"), sexes, [(s.value, s.label) for s in Sex], _population(panel, "sex")),
        _table(_("Locality"), places, localities, {str(k): v for k, v in _population(panel, "locality_id").items()}),
    ]
