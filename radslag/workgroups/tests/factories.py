"""Rows for working-group tests: a group of a dialogue with meetings, members and notes."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from radslag.core.uploads import PDF
from radslag.workgroups.models import GroupMeeting, GroupMember, GroupNote, Material, WorkingGroup
from radslag.workgroups.services import invite_member

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def pdf_upload(name: str = "underlag.pdf", data: bytes = PDF_BYTES) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/pdf")


def make_group(process: Any, *, name: str = "Expeditionsgruppen", slug: str = "expeditionsgruppen",
               public: bool = True) -> WorkingGroup:
    return WorkingGroup.objects.create(organisation=process.organisation, process=process, name=name, slug=slug,
                                       public=public, purpose="Att utforska det mänskliga mötet i Ale.")


def make_meeting(group: WorkingGroup, number: int = 1, **fields: Any) -> GroupMeeting:
    defaults = {"title": f"Träff {number}", "approach": "Samtal i par",
                "starts_at": timezone.now() + dt.timedelta(days=7 * number), "place": "Ale gymnasium"}
    return GroupMeeting.objects.create(group=group, number=number, **{**defaults, **fields})


def add_member(group: WorkingGroup, *, name: str = "Anna Berg", email: str = "anna@example.se", user: Any = None,
               kind: str = GroupMember.Kind.RESIDENT, consent: bool = False, joined: bool | None = None,
               **fields: Any) -> GroupMember:
    """A member; with `user` (or `joined`), one who has accepted the invitation."""
    now = timezone.now()
    joined = user is not None if joined is None else joined
    return GroupMember.objects.create(
        group=group, name=name, email=email, kind=kind, user=user, invited_at=now if joined else None,
        accepted_at=now if joined else None, name_consent_at=now if consent else None, **fields)


def add_material(meeting: GroupMeeting, name: str = "underlag.pdf") -> Material:
    material = Material(meeting=meeting, name=name, content_type=PDF, size=len(PDF_BYTES))
    material.file.save(name, ContentFile(PDF_BYTES), save=False)
    material.save()
    return material


def invited(member: GroupMember, staff: Any) -> GroupMember:
    return invite_member(member=member, actor=staff, accept_url=lambda token: f"https://ale.example.se/{token}/")


def workgroup_world(org: Any, process: Any, member_user: Any) -> dict[str, Any]:
    """What the URL × role matrix needs: a public group in which `member_user` is a member, a material,
    and an invitation not yet accepted."""
    from radslag.workgroups.invitations import invitation_token

    group = make_group(process)
    meeting = make_meeting(group)
    material = add_material(meeting)
    member = add_member(group, name="Maja Medlem", email="maja@example.se", user=member_user, consent=True)
    pending = add_member(group, name="Olle Inbjuden", email="olle@example.se")
    GroupMember.objects.filter(pk=pending.pk).update(invited_at=timezone.now().replace(microsecond=0))
    pending.refresh_from_db()
    GroupNote.objects.create(group=group, member=member, author=member_user, kind=GroupNote.Kind.INSIGHT,
                             text="Att bli lyssnad på är att bli sedd.")
    return {"workgroup": group.pk, "workgroup_slug": group.slug, "workgroup_member": pending.pk,
            "workgroup_meeting": meeting.pk, "workgroup_material": material.pk,
            "workgroup_invitation": invitation_token(pending)}
