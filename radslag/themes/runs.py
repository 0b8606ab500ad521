"""Analysis runs: start one (a service), and do the work (called by the background task).

A run groups the process's published contributions that match its filters. What people decided survives:

- themes with a decision (accepted, pinned, renamed, made by a merge or a split: `Theme.has_decision`) or with
  a contribution coded by hand are *kept*, with their members;
- every other theme is a proposal of an earlier run and is replaced by this run's proposals;
- texts not yet in a kept theme join the nearest kept theme when they fit it well enough
  (`radslag.analysis.themes.decisions`), and only the rest are grouped into new themes.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from radslag.analysis.embeddings import UnknownBackendError, get_backend
from radslag.analysis.themes import ExistingTheme, ThemeResult, find_themes
from radslag.audit.services import record_event
from radslag.contributions.models import Contribution
from radslag.core.access import has_capability
from radslag.core.errors import DomainError, PermissionDeniedError
from radslag.core.permissions import Capability
from radslag.dialogues.models import Activity, DialogueProcess
from radslag.organisations.models import Locality
from radslag.themes.models import AnalysisRun, Coding, Quote, Theme
from radslag.themes.progress import RunProgress
from radslag.themes.vectors import text_item, usable_backends, vectors_for

logger = logging.getLogger(__name__)

# A run still queued or running after this long is taken to have died with its worker.
STALE_AFTER = dt.timedelta(hours=1)
MAX_K = 30


@transaction.atomic
def start_analysis(
    *,
    process: DialogueProcess,
    user: Any,
    channel: str = "",
    activity: Activity | None = None,
    locality: Locality | None = None,
    backend: str = "lexical",
    k: int | None = None,
    seed: int = 0,
) -> AnalysisRun:
    """Queue an analysis of the process's published contributions; the work starts after commit."""
    if not has_capability(user, process.organisation, Capability.PROCESS_MANAGE):
        raise PermissionDeniedError(_("Only staff may analyse contributions."))
    _check_choices(process, activity, locality, backend, k)
    _expire_stale_runs(process)
    if AnalysisRun.objects.filter(process=process, status__in=_ACTIVE).exists():
        raise DomainError(_("An analysis of this dialogue is already running. Wait until it is finished."))
    run = AnalysisRun.objects.create(
        organisation=process.organisation, process=process, channel=channel, activity=activity,
        locality=locality, backend=backend, k=k, seed=seed, created_by=user, stage=_("Waiting to start"),
    )
    record_event(
        organisation=process.organisation, actor=user, action="themes.analysis_started", target=run,
        data={"process": process.pk, "backend": backend, "k": k, "seed": seed, "channel": channel,
              "activity": activity.pk if activity else None, "locality": locality.pk if locality else None},
    )  # fmt: skip
    transaction.on_commit(lambda: _queue(run.pk))
    return run


_ACTIVE = (AnalysisRun.Status.QUEUED, AnalysisRun.Status.RUNNING)


def _queue(run_id: int) -> None:
    from radslag.themes.tasks import run_analysis  # the task module imports this one

    run_analysis.delay(run_id)


def _check_choices(
    process: DialogueProcess, activity: Activity | None, locality: Locality | None, backend: str, k: int | None
) -> None:
    if activity is not None and activity.process_id != process.pk:
        raise DomainError(_("Choose one of the dialogue's activities."))
    if locality is not None and locality.organisation_id != process.organisation_id:
        raise DomainError(_("Choose one of the municipality's localities."))
    if backend not in usable_backends():
        raise DomainError(_("That analysis method is not available here."))
    if k is not None and not 2 <= k <= MAX_K:
        raise DomainError(_("The number of themes must be between 2 and %(max)d.") % {"max": MAX_K})


def _expire_stale_runs(process: DialogueProcess) -> None:
    AnalysisRun.objects.filter(
        process=process, status__in=_ACTIVE, created_at__lt=timezone.now() - STALE_AFTER
    ).update(status=AnalysisRun.Status.FAILED, error=_("The analysis did not finish within an hour and was stopped."))


def run_contributions(run: AnalysisRun) -> QuerySet[Contribution]:
    """The published contributions the run's filters select, oldest first; not those set aside by hand."""
    contributions = Contribution.objects.filter(
        process_id=run.process_id, status=Contribution.Status.PUBLISHED, theme_exclusion__isnull=True
    )
    if run.channel:
        contributions = contributions.filter(channel=run.channel)
    if run.activity_id:
        contributions = contributions.filter(activity_id=run.activity_id)
    if run.locality_id:
        contributions = contributions.filter(locality_id=run.locality_id)
    return contributions.order_by("created_at", "id")


def execute_run(run_id: int) -> AnalysisRun:
    """Do a queued run's work. Any failure ends as a failed run with its message; nothing half-written."""
    updated = AnalysisRun.objects.filter(pk=run_id, status=AnalysisRun.Status.QUEUED).update(
        status=AnalysisRun.Status.RUNNING, started_at=timezone.now(), progress=1, stage=_("Reading contributions")
    )
    run = AnalysisRun.objects.select_related("process__organisation").get(pk=run_id)
    if not updated:
        return run
    try:
        _analyse(run, RunProgress(run.pk))
    except Exception as error:  # any failure must show as a failed run, not a run that spins forever
        logger.exception("Analysis run %s failed", run_id)
        AnalysisRun.objects.filter(pk=run_id).update(
            status=AnalysisRun.Status.FAILED, error=str(error)[:2000] or error.__class__.__name__,
            finished_at=timezone.now(),
        )
    run.refresh_from_db()
    return run


def _analyse(run: AnalysisRun, progress: RunProgress) -> None:
    # Only what the analysis reads: a large process has tens of thousands of rows.
    contributions = list(run_contributions(run).only("id", "body", "published_body", "language"))
    try:
        backend = get_backend(run.backend)
    except UnknownBackendError as error:
        raise DomainError(str(error)) from error
    vectors = vectors_for(contributions, backend, progress.span(5, 40, _("Reading the texts")))
    kept = _kept_themes(run.process)
    fixed = _fixed_placements(kept, contributions)
    items = [text_item(c) for c in contributions]
    result = find_themes(
        items, k=run.k, backend=run.backend, seed=run.seed,
        precomputed={item.id: vector for item, vector in zip(items, vectors, strict=True)},
        existing=[ExistingTheme(key=str(theme.pk), members=sorted(_members(fixed, theme))) for theme in kept],
        fixed=fixed, progress=progress.span(45, 95, _("Finding themes")),
    )  # fmt: skip
    progress.report(96, _("Saving the themes"))
    _save(run, kept, fixed, result, len(contributions))


def _kept_themes(process: DialogueProcess) -> list[Theme]:
    active = Theme.objects.filter(process=process, status=Theme.Status.ACTIVE)
    hand_coded = set(
        Coding.objects.filter(theme__in=active, source=Coding.Source.HUMAN).values_list("theme_id", flat=True)
    )
    return [theme for theme in active.order_by("order", "id") if theme.has_decision or theme.pk in hand_coded]


def _fixed_placements(kept: list[Theme], contributions: Iterable[Contribution]) -> dict[str, str]:
    """Contributions already in a kept theme stay there: contribution id -> theme key (its pk)."""
    in_run = {contribution.pk for contribution in contributions}
    codings = Coding.objects.filter(theme__in=kept, contribution_id__in=in_run).order_by("source", "id")
    fixed: dict[str, str] = {}
    for coding in codings:  # human codings first ("human" < "machine"), so they name the theme
        fixed.setdefault(str(coding.contribution_id), str(coding.theme_id))
    return fixed


def _members(fixed: dict[str, str], theme: Theme) -> set[str]:
    return {item_id for item_id, key in fixed.items() if key == str(theme.pk)}


@transaction.atomic
def _save(run: AnalysisRun, kept: list[Theme], fixed: dict[str, str], result: ThemeResult, count: int) -> None:
    process = run.process
    kept_ids = {theme.pk for theme in kept}
    replaced = Theme.objects.filter(process=process, status=Theme.Status.ACTIVE).exclude(pk__in=kept_ids)
    replaced_count = replaced.count()
    replaced.delete()
    Coding.objects.filter(theme_id__in=kept_ids).exclude(contribution__status=Contribution.Status.PUBLISHED).delete()
    by_key = {str(theme.pk): theme for theme in kept}
    order = max((theme.order for theme in kept), default=0)
    assigned = new_count = 0
    for found in result.themes:
        theme = by_key.get(found.key)
        if theme is None:
            order += 1
            new_count += 1
            theme = Theme.objects.create(
                organisation=process.organisation, process=process, run=run, label=found.label[:300],
                keywords=found.keywords, order=order,
            )
        else:
            Theme.objects.filter(pk=theme.pk).update(keywords=found.keywords)
        added = _code_members(run, theme, found.members, found.strengths, fixed)
        assigned += added if found.key in by_key else 0
        _set_quotes(theme, found.quotes)
    _finish(run, count, new_count, assigned, len(result.outliers), replaced_count, result.meta)


def _code_members(
    run: AnalysisRun, theme: Theme, members: list[str], strengths: list[float], fixed: dict[str, str]
) -> int:
    """Machine codings for the members not already placed; returns how many were added."""
    fresh = [
        Coding(theme=theme, contribution_id=int(member), source=Coding.Source.MACHINE, strength=round(strength, 4),
               run=run)
        for member, strength in zip(members, strengths, strict=True)
        if member not in fixed
    ]  # fmt: skip
    Coding.objects.bulk_create(fresh, ignore_conflicts=True)
    return len(fresh)


def _set_quotes(theme: Theme, quotes: list[str]) -> None:
    Quote.objects.filter(theme=theme).delete()
    Quote.objects.bulk_create(
        [Quote(theme=theme, contribution_id=int(quote), position=position) for position, quote in enumerate(quotes)]
    )


def _finish(
    run: AnalysisRun, count: int, new_count: int, assigned: int, outliers: int, replaced: int, meta: dict[str, Any]
) -> None:
    AnalysisRun.objects.filter(pk=run.pk).update(
        status=AnalysisRun.Status.DONE, progress=100, stage=_("Done"), finished_at=timezone.now(),
        contribution_count=count, new_theme_count=new_count, assigned_count=assigned, outlier_count=outliers,
        meta=meta,
    )  # fmt: skip
    record_event(
        organisation=run.organisation, actor=None, action="themes.analysis_completed", target=run,
        data={"process": run.process_id, "contributions": count, "new_themes": new_count,
              "put_into_existing_themes": assigned, "outside_every_theme": outliers, "replaced_proposals": replaced},
    )  # fmt: skip


def latest_run(process: DialogueProcess) -> AnalysisRun | None:
    return AnalysisRun.objects.filter(process=process).first()
