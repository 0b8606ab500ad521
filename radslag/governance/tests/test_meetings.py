"""Staff enter the coming meetings of the deciding bodies; officials see them in their overview."""

import datetime as dt

from django.utils import timezone

from radslag.accounts.models import Role
from radslag.accounts.tests.factories import user_with_role
from radslag.audit.models import AuditEvent
from radslag.governance.models import BodyMeeting
from radslag.organisations.models import Body
from radslag.organisations.tests.factories import BodyFactory

URL = "/personal/styrning/sammantraden/"


def test_staff_add_a_meeting_and_it_is_logged(client_for, org, staff):
    board = BodyFactory(organisation=org, name="Kommunstyrelsen")
    day = timezone.localdate() + dt.timedelta(days=14)
    response = client_for(org, staff).post(URL, {"body": board.pk, "date": day.isoformat(), "note": "Budget"})
    assert response.status_code == 302
    meeting = BodyMeeting.objects.get(organisation=org)
    assert (meeting.body, meeting.date, meeting.note) == (board, day, "Budget")
    assert AuditEvent.objects.filter(action="body_meeting.created").count() == 1
    assert "Kommunstyrelsen" in client_for(org, staff).get(URL).content.decode()


def test_the_same_body_cannot_meet_twice_on_one_day(client_for, org, staff):
    board = BodyFactory(organisation=org)
    day = timezone.localdate()
    BodyMeeting.objects.create(organisation=org, body=board, date=day)
    response = client_for(org, staff).post(URL, {"body": board.pk, "date": day.isoformat()})
    assert response.status_code == 200
    assert "Organet har redan ett sammanträde den dagen." in response.content.decode()
    assert BodyMeeting.objects.count() == 1


def test_advisory_councils_and_other_municipalities_bodies_cannot_be_chosen(client_for, org, other_org, staff):
    council = BodyFactory(organisation=org, kind=Body.Kind.ADVISORY_COUNCIL)
    theirs = BodyFactory(organisation=other_org)
    for body in (council, theirs):
        response = client_for(org, staff).post(URL, {"body": body.pk, "date": "2030-01-01"})
        assert response.status_code == 200
    assert not BodyMeeting.objects.exists()


def test_staff_remove_a_meeting_and_officials_cannot(client_for, org, staff):
    meeting = BodyMeeting.objects.create(organisation=org, body=BodyFactory(organisation=org),
                                         date=timezone.localdate())
    remove = f"{URL}{meeting.pk}/ta-bort/"
    official = user_with_role(org, Role.OFFICIAL)
    assert client_for(org, official).post(remove).status_code == 403
    assert client_for(org, official).get(URL).status_code == 403
    assert client_for(org, staff).post(remove).status_code == 302
    assert not BodyMeeting.objects.exists()
    assert AuditEvent.objects.filter(action="body_meeting.removed").count() == 1
