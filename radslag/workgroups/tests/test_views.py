"""The pages: what the public, a member, someone outside the group, an official and staff each see and may do."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from radslag.accounts.models import Role
from radslag.accounts.tests.factories import user_with_role
from radslag.dialogues.models import DialogueProcess
from radslag.dialogues.tests.factories import ProcessFactory
from radslag.messaging.models import Delivery
from radslag.workgroups.invitations import invitation_token
from radslag.workgroups.models import GroupMeeting, GroupMember, GroupNote, WorkingGroup
from radslag.workgroups.tests.factories import PDF_BYTES, add_material, add_member, invited, make_group, make_meeting

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


def url(name: str, group: WorkingGroup, **kwargs) -> str:
    return reverse(f"workgroups:{name}", kwargs={"slug": group.slug, **kwargs})


def test_the_public_page_names_only_adults_who_agreed(client_for, org, group):
    make_meeting(group, 1, title="Samtalspromenad", approach="Promenad i par")
    add_member(group, name="Stina Synlig", consent=True, joined=True)
    add_member(group, name="Hemlig Person", joined=True)
    add_member(group, name="Unga Ulla", consent=True, under_18=True, joined=True)
    add_member(group, name="Född Sent", consent=True, birth_year=timezone.localdate().year - 15, joined=True)
    add_member(group, name="Inte Med", consent=True)  # agreed, but never joined the group
    page = client_for(org).get(url("group", group)).content.decode()
    assert "Stina Synlig" in page and "Samtalspromenad" in page and "Promenad i par" in page
    for hidden in ("Hemlig Person", "Unga Ulla", "Född Sent", "Inte Med"):
        assert hidden not in page


def test_a_group_that_is_not_public_or_of_a_draft_is_not_found(client_for, org, staff, process, group):
    WorkingGroup.objects.filter(pk=group.pk).update(public=False)
    assert client_for(org).get(url("group", group)).status_code == 404
    assert client_for(org, staff).get(url("group", group)).status_code == 200
    draft = make_group(ProcessFactory(organisation=org, status=DialogueProcess.Status.DRAFT), slug="utkast")
    assert client_for(org).get(url("group", draft)).status_code == 404
    assert "Expeditionsgruppen" not in client_for(org).get(reverse("workgroups:group_list")).content.decode()


def test_a_member_sees_the_space_and_a_note_they_add_shows_there(client_for, org, resident, group):
    meeting = make_meeting(group)
    add_member(group, name="Maja", user=resident)
    client = client_for(org, resident)
    response = client.post(url("space", group), {"action": "note", "kind": "idea", "meeting": meeting.pk,
                                                 "text": "En bänk vid varje busshållplats."})
    assert response.status_code == 302
    page = client.get(url("space", group)).content.decode()
    assert "En bänk vid varje busshållplats." in page and "Maja" in page


def test_a_member_sees_only_their_own_group(client_for, org, resident, process, group):
    add_member(group, user=resident)
    other = make_group(process, name="Andra gruppen", slug="andra")
    assert client_for(org, resident).get(url("space", other)).status_code == 403
    assert client_for(org, resident).post(url("space", other), {"kind": "idea", "text": "Hej"}).status_code == 403
    assert not GroupNote.objects.exists()


def test_outside_the_group_the_space_is_closed(client_for, org, other_org, official, group):
    assert client_for(org).get(url("space", group)).status_code == 302  # to sign in
    assert client_for(org, official).get(url("space", group)).status_code == 403
    foreign_staff = user_with_role(other_org, Role.STAFF)
    assert client_for(other_org, foreign_staff).get(url("space", group)).status_code == 404


def test_a_removed_member_loses_the_space(client_for, org, resident, group):
    member = add_member(group, user=resident)
    GroupMember.objects.filter(pk=member.pk).update(removed_at=timezone.now())
    assert client_for(org, resident).get(url("space", group)).status_code == 403


def test_materials_go_to_members_and_staff_only(client_for, org, resident, staff, official, group):
    material = add_material(make_meeting(group))
    add_member(group, user=resident)
    target = url("material", group, material_pk=material.pk)
    response = client_for(org, resident).get(target)
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF_BYTES
    assert client_for(org, staff).get(target).status_code == 200
    assert client_for(org, official).get(target).status_code == 403


def test_a_member_withdraws_consent_in_the_space(client_for, org, resident, group):
    member = add_member(group, name="Stina Synlig", user=resident, consent=True)
    client_for(org, resident).post(url("space", group), {"action": "consent"})
    member.refresh_from_db()
    assert member.name_consent_at is None
    assert "Stina Synlig" not in client_for(org).get(url("group", group)).content.decode()


def test_officials_and_members_read_the_report_in_three_forms(client_for, org, resident, official, group):
    add_member(group, user=resident)
    GroupNote.objects.create(group=group, author=resident, kind=GroupNote.Kind.LESSON, text="Gå ut och lyssna.")
    for person in (official, resident):
        page = client_for(org, person).get(url("report", group))
        assert page.status_code == 200 and "Gå ut och lyssna." in page.content.decode()
    pdf = client_for(org, official).get(url("report_pdf", group))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF-")
    docx = client_for(org, official).get(url("report_docx", group))
    assert docx.status_code == 200 and docx.content.startswith(b"PK")
    assert client_for(org, user_with_role(org, Role.RESIDENT)).get(url("report", group)).status_code == 403


def test_the_invitation_link_signs_in_then_joins_the_group(client_for, org, staff, resident, group):
    member = invited(add_member(group, name="Olle", email="olle@example.se"), staff)
    link = reverse("workgroups:invitation", kwargs={"token": invitation_token(member)})
    page = client_for(org).get(link).content.decode()
    assert "/konto/login/" in page and "/konto/signup/" in page
    assert client_for(org).post(link, {"show_name": "on"})["Location"].startswith("/konto/login/")
    response = client_for(org, resident).post(link, {"show_name": "on"})
    assert response.status_code == 302 and response["Location"] == url("space", group)
    member.refresh_from_db()
    assert member.user == resident and member.name_consent_at is not None
    assert client_for(org).get(reverse("workgroups:invitation", kwargs={"token": "fel"})).status_code == 404


def test_staff_build_a_group_invite_a_member_and_add_a_meeting(client_for, org, staff, process):
    client = client_for(org, staff)
    response = client.post(reverse("workgroups:staff_group_create"), {
        "name": "Expeditionsgruppen", "slug": "expedition", "process": process.pk, "purpose": "", "public": "on"})
    assert response.status_code == 302
    group = WorkingGroup.objects.get()
    client.post(reverse("workgroups:staff_member_create", kwargs={"group_pk": group.pk}), {
        "name": "Eva Ek", "email": "eva@example.se", "kind": "employee"})
    member = group.members.get()
    client.post(reverse("workgroups:staff_member_invite", kwargs={"group_pk": group.pk, "member_pk": member.pk}))
    assert Delivery.objects.get().recipient.email == "eva@example.se"
    meeting_url = reverse("workgroups:staff_meeting_create", kwargs={"group_pk": group.pk})
    response = client.post(meeting_url, {
        "number": 1, "title": "Samtalspromenad", "approach": "Promenad", "starts_at": "2026-12-10T18:00",
        "material_files": [SimpleUploadedFile("program.pdf", PDF_BYTES)]})
    assert response.status_code == 302
    assert GroupMeeting.objects.get().materials.get().name == "program.pdf"


def test_a_material_that_is_not_what_it_says_is_refused_with_a_clear_message(client_for, org, staff, group):
    response = client_for(org, staff).post(
        reverse("workgroups:staff_meeting_create", kwargs={"group_pk": group.pk}), {
            "number": 1, "title": "Träff", "starts_at": "2026-12-10T18:00",
            "material_files": [SimpleUploadedFile("program.pdf", b"MZ not a pdf at all")]})
    assert response.status_code == 400
    assert "kan inte användas" in response.content.decode()
    assert not GroupMeeting.objects.exists()


def test_an_oversized_material_is_refused_with_a_clear_swedish_message(client_for, org, staff, group, settings):
    settings.RADSLAG_WORKGROUP_MATERIAL_MAX_BYTES = 1024 * 1024
    form_url = reverse("workgroups:staff_meeting_create", kwargs={"group_pk": group.pk})
    assert "Varje fil får vara högst 1 MB." in client_for(org, staff).get(form_url).content.decode()
    big = SimpleUploadedFile("karta.pdf", PDF_BYTES + b"0" * (1024 * 1024), content_type="application/pdf")
    response = client_for(org, staff).post(form_url, {
        "number": 1, "title": "Samtalspromenad", "starts_at": "2026-12-10T18:00", "material_files": [big]})
    assert response.status_code == 400
    assert "Filen karta.pdf är för stor: den får vara högst 1 MB." in response.content.decode()
    assert not GroupMeeting.objects.exists()


def test_staff_notes_from_a_meeting_show_in_the_groups_space(client_for, org, staff, resident, group):
    meeting = make_meeting(group, 1, title="Samtalspromenad")
    add_member(group, name="Maja", user=resident)
    response = client_for(org, staff).post(
        reverse("workgroups:staff_meeting_edit", kwargs={"group_pk": group.pk, "meeting_pk": meeting.pk}), {
            "number": 1, "title": "Samtalspromenad", "starts_at": "2026-12-10T18:00",
            "notes": "Vi gick från torget till ån.\nNästa gång: <b>Alafors</b>."})
    assert response.status_code == 302
    page = client_for(org, resident).get(url("space", group)).content.decode()
    meetings = page[page.index('id="meetings-heading"'):page.index('id="members-heading"')]
    notes = meetings[meetings.index("<h3>1. Samtalspromenad</h3>"):]
    assert "<h4>Anteckningar från träffen</h4>" in notes
    assert "Vi gick från torget till ån.<br>Nästa gång: &lt;b&gt;Alafors&lt;/b&gt;." in notes


def test_an_official_changes_nothing_on_the_staff_pages(client_for, org, official, group):
    member = add_member(group)
    client = client_for(org, official)
    for name, kwargs in (("staff_groups", {}), ("staff_group_create", {}), ("staff_group", {"group_pk": group.pk}),
                         ("staff_member_invite", {"group_pk": group.pk, "member_pk": member.pk}),
                         ("staff_meeting_create", {"group_pk": group.pk})):
        assert client.post(reverse(f"workgroups:{name}", kwargs=kwargs), {"name": "X"}).status_code == 403
    assert not Delivery.objects.exists()


def test_the_dialogues_page_links_to_its_public_working_groups(client_for, org, process, group):
    make_group(process, name="Dold grupp", slug="dold", public=False)
    page = client_for(org).get(reverse("dialogues:process_detail", kwargs={"slug": process.slug})).content.decode()
    assert url("group", group) in page and "Dold grupp" not in page


def test_staff_record_a_consent_given_on_paper_and_it_shows_publicly(client_for, org, staff, group):
    member = add_member(group, name="Gunnar Pappersson", joined=True)
    client_for(org, staff).post(
        reverse("workgroups:staff_member_edit", kwargs={"group_pk": group.pk, "member_pk": member.pk}),
        {"name": member.name, "email": member.email, "kind": member.kind, "name_consent": "on"})
    member.refresh_from_db()
    assert member.name_consent_at is not None
    assert "Gunnar Pappersson" in client_for(org).get(url("group", group)).content.decode()
