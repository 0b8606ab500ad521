"""Sign-in with e-ID through a real OpenID Connect broker (django-oauth-toolkit in its own process).

The test plays the browser with a real HTTP client: the button on our login page, the broker's
login, the redirect back to our callback, and our server's own calls to the broker's token,
userinfo and key endpoints, with signed ID tokens and PKCE.
"""

from __future__ import annotations

import json
import re
from html import unescape
from urllib.parse import urljoin, urlsplit

import pytest
import requests
from allauth.socialaccount.models import SocialAccount
from django.apps import apps
from django.db import models

from radslag.accounts.eid import personal_number_hash
from radslag.accounts.models import User
from radslag.organisations.tests.factories import OrganisationFactory
from tests.oidc_provider.process import running_broker

PERSONAL_NUMBER = "198507099805"
PEOPLE = {
    "anna": {"password": "anna-lösen", "claims": {
        "email": "anna.andersson@example.se", "email_verified": True, "name": "Anna Andersson",
        "given_name": "Anna", "family_name": "Andersson", "birthdate": "1985-07-09",
        "https://id.oidc.se/claim/personalIdentityNumber": PERSONAL_NUMBER,
    }},
    # The same person through another broker account (another sub, another e-mail).
    "anna-freja": {"password": "anna-lösen", "claims": {
        "email": "anna@frejamail.example", "email_verified": True, "name": "Anna Andersson",
        "https://id.oidc.se/claim/personalIdentityNumber": "19850709-9805",
    }},
    # Brokers often send no e-mail address: the person gives one on our sign-up form.
    "bertil": {"password": "bertil-lösen", "claims": {
        "name": "Bertil Berg", "https://id.oidc.se/claim/personalIdentityNumber": "194402299813",
    }},
}
CLIENT_ID, CLIENT_SECRET = "radslag-test", "hemlig-klientnyckel-123"


@pytest.fixture
def broker(live_server, tmp_path):
    with running_broker(redirect_uri=f"{live_server.url}/konto/oidc/eid/login/callback/", people=PEOPLE,
                        client_id=CLIENT_ID, client_secret=CLIENT_SECRET, workdir=tmp_path) as url:
        yield url


@pytest.fixture
def eid_site(live_server, broker, settings):
    settings.RADSLAG_STAFF_MFA = False
    settings.RADSLAG_DEFAULT_ORGANISATION = ""
    settings.SOCIALACCOUNT_PROVIDERS = {"openid_connect": {"OAUTH_PKCE_ENABLED": True, "APPS": [{
        "provider_id": "eid", "name": "E-legitimation", "client_id": CLIENT_ID, "secret": CLIENT_SECRET,
        "settings": {"server_url": broker, "scope": settings.RADSLAG_OIDC_SCOPES},
    }]}}
    settings.RADSLAG_CSP_FORM_ACTION = [broker]
    return OrganisationFactory(name="Ale kommun", slug="ale", hostname=urlsplit(live_server.url).hostname)


def form_on(page: requests.Response, button: str) -> tuple[str, dict[str, str]]:
    """The action and hidden fields of the form holding the button with this text."""
    for form in re.findall(r"<form\b.*?</form>", page.text, flags=re.S):
        if button in form:
            found = re.search(r'action="([^"]*)"', form)
            action = unescape(found.group(1)) if found else ""
            fields = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', form))
            return urljoin(page.url, action), {k: unescape(v) for k, v in fields.items()}
    raise AssertionError(f"no form with {button!r} on {page.url}")


def sign_in_with_eid(base_url: str, username: str) -> requests.Session:
    browser = requests.Session()
    login_page = browser.get(f"{base_url}/konto/login/")
    action, fields = form_on(login_page, "Logga in med e-legitimation")
    broker_page = browser.post(action, data=fields, headers={"Referer": login_page.url})
    assert urlsplit(broker_page.url).path == "/login/", broker_page.url
    action, fields = form_on(broker_page, "Legitimera")
    fields.update(username=username, password=PEOPLE[username]["password"])
    back_home = browser.post(action, data=fields, headers={"Referer": broker_page.url})
    assert back_home.status_code == 200 and back_home.url.startswith(base_url), back_home.url
    browser.last_page = back_home  # type: ignore[attr-defined]
    return browser


def stored_text_containing(needle: str) -> list[str]:
    """Every text or JSON column of every table (sessions included) that holds `needle`."""
    found = []
    for model in apps.get_models():
        columns = [f.name for f in model._meta.concrete_fields
                   if isinstance(f, models.CharField | models.TextField | models.JSONField)]
        for row in model.objects.values(*columns):
            found += [f"{model._meta.label}.{name}" for name, value in row.items() if needle in str(value)]
    return found


def session_data_containing(needle: str) -> bool:
    from django.contrib.sessions.models import Session

    return any(needle in json.dumps(session.get_decoded(), default=str) for session in Session.objects.all())


def test_resident_signs_in_with_eid_and_is_verified_with_only_a_hash_of_the_number(eid_site, live_server):
    browser = sign_in_with_eid(live_server.url, "anna")

    user = User.objects.get(email="anna.andersson@example.se")
    assert user.verification_level == User.Verification.EID
    assert user.birth_year == 1985
    assert user.personal_number_hash == personal_number_hash(PERSONAL_NUMBER)
    assert user.first_name == "Anna"
    assert browser.get(f"{live_server.url}/mina-uppgifter/").status_code == 200  # signed in
    # The number itself is nowhere: not in the account, the broker's stored claims, nor the sessions.
    assert stored_text_containing(PERSONAL_NUMBER) == []
    assert stored_text_containing("1985-07-09") == []
    assert not session_data_containing(PERSONAL_NUMBER)
    assert "eid" in SocialAccount.objects.filter(user=user).values_list("provider", flat=True)


def test_the_same_person_through_another_broker_account_reaches_the_same_account(eid_site, live_server):
    sign_in_with_eid(live_server.url, "anna")
    browser = sign_in_with_eid(live_server.url, "anna-freja")

    assert User.objects.filter(personal_number_hash=personal_number_hash(PERSONAL_NUMBER)).count() == 1
    assert not User.objects.filter(email="anna@frejamail.example").exists()
    anna = User.objects.get(email="anna.andersson@example.se")
    assert SocialAccount.objects.filter(user=anna).count() == 2
    own_data = browser.get(f"{live_server.url}/mina-uppgifter/ladda-ner/").json()
    assert own_data["profile"]["email"] == anna.email


def test_login_page_offers_eid_only_when_configured(client_for, org, settings):
    settings.SOCIALACCOUNT_PROVIDERS = {"openid_connect": {"APPS": []}}
    assert "e-legitimation" not in client_for(org).get("/konto/login/").content.decode()
    settings.SOCIALACCOUNT_PROVIDERS = {"openid_connect": {"APPS": [{
        "provider_id": "eid", "name": "E-legitimation", "client_id": "x", "secret": "y",
        "settings": {"server_url": "https://broker.example.se"},
    }]}}
    page = client_for(org).get("/konto/login/").content.decode()
    assert "Logga in med e-legitimation" in page
    assert 'action="/konto/oidc/eid/login/?process=login"' in page


def signed_in_with_password(base_url: str, user: User, password: str) -> requests.Session:
    from allauth.account.models import EmailAddress

    EmailAddress.objects.get_or_create(user=user, email=user.email, defaults={"verified": True, "primary": True})
    browser = requests.Session()
    page = browser.get(f"{base_url}/konto/login/")
    _, fields = form_on(page, 'name="password"')
    response = browser.post(f"{base_url}/konto/login/", data={**fields, "login": user.email, "password": password},
                            headers={"Referer": page.url})
    assert response.url == f"{base_url}/", response.url
    return browser


def connect_eid(browser: requests.Session, base_url: str, username: str) -> requests.Response:
    page = browser.get(f"{base_url}/konto/login/")  # any page gives the CSRF cookie
    token = browser.cookies["csrftoken"]
    broker_page = browser.post(f"{base_url}/konto/oidc/eid/login/?process=connect",
                               data={"csrfmiddlewaretoken": token}, headers={"Referer": page.url})
    action, fields = form_on(broker_page, "Legitimera")
    fields.update(username=username, password=PEOPLE[username]["password"])
    return browser.post(action, data=fields, headers={"Referer": broker_page.url})


def test_a_signed_in_resident_who_adds_e_id_becomes_verified(eid_site, live_server):
    resident = User.objects.create_user("bo@example.se", "bos-långa-lösenord")
    browser = signed_in_with_password(live_server.url, resident, "bos-långa-lösenord")
    connect_eid(browser, live_server.url, "anna")
    resident.refresh_from_db()
    assert resident.verification_level == User.Verification.EID
    assert resident.personal_number_hash == personal_number_hash(PERSONAL_NUMBER)


def test_an_e_id_already_on_another_account_is_not_added_to_a_second(eid_site, live_server):
    sign_in_with_eid(live_server.url, "anna")
    other = User.objects.create_user("bo@example.se", "bos-långa-lösenord")
    browser = signed_in_with_password(live_server.url, other, "bos-långa-lösenord")
    page = connect_eid(browser, live_server.url, "anna-freja")
    other.refresh_from_db()
    assert other.verification_level != User.Verification.EID and other.personal_number_hash is None
    assert "hör redan till ett annat konto" in page.text


def test_without_an_e_mail_from_the_broker_the_person_gives_one_and_is_still_verified(eid_site, live_server):
    browser = sign_in_with_eid(live_server.url, "bertil")
    signup = browser.last_page  # type: ignore[attr-defined]
    assert signup.url == f"{live_server.url}/konto/3rdparty/signup/"
    assert "194402299813" not in signup.text
    action, fields = form_on(signup, 'name="email"')
    browser.post(action, data={**fields, "email": "bertil@example.se"}, headers={"Referer": signup.url})

    bertil = User.objects.get(email="bertil@example.se")
    assert bertil.verification_level == User.Verification.EID and bertil.birth_year == 1944
    assert bertil.personal_number_hash == personal_number_hash("194402299813")
    assert stored_text_containing("194402299813") == []
    assert not session_data_containing("194402299813")
