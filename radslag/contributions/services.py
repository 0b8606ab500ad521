"""Writes on contributions: receiving them from every channel, undoing a typo, moderating."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from radslag.audit.services import record_event
from radslag.contributions.models import BODY_MAX_LENGTH, Channel, Contribution
from radslag.contributions.permissions import accepts_contributions, entry_table_ids, is_premoderated
from radslag.core.access import has_capability
from radslag.core.errors import DomainError, PermissionDeniedError
from radslag.core.mail import send_after_commit
from radslag.core.permissions import Capability
from radslag.dialogues.models import Activity, DialogueProcess, Table
from radslag.governance.models import FocusArea
from radslag.messaging.consent import ask_to_be_told
from radslag.messaging.models import Source
from radslag.organisations.models import Locality

# Someone who typed in a paper slip may take it back this long afterwards (a typo, a double entry).
UNDO_WINDOW = dt.timedelta(minutes=10)
ENTRY_CHANNELS = (Channel.SLIP, Channel.TABLE_NOTE, Channel.INTERVIEW, Channel.LETTER)


@dataclass(frozen=True)
class Profile:
    """The optional, minimal facts about who wrote a contribution."""

    age_band: str = ""
    sex: str = ""
    locality: Locality | None = None
    relation: str = ""


def clean_body(body: str) -> str:
    text = body.strip()
    if not text:
        raise DomainError(_("Write your contribution before you send it."))
    if len(text) > BODY_MAX_LENGTH:
        raise DomainError(
            _("The text can be at most %(limit)d characters long.") % {"limit": BODY_MAX_LENGTH}
        )
    return text


def _initial_status(process: DialogueProcess) -> str:
    return Contribution.Status.PENDING if is_premoderated(process) else Contribution.Status.PUBLISHED


def _create(*, process: DialogueProcess, body: str, channel: str, profile: Profile, **extra: Any) -> Contribution:
    if profile.locality is not None and profile.locality.organisation_id != process.organisation_id:
        raise DomainError(_("Choose one of the municipality's localities."))
    status = _initial_status(process)
    return Contribution.objects.create(
        organisation=process.organisation,
        process=process,
        channel=channel,
        body=clean_body(body),
        status=status,
        published_body="",
        age_band=profile.age_band,
        sex=profile.sex,
        locality=profile.locality,
        relation=profile.relation,
        moderated_at=None if status == Contribution.Status.PENDING else timezone.now(),
        **extra,
    )


@transaction.atomic
def submit_contribution(
    *,
    process: DialogueProcess,
    author: Any,
    body: str,
    focus_areas: Iterable[FocusArea] = (),
    profile: Profile | None = None,
    tell_me: str = "",
    language: str = "sv",
) -> Contribution:
    """A resident's input through the web form. Anonymous only where the process allows it.

    `tell_me` is the address the person left to hear what happens: it goes to messaging, never into the
    contribution."""
    if not accepts_contributions(process):
        raise DomainError(_("This dialogue does not take contributions online right now."))
    signed_in = bool(getattr(author, "is_authenticated", False))
    if not signed_in and not process.allows_anonymous:
        raise PermissionDeniedError(_("Sign in to send a contribution to this dialogue."))
    contribution = _create(
        process=process, body=body, channel=Channel.WEB, profile=profile or Profile(),
        author=author if signed_in else None,
    )
    allowed = {area.pk for area in process.focus_areas.all()}
    contribution.focus_areas.set([area for area in focus_areas if area.pk in allowed])
    record_event(
        organisation=process.organisation, actor=author, action="contribution.submitted", target=contribution,
        data={"process": process.pk, "channel": Channel.WEB, "status": contribution.status},
    )
    if tell_me:
        ask_to_be_told(
            organisation=process.organisation, email=tell_me, source=Source.CONTRIBUTION, source_id=contribution.pk,
            process_id=process.pk, language=language, user=author if signed_in else None,
        )
    return contribution


def _check_entry_place(process: DialogueProcess, user: Any, activity: Activity | None, table: Table | None) -> None:
    allowed = entry_table_ids(user, process)
    if allowed is not None and not allowed:
        raise PermissionDeniedError(_("You may not enter contributions for this dialogue."))
    if activity is not None and activity.process_id != process.pk:
        raise DomainError(_("The activity does not belong to this dialogue."))
    if table is not None and (activity is None or table.activity_id != activity.pk):
        raise DomainError(_("The table does not belong to the chosen activity."))
    if allowed is not None and (table is None or table.pk not in allowed):
        raise PermissionDeniedError(_("Choose the table you host: a host types in notes for their own table only."))


@transaction.atomic
def enter_contribution(
    *,
    process: DialogueProcess,
    entered_by: Any,
    channel: str,
    body: str,
    activity: Activity | None = None,
    table: Table | None = None,
    profile: Profile | None = None,
    tell_me: str = "",
) -> Contribution:
    """Paper slips, table notes, interview stories and letters typed in by staff or a table host.

    `tell_me` is an address written on the slip: it goes to messaging (to be confirmed by its owner),
    never into the contribution, and is not the staff member's."""
    _check_entry_place(process, entered_by, activity, table)
    if channel not in ENTRY_CHANNELS:
        raise DomainError(_("Choose where the contribution came from."))
    contribution = _create(
        process=process, body=body, channel=channel, profile=profile or Profile(),
        activity=activity, table=table, entered_by=entered_by,
    )
    record_event(
        organisation=process.organisation, actor=entered_by, action="contribution.entered", target=contribution,
        data={
            "process": process.pk, "channel": channel, "status": contribution.status,
            "activity": activity.pk if activity else None, "table": table.pk if table else None,
        },
    )
    if tell_me:
        ask_to_be_told(
            organisation=process.organisation, email=tell_me, source=Source.BULK_ENTRY, source_id=contribution.pk,
            process_id=process.pk,
        )
    return contribution


@transaction.atomic
def receive_council_answer(
    *, process: DialogueProcess, body: str, published_by: Any, given_at: dt.datetime, external_id: str,
) -> Contribution:
    """A council's answer to a consultation, as input of the process on the council channel (råd).

    Staff publish the answer in the councils app, which is its moderation: it arrives published. The
    `external_id` names the answer, so that the same answer never becomes two contributions.
    """
    return _receive_published(process=process, channel=Channel.COUNCIL, body=body, published_by=published_by,
                              given_at=given_at, external_id=external_id)


@transaction.atomic
def receive_working_group_entry(
    *, process: DialogueProcess, body: str, published_by: Any, given_at: dt.datetime, external_id: str,
) -> Contribution:
    """A working group's insight, idea or lesson, as input of the process on the working-group channel.

    Staff pass it on from the workgroups app, which is its moderation: it arrives published, without
    who wrote it. The `external_id` names the note, so that it never becomes two contributions.
    """
    return _receive_published(process=process, channel=Channel.WORKING_GROUP, body=body, published_by=published_by,
                              given_at=given_at, external_id=external_id)


def _receive_published(*, process: DialogueProcess, channel: str, body: str, published_by: Any,
                       given_at: dt.datetime, external_id: str) -> Contribution:
    existing = Contribution.objects.filter(process=process, external_id=external_id).first()
    if existing is not None:
        return existing
    contribution = Contribution.objects.create(
        organisation=process.organisation, process=process, channel=channel, body=clean_body(body),
        status=Contribution.Status.PUBLISHED, moderated_at=timezone.now(), moderated_by=published_by,
        entered_by=published_by, given_at=given_at, external_id=external_id,
    )
    record_event(
        organisation=process.organisation, actor=published_by, action="contribution.entered", target=contribution,
        data={"process": process.pk, "channel": channel, "status": contribution.status},
    )
    return contribution


# surveys
@transaction.atomic
def receive_survey_answer(
    *, process: DialogueProcess, body: str, external_id: str, given_at: dt.datetime, age_band: str = "",
    sex: str = "", locality: Locality | None = None,
) -> Contribution:
    """A free-text answer to a survey attached to the process, as input on the survey channel (enkät).

    It is moderated like any resident's input of the process. `external_id` names the answer, so that the
    same answer never becomes two contributions.
    """
    existing = Contribution.objects.filter(process=process, external_id=external_id).first()
    if existing is not None:
        return existing
    contribution = _create(process=process, body=body[:BODY_MAX_LENGTH], channel=Channel.SURVEY,
                           profile=Profile(age_band=age_band, sex=sex, locality=locality),
                           given_at=given_at, external_id=external_id)
    record_event(
        organisation=process.organisation, actor=None, action="contribution.received", target=contribution,
        data={"process": process.pk, "channel": Channel.SURVEY, "status": contribution.status},
    )
    return contribution


def can_undo(contribution: Contribution, user: Any, *, now: dt.datetime | None = None) -> bool:
    moment = now or timezone.now()
    return contribution.entered_by_id == getattr(user, "pk", None) and moment - contribution.created_at <= UNDO_WINDOW


@transaction.atomic
def undo_entry(*, contribution: Contribution, user: Any) -> None:
    """Take back one's own typed-in entry within ten minutes. The audit log keeps what it said."""
    if contribution.entered_by_id != getattr(user, "pk", None):
        raise PermissionDeniedError(_("Only the person who typed in an entry can undo it."))
    if not can_undo(contribution, user):
        raise DomainError(_("An entry can only be undone within 10 minutes. Ask a moderator to hide it instead."))
    record_event(
        organisation=contribution.organisation, actor=user, action="contribution.entry_undone", target=contribution,
        reason=_("Undone by the person who typed it in"),
        data={"process": contribution.process_id, "body": contribution.body, "channel": contribution.channel},
    )
    contribution.delete()


def _check_moderator(contribution: Contribution, moderator: Any) -> None:
    if not has_capability(moderator, contribution.organisation, Capability.CONTRIBUTIONS_MODERATE):
        raise PermissionDeniedError(_("You may not moderate contributions."))


def _mark(contribution: Contribution, moderator: Any, *, status: str, rule: str, note: str) -> None:
    contribution.status = status
    contribution.hidden_rule = rule
    contribution.moderation_note = note.strip()
    contribution.moderated_by = moderator
    contribution.moderated_at = timezone.now()


def _log(
    contribution: Contribution, moderator: Any, action: str, *, rule: str = "", note: str = "", **data: Any
) -> None:
    record_event(
        organisation=contribution.organisation, actor=moderator, action=action, target=contribution,
        reason=rule or note.strip(), data={"rule": rule, "note": note.strip(), **data},
    )


@transaction.atomic
def publish_contribution(*, contribution: Contribution, moderator: Any, note: str = "") -> Contribution:
    _check_moderator(contribution, moderator)
    previous = contribution.status
    _mark(contribution, moderator, status=Contribution.Status.PUBLISHED, rule="", note=note)
    contribution.save()
    _log(contribution, moderator, "contribution.published", note=note, previous_status=previous)
    return contribution


def _tell_author_hidden(contribution: Contribution, *, site_url: str) -> None:
    """Mail the author which rule hid their contribution, after the commit, where they left an address."""
    author = contribution.author
    address = getattr(author, "email", "") if author is not None else ""
    if not address:
        return
    organisation = contribution.organisation
    with translation.override(organisation.default_language or settings.LANGUAGE_CODE):
        context = {
            "contribution": contribution, "process": contribution.process, "organisation": organisation,
            "my_data_url": site_url + reverse("accounts:my_data") if site_url else "",
        }
        subject = render_to_string("contributions/email/hidden_subject.txt", context).strip()
        body = render_to_string("contributions/email/hidden.txt", context)
    send_after_commit([(subject, body, organisation.contact_email or settings.DEFAULT_FROM_EMAIL, [address])])


@transaction.atomic
def hide_contribution(
    *, contribution: Contribution, moderator: Any, rule: str, note: str = "", site_url: str = ""
) -> Contribution:
    """Hide from the public pages citing one of the process's rules. The record itself stays; the author,
    where they left an address, is told by mail which rule (they also see it under My data)."""
    _check_moderator(contribution, moderator)
    if rule not in contribution.process.rule_list():
        raise DomainError(_("Choose which of the dialogue's rules the contribution breaks."))
    previous = contribution.status
    _mark(contribution, moderator, status=Contribution.Status.HIDDEN, rule=rule, note=note)
    contribution.save()
    _log(contribution, moderator, "contribution.hidden", rule=rule, note=note, previous_status=previous)
    if previous != Contribution.Status.HIDDEN:
        _tell_author_hidden(contribution, site_url=site_url)
    return contribution


@transaction.atomic
def publish_edited(
    *, contribution: Contribution, moderator: Any, published_body: str, note: str = ""
) -> Contribution:
    """Publish a moderated version of the text (e.g. a private person's name removed); `body` stays as it came."""
    _check_moderator(contribution, moderator)
    text = clean_body(published_body)
    previous_text = contribution.public_text
    contribution.published_body = "" if text == contribution.body else text
    _mark(contribution, moderator, status=Contribution.Status.PUBLISHED, rule="", note=note)
    contribution.save()
    _log(
        contribution, moderator, "contribution.edited", note=note,
        previous_text=previous_text, published_text=contribution.public_text,
    )
    return contribution


@transaction.atomic
def publish_selected(*, process: DialogueProcess, moderator: Any, contribution_ids: Iterable[int]) -> int:
    """Publish every selected contribution that still awaits moderation, all or nothing."""
    if not has_capability(moderator, process.organisation, Capability.CONTRIBUTIONS_MODERATE):
        raise PermissionDeniedError(_("You may not moderate contributions."))
    pending = Contribution.objects.select_for_update().filter(
        process=process, pk__in=list(contribution_ids), status=Contribution.Status.PENDING
    )
    count = 0
    for contribution in pending:
        _mark(contribution, moderator, status=Contribution.Status.PUBLISHED, rule="", note="")
        contribution.save()
        _log(contribution, moderator, "contribution.published", previous_status=Contribution.Status.PENDING, bulk=True)
        count += 1
    return count
