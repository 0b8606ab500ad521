"""Writing a decision basis: start it, edit a draft, comment on parts, freeze it for a committee, new version.

Every write checks the capability, refuses to touch a frozen version (`FrozenVersionError`, with a message
that says to make a new version), runs in one transaction and writes the audit log.
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
from radslag.decisionbasis.document import TEXT_FIELDS, live_document, to_snapshot
from radslag.decisionbasis.models import BasisVersion, DecisionBasis, PartComment
from radslag.decisionbasis.parts import part as registered_part
from radslag.dialogues.models import DialogueProcess
from radslag.organisations.models import Body

HEADER_FIELDS = ("title", "registration_number", "document_date", "case_officer", "committee", "meeting_date")
DECIDING_KINDS = (Body.Kind.COUNCIL, Body.Kind.EXECUTIVE_BOARD, Body.Kind.COMMITTEE)


class FrozenVersionError(DomainError):
    """The version was sent to a committee and never changes."""


def _check(actor: Any, organisation: Any) -> None:
    if not has_capability(actor, organisation, Capability.DECISION_BASIS_MANAGE):
        raise PermissionDeniedError(_("Only staff may change a decision basis."))


def _lock_draft(version: BasisVersion) -> BasisVersion:
    """The version's row, locked; refused if it is frozen (also when someone froze it a moment ago)."""
    rows = BasisVersion.objects.select_for_update(of=("self",)).select_related("basis", "committee")
    locked = rows.get(pk=version.pk)
    if locked.is_frozen:
        raise FrozenVersionError(
            _("Version %(number)s was sent to %(committee)s and can no longer be changed. "
              "Make a new version to change it.") % {"number": locked.number, "committee": locked.committee})
    return locked


@transaction.atomic
def start_basis(*, process: DialogueProcess, actor: Any, today: dt.date | None = None) -> BasisVersion:
    """A new decision basis for the process, version 1 as a draft with the header filled in from the process."""
    _check(actor, process.organisation)
    basis = DecisionBasis.objects.create(organisation=process.organisation, process=process)
    version = BasisVersion.objects.create(
        basis=basis, number=1, title=process.title, document_date=today or timezone.localdate(),
        case_officer=str(actor), committee=process.deciding_body, created_by=actor,
        background=process.purpose,
    )
    record_event(organisation=process.organisation, actor=actor, action="decision_basis.started", target=basis,
                 data={"process": process.pk, "version": version.pk})
    return version


@transaction.atomic
def save_version(*, version: BasisVersion, actor: Any, values: dict[str, Any]) -> BasisVersion:
    """Saves the header and staff's texts of a draft (the keys of `values` that are such fields)."""
    _check(actor, version.basis.organisation)
    locked = _lock_draft(version)
    committee = values.get("committee")
    if committee is not None and committee.organisation_id != locked.basis.organisation_id:
        raise DomainError(_("Choose a body of your own municipality."))
    changed = [name for name in (*HEADER_FIELDS, *TEXT_FIELDS) if name in values]
    for name in changed:
        value = values[name]
        setattr(locked, name, value.strip() if isinstance(value, str) else value)
    locked.save(update_fields=[*changed, "updated_at"])
    record_event(organisation=locked.basis.organisation, actor=actor, action="decision_basis.saved", target=locked,
                 data={"fields": changed})
    return locked


@transaction.atomic
def save_comment(*, version: BasisVersion, actor: Any, part: str, text: str) -> BasisVersion:
    """Staff's comment on one part of a draft; an empty text removes it."""
    _check(actor, version.basis.organisation)
    if registered_part(part) is None:
        raise DomainError(_("There is no such part in a decision basis."))
    locked = _lock_draft(version)
    text = text.strip()
    if text:
        PartComment.objects.update_or_create(version=locked, part=part, defaults={"text": text})
    else:
        PartComment.objects.filter(version=locked, part=part).delete()
    record_event(organisation=locked.basis.organisation, actor=actor, action="decision_basis.comment_saved",
                 target=locked, data={"part": part, "removed": not text})
    return locked


def _missing_for_freezing(version: BasisVersion, today: dt.date) -> list[str]:
    missing = []
    if version.committee is None:
        missing.append(_("Choose the committee that decides."))
    if version.meeting_date is None:
        missing.append(_("Give the date of the committee's meeting."))
    elif version.meeting_date < today:
        missing.append(_("The meeting date has passed: give the date of the meeting the basis goes to."))
    if not version.proposed_decision.strip():
        missing.append(_("Write the proposed decision."))
    if not version.child_impact.strip():
        missing.append(_("Write the child impact assessment (it may say that the decision does not affect "
                         "children, and why)."))
    return missing


@transaction.atomic
def freeze_version(*, version: BasisVersion, actor: Any, now: dt.datetime | None = None) -> BasisVersion:
    """Sends the draft to its committee: its content is assembled once more and stored; it never changes again."""
    _check(actor, version.basis.organisation)
    locked = _lock_draft(version)
    now = now or timezone.now()
    missing = _missing_for_freezing(locked, timezone.localdate(now))
    if missing:
        raise DomainError(_("The decision basis cannot be sent yet."), details=missing)
    locked.status = BasisVersion.Status.FROZEN
    locked.frozen_at, locked.frozen_by = now, actor
    document = live_document(locked)
    locked.snapshot = to_snapshot(document)
    locked.save(update_fields=["status", "frozen_at", "frozen_by", "snapshot", "updated_at"])
    record_event(organisation=locked.basis.organisation, actor=actor, action="decision_basis.frozen", target=locked,
                 data={"committee": locked.committee_id, "meeting_date": locked.meeting_date,
                       "parts": [p.key for p in document.parts]})
    return locked


@transaction.atomic
def new_version(*, version: BasisVersion, actor: Any, today: dt.date | None = None) -> BasisVersion:
    """A new draft made from a frozen version: the same header, texts and comments, dated today."""
    _check(actor, version.basis.organisation)
    basis = DecisionBasis.objects.select_for_update().get(pk=version.basis_id)
    draft = basis.versions.filter(status=BasisVersion.Status.DRAFT).first()
    if draft is not None:
        raise DomainError(_("Version %(number)s is a draft already: change that one.") % {"number": draft.number})
    number = (basis.versions.aggregate(latest=Max("number"))["latest"] or 0) + 1
    copied = {name: getattr(version, name) for name in (*HEADER_FIELDS, *TEXT_FIELDS)}
    created = BasisVersion.objects.create(
        basis=basis, number=number, created_by=actor, **{**copied, "document_date": today or timezone.localdate(),
                                                           "meeting_date": None})
    PartComment.objects.bulk_create(
        PartComment(version=created, part=comment.part, text=comment.text) for comment in version.comments.all())
    record_event(organisation=basis.organisation, actor=actor, action="decision_basis.new_version", target=created,
                 data={"from_version": version.number, "number": number})
    return created
