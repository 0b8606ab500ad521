"""A signed-in voter finds that they voted, never how; the link to them goes once the ballot has closed."""

import datetime as dt
import json

import pytest
from django.utils import timezone

from radslag.accounts.models import Role, User
from radslag.accounts.tests.factories import user_with_role
from radslag.audit.personal_data import kind
from radslag.voting.models import CastBallot, Eligibility, Method
from radslag.voting.services import cast_ballot
from radslag.voting.tests.factories import ballot_with_options, keys

pytestmark = pytest.mark.django_db


@pytest.fixture
def voter(org):
    return user_with_role(org, Role.RESIDENT, email="rostare@example.se", verification_level=User.Verification.EMAIL)


def vote(org, voter, title="Prioritering i Nol"):
    ballot = ballot_with_options(process__organisation=org, eligibility=Eligibility.RESIDENTS, method=Method.SINGLE,
                                 title=title)
    return cast_ballot(ballot=ballot, voter=voter, idempotency_key="resident-1", choices=keys(ballot)[1])


def close(cast):
    type(cast.ballot).objects.filter(pk=cast.ballot_id).update(opens_at=timezone.now() - dt.timedelta(days=41),
                                                               closes_at=timezone.now() - dt.timedelta(days=40))


def test_the_download_says_which_ballots_the_person_voted_in_but_not_how(client_for, org, voter):
    cast = vote(org, voter)

    response = client_for(org, voter).get("/mina-uppgifter/ladda-ner/")

    data = json.loads(response.content)
    assert data["ballots_cast"] == [{"ballot": "Prioritering i Nol", "dialogue": cast.ballot.process.title,
                                     "voted_on": timezone.localdate(cast.created_at).isoformat()}]
    text = response.content.decode()
    assert cast.receipt not in text and json.dumps(cast.choices) not in text


def test_erasure_removes_the_voter_only_from_closed_ballots_and_the_count_stays(org, voter):
    open_cast = vote(org, voter, "Öppen")
    closed_cast = vote(org, voter, "Stängd")
    close(closed_cast)

    changed = kind("voting.voter_links").erase(voter, org)

    assert changed == 1
    assert CastBallot.objects.get(pk=closed_cast.pk).voter is None
    assert CastBallot.objects.get(pk=open_cast.pk).voter == voter
    assert CastBallot.objects.get(pk=closed_cast.pk).choices == closed_cast.choices


def test_retention_destroys_only_the_voter_link_of_ballots_closed_long_enough_ago(org, voter):
    cast = vote(org, voter)
    close(cast)
    retention = kind("voting.voter_links").retention

    assert retention.due(org, timezone.now() - dt.timedelta(days=60)).count() == 0
    due = retention.due(org, timezone.now() - dt.timedelta(days=30))
    assert retention.destroy_rows(due) == 1
    assert CastBallot.objects.get(pk=cast.pk).voter is None
