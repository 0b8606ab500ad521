"""Writes for the municipality's own settings and pages. Each one is a transaction with its audit event."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.forms import ModelForm

from radslag.audit.services import record_event
from radslag.organisations.models import AccessibilityStatement, Locality, Organisation, PageFeedback, PopulationFigure
from radslag.organisations.population_import import PopulationRow


def record_page_feedback(*, organisation: Organisation, path: str, helpful: bool, comment: str) -> PageFeedback:
    """Anonymous by design: no user or IP address is stored with the answer."""
    return PageFeedback.objects.create(
        organisation=organisation, path=path[:300], helpful=helpful, comment=comment.strip()[:2000]
    )


@transaction.atomic
def save_accessibility_statement(
    *, organisation: Organisation, actor: Any, form: ModelForm
) -> AccessibilityStatement:
    statement: AccessibilityStatement = form.save(commit=False)
    statement.organisation = organisation
    statement.save()
    record_event(organisation=organisation, actor=actor, action="accessibility_statement.saved", target=statement)
    return statement


@transaction.atomic
def save_configuration(
    *, organisation: Organisation, actor: Any, form: ModelForm, kind: str
) -> Any:
    """Save a locality or body edited by an administrator and log `<kind>.created` or `<kind>.updated`."""
    created = form.instance.pk is None
    instance = form.save(commit=False)
    instance.organisation = organisation
    instance.save()
    action = f"{kind}.created" if created else f"{kind}.updated"
    record_event(organisation=organisation, actor=actor, action=action, target=instance,
                 data={"changed": form.changed_data})
    return instance


@transaction.atomic
def import_population(*, organisation: Organisation, actor: Any, rows: list[PopulationRow], source: str = "") -> int:
    """Replace the figures of every year in `rows`; localities missing by name are created."""
    localities = {locality.name.lower(): locality for locality in Locality.objects.filter(organisation=organisation)}
    for name in sorted({row.locality for row in rows}):
        if name.lower() not in localities:
            localities[name.lower()] = Locality.objects.create(organisation=organisation, name=name)
    years = sorted({row.year for row in rows})
    PopulationFigure.objects.filter(organisation=organisation, year__in=years).delete()
    PopulationFigure.objects.bulk_create(
        PopulationFigure(
            organisation=organisation, year=row.year, locality=localities[row.locality.lower()],
            age_band=row.age_band, sex=row.sex, count=row.count,
        )
        for row in rows
    )
    record_event(
        organisation=organisation, actor=actor, action="population.imported",
        data={"years": years, "rows": len(rows), "residents": sum(row.count for row in rows), "source": source},
    )
    return len(rows)
