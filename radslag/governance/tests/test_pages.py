"""Governance pages: the direction, focus areas with what is linked to them, and decisions."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from radslag.governance.models import Vision
from radslag.governance.tests.factories import DecisionFactory, FocusAreaFactory, StrategicPlanFactory


def published_process(org, area, slug, status="published"):
    process = org.processes.create(title=f"Dialog {slug}", slug=slug, status=status)
    process.focus_areas.add(area)
    return process


def query_count(client, url):
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


@pytest.fixture
def area(org):
    plan = StrategicPlanFactory(organisation=org, title="Strategisk plan 2024–2027")
    return FocusAreaFactory(plan=plan, name="Medskapande invånare", slug="medskapande-invanare")


def test_overview_shows_vision_plan_and_counts(client_for, org, area):
    Vision.objects.create(organisation=org, title="Vision 2031", text="Ale är en plats att vara stolt över.")
    published_process(org, area, "skolan")
    published_process(org, area, "utkast", status="draft")
    for _ in range(2):
        DecisionFactory(organisation=org).focus_areas.add(area)
    page = client_for(org).get("/styrning/").content.decode()
    assert "Vision 2031" in page and "Ale är en plats att vara stolt över." in page
    assert "Strategisk plan 2024–2027" in page
    assert "Medskapande invånare" in page
    assert "1 dialog · 2 beslut" in page


def test_focus_area_shows_published_processes_decisions_and_contributions(client_for, org, area):
    process = published_process(org, area, "moten")
    published_process(org, area, "hemlig", status="draft")
    DecisionFactory(organisation=org, title="Beslut om mötesplatser").focus_areas.add(area)
    for text, status in [("Fler bänkar vid ån", "published"), ("Dolt inspel", "hidden"), ("Mer ljus", "published")]:
        area.contributions.create(organisation=org, process=process, channel="web", body=text, status=status)
    page = client_for(org).get("/fokusomraden/medskapande-invanare/").content.decode()
    assert "Dialog moten" in page and "Dialog hemlig" not in page
    assert "Beslut om mötesplatser" in page
    assert "2 publicerade inspel är kopplade till fokusområdet." in page
    assert "Fler bänkar vid ån" in page and "Dolt inspel" not in page


def test_another_municipalitys_focus_area_and_decision_are_404(client_for, org, other_org):
    other_area = FocusAreaFactory(plan=StrategicPlanFactory(organisation=other_org), slug="grannens")
    other_decision = DecisionFactory(organisation=other_org)
    client = client_for(org)
    assert client.get(f"/fokusomraden/{other_area.slug}/").status_code == 404
    assert client.get(f"/beslut/{other_decision.pk}/").status_code == 404
    assert other_decision.title not in client.get("/beslut/").content.decode()


def test_decision_detail_shows_reference_and_commissioned_dialogue(client_for, org, area):
    decision = DecisionFactory(organisation=org, title="Temaområde 9 väljs", registration_number="KS 2019/112")
    decision.focus_areas.add(area)
    org.processes.create(title="Det mänskliga mötet", slug="motet", status="published", commissioning_decision=decision)
    page = client_for(org).get(f"/beslut/{decision.pk}/").content.decode()
    assert "Temaområde 9 väljs" in page and "KS 2019/112" in page
    assert "Medskapande invånare" in page and "Det mänskliga mötet" in page


def test_decision_pages_use_a_constant_number_of_queries(client_for, org, area):
    client = client_for(org)

    def add_decisions(count):
        for _ in range(count):
            DecisionFactory(organisation=org).focus_areas.add(area)
            published_process(org, area, f"p{org.processes.count()}")

    add_decisions(2)
    few = [query_count(client, url) for url in ("/beslut/", "/styrning/", f"/fokusomraden/{area.slug}/")]
    add_decisions(6)
    many = [query_count(client, url) for url in ("/beslut/", "/styrning/", f"/fokusomraden/{area.slug}/")]
    assert few == many
