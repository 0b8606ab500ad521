"""A table host types in notes for their own table only, never under another host's table."""

import pytest
from django.urls import reverse

from radslag.accounts.tests.factories import UserFactory
from radslag.contributions.models import Channel, Contribution
from radslag.contributions.services import enter_contribution
from radslag.core.errors import PermissionDeniedError
from radslag.dialogues.tests.factories import TableFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def host(activity):
    return UserFactory(email="bordsvard@example.se")


@pytest.fixture
def own_table(activity, host):
    return TableFactory(activity=activity, host=host, name="Bord 1")


@pytest.fixture
def neighbours_table(activity):
    return TableFactory(activity=activity, host=UserFactory(), name="Bord 2")


def entry_url(process):
    return reverse("contributions:bulk_entry", kwargs={"pk": process.pk})


def test_host_cannot_file_a_note_under_another_hosts_table_at_the_same_activity(
    client_for, org, process, activity, host, own_table, neighbours_table,
):
    response = client_for(org, host).post(entry_url(process), {
        "activity": activity.pk, "table": neighbours_table.pk, "channel": Channel.TABLE_NOTE, "body": "Bord 2 sa",
    })
    assert response.status_code == 200
    assert not Contribution.objects.exists()


def test_host_must_name_their_table(client_for, org, process, activity, host, own_table):
    response = client_for(org, host).post(entry_url(process), {
        "activity": activity.pk, "channel": Channel.TABLE_NOTE, "body": "Utan bord",
    })
    assert "Välj det bord du är värd för." in response.content.decode()
    assert not Contribution.objects.exists()


def test_host_is_offered_only_their_own_table(client_for, org, process, host, own_table, neighbours_table):
    page = client_for(org, host).get(entry_url(process)).content.decode()
    assert "Bord 1" in page
    assert "Bord 2" not in page


def test_host_files_a_note_under_their_own_table(client_for, org, process, activity, host, own_table):
    client_for(org, host).post(entry_url(process), {
        "activity": activity.pk, "table": own_table.pk, "channel": Channel.TABLE_NOTE, "body": "Vi pratade om bussen",
    })
    assert Contribution.objects.get().table == own_table


def test_the_service_refuses_another_hosts_table(process, activity, host, own_table, neighbours_table):
    with pytest.raises(PermissionDeniedError):
        enter_contribution(process=process, entered_by=host, channel=Channel.TABLE_NOTE, body="Fel bord",
                           activity=activity, table=neighbours_table)
    assert not Contribution.objects.exists()


def test_staff_may_file_under_any_table(process, activity, staff, neighbours_table):
    enter_contribution(process=process, entered_by=staff, channel=Channel.TABLE_NOTE, body="Från bord 2",
                       activity=activity, table=neighbours_table)
    assert Contribution.objects.get().entered_by == staff


def test_a_moderator_is_not_a_typist(client_for, org, process, moderator):
    assert client_for(org, moderator).get(entry_url(process)).status_code == 403
