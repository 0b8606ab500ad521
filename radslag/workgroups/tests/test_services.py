"""Every state change of a working group, and who may make it."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from radslag.accounts.models import Role
from radslag.accounts.tests.factories import user_with_role
from radslag.audit.models import AuditEvent
from radslag.core.errors import DomainError, PermissionDeniedError
from radslag.dialogues.tests.factories import ProcessFactory
from radslag.messaging.models import Delivery
from radslag.workgroups import services
from radslag.workgroups.files import check_material
from radslag.workgroups.invitations import invitation_token, member_for_token
from radslag.workgroups.models import GroupMember, GroupNote, WorkingGroup
from radslag.workgroups.permissions import may_use_space
from radslag.workgroups.tests.factories import (
    PNG_BYTES,
    add_member,
    invited,
    make_group,
    make_meeting,
    pdf_upload,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def process(org):
    return ProcessFactory(organisation=org, title="Det mänskliga mötet", slug="manskliga-motet")


@pytest.fixture
def group(process):
    return make_group(process)


@pytest.fixture
def official(org):
    return user_with_role(org, Role.OFFICIAL, email="politiker@ale.example.se")


def actions() -> list[str]:
    return list(AuditEvent.objects.order_by("pk").values_list("action", flat=True))


def test_staff_create_a_group_of_their_own_dialogue_and_it_is_audited(org, staff, process):
    group = services.save_group(organisation=org, actor=staff, fields={
        "name": "Expeditionsgruppen", "slug": "expedition", "process": process, "purpose": "", "public": True})
    assert group.process == process and "workgroup.created" in actions()


def test_a_group_of_another_municipalitys_dialogue_is_refused(org, other_org, staff):
    foreign = ProcessFactory(organisation=other_org)
    with pytest.raises(DomainError):
        services.save_group(organisation=org, actor=staff, fields={
            "name": "G", "slug": "g", "process": foreign, "purpose": "", "public": True})
    assert not WorkingGroup.objects.exists()


def test_two_groups_may_not_share_a_short_name(org, staff, process, group):
    with pytest.raises(DomainError, match="korta namnet"):
        services.save_group(organisation=org, actor=staff, fields={
            "name": "Annan", "slug": group.slug, "process": process, "purpose": "", "public": True})


@pytest.mark.parametrize("role", [Role.RESIDENT, Role.OFFICIAL, Role.MODERATOR])
def test_only_staff_manage_groups(org, process, group, role):
    person = user_with_role(org, role)
    with pytest.raises(PermissionDeniedError):
        services.save_group(organisation=org, actor=person, fields={"name": "X", "slug": "x", "process": process})
    with pytest.raises(PermissionDeniedError):
        services.save_member(group=group, actor=person, fields={"name": "A", "email": "a@example.se"})
    with pytest.raises(PermissionDeniedError):
        services.save_meeting(group=group, actor=person, fields={"number": 1, "title": "T",
                                                                 "starts_at": timezone.now()})


def test_the_same_address_cannot_be_added_twice(staff, group):
    services.save_member(group=group, actor=staff, fields={"name": "Anna", "email": "Anna@Example.se"})
    with pytest.raises(DomainError, match="redan medlem"):
        services.save_member(group=group, actor=staff, fields={"name": "Anna B", "email": "anna@example.se"})


def test_an_invitation_is_mailed_with_a_link_that_names_the_member(staff, group):
    member = add_member(group, email="eva@example.se")
    member = invited(member, staff)
    delivery = Delivery.objects.select_related("message", "recipient").get()
    assert delivery.recipient.email == "eva@example.se"
    assert "Expeditionsgruppen" in delivery.message.subject
    assert member.invited_at is not None and member_for_token(invitation_token(member)) == member
    assert "workgroup.member_invited" in actions()


def test_a_new_invitation_makes_the_earlier_link_invalid(staff, group):
    member = invited(add_member(group), staff)
    old = invitation_token(member)
    GroupMember.objects.filter(pk=member.pk).update(invited_at=member.invited_at - dt.timedelta(days=1))
    member.refresh_from_db()
    assert member_for_token(old) is None
    assert member_for_token("not-a-token") is None


def test_accepting_binds_the_account_and_stores_the_consent_with_its_time(staff, resident, group):
    member = invited(add_member(group), staff)
    accepted = services.accept_invitation(member=member, user=resident, show_name=True)
    assert accepted.user == resident and accepted.accepted_at is not None
    assert accepted.name_consent_at == accepted.accepted_at
    assert may_use_space(resident, group)
    assert services.accept_invitation(member=member, user=resident).pk == member.pk  # twice: nothing changes
    assert actions().count("workgroup.member_accepted") == 1


def test_an_accepted_invitation_cannot_be_used_by_someone_else(org, staff, resident, group):
    member = invited(add_member(group), staff)
    services.accept_invitation(member=member, user=resident)
    with pytest.raises(DomainError, match="redan använts"):
        services.accept_invitation(member=member, user=user_with_role(org, Role.RESIDENT))


def test_a_removed_member_cannot_accept_and_loses_the_space(staff, resident, group):
    member = invited(add_member(group), staff)
    services.accept_invitation(member=member, user=resident)
    services.remove_member(member=member, actor=staff)
    assert not may_use_space(resident, group)
    with pytest.raises(DomainError):
        services.accept_invitation(member=GroupMember.objects.get(pk=member.pk), user=resident)
    assert "workgroup.member_removed" in actions()


def test_an_accepted_or_removed_member_is_not_invited_again(staff, resident, group):
    member = add_member(group, user=resident)
    with pytest.raises(DomainError, match="redan medlem"):
        invited(member, staff)


def test_a_member_gives_and_withdraws_consent_to_show_the_name(org, resident, group):
    member = add_member(group, user=resident)
    services.set_name_consent(member=member, actor=resident, consent=True)
    member.refresh_from_db()
    assert member.name_consent_at is not None
    services.set_name_consent(member=member, actor=resident, consent=False)
    member.refresh_from_db()
    assert member.name_consent_at is None
    assert actions()[-2:] == ["workgroup.name_consent_given", "workgroup.name_consent_withdrawn"]
    with pytest.raises(PermissionDeniedError):
        services.set_name_consent(member=member, actor=user_with_role(org, Role.RESIDENT), consent=True)


def test_staff_may_record_a_consent_given_on_paper(staff, group):
    member = add_member(group)
    services.set_name_consent(member=member, actor=staff, consent=True)
    assert GroupMember.objects.get(pk=member.pk).name_consent_at is not None


@pytest.mark.parametrize(("under_18", "birth_year_age", "public"), [
    (False, None, True), (True, None, False), (False, 17, False), (False, 18, False), (False, 19, True)])
def test_a_minors_name_is_never_public_even_with_consent(group, under_18, birth_year_age, public):
    today = timezone.localdate()
    year = today.year - birth_year_age if birth_year_age is not None else None
    member = add_member(group, consent=True, under_18=under_18, birth_year=year, joined=True)
    assert member.name_is_public_on(today) is public


def test_a_name_is_not_public_without_consent_or_before_joining(group):
    assert not add_member(group, joined=True).name_is_public_on(timezone.localdate())
    assert not add_member(group, email="b@example.se", consent=True).name_is_public_on(timezone.localdate())


def test_a_meeting_with_materials(staff, group):
    meeting = services.save_meeting(group=group, actor=staff, materials=[check_material(pdf_upload())], fields={
        "number": 1, "title": "Samtalspromenad", "approach": "Promenad i par", "starts_at": timezone.now()})
    assert [m.name for m in meeting.materials.all()] == ["underlag.pdf"]
    assert "workgroup.meeting_created" in actions()
    with pytest.raises(DomainError, match="nummer 1"):
        services.save_meeting(group=group, actor=staff, fields={"number": 1, "title": "Igen",
                                                                "starts_at": timezone.now()})


def test_a_file_is_judged_by_its_content_and_size(settings):
    with pytest.raises(DomainError, match="kan inte användas"):
        check_material(SimpleUploadedFile("program.pdf", b"MZ\x90\x00 not a pdf"))
    with pytest.raises(DomainError, match="kan inte användas"):
        check_material(SimpleUploadedFile("bild.pdf", PNG_BYTES))
    assert check_material(SimpleUploadedFile("vagg.png", PNG_BYTES)).content_type == "image/png"
    settings.RADSLAG_WORKGROUP_MATERIAL_MAX_BYTES = 10
    with pytest.raises(DomainError, match="är för stor"):
        check_material(pdf_upload())


def test_a_member_adds_a_note_that_the_group_sees(resident, group):
    member = add_member(group, user=resident)
    meeting = make_meeting(group)
    note = services.add_note(group=group, actor=resident, kind=GroupNote.Kind.INSIGHT, text="  Att bli sedd.  ",
                             meeting=meeting)
    assert (note.member, note.text, note.meeting) == (member, "Att bli sedd.", meeting)
    assert "workgroup.note_added" in actions()


def test_someone_outside_the_group_cannot_add_notes(org, official, process, group):
    outsider = user_with_role(org, Role.RESIDENT)
    other_group = make_group(process, name="Annan grupp", slug="annan")
    add_member(other_group, user=outsider)
    for person in (outsider, official):
        with pytest.raises(PermissionDeniedError):
            services.add_note(group=group, actor=person, kind=GroupNote.Kind.IDEA, text="Hej")
    assert not GroupNote.objects.exists()


def test_a_note_must_say_something_and_belong_to_the_groups_meetings(staff, resident, process, group):
    add_member(group, user=resident)
    with pytest.raises(DomainError):
        services.add_note(group=group, actor=resident, kind=GroupNote.Kind.IDEA, text="   ")
    with pytest.raises(DomainError):
        services.add_note(group=group, actor=resident, kind="rumour", text="Hej")
    foreign_meeting = make_meeting(make_group(process, name="B", slug="b"))
    with pytest.raises(DomainError):
        services.add_note(group=group, actor=resident, kind=GroupNote.Kind.IDEA, text="Hej", meeting=foreign_meeting)
    assert services.add_note(group=group, actor=staff, kind=GroupNote.Kind.NOTE, text="Från personalen").member is None


def test_insights_ideas_and_lessons_are_passed_on_to_the_analysis_once_and_without_names(staff, resident, group):
    from radslag.contributions.models import Channel, Contribution

    member = add_member(group, name="Anna Hemlig", user=resident)
    for kind in (GroupNote.Kind.INSIGHT, GroupNote.Kind.IDEA, GroupNote.Kind.NOTE):
        GroupNote.objects.create(group=group, member=member, author=resident, kind=kind, text=f"Om {kind}")
    assert services.pass_on_to_analysis(group=group, actor=staff) == 2
    assert services.pass_on_to_analysis(group=group, actor=staff) == 0
    passed = Contribution.objects.filter(process=group.process)
    assert sorted(passed.values_list("body", flat=True)) == ["Om idea", "Om insight"]
    assert set(passed.values_list("channel", "status")) == {(Channel.WORKING_GROUP, Contribution.Status.PUBLISHED)}
    assert "workgroup.passed_on_to_analysis" in actions()
    with pytest.raises(PermissionDeniedError):
        services.pass_on_to_analysis(group=group, actor=resident)
