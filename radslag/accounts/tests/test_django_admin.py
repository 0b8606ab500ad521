"""The Django admin goes through the site's sign-in, its throttling and the second factor."""

import pytest
from django.urls import reverse

from radslag.accounts.models import User

PASSWORD = "ett-långt-lösenord-77"


@pytest.fixture
def superuser(db):
    return User.objects.create_superuser("root@ale.example.se", PASSWORD)


@pytest.fixture(autouse=True)
def mfa_on(settings):
    settings.RADSLAG_STAFF_MFA = True


def pass_second_factor(client, user):
    session = client.session
    session["account_authentication_methods"] = [{"method": "mfa", "at": 0, "type": "totp"}]
    session["account_authentication_methods_user"] = str(user.pk)
    session.save()


def test_admin_login_page_sends_to_the_site_sign_in(client_for, org):
    response = client_for(org).get("/django-admin/login/?next=/django-admin/")
    assert response.status_code == 302
    assert response["Location"] == "/konto/login/?next=/django-admin/"


def test_posting_a_password_to_the_admin_login_signs_nobody_in(client_for, org, superuser):
    client = client_for(org)
    response = client.post("/django-admin/login/", {"username": superuser.email, "password": PASSWORD})
    assert response["Location"].startswith("/konto/login/")
    assert "_auth_user_id" not in client.session


def test_superuser_with_only_a_password_is_sent_to_the_second_factor(client_for, org, superuser):
    client = client_for(org, superuser)
    for url in ("/django-admin/", "/django-admin/accounts/user/", "/"):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("mfa_activate_totp")), url


def test_admin_site_refuses_a_session_without_the_second_factor_even_past_the_middleware(rf, superuser):
    from django.contrib import admin
    from django.contrib.sessions.backends.db import SessionStore

    request = rf.get("/django-admin/")
    request.user = superuser
    request.session = SessionStore()
    assert admin.site.has_permission(request) is False
    request.session["account_authentication_methods"] = [{"method": "mfa", "at": 0}]
    request.session["account_authentication_methods_user"] = str(superuser.pk)
    assert admin.site.has_permission(request) is True


def test_superuser_who_passed_the_second_factor_opens_the_admin(client_for, org, superuser):
    client = client_for(org, superuser)
    pass_second_factor(client, superuser)
    assert client.get("/django-admin/").status_code == 200
    assert client.get("/django-admin/login/")["Location"] == "/django-admin/"


def test_signed_in_non_staff_gets_no_admin(client_for, org, resident):
    assert client_for(org, resident).get("/django-admin/login/").status_code == 403
    assert client_for(org, resident).get("/django-admin/")["Location"].startswith("/django-admin/login/")
