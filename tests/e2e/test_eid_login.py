"""Signing in with e-ID in a real browser, through a real OpenID Connect broker, with the CSP on."""

import re

import pytest
from playwright.sync_api import expect

from radslag.accounts.models import User
from radslag.accounts.tests.test_eid_sign_in import CLIENT_ID, CLIENT_SECRET, PEOPLE
from tests.oidc_provider.process import running_broker

pytestmark = pytest.mark.e2e


@pytest.fixture
def broker(live_server, tmp_path, e2e_settings):
    with running_broker(redirect_uri=f"{live_server.url}/konto/oidc/eid/login/callback/", people=PEOPLE,
                        client_id=CLIENT_ID, client_secret=CLIENT_SECRET, workdir=tmp_path) as url:
        e2e_settings.SOCIALACCOUNT_PROVIDERS = {"openid_connect": {"OAUTH_PKCE_ENABLED": True, "APPS": [{
            "provider_id": "eid", "name": "E-legitimation", "client_id": CLIENT_ID, "secret": CLIENT_SECRET,
            "settings": {"server_url": url, "scope": e2e_settings.RADSLAG_OIDC_SCOPES},
        }]}}
        e2e_settings.RADSLAG_CSP_FORM_ACTION = [url]
        yield url


def test_resident_signs_in_with_e_id_and_is_verified(site, page, broker, live_server):
    """The button leads to the broker and back; the account is verified with e-ID; nothing breaks the CSP."""
    refused = []
    page.on("console", lambda message: refused.append(message.text) if "Content Security Policy" in message.text
            else None)
    page.goto("/konto/login/")
    page.get_by_role("button", name="Logga in med e-legitimation").click()

    expect(page).to_have_url(re.compile(r"^http://127\.0\.0\.1:\d+/login/"))
    page.get_by_label("Användare").fill("anna")
    page.get_by_label("Lösenord").fill(PEOPLE["anna"]["password"])
    page.get_by_role("button", name="Legitimera").click()

    expect(page).to_have_url(f"{live_server.url}/")
    expect(page.get_by_role("status")).to_contain_text("Du har loggat in")
    user = User.objects.get(email="anna.andersson@example.se")
    assert user.verification_level == User.Verification.EID and user.birth_year == 1985
    assert refused == []
