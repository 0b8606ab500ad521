"""People's decisions about themes: rename, accept, pin, merge, split, move and code by hand.

Every decision is kept through a re-run of the analysis (see `radslag.themes.runs`) and written to the
audit log. A human coding always replaces the machine's coding of that contribution.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from radslag.analysis.embeddings import UnknownBackendError, get_backend
from radslag.analysis.themes import Theme as FoundTheme
from radslag.analysis.themes import ThemeResult
from radslag.analysis.themes import split_theme as split_with_engine
from radslag.audit.services import record_event
from radslag.contributions.models import Contribution
from radslag.core.access import has_capability
from radslag.core.errors import DomainError, PermissionDeniedError
from radslag.core.permissions import Capability
from radslag.dialogues.models import DialogueProcess
from radslag.governance.models import FocusArea
from radslag.themes.models import AnalysisRun, Coding, Quote, Theme, ThemeExclusion
from radslag.themes.vectors import index_backend_name, text_item, vectors_for

LABEL_MAX_LENGTH = 300
MAX_QUOTES = 5


def _check_staff(user: Any, process: DialogueProcess) -> None:
    if not has_capability(user, process.organisation, Capability.PROCESS_MANAGE):
        raise PermissionDeniedError(_("Only staff may work with themes."))


def _check_active(theme: Theme) -> None:
    if theme.status != Theme.Status.ACTIVE:
        raise DomainError(_("The theme “%(name)s” has been merged or split and can no longer change.") % {
            "name": theme.name})


def _record(user: Any, theme: Theme, action: str, **data: Any) -> None:
    record_event(
        organisation=theme.process.organisation, actor=user, action=f"themes.{action}", target=theme,
        data={"process": theme.process_id, **data},
    )


@transaction.atomic
def rename_theme(*, theme: Theme, user: Any, label: str, description: str = "", label_en: str = "",
                 description_en: str = "") -> Theme:
    """Give the theme a name (and description) of people's own; the engine's label stays as the proposal."""
    _check_staff(user, theme.process)
    _check_active(theme)
    label = label.strip()
    if not label:
        raise DomainError(_("Write a name for the theme."))
    previous = theme.name
    theme.human_label = label[:LABEL_MAX_LENGTH]
    theme.description = description.strip()
    theme.human_label_en, theme.description_en = label_en.strip()[:LABEL_MAX_LENGTH], description_en.strip()
    theme.save(update_fields=["human_label", "description", "human_label_en", "description_en", "updated_at"])
    _record(user, theme, "renamed", previous=previous, name=theme.human_label)
    return theme


@transaction.atomic
def create_theme(*, process: DialogueProcess, user: Any, label: str, description: str = "", label_en: str = "",
                 description_en: str = "") -> Theme:
    """A theme made by a person (kept through every re-run)."""
    _check_staff(user, process)
    label = label.strip()
    if not label:
        raise DomainError(_("Write a name for the theme."))
    last = Theme.objects.filter(process=process).order_by("-order").values_list("order", flat=True).first() or 0
    theme = Theme.objects.create(
        organisation=process.organisation, process=process, label=label[:LABEL_MAX_LENGTH],
        human_label=label[:LABEL_MAX_LENGTH], description=description.strip(), order=last + 1,
        human_label_en=label_en.strip()[:LABEL_MAX_LENGTH], description_en=description_en.strip(),
    )
    _record(user, theme, "created", name=theme.name)
    return theme


@transaction.atomic
def set_theme_accepted(*, theme: Theme, user: Any, accepted: bool) -> Theme:
    _check_staff(user, theme.process)
    _check_active(theme)
    theme.accepted = accepted
    theme.save(update_fields=["accepted", "updated_at"])
    _record(user, theme, "accepted" if accepted else "unaccepted")
    return theme


@transaction.atomic
def set_theme_pinned(*, theme: Theme, user: Any, pinned: bool) -> Theme:
    _check_staff(user, theme.process)
    _check_active(theme)
    theme.pinned = pinned
    theme.save(update_fields=["pinned", "updated_at"])
    _record(user, theme, "pinned" if pinned else "unpinned")
    return theme


@transaction.atomic
def set_theme_focus_areas(*, theme: Theme, user: Any, focus_areas: Iterable[FocusArea]) -> Theme:
    """Link the theme to focus areas of the municipality's strategic plan."""
    _check_staff(user, theme.process)
    chosen = [area for area in focus_areas if area.organisation_id == theme.process.organisation_id]
    theme.focus_areas.set(chosen)
    _record(user, theme, "focus_areas_set", focus_areas=[area.pk for area in chosen])
    return theme


@transaction.atomic
def merge_themes(*, themes: Sequence[Theme], user: Any, into: Theme | None = None) -> Theme:
    """Merge two or more themes into one (`into`, else the first); the others are kept as history."""
    target = into or (themes[0] if themes else None)
    others = [theme for theme in themes if target is not None and theme.pk != target.pk]
    if target is None or not others:
        raise DomainError(_("Choose at least two themes to merge."))
    _check_staff(user, target.process)
    for theme in [target, *others]:
        _check_active(theme)
        if theme.process_id != target.process_id:
            raise DomainError(_("Only themes of the same dialogue can be merged."))
    for theme in others:
        _move_codings(theme, target)
        target.keywords = list(dict.fromkeys([*target.keywords, *theme.keywords]))[:10]
        target.focus_areas.add(*theme.focus_areas.all())
        theme.status, theme.merged_into = Theme.Status.MERGED, target
        theme.save(update_fields=["status", "merged_into", "updated_at"])
    target.pinned = True
    target.save(update_fields=["keywords", "pinned", "updated_at"])
    _refill_quotes(target)
    _record(user, target, "merged", merged=[theme.pk for theme in others], names=[theme.name for theme in others])
    return target


def _move_codings(source: Theme, target: Theme) -> None:
    """Codings of `source` go to `target`; where a contribution has both, a human coding wins."""
    existing = {coding.contribution_id: coding for coding in target.codings.all()}
    for coding in source.codings.all():
        kept = existing.get(coding.contribution_id)
        if kept is None:
            coding.theme = target
            coding.save(update_fields=["theme"])
        elif coding.source == Coding.Source.HUMAN and kept.source != Coding.Source.HUMAN:
            kept.source, kept.strength = Coding.Source.HUMAN, 1.0
            kept.save(update_fields=["source", "strength"])


def _refill_quotes(theme: Theme) -> None:
    """Keep the quotes that are still members, and fill up to five with the strongest members."""
    members = list(theme.codings.order_by("-strength", "id").values_list("contribution_id", flat=True))
    quoted = [c for c in theme.quotes.order_by("position").values_list("contribution_id", flat=True) if c in members]
    chosen = list(dict.fromkeys([*quoted, *members]))[:MAX_QUOTES]
    Quote.objects.filter(theme=theme).delete()
    Quote.objects.bulk_create([Quote(theme=theme, contribution_id=c, position=n) for n, c in enumerate(chosen)])


@transaction.atomic
def split_theme(*, theme: Theme, user: Any) -> list[Theme]:
    """Split a theme in two by grouping its members again with the engine; both parts are kept on re-runs."""
    _check_staff(user, theme.process)
    _check_active(theme)
    codings = list(theme.codings.select_related("contribution").order_by("id"))
    if len(codings) < 2:
        raise DomainError(_("A theme needs at least two contributions to be split."))
    contributions = [coding.contribution for coding in codings]
    result = _engine_split(theme, contributions)
    if len(result.themes) < 2:
        raise DomainError(_("The contributions in this theme are too alike to be split in two."))
    by_contribution = {coding.contribution_id: coding for coding in codings}
    # The larger part carries on the theme people worked on: its name, description and decisions.
    found_parts = sorted(result.themes[:2], key=lambda found: -len(found.members))
    parts = [_create_part(theme, found, by_contribution, keeps_decisions=n == 0) for n, found in enumerate(found_parts)]
    theme.status = Theme.Status.SPLIT
    theme.save(update_fields=["status", "updated_at"])
    _record(user, theme, "split", into=[part.pk for part in parts], names=[part.name for part in parts])
    return parts


def _create_part(theme: Theme, found: FoundTheme, codings: dict[int, Coding], *, keeps_decisions: bool) -> Theme:
    """One half of a split theme, with its members' codings moved over (a human coding stays human).

    The part that `keeps_decisions` keeps the name and description people gave the theme, whether it was
    accepted or pinned, and its focus areas; the other part gets the engine's label and no decisions.
    """
    kept = {"human_label": theme.human_label, "description": theme.description, "accepted": theme.accepted,
            "pinned": theme.pinned} if keeps_decisions else {}  # fmt: skip
    part = Theme.objects.create(
        organisation=theme.organisation, process=theme.process, run=theme.run, label=found.label[:LABEL_MAX_LENGTH],
        keywords=found.keywords, order=theme.order, split_from=theme, **kept,
    )
    if keeps_decisions:
        part.focus_areas.set(theme.focus_areas.all())
    for member, strength in zip(found.members, found.strengths, strict=True):
        coding = codings[int(member)]
        coding.theme = part
        coding.strength = 1.0 if coding.source == Coding.Source.HUMAN else round(strength, 4)
        coding.save(update_fields=["theme", "strength"])
    Quote.objects.bulk_create(
        [Quote(theme=part, contribution_id=int(quote), position=n) for n, quote in enumerate(found.quotes)]
    )
    return part


def _engine_split(theme: Theme, contributions: list[Contribution]) -> ThemeResult:
    run = theme.run or AnalysisRun.objects.filter(process=theme.process, status=AnalysisRun.Status.DONE).first()
    name = run.backend if run else index_backend_name()
    try:
        backend = get_backend(name)
    except UnknownBackendError:
        backend = get_backend("lexical")
    items = [text_item(c) for c in contributions]
    precomputed = None
    if backend.stable:
        vectors = vectors_for(contributions, backend)
        precomputed = {item.id: vector for item, vector in zip(items, vectors, strict=True)}
    return split_with_engine(items, 2, backend=backend.name, seed=run.seed if run else 0, precomputed=precomputed)


def _check_contribution(contribution: Contribution, themes: Iterable[Theme]) -> None:
    for theme in themes:
        _check_active(theme)
        if theme.process_id != contribution.process_id:
            raise DomainError(_("Choose themes of the contribution's own dialogue."))


@transaction.atomic
def move_contribution(*, contribution: Contribution, from_theme: Theme, to_theme: Theme, user: Any) -> Coding:
    """Take a contribution out of one theme and put it in another, by hand."""
    _check_staff(user, contribution.process)
    _check_contribution(contribution, [from_theme, to_theme])
    if from_theme.pk == to_theme.pk:
        raise DomainError(_("Choose another theme to move the contribution to."))
    Coding.objects.filter(contribution=contribution, theme=from_theme).delete()
    Coding.objects.filter(contribution=contribution, source=Coding.Source.MACHINE).delete()
    Quote.objects.filter(contribution=contribution, theme=from_theme).delete()
    coding, _created = Coding.objects.update_or_create(
        contribution=contribution, theme=to_theme,
        defaults={"source": Coding.Source.HUMAN, "strength": 1.0, "created_by": user, "run": None},
    )
    _record(user, to_theme, "contribution_moved", contribution=contribution.pk, from_theme=from_theme.pk)
    return coding


@transaction.atomic
def code_contribution(
    *, contribution: Contribution, themes: Sequence[Theme], user: Any, no_theme: bool = False
) -> list[Coding]:
    """Set by hand exactly which themes a contribution belongs to.

    With no themes, the hand coding is removed and the next analysis run places the contribution again.
    With ``no_theme`` a person decides it belongs to no theme: it leaves every theme and later runs leave
    it out, until someone chooses a theme for it.
    """
    _check_staff(user, contribution.process)
    _check_contribution(contribution, themes)
    if no_theme and themes:
        raise DomainError(_("Choose themes or that the contribution belongs to no theme, not both."))
    chosen = {theme.pk for theme in themes}
    current = Coding.objects.filter(contribution=contribution, theme__status=Theme.Status.ACTIVE)
    removed = list(current.exclude(theme_id__in=chosen).values_list("theme_id", flat=True))
    if chosen or no_theme:
        current.exclude(theme_id__in=chosen).delete()
    else:
        current.filter(source=Coding.Source.HUMAN).delete()
    if no_theme:
        ThemeExclusion.objects.get_or_create(contribution=contribution, defaults={"created_by": user})
    else:
        ThemeExclusion.objects.filter(contribution=contribution).delete()
    Quote.objects.filter(contribution=contribution, theme_id__in=removed).delete()
    codings = [
        Coding.objects.update_or_create(
            contribution=contribution, theme=theme,
            defaults={"source": Coding.Source.HUMAN, "strength": 1.0, "created_by": user, "run": None},
        )[0]
        for theme in themes
    ]
    record_event(
        organisation=contribution.organisation, actor=user, action="themes.contribution_coded", target=contribution,
        data={"process": contribution.process_id, "themes": sorted(chosen), "removed_from": sorted(removed),
              "no_theme": no_theme},
    )
    return codings
