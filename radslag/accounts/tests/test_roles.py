"""Administrators give and take away roles; every change is in the audit log."""

import io

import pytest
from allauth.account.models import EmailAddress
from django.core.management import call_command

from radslag.accounts.models import Membership, Role, User
from radslag.accounts.tests.factories import UserFactory, user_with_role
from radslag.audit.models import AuditEvent


def test_signed_out_visitor_is_sent_to_sign_in(client_for, org):
    response = client_for(org).get("/personal/roller/")
    assert response.status_code == 302 and response["Location"].startswith("/konto/login/")


@pytest.mark.parametrize("person", ["resident", "staff", "moderator"])
def test_only_administrators_manage_roles(client_for, org, person, request):
    user = request.getfixturevalue(person)
    assert client_for(org, user).get("/personal/roller/").status_code == 403


def test_admin_sees_members_of_their_own_municipality_only(client_for, org, other_org, admin_user, staff):
    user_with_role(other_org, Role.ADMIN, email="chef@granne.example.se")
    page = client_for(org, admin_user).get("/personal/roller/").content.decode()
    assert staff.email in page and "Personal" in page
    assert "chef@granne.example.se" not in page


def test_admin_adds_a_role_by_email(client_for, org, admin_user):
    person = UserFactory(email="ny@ale.example.se")
    response = client_for(org, admin_user).post("/personal/roller/", {"email": "NY@ale.example.se", "role": "staff"})
    assert response.status_code == 302
    assert Membership.objects.filter(user=person, organisation=org, role=Role.STAFF).exists()
    event = AuditEvent.objects.get(organisation=org, action="role.added")
    assert event.actor == admin_user and event.data == {"user": person.email, "role": "staff"}


def test_adding_a_role_to_an_unknown_email_explains_why(client_for, org, admin_user):
    response = client_for(org, admin_user).post("/personal/roller/", {"email": "okand@example.se", "role": "staff"})
    assert "Det finns inget konto med e-postadressen okand@example.se." in response.content.decode()
    assert not AuditEvent.objects.filter(action="role.added").exists()


def test_admin_removes_a_role(client_for, org, admin_user, staff):
    membership = Membership.objects.get(user=staff, organisation=org)
    response = client_for(org, admin_user).post(f"/personal/roller/{membership.pk}/ta-bort/")
    assert response.status_code == 302
    assert not Membership.objects.filter(pk=membership.pk).exists()
    assert AuditEvent.objects.get(organisation=org, action="role.removed").data["user"] == staff.email


def test_admin_cannot_remove_their_own_admin_role(client_for, org, admin_user):
    user_with_role(org, Role.ADMIN, email="annan-admin@ale.example.se")
    membership = Membership.objects.get(user=admin_user, organisation=org)
    response = client_for(org, admin_user).post(f"/personal/roller/{membership.pk}/ta-bort/", follow=True)
    assert "Du kan inte ta bort din egen administratörsroll." in response.content.decode()
    assert Membership.objects.filter(pk=membership.pk).exists()
    assert not AuditEvent.objects.filter(action="role.removed").exists()


def test_another_municipalitys_role_is_404(client_for, org, other_org, admin_user):
    foreign = Membership.objects.get(user=user_with_role(other_org, Role.STAFF), organisation=other_org)
    assert client_for(org, admin_user).post(f"/personal/roller/{foreign.pk}/ta-bort/").status_code == 404
    assert Membership.objects.filter(pk=foreign.pk).exists()


def test_create_staff_command_creates_a_verified_account_with_a_role(org):
    out = io.StringIO()
    call_command("create_staff", "--organisation", "ale", "--email", "Anna@Ale.se", "--role", "admin", stdout=out)
    user = User.objects.get(email__iexact="anna@ale.se")
    assert not user.has_usable_password()
    assert EmailAddress.objects.get(user=user).verified
    assert Membership.objects.filter(user=user, organisation=org, role=Role.ADMIN).exists()
    assert AuditEvent.objects.filter(organisation=org, action="role.added").count() == 1
    call_command("create_staff", "--organisation", "ale", "--email", "anna@ale.se", "--role", "admin", stdout=out)
    assert Membership.objects.filter(user=user).count() == 1
