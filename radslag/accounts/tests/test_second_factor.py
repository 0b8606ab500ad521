"""Every privileged session passes the second factor before any page with staff work opens."""

import base64
import hashlib
import hmac
import struct
import time

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.utils import encrypt
from django.urls import reverse

from radslag.accounts.middleware import LAST_SEEN_KEY
from radslag.accounts.models import MFA_ROLES, Role, User
from radslag.accounts.tests.factories import user_with_role

PASSWORD = "lösenord-123"
SECRET = "JBSWY3DPEHPK3PXP"


@pytest.fixture(autouse=True)
def mfa_on(settings):
    settings.RADSLAG_STAFF_MFA = True


def totp_code(secret: str, at: float | None = None) -> str:
    """RFC 6238 (30 s, 6 digits, SHA-1), written here from the RFC rather than taken from allauth."""
    counter = int((at or time.time()) // 30)
    digest = hmac.new(base64.b32decode(secret), struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    return f"{(struct.unpack('>I', digest[offset:offset + 4])[0] & 0x7FFFFFFF) % 1_000_000:06d}"


def with_totp(user: User) -> User:
    Authenticator.objects.create(user=user, type=Authenticator.Type.TOTP, data={"secret": encrypt(SECRET)})
    return user


def verified(user: User) -> User:
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def test_the_rfc_code_in_these_tests_matches_the_rfc_6238_test_vector():
    secret = base64.b32encode(b"12345678901234567890").decode()
    assert totp_code(secret, at=59) == "287082"


@pytest.mark.parametrize("role", sorted(MFA_ROLES))
def test_every_privileged_role_without_totp_is_sent_to_set_it_up_from_any_page(client_for, org, role):
    client = client_for(org, user_with_role(org, role, email=f"{role}@ale.example.se"))
    for url in ("/personal/", "/", "/dialoger/", "/mina-uppgifter/"):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("mfa_activate_totp")), url


def test_roles_outside_mfa_roles_are_not_asked(client_for, org):
    for role in set(Role) - set(MFA_ROLES):
        client = client_for(org, user_with_role(org, role, email=f"{role}@ale.example.se"))
        assert client.get("/mina-uppgifter/").status_code == 200, role


def test_an_enrolled_device_is_not_enough_the_session_must_have_passed_it(client_for, org, staff):
    """A password-only session of someone with TOTP is asked for a code, then comes back to the page."""
    client = client_for(org, with_totp(staff))
    response = client.get("/personal/sidfeedback/")
    assert response["Location"] == reverse("mfa_reauthenticate") + "?next=%2Fpersonal%2Fsidfeedback%2F"

    response = client.post(response["Location"], {"code": totp_code(SECRET)})
    assert response.status_code == 302 and response["Location"] == "/personal/sidfeedback/"
    assert client.get("/personal/sidfeedback/").status_code == 200


def test_sign_in_with_password_and_code_opens_staff_pages(client_for, org, staff):
    client = client_for(org)
    verified(with_totp(staff))
    response = client.post("/konto/login/", {"login": staff.email, "password": PASSWORD})
    assert response["Location"] == reverse("mfa_authenticate")
    assert client.get("/personal/").status_code == 302  # not signed in yet: only the password was given

    client.post(reverse("mfa_authenticate"), {"code": totp_code(SECRET)})
    assert client.get("/personal/").status_code == 200


@pytest.mark.django_db(transaction=True)  # allauth announces the new device on commit, before the response
def test_setting_up_totp_counts_as_passing_it(client_for, org, staff):
    """Activation takes a valid code from the app, so the new device opens staff pages at once."""
    client = client_for(org)
    verified(staff)
    client.post("/konto/login/", {"login": staff.email, "password": PASSWORD})
    assert client.get("/personal/")["Location"].startswith(reverse("mfa_activate_totp"))

    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})  # allauth asks again before setup
    page = client.get(reverse("mfa_activate_totp"))
    secret = page.context["form"].secret
    response = client.post(reverse("mfa_activate_totp"), {"code": totp_code(secret)})
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Authenticator.objects.filter(user=staff, type=Authenticator.Type.TOTP).exists()
    assert client.get("/personal/").status_code == 200


def test_setup_and_sign_out_stay_reachable_without_the_second_factor(client_for, org, staff):
    client = client_for(org, staff)
    setup = client.get(reverse("mfa_activate_totp"), follow=True)  # asks for the password again first
    assert setup.status_code == 200 and setup.redirect_chain[-1][0].startswith("/konto/")
    response = client.post(reverse("account_logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_residents_are_never_asked_for_a_second_factor(client_for, org, resident):
    assert client_for(org, resident).get("/personal/sidfeedback/").status_code == 403
    assert client_for(org, resident).get("/mina-uppgifter/").status_code == 200


def test_idle_privileged_session_is_signed_out(client_for, org, staff, settings):
    settings.RADSLAG_STAFF_MFA = False
    settings.RADSLAG_STAFF_IDLE_MINUTES = 30
    client = client_for(org, staff)
    assert client.get("/personal/").status_code == 200
    session = client.session
    session[LAST_SEEN_KEY] = time.time() - 31 * 60
    session.save()

    response = client.get("/personal/")
    assert response.status_code == 302 and response["Location"].startswith("/konto/login/")
    assert "_auth_user_id" not in client.session


def test_active_privileged_session_and_idle_resident_stay_signed_in(client_for, org, staff, resident, settings):
    settings.RADSLAG_STAFF_MFA = False
    client = client_for(org, staff)
    client.get("/personal/")
    session = client.session
    session[LAST_SEEN_KEY] = time.time() - 29 * 60
    session.save()
    assert client.get("/personal/").status_code == 200

    resident_client = client_for(org, resident)
    resident_client.get("/mina-uppgifter/")
    assert LAST_SEEN_KEY not in resident_client.session
