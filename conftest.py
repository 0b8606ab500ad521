"""Fixtures every app's tests share: a municipality, its people by role, a client on its host,
and a real SMTP server for tests where mail matters."""

import socket
import time

import pytest
from django.core import signing
from django.test import Client
from django.utils import translation

from radslag.accounts.models import Role
from radslag.accounts.tests.factories import user_with_role
from radslag.organisations.tests.factories import OrganisationFactory


@pytest.fixture(autouse=True)
def _no_staff_mfa_by_default(settings):
    # MFA enforcement has its own tests; other tests sign in staff without a TOTP device.
    settings.RADSLAG_STAFF_MFA = False


@pytest.fixture(autouse=True)
def _interface_language_reset():
    # A request through the test client activates the visitor's language in this thread, and it
    # stays active after the request (as it does in a server thread until the next request). Each
    # test starts from the site's default language so that no test depends on which ran before it
    # in the same worker: CI once saw English error messages after an English request.
    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture
def steady_signing_clock(monkeypatch):
    """Sign every token in the test with one timestamp.

    Links in mail and on pages carry signed tokens stamped to the second; a test that builds the expected
    link after the code did would otherwise see another token whenever the clock passes a second.
    """
    now = signing.b62_encode(int(time.time()))
    monkeypatch.setattr(signing.TimestampSigner, "timestamp", lambda self: now)


@pytest.fixture
def org(db):
    return OrganisationFactory(name="Ale kommun", slug="ale", hostname="ale.example.se")


@pytest.fixture
def other_org(db):
    return OrganisationFactory(name="Grannkommun", slug="granne", hostname="granne.example.se")


@pytest.fixture
def client_for():
    """A test client whose requests go to the given municipality's host, signed in as `user` if given."""

    def make(organisation, user=None) -> Client:
        client = Client(HTTP_HOST=organisation.hostname)
        if user is not None:
            client.force_login(user)
        return client

    return make


@pytest.fixture
def staff(org):
    return user_with_role(org, Role.STAFF, email="staff@ale.example.se")


@pytest.fixture
def admin_user(org):
    return user_with_role(org, Role.ADMIN, email="admin@ale.example.se")


@pytest.fixture
def moderator(org):
    return user_with_role(org, Role.MODERATOR, email="moderator@ale.example.se")


@pytest.fixture
def resident(org):
    return user_with_role(org, Role.RESIDENT, email="invanare@example.se")


def pytest_collection_modifyitems(config, items):
    """Tests marked `postgres` need PostgreSQL's own features; on SQLite they skip and say why."""
    from django.conf import settings as django_settings

    if django_settings.DATABASES["default"]["ENGINE"].endswith("postgresql"):
        return
    skip = pytest.mark.skip(reason="needs PostgreSQL (set DATABASE_URL to a postgres:// database)")
    for item in items:
        if "postgres" in item.keywords:
            item.add_marker(skip)


class _Inbox:
    """Collects what the SMTP server received."""

    def __init__(self) -> None:
        self.messages: list[dict[str, object]] = []
        self.refused: set[str] = set()  # addresses the server answers "550 no such mailbox"

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refused:
            return "550 No such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        from email import message_from_bytes, policy

        message = message_from_bytes(envelope.content, policy=policy.default)
        self.messages.append({"to": envelope.rcpt_tos, "subject": str(message["subject"]),
                              "body": message.get_body(("plain",)).get_content(),
                              "list_unsubscribe": str(message["List-Unsubscribe"] or ""),
                              "list_unsubscribe_post": str(message["List-Unsubscribe-Post"] or "")})
        return "250 OK"


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server (aiosmtpd) on loopback; Django sends to it through its SMTP backend."""
    from aiosmtpd.controller import Controller

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    inbox = _Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_USE_TLS = "127.0.0.1", port, False
    yield inbox
    controller.stop()


@pytest.fixture
def shared_cache(settings):
    """A real cache (the tests' default is a dummy), empty, with a TLS proxy at 10.0.0.0/8: for throttles."""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                                   "LOCATION": "throttle-tests"}}
    settings.RADSLAG_TRUSTED_PROXIES = ["10.0.0.0/8"]
    from django.core.cache import cache

    cache.clear()
    return settings
