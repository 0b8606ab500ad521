"""The processes endpoints: only published processes of the host's municipality, with their mandate."""

import datetime as dt

import pytest
from django.utils import timezone

from radslag.dialogues.models import DialogueProcess
from radslag.dialogues.tests.factories import PhaseFactory, ProcessFactory, UpdateFactory
from radslag.governance.tests.factories import DecisionFactory, FocusAreaFactory
from radslag.organisations.tests.factories import LocalityFactory

pytestmark = pytest.mark.django_db


def test_list_shows_published_and_closed_processes_of_the_hosts_municipality(org, other_org, client_for):
    ProcessFactory(organisation=org, slug="motesplatser", title="Mötesplatser i Nödinge")
    ProcessFactory(organisation=org, slug="skolan", status=DialogueProcess.Status.CLOSED)
    ProcessFactory(organisation=org, slug="utkast", status=DialogueProcess.Status.DRAFT, published_at=None)
    ProcessFactory(organisation=other_org, slug="grannens")

    response = client_for(org).get("/api/processes")

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 2
    assert {item["slug"] for item in body["items"]} == {"motesplatser", "skolan"}


def test_list_filters_by_status_and_focus_area(org, client_for):
    area = FocusAreaFactory(organisation=org, plan__organisation=org, slug="det-medskapande-invanarskapet")
    with_area = ProcessFactory(organisation=org, slug="med-omrade")
    with_area.focus_areas.add(area)
    ProcessFactory(organisation=org, slug="utan-omrade")
    ProcessFactory(organisation=org, slug="stangd", status=DialogueProcess.Status.CLOSED)
    client = client_for(org)

    closed = client.get("/api/processes", {"status": "closed"}).json()
    by_area = client.get("/api/processes", {"focus_area": "det-medskapande-invanarskapet"}).json()

    assert [item["slug"] for item in closed["items"]] == ["stangd"]
    assert [item["slug"] for item in by_area["items"]] == ["med-omrade"]
    assert by_area["items"][0]["focus_areas"] == ["det-medskapande-invanarskapet"]


def test_list_refuses_an_unknown_status(org, client_for):
    response = client_for(org).get("/api/processes", {"status": "draft"})

    assert response.status_code == 422


def test_detail_carries_the_mandate(org, client_for):
    decision = DecisionFactory(organisation=org, title="Uppdrag om mötesplatser", registration_number="KS 2019/42")
    process = ProcessFactory(organisation=org, slug="motesplatser", commissioning_decision=decision)
    process.localities.add(LocalityFactory(organisation=org, name="Nödinge"))

    body = client_for(org).get("/api/processes/motesplatser").json()

    assert body["purpose"] == "Ta fram underlag till kommunstyrelsen om mötesplatser."
    assert body["participation_level"] == "dialogue"
    assert body["deciding_body"]["name"] == process.deciding_body.name
    assert body["commissioning_decision"]["registration_number"] == "KS 2019/42"
    assert body["not_open_to_influence"] == "Budgetramen är redan beslutad."
    assert body["feedback_due"] == "2030-06-30"
    assert body["moderation_rules"][0] == "Inga personangrepp"
    assert body["localities"] == ["Nödinge"]


@pytest.mark.parametrize("suffix", ["", "/phases", "/updates", "/contributions"])
def test_a_draft_is_not_found(org, client_for, suffix):
    ProcessFactory(organisation=org, slug="utkast", status=DialogueProcess.Status.DRAFT)

    response = client_for(org).get(f"/api/processes/utkast{suffix}")

    assert response.status_code == 404


@pytest.mark.parametrize("suffix", ["", "/phases", "/updates", "/contributions"])
def test_another_municipalitys_process_is_not_found(org, other_org, client_for, suffix):
    ProcessFactory(organisation=other_org, slug="grannens")

    response = client_for(org).get(f"/api/processes/grannens{suffix}")

    assert response.status_code == 404


def test_phases_come_in_order(org, client_for):
    process = ProcessFactory(organisation=org, slug="motesplatser")
    PhaseFactory(process=process, order=2, name="Analys")
    PhaseFactory(process=process, order=1, name="Samtal")

    body = client_for(org).get("/api/processes/motesplatser/phases").json()

    assert [phase["name"] for phase in body] == ["Samtal", "Analys"]


def test_updates_hide_scheduled_ones_and_never_name_the_author(org, staff, client_for):
    process = ProcessFactory(organisation=org, slug="motesplatser")
    UpdateFactory(process=process, title="Expeditionen är avslutad", author=staff)
    UpdateFactory(process=process, title="Kommer senare", published_at=timezone.now() + dt.timedelta(days=3))

    body = client_for(org).get("/api/processes/motesplatser/updates").json()

    assert [update["title"] for update in body] == ["Expeditionen är avslutad"]
    assert "author" not in body[0]
    assert staff.email not in str(body)


def test_a_host_without_a_municipality_gets_404(db, client):
    response = client.get("/api/processes", HTTP_HOST="okand.example.se")

    assert response.status_code == 404


def test_query_count_does_not_grow_with_the_number_of_processes(org, client_for, django_assert_max_num_queries):
    areas = FocusAreaFactory.create_batch(3, organisation=org, plan__organisation=org)
    for index in range(15):
        ProcessFactory(organisation=org, slug=f"dialog-nr-{index}").focus_areas.add(*areas)
    client = client_for(org)

    with django_assert_max_num_queries(5):
        response = client.get("/api/processes")

    assert response.json()["count"] == 15


def test_detail_gives_the_english_versions_beside_the_swedish_originals(org, client_for):
    ProcessFactory(organisation=org, slug="torget", title="Torget", title_en="The square", purpose="Bänkar")
    data = client_for(org).get("/api/processes/torget").json()
    assert (data["title"], data["title_en"]) == ("Torget", "The square")
    assert (data["purpose"], data["purpose_en"]) == ("Bänkar", "")
