"""The audit log: append-only, per municipality, for administrators, filterable and exportable."""

import pytest

from radslag.audit.models import AppendOnlyError, AuditEvent
from radslag.audit.services import record_event


@pytest.fixture
def events(org, other_org, admin_user, staff):
    record_event(organisation=org, actor=admin_user, action="role.added", data={"user": staff.email})
    record_event(organisation=org, actor=staff, action="decision.created")
    record_event(organisation=org, actor=staff, action="=HYPERLINK(\"http://x\")")
    record_event(organisation=other_org, actor=None, action="granne.hemligt")


def test_events_cannot_be_changed_or_deleted(org, admin_user):
    event = record_event(organisation=org, actor=admin_user, action="role.added")
    event.reason = "ändrat"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).update(reason="ändrat")
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).delete()
    assert AuditEvent.objects.get(pk=event.pk).reason == ""


def test_signed_out_visitor_is_sent_to_sign_in(client_for, org):
    for url in ("/personal/logg/", "/personal/logg/export.csv"):
        response = client_for(org).get(url)
        assert response.status_code == 302 and response["Location"].startswith("/konto/login/")


@pytest.mark.parametrize("person", ["resident", "staff", "moderator"])
def test_only_administrators_read_the_log(client_for, org, person, request):
    user = request.getfixturevalue(person)
    assert client_for(org, user).get("/personal/logg/").status_code == 403
    assert client_for(org, user).get("/personal/logg/export.csv").status_code == 403


def test_log_shows_own_events_newest_first_and_never_another_municipalitys(client_for, org, admin_user, events):
    page = client_for(org, admin_user).get("/personal/logg/").content.decode()
    assert page.index("decision.created") < page.index("role.added")
    assert "granne.hemligt" not in page


def test_log_filters_by_action_and_actor(client_for, org, admin_user, staff, events):
    client = client_for(org, admin_user)
    by_action = client.get("/personal/logg/", {"action": "role.added"}).content.decode()
    assert "<th scope=\"row\">role.added</th>" in by_action
    assert "<th scope=\"row\">decision.created</th>" not in by_action
    by_actor = client.get("/personal/logg/", {"actor": staff.email}).content.decode()
    assert "<th scope=\"row\">decision.created</th>" in by_actor
    assert "<th scope=\"row\">role.added</th>" not in by_actor


def test_csv_export_follows_the_filter_and_defuses_formulas(client_for, org, admin_user, staff, events):
    response = client_for(org, admin_user).get("/personal/logg/export.csv", {"actor": staff.email})
    text = response.content.decode("utf-8-sig")
    assert response["Content-Type"].startswith("text/csv")
    lines = text.strip().splitlines()
    assert lines[0].startswith("tid;vem;händelse")
    assert len(lines) == 3
    assert "decision.created" in text and "role.added" not in text
    assert "\"'=HYPERLINK" in text
    assert "granne.hemligt" not in text


def test_log_is_paginated(client_for, org, admin_user):
    for number in range(55):
        record_event(organisation=org, actor=admin_user, action=f"test.{number}")
    client = client_for(org, admin_user)
    first = client.get("/personal/logg/").content.decode()
    assert '<th scope="row">test.54</th>' in first and '<th scope="row">test.0</th>' not in first
    assert '<th scope="row">test.0</th>' in client.get("/personal/logg/", {"sida": 2}).content.decode()
