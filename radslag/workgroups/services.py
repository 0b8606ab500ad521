"""Writes on working groups: each one transaction, audited, with mail sent after commit."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from radslag.audit.services import record_event
from radslag.contributions.services import receive_working_group_entry
from radslag.core.errors import DomainError, PermissionDeniedError
from radslag.core.uploads import CheckedFile
from radslag.dialogues.models import DialogueProcess
from radslag.messaging.consent import recipient_for
from radslag.messaging.outbox import send_direct
from radslag.organisations.models import Organisation
from radslag.workgroups.invitations import invitation_token
from radslag.workgroups.models import (
    NOTE_MAX_LENGTH,
    GroupMeeting,
    GroupMember,
    GroupNote,
    Material,
    WorkingGroup,
)
from radslag.workgroups.permissions import is_staff, seat_of


def _require_staff(user: Any, organisation: Organisation) -> None:
    if not is_staff(user, organisation):
        raise PermissionDeniedError(_("You may not manage working groups."))


def _assign(instance: Any, fields: dict[str, Any]) -> None:
    for name, value in fields.items():
        setattr(instance, name, value)


@transaction.atomic
def save_group(*, organisation: Organisation, actor: Any, fields: dict[str, Any],
               group: WorkingGroup | None = None) -> WorkingGroup:
    _require_staff(actor, organisation)
    group = group or WorkingGroup(organisation=organisation)
    _assign(group, fields)
    process: DialogueProcess | None = fields.get("process") or getattr(group, "process", None)
    if process is None or process.organisation_id != organisation.pk:
        raise DomainError(_("Choose one of the municipality's own dialogues."))
    if WorkingGroup.objects.filter(organisation=organisation, slug=group.slug).exclude(pk=group.pk).exists():
        raise DomainError(_("Another working group already uses this short name."))
    created = group.pk is None
    group.save()
    record_event(organisation=organisation, actor=actor, action="workgroup.created" if created else "workgroup.saved",
                 target=group, data={"process": group.process_id, "public": group.public})
    return group


@transaction.atomic
def save_member(*, group: WorkingGroup, actor: Any, fields: dict[str, Any], member: GroupMember | None = None,
                name_consent: bool | None = None) -> GroupMember:
    """Add a member (before inviting them) or change one. The address is how the member is invited.
    `name_consent` records a consent to show the name that the member gave staff (on paper, say)."""
    _require_staff(actor, group.organisation)
    member = member or GroupMember(group=group)
    _assign(member, fields)
    member.email = member.email.strip().lower()
    if group.members.current().filter(email=member.email).exclude(pk=member.pk).exists():
        raise DomainError(_("%(email)s is already a member of the group.") % {"email": member.email})
    created = member.pk is None
    member.save()
    record_event(organisation=group.organisation, actor=actor,
                 action="workgroup.member_added" if created else "workgroup.member_saved", target=member,
                 data={"group": group.pk, "kind": member.kind, "minor": member.is_minor_on(timezone.localdate())})
    if name_consent is not None:
        member = set_name_consent(member=member, actor=actor, consent=name_consent)
    return member


@transaction.atomic
def invite_member(*, member: GroupMember, actor: Any, accept_url: Callable[[str], str]) -> GroupMember:
    """Mail the member a link to accept (with an account made on the way, or by signing in).

    `accept_url(token)` is the link's full address (the view knows the site's). Sending again makes the
    earlier link invalid, so that only the newest mail works.
    """
    group = member.group
    _require_staff(actor, group.organisation)
    member = GroupMember.objects.select_for_update().get(pk=member.pk)
    if member.removed_at is not None:
        raise DomainError(_("%(name)s has left the group.") % {"name": member.name})
    if member.accepted_at is not None:
        raise DomainError(_("%(name)s is already a member.") % {"name": member.name})
    member.invited_at = timezone.now().replace(microsecond=0)
    member.save(update_fields=["invited_at"])
    body = _(
        "Hello %(name)s,\n\nYou are invited to the working group “%(group)s” of the dialogue “%(process)s”. "
        "The group meets a few times; between meetings you read the materials and share your notes and "
        "insights with the others in the group's space.\n\nAccept the invitation here (you sign in, or create "
        "an account, on the way): %(url)s\n\nThe link works for 60 days. If you do not want to take part, "
        "you need not do anything."
    ) % {"name": member.name, "group": group.name, "process": group.process.title,
         "url": accept_url(invitation_token(member))}
    recipient = recipient_for(organisation=group.organisation, email=member.email, user=member.user)
    key = f"workgroup-member:{member.pk}:invited:{int(member.invited_at.timestamp())}"
    send_direct(organisation=group.organisation, key=key,
                recipients=[recipient], subject=_("Invitation to the working group %(group)s") % {"group": group.name},
                body=body, created_by=actor)
    record_event(organisation=group.organisation, actor=actor, action="workgroup.member_invited", target=member,
                 data={"group": group.pk})
    return member


@transaction.atomic
def accept_invitation(*, member: GroupMember, user: Any, show_name: bool = False) -> GroupMember:
    """The invited person joins with their account. Accepting twice with the same account changes nothing."""
    if not getattr(user, "is_authenticated", False):
        raise PermissionDeniedError(_("Sign in to accept the invitation."))
    member = GroupMember.objects.select_for_update().select_related("group__organisation").get(pk=member.pk)
    if member.removed_at is not None:
        raise DomainError(_("This invitation is no longer valid."))
    if member.accepted_at is not None:
        if member.user_id == user.pk:
            return member
        raise DomainError(_("This invitation has already been accepted."))
    if member.group.members.filter(user=user).exclude(pk=member.pk).exists():
        raise DomainError(_("You are already a member of this group."))
    now = timezone.now()
    member.user, member.accepted_at = user, now
    if show_name:
        member.name_consent_at = now
    try:
        with transaction.atomic():
            member.save(update_fields=["user", "accepted_at", "name_consent_at"])
    except IntegrityError as error:  # the same account accepted another seat in the group a moment ago
        raise DomainError(_("You are already a member of this group.")) from error
    record_event(organisation=member.group.organisation, actor=user, action="workgroup.member_accepted",
                 target=member, data={"group": member.group_id, "name_public": show_name})
    return member


@transaction.atomic
def set_name_consent(*, member: GroupMember, actor: Any, consent: bool) -> GroupMember:
    """The member agrees (or no longer agrees) to have their name on the group's public page.

    The member decides for themselves; staff may record a consent given on paper. The time is kept.
    A minor's name stays hidden whatever is recorded here.
    """
    own = member.user_id is not None and member.user_id == getattr(actor, "pk", None)
    if not own:
        _require_staff(actor, member.group.organisation)
    member = GroupMember.objects.select_for_update().get(pk=member.pk)
    if consent == (member.name_consent_at is not None):
        return member
    member.name_consent_at = timezone.now() if consent else None
    member.save(update_fields=["name_consent_at"])
    record_event(organisation=member.group.organisation, actor=actor,
                 action="workgroup.name_consent_given" if consent else "workgroup.name_consent_withdrawn",
                 target=member, data={"group": member.group_id, "by_member": own})
    return member


@transaction.atomic
def remove_member(*, member: GroupMember, actor: Any) -> GroupMember:
    """The member leaves the group: no more access, name off the public page; what they wrote stays."""
    _require_staff(actor, member.group.organisation)
    member = GroupMember.objects.select_for_update().get(pk=member.pk)
    if member.removed_at is not None:
        raise DomainError(_("%(name)s has already left the group.") % {"name": member.name})
    member.removed_at = timezone.now()
    member.save(update_fields=["removed_at"])
    record_event(organisation=member.group.organisation, actor=actor, action="workgroup.member_removed",
                 target=member, data={"group": member.group_id})
    return member


@transaction.atomic
def save_meeting(*, group: WorkingGroup, actor: Any, fields: dict[str, Any], materials: Iterable[CheckedFile] = (),
                 meeting: GroupMeeting | None = None) -> GroupMeeting:
    _require_staff(actor, group.organisation)
    meeting = meeting or GroupMeeting(group=group)
    _assign(meeting, fields)
    if group.meetings.filter(number=meeting.number).exclude(pk=meeting.pk).exists():
        raise DomainError(_("The group already has a meeting number %(number)d.") % {"number": meeting.number})
    created = meeting.pk is None
    meeting.save()
    names = []
    for checked in materials:
        material = Material(meeting=meeting, name=checked.name, content_type=checked.content_type,
                            size=checked.size, uploaded_by=actor)
        material.file.save(checked.name, checked.upload, save=False)
        material.save()
        names.append(checked.name)
    record_event(organisation=group.organisation, actor=actor,
                 action="workgroup.meeting_created" if created else "workgroup.meeting_saved", target=meeting,
                 data={"group": group.pk, "number": meeting.number, "materials_added": names})
    return meeting


@transaction.atomic
def add_note(*, group: WorkingGroup, actor: Any, kind: str, text: str,
             meeting: GroupMeeting | None = None) -> GroupNote:
    """A member's note, insight, idea or lesson, seen by the whole group. Staff running the group may write too."""
    seat = seat_of(actor, group)
    if seat is None:
        _require_staff(actor, group.organisation)
    if kind not in GroupNote.Kind.values:
        raise DomainError(_("Choose what kind of note this is."))
    text = text.strip()
    if not text:
        raise DomainError(_("Write something before you save."))
    if len(text) > NOTE_MAX_LENGTH:
        raise DomainError(_("The text may be at most %(limit)d characters.") % {"limit": NOTE_MAX_LENGTH})
    if meeting is not None and meeting.group_id != group.pk:
        raise DomainError(_("Choose one of the group's own meetings."))
    note = GroupNote.objects.create(group=group, meeting=meeting, member=seat, author=actor, kind=kind, text=text)
    record_event(organisation=group.organisation, actor=actor, action="workgroup.note_added", target=note,
                 data={"group": group.pk, "kind": kind, "by_member": seat is not None})
    return note


@transaction.atomic
def pass_on_to_analysis(*, group: WorkingGroup, actor: Any) -> int:
    """Make the group's insights, ideas and lessons input of its dialogue (channel "working group"), so that
    they enter the theme analysis beside everything else. Without names; each entry once. Answers how many
    entries were passed on now."""
    _require_staff(actor, group.organisation)
    entries = list(GroupNote.objects.select_for_update().filter(group=group, contribution__isnull=True)
                   .for_report().order_by("created_at", "pk"))
    for note in entries:
        note.contribution = receive_working_group_entry(
            process=group.process, body=note.text, published_by=actor, given_at=note.created_at,
            external_id=f"workgroup-note-{note.pk}")
        note.save(update_fields=["contribution"])
    if entries:
        record_event(organisation=group.organisation, actor=actor, action="workgroup.passed_on_to_analysis",
                     target=group, data={"notes": [note.pk for note in entries]})
    return len(entries)
