"""Decisions and focus areas: the host's municipality only, with what is traceable to them."""

import pytest

from radslag.dialogues.models import DialogueProcess
from radslag.dialogues.tests.factories import ProcessFactory
from radslag.governance.tests.factories import DecisionFactory, FocusAreaFactory, StrategicPlanFactory

pytestmark = pytest.mark.django_db


def test_decisions_list_is_scoped_and_filterable(org, other_org, client_for):
    area = FocusAreaFactory(organisation=org, plan__organisation=org, slug="det-medskapande-invanarskapet")
    chosen = DecisionFactory(organisation=org, title="Temaområde 9 väljs")
    chosen.focus_areas.add(area)
    DecisionFactory(organisation=org, title="Budget 2020")
    DecisionFactory(organisation=other_org, title="Grannens beslut")
    client = client_for(org)

    everything = client.get("/api/decisions").json()
    filtered = client.get("/api/decisions", {"focus_area": "det-medskapande-invanarskapet"}).json()

    assert {item["title"] for item in everything["items"]} == {"Temaområde 9 väljs", "Budget 2020"}
    assert [item["title"] for item in filtered["items"]] == ["Temaområde 9 väljs"]
    assert filtered["items"][0]["focus_areas"] == ["det-medskapande-invanarskapet"]


def test_decision_detail_lists_only_published_commissioned_processes(org, client_for):
    decision = DecisionFactory(organisation=org, section="§ 112")
    ProcessFactory(organisation=org, slug="den-manskliga-motet", commissioning_decision=decision)
    ProcessFactory(
        organisation=org, slug="hemligt-utkast", commissioning_decision=decision, status=DialogueProcess.Status.DRAFT
    )

    body = client_for(org).get(f"/api/decisions/{decision.pk}").json()

    assert body["section"] == "§ 112"
    assert body["body"]["name"] == decision.body.name
    assert [process["slug"] for process in body["commissioned_processes"]] == ["den-manskliga-motet"]


def test_another_municipalitys_decision_is_not_found(org, other_org, client_for):
    theirs = DecisionFactory(organisation=other_org)

    assert client_for(org).get(f"/api/decisions/{theirs.pk}").status_code == 404


def test_focus_areas_are_listed_in_plan_order(org, other_org, client_for):
    plan = StrategicPlanFactory(organisation=org)
    FocusAreaFactory(organisation=org, plan=plan, number=2, name="Lust att lära")
    FocusAreaFactory(organisation=org, plan=plan, number=1, name="Hållbar konsumtion och produktion")
    FocusAreaFactory(organisation=other_org, plan__organisation=other_org, name="Grannens område")

    body = client_for(org).get("/api/focus-areas").json()

    assert [area["name"] for area in body] == ["Hållbar konsumtion och produktion", "Lust att lära"]
    assert body[0]["plan"]["starts"] == 2024


def test_focus_area_detail_traces_published_processes_and_decisions(org, client_for):
    area = FocusAreaFactory(organisation=org, plan__organisation=org, slug="lust-att-lara")
    ProcessFactory(organisation=org, slug="skolan").focus_areas.add(area)
    ProcessFactory(organisation=org, slug="utkast", status=DialogueProcess.Status.DRAFT).focus_areas.add(area)
    DecisionFactory(organisation=org, title="Skolplan").focus_areas.add(area)

    body = client_for(org).get("/api/focus-areas/lust-att-lara").json()

    assert [process["slug"] for process in body["processes"]] == ["skolan"]
    assert [decision["title"] for decision in body["decisions"]] == ["Skolplan"]


def test_another_municipalitys_focus_area_is_not_found(org, other_org, client_for):
    FocusAreaFactory(organisation=other_org, plan__organisation=other_org, slug="grannens")

    assert client_for(org).get("/api/focus-areas/grannens").status_code == 404


@pytest.mark.parametrize("url", ["/api/decisions", "/api/focus-areas", "/api/focus-areas/fokus-x"])
def test_query_count_is_bounded(org, client_for, django_assert_max_num_queries, url):
    areas = [FocusAreaFactory(organisation=org, plan__organisation=org, slug=f"fokus-{n}") for n in "xyz"]
    for _ in range(10):
        DecisionFactory(organisation=org).focus_areas.add(*areas)
        ProcessFactory(organisation=org).focus_areas.add(*areas)
    client = client_for(org)

    with django_assert_max_num_queries(5):
        response = client.get(url)

    assert response.status_code == 200
