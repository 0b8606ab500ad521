"""Two-factor authentication for staff, and the allauth pages inside the site's layout."""

import pytest
from allauth.mfa.models import Authenticator
from django.core import mail
from django.urls import reverse

from radslag.accounts.models import User


@pytest.fixture
def mfa_on(settings):
    settings.RADSLAG_STAFF_MFA = True


def test_staff_without_totp_is_sent_to_set_it_up(client_for, org, staff, mfa_on):
    for url in ("/personal/", "/personal/sidfeedback/"):
        response = client_for(org, staff).get(url)
        assert response.status_code == 302
        assert response["Location"] == reverse("mfa_activate_totp") + "?next=" + url.replace("/", "%2F")


def test_admin_without_totp_is_sent_to_set_it_up(client_for, org, admin_user, mfa_on):
    location = client_for(org, admin_user).get("/personal/roller/")["Location"]
    assert location == reverse("mfa_activate_totp") + "?next=%2Fpersonal%2Froller%2F"


def test_staff_with_totp_gets_in_once_the_session_passed_it(client_for, org, staff, mfa_on):
    """An enrolled device alone no longer opens staff pages (see test_second_factor); a session that used it does."""
    Authenticator.objects.create(user=staff, type=Authenticator.Type.TOTP, data={"secret": "JBSWY3DPEHPK3PXP"})
    client = client_for(org, staff)
    assert client.get("/personal/sidfeedback/")["Location"].startswith(reverse("mfa_reauthenticate"))
    session = client.session
    session["account_authentication_methods"] = [{"method": "mfa", "at": 0, "type": "totp"}]
    session["account_authentication_methods_user"] = str(staff.pk)
    session.save()
    assert client.get("/personal/sidfeedback/").status_code == 200


def test_resident_is_never_asked_for_a_second_factor(client_for, org, resident, mfa_on):
    assert client_for(org, resident).get("/personal/sidfeedback/").status_code == 403
    assert client_for(org, resident).get("/mina-uppgifter/").status_code == 200


def test_sign_in_page_uses_the_site_layout_with_labelled_fields(client_for, org):
    page = client_for(org).get("/konto/login/").content.decode()
    assert "Ale kommun" in page
    assert 'href="#main"' in page
    assert '<label for="id_login">' in page and '<label for="id_password">' in page
    assert page.count("<h1") == 1


def test_wrong_password_shows_an_error_summary(client_for, org, resident):
    response = client_for(org).post("/konto/login/", {"login": resident.email, "password": "fel-lösenord"})
    assert response.status_code == 200
    assert 'class="error-summary"' in response.content.decode()


def test_sign_up_creates_an_account_and_sends_a_verification_mail(client_for, org):
    response = client_for(org).post("/konto/signup/", {
        "email": "ny.invanare@example.se", "password1": "ett-bra-lösenord-42", "password2": "ett-bra-lösenord-42"})
    assert response.status_code == 302
    assert User.objects.filter(email="ny.invanare@example.se").exists()
    assert mail.outbox and mail.outbox[0].to == ["ny.invanare@example.se"]


def test_two_factor_pages_render_in_the_site_layout(client_for, org, staff):
    """Setting up TOTP first asks for the password again; both pages use the site's layout."""
    response = client_for(org, staff).get(reverse("mfa_activate_totp"), follow=True)
    page = response.content.decode()
    assert response.status_code == 200
    assert 'href="#main"' in page
    assert '<label for="id_password">' in page
