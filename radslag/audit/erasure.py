"""Erasure requests: a person asks, an administrator sees what each kind of record would do, and decides.

What can be erased is erased, what must be kept as a public record is kept, and the person is told
by e-mail what happened to each kind of record and why.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from radslag.audit.models import ErasureRequest
from radslag.audit.personal_data import OnErasure, PersonalDataKind, kind, kinds
from radslag.audit.services import record_event
from radslag.core.errors import DomainError
from radslag.core.mail import send_after_commit


@dataclass(frozen=True)
class PlannedErasure:
    kind: PersonalDataKind
    count: int

    @property
    def action(self) -> OnErasure:
        return self.kind.on_erasure


def _in_erasure_order() -> list[PersonalDataKind]:
    # Higher apps first: their rows are found through the account, which is erased last.
    return list(reversed(kinds()))


def erasure_plan(erasure_request: ErasureRequest) -> list[PlannedErasure]:
    """For each registered kind: how many rows the person has, and what the request would do to them."""
    person, organisation = erasure_request.person, erasure_request.organisation
    if person is None:
        return []
    return [PlannedErasure(kind=item, count=item.count(person, organisation)) for item in kinds()]


@transaction.atomic
def file_erasure_request(*, organisation: Any, person: Any, message: str = "") -> ErasureRequest:
    if ErasureRequest.objects.filter(organisation=organisation, person=person,
                                     status=ErasureRequest.Status.RECEIVED).exists():
        raise DomainError(_("You have already asked for erasure. An administrator is handling the request."))
    try:
        with transaction.atomic():
            erasure_request = ErasureRequest.objects.create(
                organisation=organisation, person=person, email=person.email, message=message.strip())
    except IntegrityError as error:  # the same request sent twice at once: the constraint keeps one
        raise DomainError(_("You have already asked for erasure. An administrator is handling the request.")) from error
    record_event(organisation=organisation, actor=person, action="erasure.requested", target=erasure_request)
    return erasure_request


def _lock_open(erasure_request: ErasureRequest) -> ErasureRequest:
    locked = ErasureRequest.objects.select_for_update(of=("self",)).select_related("organisation", "person").get(
        pk=erasure_request.pk)
    if not locked.is_open:
        raise DomainError(_("The request has already been decided."))
    return locked


@transaction.atomic
def carry_out_erasure(*, erasure_request: ErasureRequest, actor: Any, note: str = "") -> ErasureRequest:
    """Erase or pseudonymise every kind that allows it, keep public records, tell the person why."""
    erasure_request = _lock_open(erasure_request)
    person, organisation = erasure_request.person, erasure_request.organisation
    outcome = []
    for item in _in_erasure_order():
        count = item.count(person, organisation) if person is not None else 0
        done = item.erase(person, organisation) if count and item.erase is not None else 0
        outcome.append({"kind": item.key, "label": str(item.label), "action": str(item.on_erasure),
                        "count": count, "changed": done, "reason": str(item.reason)})
    erasure_request.outcome = list(reversed(outcome))
    _decide(erasure_request, status=ErasureRequest.Status.COMPLETED, actor=actor, note=note)
    record_event(organisation=organisation, actor=actor, action="erasure.completed", target=erasure_request,
                 reason=note, data={"outcome": [
                     {"kind": entry["kind"], "action": entry["action"], "count": entry["count"]}
                     for entry in erasure_request.outcome]})
    _tell_the_person(erasure_request)
    return erasure_request


@transaction.atomic
def refuse_erasure(*, erasure_request: ErasureRequest, actor: Any, note: str) -> ErasureRequest:
    if not note.strip():
        raise DomainError(_("Write why the request is refused: the person is told the reason."))
    erasure_request = _lock_open(erasure_request)
    _decide(erasure_request, status=ErasureRequest.Status.REFUSED, actor=actor, note=note)
    record_event(organisation=erasure_request.organisation, actor=actor, action="erasure.refused",
                 target=erasure_request, reason=note)
    _tell_the_person(erasure_request)
    return erasure_request


def _decide(erasure_request: ErasureRequest, *, status: str, actor: Any, note: str) -> None:
    erasure_request.status = status
    erasure_request.decided_at = timezone.now()
    erasure_request.decided_by = actor
    erasure_request.note = note.strip()
    erasure_request.save()


def _told(outcome: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The outcome in the active language (the municipality's), for the kinds that held anything."""
    entries = []
    for entry in outcome:
        if not entry["count"]:
            continue
        registered = kind(entry["kind"])
        entries.append({
            "label": str(registered.label) if registered else entry["label"],
            "reason": str(registered.reason) if registered else entry["reason"],
            "action": str(OnErasure(entry["action"]).label), "count": entry["count"],
        })
    return entries


def _tell_the_person(erasure_request: ErasureRequest) -> None:
    organisation = erasure_request.organisation
    with translation.override(getattr(organisation, "default_language", "") or settings.LANGUAGE_CODE):
        context = {"request": erasure_request, "organisation": organisation,
                   "entries": _told(erasure_request.outcome)}
        subject = render_to_string("audit/email/erasure_decision_subject.txt", context).strip()
        body = render_to_string("audit/email/erasure_decision.txt", context)
    sender = getattr(organisation, "contact_email", "") or settings.DEFAULT_FROM_EMAIL
    send_after_commit([(subject, body, sender, [erasure_request.email])])
