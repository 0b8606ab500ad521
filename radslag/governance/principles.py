"""The municipality's principles for dialogue: published in versions, never edited in place.

An edit publishes a new version; earlier versions stay readable at their own address, so that a
dialogue can say which principles it was run under (`in_force_for`).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from radslag.audit.services import record_event
from radslag.core.access import has_capability
from radslag.core.errors import DomainError, PermissionDeniedError
from radslag.core.permissions import Capability
from radslag.governance.models import DialoguePrinciples
from radslag.organisations.models import Organisation

TEXT_FIELDS = ("title", "title_en", "text", "text_en")


def in_force_at(organisation: Organisation, moment: dt.datetime) -> DialoguePrinciples | None:
    """The version published last at or before `moment`, or None before the first one."""
    return (DialoguePrinciples.objects.filter(organisation=organisation, published_at__lte=moment)
            .order_by("-published_at", "-number").first())


def current(organisation: Organisation) -> DialoguePrinciples | None:
    """The version in force now."""
    return in_force_at(organisation, timezone.now())


def in_force_for(organisation: Organisation, published_at: dt.datetime | None) -> DialoguePrinciples | None:
    """The version a dialogue published at `published_at` was run under; for a draft, the one in force now.
    Before the first version, a dialogue published earlier refers to the first one."""
    moment = published_at or timezone.now()
    versions = list(DialoguePrinciples.objects.filter(organisation=organisation).order_by("published_at", "number")
                    .only("organisation_id", "number", "title", "published_at"))  # few rows: one query
    in_force = [version for version in versions if version.published_at <= moment]
    if in_force:
        return in_force[-1]
    return versions[0] if versions and published_at is not None else None


@transaction.atomic
def publish_principles(*, organisation: Organisation, actor: Any, fields: dict[str, str],
                       change_note: str = "") -> DialoguePrinciples:
    """Publish a new version of the principles, in force from now. Refused when nothing has changed."""
    if not has_capability(actor, organisation, Capability.GOVERNANCE_MANAGE):
        raise PermissionDeniedError(_("Only an administrator may change the principles for dialogue."))
    values = {name: (fields.get(name) or "").strip() for name in TEXT_FIELDS}
    if not values["title"] or not values["text"]:
        raise DomainError(_("Write a title and the principles."))
    # Lock the municipality's versions so that two administrators saving at once get two numbers.
    list(DialoguePrinciples.objects.select_for_update().filter(organisation=organisation).values_list("pk"))
    latest = DialoguePrinciples.objects.filter(organisation=organisation).order_by("-number").first()
    if latest is not None and all(getattr(latest, name) == values[name] for name in TEXT_FIELDS):
        raise DomainError(_("Nothing has changed since version %(number)d.") % {"number": latest.number})
    number = (DialoguePrinciples.objects.filter(organisation=organisation)
              .aggregate(top=Max("number"))["top"] or 0) + 1
    version = DialoguePrinciples.objects.create(
        organisation=organisation, number=number, change_note=change_note.strip()[:300],
        published_at=timezone.now(), published_by=actor, **values)
    record_event(organisation=organisation, actor=actor, action="principles.published", target=version,
                 data={"number": number})
    return version
