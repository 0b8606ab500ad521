"""Compilation versions as something a decision can rest on (registered with governance.links)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from radslag.governance import links
from radslag.governance.links import LinkKind, Target
from radslag.reports.models import CompilationVersion

PUBLIC = ("published", "closed")


def _versions(organisation: Any) -> Any:
    return CompilationVersion.objects.filter(compilation__organisation=organisation).select_related(
        "compilation__process")


def _label(version: CompilationVersion) -> str:
    return str(_("%(process)s: compilation, version %(number)s, %(date)s") % {
        "process": version.compilation.process.title, "number": version.number,
        "date": version.published_at.date().isoformat()})


def choices(organisation: Any) -> Iterable[tuple[int, str]]:
    return [(v.pk, _label(v)) for v in _versions(organisation).order_by("-published_at")]


def targets(organisation: Any, ids: Sequence[int]) -> dict[int, Target]:
    found = _versions(organisation).filter(pk__in=ids, compilation__process__status__in=PUBLIC)
    return {
        v.pk: Target(_label(v), reverse("reports:compilation_version", kwargs={
            "slug": v.compilation.process.slug, "number": v.number}), v.compilation.process_id)
        for v in found
    }


def register() -> None:
    links.register(LinkKind(key="compilation", label=_("Perspective compilations"), choices=choices,
                            resolve=targets, order=10))
