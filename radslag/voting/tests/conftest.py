"""Shared fixtures: an open dot ballot of the test municipality and a sheet of five codes for it."""

import pytest

from radslag.voting.codes import derive_code
from radslag.voting.services import generate_codes
from radslag.voting.tests.factories import ballot_with_options


@pytest.fixture
def ballot(org):
    return ballot_with_options(process__organisation=org)


@pytest.fixture
def codes(ballot, staff):
    batch = generate_codes(ballot=ballot, user=staff, count=5, label="Möte 6 mars")
    return [derive_code(batch.salt, n) for n in range(1, 6)]
