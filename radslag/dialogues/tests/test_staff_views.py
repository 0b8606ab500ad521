"""The staff pages: who may open them, and planning a process from draft to publication."""

import datetime as dt

import pytest
from django.urls import reverse

from radslag.audit.models import AuditEvent
from radslag.dialogues.models import Activity, DialogueProcess, Phase, ProcessUpdate, Table
from radslag.dialogues.tests.factories import ActivityFactory, ProcessFactory
from radslag.governance.tests.factories import FocusAreaFactory
from radslag.organisations.tests.factories import BodyFactory

pytestmark = pytest.mark.django_db


def test_resident_gets_403_and_anonymous_is_sent_to_sign_in(org, resident, client_for):
    assert client_for(org, resident).get(reverse("dialogues:staff_home")).status_code == 403
    response = client_for(org).get(reverse("dialogues:staff_home"))
    assert response.status_code == 302 and "next=" in response["Location"]


def test_staff_home_lists_drafts_too(org, staff, client_for):
    ProcessFactory(organisation=org, title="Mitt utkast", status=DialogueProcess.Status.DRAFT)

    page = client_for(org, staff).get(reverse("dialogues:staff_home")).content.decode()

    assert "Mitt utkast" in page and "Utkast" in page


def test_staff_home_shows_the_promised_answer_date_with_the_swedish_month(org, staff, client_for):
    ProcessFactory(organisation=org, feedback_due=dt.date(2020, 6, 30))

    page = client_for(org, staff).get(reverse("dialogues:staff_home")).content.decode()

    table = page[page.index("<h2>Processer</h2>"):]
    assert "30 juni 2020" in table and "Jun 2020" not in table


def test_staff_home_says_a_process_without_themes_has_none_to_answer_yet(org, staff, client_for):
    ProcessFactory(organisation=org, title="Ny dialog")
    client = client_for(org, staff)

    page = client.get(reverse("dialogues:staff_home")).content.decode()
    assert page.count("Inga teman att besvara ännu") == 2  # the answers owed, and the process's row
    assert "0 av 0" not in page and "(0/0)" not in page

    client.cookies["django_language"] = "en"
    page = client.get(reverse("dialogues:staff_home")).content.decode()
    assert "No themes to answer yet" in page and "(0/0)" not in page


def test_another_municipalitys_process_is_404_for_staff(org, other_org, staff, client_for):
    process = ProcessFactory(organisation=other_org)
    client = client_for(org, staff)

    assert client.get(reverse("dialogues:process_edit", kwargs={"pk": process.pk})).status_code == 404
    assert client.post(reverse("dialogues:process_publish", kwargs={"pk": process.pk})).status_code == 404


def test_staff_creates_a_draft_with_only_their_own_choices(org, other_org, staff, client_for):
    body = BodyFactory(organisation=org, name="Kommunstyrelsen")
    foreign_area = FocusAreaFactory(organisation=other_org)
    client = client_for(org, staff)

    form_page = client.get(reverse("dialogues:process_create")).content.decode()
    assert "Kommunstyrelsen" in form_page and foreign_area.name not in form_page

    response = client.post(reverse("dialogues:process_create"), {
        "title": "Trygga stråk", "slug": "trygga-strak", "deciding_body": body.pk, "accepts_online_input": "on",
    })
    process = DialogueProcess.objects.get(slug="trygga-strak")
    assert response.status_code == 302 and process.status == DialogueProcess.Status.DRAFT
    assert process.organisation == org and process.deciding_body == body


def test_publish_lists_missing_fields_then_succeeds(org, staff, client_for):
    process = ProcessFactory(organisation=org, status=DialogueProcess.Status.DRAFT, purpose="", feedback_plan="")
    client = client_for(org, staff)
    publish = reverse("dialogues:process_publish", kwargs={"pk": process.pk})

    page = client.post(publish).content.decode()
    assert "Processen kan inte publiceras" in page
    assert "<li>Syfte</li>" in page and "<li>Hur deltagarna får återkoppling</li>" in page
    assert "<li>Beslutande organ</li>" not in page

    process.purpose, process.feedback_plan = "Ett syfte.", "Vi återkopplar här."
    process.save()
    assert client.post(publish).status_code == 302
    process.refresh_from_db()
    assert process.status == DialogueProcess.Status.PUBLISHED
    assert AuditEvent.objects.filter(action="process.published", actor=staff).exists()


def test_phase_end_before_start_is_refused_with_a_swedish_message(org, staff, client_for):
    process = ProcessFactory(organisation=org)

    response = client_for(org, staff).post(reverse("dialogues:phase_list", kwargs={"pk": process.pk}), {
        "order": 1, "name": "Samtal", "starts": "2026-05-01", "ends": "2026-04-01",
    })

    assert response.status_code == 200
    assert "Slutdatumet kan inte vara före startdatumet." in response.content.decode()
    assert not Phase.objects.exists()


def test_phase_can_be_added_edited_and_deleted(org, staff, client_for):
    process = ProcessFactory(organisation=org)
    client = client_for(org, staff)
    client.post(reverse("dialogues:phase_list", kwargs={"pk": process.pk}),
                {"order": 1, "name": "Samtal", "starts": "2026-04-01", "ends": "2026-05-01"})
    phase = Phase.objects.get()
    client.post(reverse("dialogues:phase_edit", kwargs={"pk": process.pk, "phase_pk": phase.pk}),
                {"order": 1, "name": "Samtal i grupper", "starts": "2026-04-01", "ends": "2026-05-01"})
    assert Phase.objects.get().name == "Samtal i grupper"

    client.post(reverse("dialogues:phase_delete", kwargs={"pk": process.pk, "phase_pk": phase.pk}))
    assert not Phase.objects.exists()
    assert AuditEvent.objects.filter(action="phase.deleted").exists()


def test_posted_update_appears_at_the_top_of_the_public_page(org, staff, client_for):
    process = ProcessFactory(organisation=org)
    client = client_for(org, staff)
    for title in ("Första mötet hölls", "Sammanställningen är klar"):
        client.post(reverse("dialogues:update_create", kwargs={"pk": process.pk}), {"title": title, "body": "Text"})

    page = client_for(org).get(reverse("dialogues:process_detail", kwargs={"slug": process.slug})).content.decode()

    assert ProcessUpdate.objects.count() == 2
    assert page.index("Sammanställningen är klar") < page.index("Första mötet hölls")


def test_activity_ending_before_it_starts_is_refused(org, staff, client_for):
    process = ProcessFactory(organisation=org)

    response = client_for(org, staff).post(reverse("dialogues:activity_create", kwargs={"pk": process.pk}), {
        "kind": "open_meeting", "title": "Öppet möte", "starts_at": "2026-09-19T18:00", "ends_at": "2026-09-19T17:00",
    })

    assert "Sluttiden kan inte vara före starttiden." in response.content.decode()
    assert not Activity.objects.exists()


def test_staff_creates_an_activity_and_a_table_with_a_host(org, staff, client_for):
    process = ProcessFactory(organisation=org)
    client = client_for(org, staff)
    client.post(reverse("dialogues:activity_create", kwargs={"pk": process.pk}), {
        "kind": "dialogue_evening", "title": "Dialogkväll", "starts_at": "2026-09-19T18:00",
        "ends_at": "2026-09-19T21:00", "registration_required": "on", "capacity": "100",
    })
    activity = Activity.objects.get()
    assert activity.capacity == 100 and activity.registration_required

    client.post(reverse("dialogues:table_create", kwargs={"pk": process.pk, "activity_pk": activity.pk}),
                {"name": "Bord 1", "host": staff.pk, "participant_count": "8"})
    table = Table.objects.get()
    assert table.host == staff and table.participant_count == 8

    page = client.get(reverse("dialogues:activity_edit", kwargs={"pk": process.pk, "activity_pk": activity.pk}))
    assert "Bord 1" in page.content.decode()


def test_table_needs_a_host(org, staff, client_for):
    activity = ActivityFactory(process=ProcessFactory(organisation=org))

    response = client_for(org, staff).post(
        reverse("dialogues:table_create", kwargs={"pk": activity.process.pk, "activity_pk": activity.pk}),
        {"name": "Bord 1"})

    assert "Välj en bordsvärd eller skriv bordsvärdens namn." in response.content.decode()
    assert not Table.objects.exists()


def test_staff_home_links_each_process_to_its_staff_pages(org, staff, client_for):
    process = ProcessFactory(organisation=org)

    page = client_for(org, staff).get(reverse("dialogues:staff_home")).content.decode()

    assert reverse("dialogues:process_edit", kwargs={"pk": process.pk}) in page
    assert reverse("dialogues:activity_list", kwargs={"pk": process.pk}) in page
    assert reverse("contributions:moderation_queue", kwargs={"pk": process.pk}) in page


def test_staff_link_tag_gives_an_empty_address_for_a_page_that_does_not_exist():
    from radslag.dialogues.templatetags.dialogues_tags import staff_link

    assert staff_link("dialogues:process_edit", 7) == "/personal/processer/7/"
    assert staff_link("nowhere:page", 7) == ""


def test_every_staff_page_of_a_process_opens(org, staff, client_for):
    activity = ActivityFactory(process=ProcessFactory(organisation=org), registration_required=True, capacity=5)
    process = activity.process
    Registration = activity.registrations.model
    Registration.objects.create(activity=activity, name="Anna", email="anna@example.se", status="waiting")
    client = client_for(org, staff)
    names = {"process_edit": {}, "phase_list": {}, "update_create": {}, "activity_list": {},
             "activity_create": {}, "activity_edit": {"activity_pk": activity.pk},
             "table_create": {"activity_pk": activity.pk}}

    for name, extra in names.items():
        response = client.get(reverse(f"dialogues:{name}", kwargs={"pk": process.pk, **extra}))
        assert response.status_code == 200, name
    assert "På väntelistan" in client.get(
        reverse("dialogues:activity_edit", kwargs={"pk": process.pk, "activity_pk": activity.pk})).content.decode()
