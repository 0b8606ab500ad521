"""Staff record decisions; administrators edit the vision, the plan and the focus areas."""

import pytest

from radslag.audit.models import AuditEvent
from radslag.governance.models import Decision, FocusArea, StrategicPlan, Vision
from radslag.governance.tests.factories import DecisionFactory, FocusAreaFactory, StrategicPlanFactory
from radslag.organisations.tests.factories import BodyFactory

STAFF_URLS = ["/personal/beslut/", "/personal/beslut/ny/"]
ADMIN_URLS = ["/personal/styrning/vision/", "/personal/styrning/plan/", "/personal/fokusomraden/"]


@pytest.mark.parametrize("url", STAFF_URLS + ADMIN_URLS)
def test_signed_out_visitor_is_sent_to_sign_in(client_for, org, url):
    response = client_for(org).get(url)
    assert response.status_code == 302 and response["Location"].startswith("/konto/login/")


@pytest.mark.parametrize("url", STAFF_URLS + ADMIN_URLS)
def test_resident_gets_403(client_for, org, resident, url):
    assert client_for(org, resident).get(url).status_code == 403


@pytest.mark.parametrize("url", ADMIN_URLS)
def test_staff_member_may_not_edit_the_direction(client_for, org, staff, url):
    assert client_for(org, staff).get(url).status_code == 403


def test_staff_records_a_decision_linked_to_a_focus_area(client_for, org, staff):
    body = BodyFactory(organisation=org, name="Kommunfullmäktige")
    area = FocusAreaFactory(plan=StrategicPlanFactory(organisation=org))
    response = client_for(org, staff).post("/personal/beslut/ny/", {
        "body": body.pk, "decided_on": "2019-06-17", "registration_number": "KS 2019/112", "section": "§ 112",
        "title": "Val av temaområde", "summary": "Fullmäktige väljer det mänskliga mötet.", "url": "",
        "focus_areas": [area.pk]})
    decision = Decision.objects.get(organisation=org)
    assert response.status_code == 302 and response["Location"] == f"/beslut/{decision.pk}/"
    assert list(decision.focus_areas.all()) == [area]
    assert AuditEvent.objects.get(organisation=org, action="decision.created").object_id == str(decision.pk)


def test_decision_form_refuses_another_municipalitys_body(client_for, org, other_org, staff):
    other_body = BodyFactory(organisation=other_org)
    response = client_for(org, staff).post("/personal/beslut/ny/", {
        "body": other_body.pk, "decided_on": "2019-06-17", "title": "Fel organ"})
    assert response.status_code == 200
    assert "Välj ett giltigt alternativ" in response.content.decode()
    assert not Decision.objects.exists()


def test_staff_edits_a_decision_and_another_municipalitys_is_404(client_for, org, other_org, staff):
    decision = DecisionFactory(organisation=org)
    client = client_for(org, staff)
    client.post(f"/personal/beslut/{decision.pk}/", {
        "body": decision.body.pk, "decided_on": "2020-01-01", "title": "Nytt namn"})
    decision.refresh_from_db()
    assert decision.title == "Nytt namn"
    assert client.get(f"/personal/beslut/{DecisionFactory(organisation=other_org).pk}/").status_code == 404


def test_admin_writes_vision_plan_and_focus_area(client_for, org, admin_user):
    client = client_for(org, admin_user)
    client.post("/personal/styrning/vision/", {"title": "Vision 2031", "target_year": "2031", "text": "Stolthet."})
    client.post("/personal/styrning/plan/", {"title": "Strategisk plan", "starts": "2024", "ends": "2027"})
    plan = StrategicPlan.objects.get(organisation=org)
    client.post("/personal/fokusomraden/", {"plan": plan.pk, "number": "4", "name": "Medskapande invånare",
                                            "slug": "medskapande"})
    assert Vision.objects.get(organisation=org).target_year == 2031
    assert FocusArea.objects.get(organisation=org).slug == "medskapande"
    actions = set(AuditEvent.objects.filter(organisation=org).values_list("action", flat=True))
    assert {"vision.created", "plan.created", "focus_area.created"} <= actions


def test_plan_cannot_end_before_it_starts(client_for, org, admin_user):
    response = client_for(org, admin_user).post("/personal/styrning/plan/", {
        "title": "Baklänges", "starts": "2027", "ends": "2024"})
    assert "Sista året kan inte vara före det första året." in response.content.decode()
    assert not StrategicPlan.objects.exists()
