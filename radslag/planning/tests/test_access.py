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


def test_ales_lead_cannot_set_or_remove_ghanzi_people_and_learns_nothing_from_the_answers(world, org, ghanzi):
    from radslag.planning.models import ProjectMember

    ghanzi_staff = user_with_role(ghanzi, Role.STAFF, email="planner@ghanzi.example.bw")
    ghanzi_official = user_with_role(ghanzi, Role.OFFICIAL, email="councillor@ghanzi.example.bw")
    answers = set()
    for email in (ghanzi_staff.email, ghanzi_official.email, "nobody@ghanzi.example.bw", world["partner_lead"].email):
        for role in ("lead", "member", "reader"):
            with pytest.raises(services.PermissionDeniedError) as refused:
                services.set_member(project=world["project"], actor=world["ale_lead"], organisation=org,
                                    email=email, member_organisation=ghanzi, role=role)
            answers.add(refused.value.message)
    ghanzi_lead_seat = ProjectMember.objects.get(user=world["partner_lead"])
    with pytest.raises(services.PermissionDeniedError) as refused:
        services.remove_member(project=world["project"], actor=world["ale_lead"], organisation=org,
                               member=ghanzi_lead_seat)
    answers.add(refused.value.message)
    assert len(answers) == 1 and "Ghanzi" not in answers.pop()
    assert set(ProjectMember.objects.filter(organisation=ghanzi).values_list("user", "role")) == {
        (world["partner_lead"].pk, "lead")}


def test_ales_lead_cannot_move_a_ghanzi_member_over_by_their_email(world, org, ghanzi):
    both = user_with_role(ghanzi, Role.STAFF, email="twin@example.org")
    from radslag.accounts.models import Membership

    Membership.objects.create(user=both, organisation=org, role=Role.STAFF)
    services.set_member(project=world["project"], actor=world["partner_lead"], organisation=ghanzi,
                        email=both.email, member_organisation=ghanzi, role="member")
    with pytest.raises(services.PermissionDeniedError):
        services.set_member(project=world["project"], actor=world["ale_lead"], organisation=org,
                            email=both.email, member_organisation=org, role="lead")


def test_the_members_page_removes_and_adds_only_the_leads_own_people(world, client_for, org, ghanzi):
    from radslag.planning.models import ProjectMember

    url = reverse("planning:members", kwargs={"project_pk": world["project"].pk})
    ale = client_for(org, world["ale_lead"])
    page = ale.get(url).content.decode()
    ghanzi_seat = ProjectMember.objects.get(user=world["partner_lead"])
    assert reverse("planning:member_remove", kwargs={"project_pk": world["project"].pk,
                                                     "membership_pk": ghanzi_seat.pk}) not in page
    removed = ale.post(reverse("planning:member_remove", kwargs={"project_pk": world["project"].pk,
                                                                 "membership_pk": ghanzi_seat.pk}), follow=True)
    assert "egen organisation" in removed.content.decode()
    assert ProjectMember.objects.filter(pk=ghanzi_seat.pk).exists()
    planner = user_with_role(ghanzi, Role.STAFF, email="planner@ghanzi.example.bw")
    ale.post(url, {"email": planner.email, "role": "member"})  # an Ale lead's form adds only Ale's people
    assert not ProjectMember.objects.filter(user=planner).exists()


def test_adding_an_owner_answers_the_same_for_an_unknown_name_and_an_unknown_person(world, org, ghanzi):
    from radslag.organisations.tests.factories import OrganisationFactory

    kgalagadi = OrganisationFactory(name="Kgalagadi District Council", slug="kgalagadi", hostname="kg.example.bw")
    official = user_with_role(kgalagadi, Role.OFFICIAL, email="councillor@kgalagadi.example.bw")
    answers = set()
    for slug, email in (("finnsinte", "x@example.org"), ("kgalagadi", "nobody@kgalagadi.example.bw"),
                        ("kgalagadi", official.email), ("kgalagadi", world["partner_lead"].email)):
        with pytest.raises(services.DomainError) as refused:
            services.add_owner(project=world["project"], actor=world["ale_lead"], organisation=org,
                               partner_slug=slug, lead_email=email)
        answers.add(refused.value.message)
    assert len(answers) == 1 and "Kgalagadi" not in answers.pop()
    assert not world["project"].owners.filter(pk=kgalagadi.pk).exists()
    # An owner already in the project cannot be "added" again to make someone its lead.
    with pytest.raises(services.DomainError, match="äger redan"):
        services.add_owner(project=world["project"], actor=world["ale_lead"], organisation=org,
                           partner_slug="ghanzi", lead_email="planner@ghanzi.example.bw")
