"""The registry of personal data: every app declares here what it holds about a person.

Export (a copy under article 15 GDPR), erasure requests and retention (gallring) all read this one
registry, so a new kind of record is found by all three once its app registers it in
`AppConfig.ready()`. Nothing here reaches into other apps' models.

Each kind says how it answers an erasure request:
- ERASE: the rows are deleted;
- PSEUDONYMISE: the rows stay (a count or a public record depends on them) without the link to the person;
- KEEP: the rows are public records (allmänna handlingar) kept under the Archives Act until a retention
  decision; the person is told `reason`.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

Person = Any  # accounts.User; this layer does not import it
Organisation = Any  # organisations.Organisation


class OnErasure(models.TextChoices):
    ERASE = "erase", _("Erased")
    PSEUDONYMISE = "pseudonymise", _("Kept without the link to you")
    KEEP = "keep", _("Kept as a public record")


@dataclass(frozen=True)
class Retention:
    """How a kind of record is destroyed once its retention period has passed.

    `due(organisation, cutoff)` gives the rows whose period ended before `cutoff`; `destroy(rows)`
    destroys them and answers how many. The default destroys by deleting.
    """

    due: Callable[[Organisation, dt.datetime], models.QuerySet[Any]]
    explains: str | Promise  # from when the period counts, e.g. "from when the activity ended"
    destroy: Callable[[models.QuerySet[Any]], int] | None = None

    def destroy_rows(self, rows: models.QuerySet[Any]) -> int:
        if self.destroy is not None:
            return self.destroy(rows)
        deleted, _per_model = rows.delete()
        return deleted


@dataclass(frozen=True)
class PersonalDataKind:
    key: str  # "app.what", stable: retention rules and erasure outcomes refer to it
    section: str  # the name of its part in the downloaded copy
    label: str | Promise
    on_erasure: OnErasure
    reason: str | Promise  # told to the person: what happens on erasure and why
    rows: Callable[[Person, Organisation], models.QuerySet[Any]]
    export: Callable[[Person, Organisation], Any]  # JSON-ready
    erase: Callable[[Person, Organisation], int] | None = None  # ERASE or PSEUDONYMISE; answers how many rows
    retention: Retention | None = None

    @property
    def is_public_record(self) -> bool:
        return self.on_erasure == OnErasure.KEEP

    def count(self, person: Person, organisation: Organisation) -> int:
        return self.rows(person, organisation).count()


class KindAlreadyRegisteredError(RuntimeError):
    pass


_kinds: dict[str, PersonalDataKind] = {}


def register(kind: PersonalDataKind) -> None:
    """Called from an app's `ready()`. A second registration of the same key is a programming error."""
    existing = _kinds.get(kind.key)
    if existing is not None and existing is not kind:
        raise KindAlreadyRegisteredError(kind.key)
    if kind.on_erasure != OnErasure.KEEP and kind.erase is None:
        raise ValueError(f"{kind.key}: a kind that is erased or pseudonymised needs an `erase` function")
    _kinds[kind.key] = kind


def kinds() -> list[PersonalDataKind]:
    """Every registered kind, in the order the apps registered them."""
    return list(_kinds.values())


def kind(key: str) -> PersonalDataKind | None:
    return _kinds.get(key)


def retainable_kinds() -> list[PersonalDataKind]:
    return [item for item in _kinds.values() if item.retention is not None]


def export_person(person: Person, organisation: Organisation) -> dict[str, Any]:
    """Every registered kind's data about the person in this municipality, JSON-ready, by section.

    A kind's export may hold times, dates, decimals and translated labels as they come from the models;
    they are written here as text (times in ISO 8601 in the municipality's time zone), so that no kind can
    break the person's download."""
    return {item.section: json_ready(item.export(person, organisation)) for item in _kinds.values()}


class _InLocalTime(DjangoJSONEncoder):
    """Django's encoder (dates, times, decimals, UUIDs, translated labels), with times in local time."""

    def default(self, o: Any) -> Any:
        if isinstance(o, dt.datetime) and timezone.is_aware(o):
            o = timezone.localtime(o)
        return super().default(o)


def json_ready(value: Any) -> Any:
    """`value` as JSON gives it back: what the json module cannot write becomes text by Django's encoder."""
    return json.loads(json.dumps(value, cls=_InLocalTime))
