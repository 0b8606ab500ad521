"""The open ballot's throttle tells voters behind one TLS proxy apart."""

import re

import pytest

from radslag.voting.models import CastBallot, Eligibility
from radslag.voting.tests.factories import ballot_with_options, keys


@pytest.mark.django_db
def test_open_ballot_voters_behind_one_proxy_are_told_apart(shared_cache, client_for, org):
    shared_cache.RADSLAG_THROTTLE_RATES = {"open_ballot": "1/600"}
    ballot = ballot_with_options(process__organisation=org, eligibility=Eligibility.OPEN)
    first = keys(ballot)[0]

    def vote(address, n):
        client = client_for(org)
        page = client.get(f"/rosta/{ballot.pk}/").content.decode()
        key = re.search(r'name="idempotency_key" value="([^"]+)"', page).group(1)
        return client.post(f"/rosta/{ballot.pk}/", {"idempotency_key": key, f"dots_{first}": "1"},
                           REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=address)

    assert vote("203.0.113.9", 1).status_code == 302
    assert vote("203.0.113.10", 1).status_code == 302
    assert vote("203.0.113.9", 2).status_code == 429
    assert CastBallot.objects.count() == 2  # the ballots keep no trace of the address (Trust, part 2)
