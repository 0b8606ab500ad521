"""The municipality of a request is found from its host name in one query, on every request."""

import pytest

from radslag.organisations.middleware import resolve_organisation
from radslag.organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def test_exact_host_name_wins_over_the_default_site(django_assert_num_queries):
    OrganisationFactory(hostname="")
    ale = OrganisationFactory(hostname="dialog.ale.se")
    with django_assert_num_queries(1):
        assert resolve_organisation("DIALOG.ale.se:443") == ale


def test_unknown_host_gets_the_site_without_a_host_name(django_assert_num_queries):
    default = OrganisationFactory(hostname="")
    OrganisationFactory(hostname="dialog.ale.se")
    with django_assert_num_queries(1):
        assert resolve_organisation("[::1]:8000") == default


def test_configured_default_is_used_for_unknown_hosts(settings):
    OrganisationFactory(hostname="")
    chosen = OrganisationFactory(slug="ghanzi", hostname="ghanzi.example.org")
    settings.RADSLAG_DEFAULT_ORGANISATION = "ghanzi"
    assert resolve_organisation("localhost") == chosen
