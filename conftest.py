"""Fixtures every app's tests share: a municipality, its people by role, a client on its host."""

import pytest
from django.test import Client

from radslag.accounts.models import Role
from radslag.accounts.tests.factories import user_with_role
from radslag.organisations.tests.factories import OrganisationFactory


@pytest.fixture(autouse=True)
def _no_staff_mfa_by_default(settings):
    # MFA enforcement has its own tests; other tests sign in staff without a TOTP device.
    settings.RADSLAG_STAFF_MFA = False


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
