import pytest

from radslag.organisations.tests.factories import OrganisationFactory
from radslag.planning.tests.factories import shared_project


@pytest.fixture
def ghanzi(db):
    return OrganisationFactory(name="Ghanzi District Council", slug="ghanzi", hostname="ghanzi.example.bw",
                               default_language="en")


@pytest.fixture
def world(org, ghanzi):
    return shared_project(org, ghanzi)
