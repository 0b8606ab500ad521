"""A member's seat and notes in the personal-data registry: exported, and pseudonymised on erasure."""

import pytest

from radslag.audit.personal_data import kind
from radslag.dialogues.tests.factories import ProcessFactory
from radslag.workgroups.models import GroupMember, GroupNote
from radslag.workgroups.tests.factories import add_member, make_group

pytestmark = pytest.mark.django_db


def test_seats_and_notes_are_exported_and_lose_the_link_on_erasure(org, resident):
    group = make_group(ProcessFactory(organisation=org))
    member = add_member(group, name="Anna", email="anna@example.se", user=resident, consent=True)
    GroupNote.objects.create(group=group, member=member, author=resident, kind="insight", text="Lyssna mer.")
    seats, notes = kind("workgroups.members"), kind("workgroups.notes")
    assert seats.export(resident, org)[0]["email"] == "anna@example.se"
    assert notes.export(resident, org)[0]["text"] == "Lyssna mer."
    assert seats.erase(resident, org) == 1 and notes.erase(resident, org) == 1
    member = GroupMember.objects.get()
    assert (member.user, member.email, member.name_consent_at) == (None, "", None)
    assert GroupNote.objects.get().text == "Lyssna mer." and GroupNote.objects.get().author is None
