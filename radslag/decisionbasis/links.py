"""Frozen decision bases as something a decision can rest on (registered with governance.links).

A decision that follows a committee meeting links back to the version that was sent. A version sent to a
committee is a public record, so its public page shows it (when the dialogue itself is public).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from radslag.decisionbasis.models import BasisVersion
from radslag.governance import links
from radslag.governance.links import LinkKind, Target

KEY = "decision_basis"
PUBLIC = ("published", "closed")


def _versions(organisation: Any) -> Any:
    return (BasisVersion.objects.filter(basis__organisation=organisation, status=BasisVersion.Status.FROZEN)
            .select_related("basis__process", "committee").defer("snapshot"))


def _label(version: BasisVersion) -> str:
    return str(_("%(title)s: decision basis, version %(number)s, to %(committee)s %(date)s") % {
        "title": version.title, "number": version.number, "committee": version.committee,
        "date": formats.date_format(version.meeting_date, "j F Y") if version.meeting_date else ""})


def choices(organisation: Any) -> Iterable[tuple[int, str]]:
    return [(v.pk, _label(v)) for v in _versions(organisation).order_by("-meeting_date", "-pk")]


def targets(organisation: Any, ids: Sequence[int]) -> dict[int, Target]:
    found = _versions(organisation).filter(pk__in=ids, basis__process__status__in=PUBLIC)
    return {
        v.pk: Target(_label(v), reverse("decisionbasis:public", kwargs={
            "slug": v.basis.process.slug, "version_pk": v.pk}), v.basis.process_id)
        for v in found
    }


def register() -> None:
    links.register(LinkKind(key=KEY, label=_("Decision bases"), choices=choices, resolve=targets, order=15))
