"""Browser journeys: one headless Debian Chromium per session, a live Django server, a municipality on its host."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from urllib.parse import urlsplit

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings as django_settings
from django.test import Client
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

from radslag.accounts.models import Role
from radslag.accounts.tests.factories import user_with_role
from radslag.dialogues.tests.factories import ActivityFactory, ProcessFactory, TableFactory
from radslag.organisations.tests.factories import OrganisationFactory

CHROMIUM = os.environ.get("RADSLAG_E2E_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
PHONE = {"width": 375, "height": 740}
DESKTOP = {"width": 1280, "height": 900}
# Short enough that a missing element fails the test quickly, long enough for a 2-core machine.
STEP_TIMEOUT_MS = 10_000


@pytest.fixture(scope="session")
def allow_orm_beside_playwright() -> Iterator[None]:
    """Playwright's sync API keeps an asyncio loop running in the test thread, so Django's async-safety
    guard would refuse the ORM calls tests make between browser steps. The tests are synchronous code
    that merely shares the thread with that loop, which is what DJANGO_ALLOW_ASYNC_UNSAFE is for.
    Set only while the browser runs, so that other tests in the same session keep the guard."""
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    yield
    if previous is None:
        del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(scope="session")
def chromium(allow_orm_beside_playwright) -> Iterator[Browser]:
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"Chromium is not installed at {CHROMIUM} (make system-deps installs it)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def e2e_settings(settings):
    """Settings for the live server thread (same process, so overrides reach it)."""
    settings.RADSLAG_STAFF_MFA = False
    settings.RADSLAG_DEFAULT_ORGANISATION = ""
    return settings


@pytest.fixture
def site(live_server, transactional_db, e2e_settings):
    """The municipality served at the live server's host name."""
    hostname = urlsplit(live_server.url).hostname
    return OrganisationFactory(name="Ale kommun", slug="ale", hostname=hostname)


@pytest.fixture
def new_context(chromium: Browser, live_server) -> Iterator[Callable[..., BrowserContext]]:
    """Makes browser contexts on the live server; all are closed after the test, which fails if the
    browser refused anything under the Content-Security-Policy (an inline script or style left behind)."""
    contexts: list[BrowserContext] = []
    refused: list[str] = []

    def make(*, viewport: dict | None = None, javascript: bool = True) -> BrowserContext:
        context = chromium.new_context(
            base_url=live_server.url,
            viewport=viewport or DESKTOP,
            java_script_enabled=javascript,
            locale="sv-SE",
            timezone_id="Europe/Stockholm",
        )
        context.set_default_timeout(STEP_TIMEOUT_MS)
        context.on("console", lambda message: refused.append(message.text)
                   if "Content Security Policy" in message.text else None)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()
    assert refused == [], f"the browser refused under the Content-Security-Policy: {refused}"


@pytest.fixture
def page(new_context) -> Page:
    """A desktop page for an anonymous visitor."""
    return new_context().new_page()


def sign_in(context: BrowserContext, user, base_url: str) -> None:
    """Gives the browser the session cookie of a signed-in `user` (skips the login form)."""
    client = Client()
    client.force_login(user)
    cookie = client.cookies[django_settings.SESSION_COOKIE_NAME]
    context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": base_url}])


@pytest.fixture
def page_as(new_context, live_server) -> Callable[..., Page]:
    """A page signed in as the given user: `page_as(user, viewport=PHONE)`."""

    def make(user, **context_options) -> Page:
        context = new_context(**context_options)
        sign_in(context, user, live_server.url)
        return context.new_page()

    return make


@pytest.fixture
def process(site):
    """A published process open for online input, with an evening, one table and rules to moderate by."""
    process = ProcessFactory(
        organisation=site, title="Mötesplatser i Nödinge", slug="motesplatser-i-nodinge",
        input_question="Vad gör en mötesplats bra för dig?",
    )
    evening = ActivityFactory(process=process, title="Dialogkväll på Ale gymnasium")
    TableFactory(activity=evening, name="Bord 1")
    TableFactory(activity=evening, name="Bord 2")
    return process


def person(site, role: str, email: str):
    """A user with one role in the municipality and a verified e-mail address (allauth requires one)."""
    user = user_with_role(site, role, email=email)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


@pytest.fixture
def staff_member(site):
    return person(site, Role.STAFF, "processledare@ale.example.se")


@pytest.fixture
def administrator(site):
    return person(site, Role.ADMIN, "admin@ale.example.se")
