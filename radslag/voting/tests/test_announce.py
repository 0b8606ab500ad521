"""Publishing a ballot's results tells those who follow the process or its focus areas, once."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from radslag.dialogues.tests.factories import followed_process
from radslag.voting.services import close_ballot, publish_results
from radslag.voting.tests.factories import ballot_with_options

pytestmark = pytest.mark.django_db


@pytest.fixture
def followed(org):
    return followed_process(org, title="Mötesplatser i Nödinge", title_en="Meeting places")


def test_published_ballot_results_are_one_mail_per_person(org, staff, followed, django_capture_on_commit_callbacks):
    now = timezone.now()
    ballot = ballot_with_options(process=followed, organisation=org, title="Vilken mötesplats först?",
                                 opens_at=now - dt.timedelta(days=2))
    close_ballot(ballot=ballot, user=staff, at=now - dt.timedelta(hours=1))
    with django_capture_on_commit_callbacks(execute=True):
        publish_results(ballot=ballot, user=staff)
    assert sorted(m.to[0] for m in mail.outbox) == ["anna@example.se", "bo@example.se"]
    assert "Vilken mötesplats först?" in mail.outbox[0].subject
    assert f"/rosta/{ballot.pk}/resultat/" in mail.outbox[0].body
