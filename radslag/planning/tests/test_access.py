"""Two owner organisations: each member works on their own organisation's host and sees nothing else
of the other organisation."""

from __future__ import annotations

import pytest
from django.urls import reverse

from radslag.accounts.models import Role
from radslag.accounts.tests.factories import user_with_role
from radslag.planning import services

pytestmark = pytest.mark.django_db


def test_the_project_opens_on_each_owners_host_for_its_members(world, client_for, org, ghanzi):
    url = reverse("planning:project", kwargs={"project_pk": world["project"].pk})
    assert client_for(org, world["ale_lead"]).get(url).status_code == 200
    assert client_for(ghanzi, world["partner_lead"]).get(url).status_code == 200


def test_a_partner_member_sees_nothing_else_of_ale(world, client_for, org, ghanzi):
    ale_only = services.create_project(organisation=org, actor=world["ale_lead"], title_sv="Bara Ale")
    partner = client_for(ghanzi, world["partner_lead"])
    assert partner.get(reverse("planning:project", kwargs={"project_pk": ale_only.pk})).status_code == 404
    listing = partner.get(reverse("planning:projects")).content.decode()
    assert "Governance with citizen dialogue" in listing and "Bara Ale" not in listing
    # On Ale's own host the partner holds no role at all: Ale's staff pages stay shut.
    assert client_for(org, world["partner_lead"]).get(reverse("planning:projects")).status_code == 403
    assert client_for(org, world["partner_lead"]).get(reverse("dialogues:staff_home")).status_code == 403


def test_staff_of_an_owner_who_are_not_members_get_404(world, client_for, org):
    outsider = user_with_role(org, Role.STAFF)
    url = reverse("planning:project", kwargs={"project_pk": world["project"].pk})
    assert client_for(org, outsider).get(url).status_code == 404


def test_a_reader_reads_but_may_not_add(world, client_for, org):
    client = client_for(org, world["reader"])
    url = reverse("planning:risks", kwargs={"project_pk": world["project"].pk})
    assert client.get(url).status_code == 200
    assert client.post(url, {"text_sv": "x", "owner": "y", "likelihood": 1, "impact": 1,
                             "status": "open"}).status_code == 403


def test_a_member_of_another_organisation_cannot_be_added(world, org):
    from radslag.organisations.tests.factories import OrganisationFactory

    stranger_org = OrganisationFactory(slug="annan", hostname="annan.example.se")
    stranger = user_with_role(stranger_org, Role.STAFF)
    with pytest.raises(services.DomainError):
        services.set_member(project=world["project"], actor=world["ale_lead"], organisation=org,
                            email=stranger.email, member_organisation=stranger_org, role="member")


def test_the_last_lead_cannot_leave(world, org):
    from radslag.planning.models import ProjectMember

    project = services.create_project(organisation=org, actor=world["ale_lead"], title_sv="Ensam")
    only = ProjectMember.objects.get(project=project)
    with pytest.raises(services.DomainError, match="ledare"):
        services.remove_member(project=project, actor=world["ale_lead"], organisation=org, member=only)


def test_an_elected_official_may_only_be_a_reader(world, org):
    official = user_with_role(org, Role.OFFICIAL)
    with pytest.raises(services.DomainError, match="läsare"):
        services.set_member(project=world["project"], actor=world["ale_lead"], organisation=org,
                            email=official.email, member_organisation=org, role="member")
    member = services.set_member(project=world["project"], actor=world["ale_lead"], organisation=org,
                                 email=official.email, member_organisation=org, role="reader")
    assert member.role == "reader"


def test_a_resident_cannot_join_a_project(world, org, resident):
    with pytest.raises(services.DomainError, match="ingen roll"):
        services.set_member(project=world["project"], actor=world["ale_lead"], organisation=org,
                            email=resident.email, member_organisation=org, role="reader")
