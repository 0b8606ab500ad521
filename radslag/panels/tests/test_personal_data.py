"""Panel membership is part of the person's data: downloaded, erased on request, destroyed after leaving."""

import datetime as dt
import json

import pytest
from django.utils import timezone

from radslag.accounts.models import Role
from radslag.accounts.tests.factories import user_with_role
from radslag.audit.personal_data import kind
from radslag.panels import services
from radslag.panels.models import Channel, PanelMember

pytestmark = pytest.mark.django_db


@pytest.fixture
def member(org, staff):
    panel = services.save_panel(organisation=org, actor=staff, fields={
        "name": "Medborgarpanelen", "description": "Tre enkäter om året.", "open_for_signup": True})
    person = user_with_role(org, Role.RESIDENT, email="panel@example.se")
    return PanelMember.objects.create(panel=panel, user=person, channel=Channel.SELF_SIGNUP, age_band="30-44",
                                      joined_at=timezone.now())


def test_the_download_includes_panel_membership(client_for, org, member):
    data = json.loads(client_for(org, member.user).get("/mina-uppgifter/ladda-ner/").content)

    assert data["panel_memberships"][0]["panel"] == "Medborgarpanelen"
    assert data["panel_memberships"][0]["age_band"] == "30-44"


def test_another_municipality_sees_none_of_it(client_for, other_org, member):
    assert kind("panels.memberships").export(member.user, other_org) == []


def test_erasure_removes_the_membership(org, member):
    assert kind("panels.memberships").erase(member.user, org) == 1
    assert not PanelMember.objects.exists()


def test_retention_counts_from_leaving_and_spares_active_members(org, member):
    retention = kind("panels.memberships").retention
    assert retention.due(org, timezone.now()).count() == 0
    PanelMember.objects.filter(pk=member.pk).update(left_at=timezone.now() - dt.timedelta(days=10))

    assert retention.due(org, timezone.now() - dt.timedelta(days=5)).count() == 1
    assert retention.due(org, timezone.now() - dt.timedelta(days=20)).count() == 0
