"""The hot path for code ballots through the JSON endpoint: the same answers as the general path, fewer statements."""

import datetime as dt
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from radslag.analysis.tallies import tally_dots
from radslag.dialogues.models import DialogueProcess
from radslag.voting.models import CastBallot, VotingCode
from radslag.voting.results import count_ballot
from radslag.voting.services import cast_ballot, cast_with_code
from radslag.voting.tests.factories import ballot_with_options, keys

pytestmark = pytest.mark.django_db


def post(client, ballot, code, choices, key="kiosk-key-0001"):
    body = json.dumps({"code": code, "idempotency_key": key, "choices": choices})
    return client.post(f"/rosta/{ballot.pk}/api/rosta/", body, content_type="application/json")


def unused(ballot) -> int:
    return VotingCode.objects.filter(ballot=ballot, used_at__isnull=True).count()


def test_a_first_ballot_takes_three_statements_and_is_stored_like_any_other(client_for, org, ballot, codes):
    first, second = keys(ballot)[:2]
    with CaptureQueriesContext(connection) as queries:
        response = post(client_for(org), ballot, codes[0], {first: 3, second: 2})
    assert response.status_code == 201
    writes = [q["sql"] for q in queries.captured_queries if not q["sql"].startswith(("SAVEPOINT", "RELEASE"))]
    # The request's municipality, then claim the code, read the ballot, insert the ballot.
    assert len(writes) == 4, writes
    cast = CastBallot.objects.get(receipt=response.json()["receipt"])
    assert cast.source == CastBallot.Source.WEB and unused(ballot) == 4
    assert cast.choices == {first: 3, second: 2}
    assert abs(cast.created_at - timezone.now()) < dt.timedelta(minutes=1)
    general = cast_ballot(ballot=ballot, code=codes[1], idempotency_key="general-path-01",
                          choices={first: 3, second: 2})
    assert general.choices == cast.choices
    assert count_ballot(ballot).scores == tally_dots([cast.choices] * 2, keys(ballot), dots=5, cap=3).scores


@pytest.mark.parametrize(("choices", "message"), [
    ({"first": 4}, "Högst 3 prickar per alternativ"),
    ({"first": 2, "second": 2, "third": 2}, "har bara 5"),
    ({"999999": 1}, "Okänt alternativ"),
    ({}, "minst en prick"),
])
def test_a_refused_ballot_is_answered_in_swedish_and_leaves_the_code_unused(
    client_for, org, ballot, codes, choices, message
):
    named = dict(zip(("first", "second", "third"), keys(ballot), strict=False))
    response = post(client_for(org), ballot, codes[0], {named.get(k, k): v for k, v in choices.items()})
    assert response.status_code == 400 and message in response.json()["error"]
    assert unused(ballot) == 5 and not CastBallot.objects.exists()
    assert post(client_for(org), ballot, codes[0], {keys(ballot)[0]: 1}).status_code == 201


def test_a_closed_ballot_refuses_and_the_code_stays_unused(client_for, org, ballot, codes):
    ballot.closes_at = timezone.now() - dt.timedelta(minutes=1)
    ballot.save()
    response = post(client_for(org), ballot, codes[0], {keys(ballot)[0]: 1})
    assert response.status_code == 400
    assert response.json()["error"] == "Omröstningen har stängt. Det går inte längre att rösta."
    assert unused(ballot) == 5


def test_a_ballot_not_yet_open_refuses(client_for, org, ballot, codes):
    ballot.opens_at = timezone.now() + dt.timedelta(hours=1)
    ballot.save()
    response = post(client_for(org), ballot, codes[0], {keys(ballot)[0]: 1})
    assert response.status_code == 400 and "inte öppnat" in response.json()["error"]
    assert unused(ballot) == 5


def test_another_municipalitys_ballot_is_not_found_and_nothing_is_claimed(client_for, other_org, ballot, codes):
    assert post(client_for(other_org), ballot, codes[0], {keys(ballot)[0]: 1}).status_code == 404
    assert unused(ballot) == 5


def test_a_ballot_in_a_draft_process_is_not_found_and_nothing_is_claimed(client_for, org, ballot, codes):
    DialogueProcess.objects.filter(pk=ballot.process_id).update(status=DialogueProcess.Status.DRAFT)
    assert post(client_for(org), ballot, codes[0], {keys(ballot)[0]: 1}).status_code == 404
    assert unused(ballot) == 5


def test_a_code_from_another_ballot_is_refused(client_for, org, ballot, codes, staff):
    other = ballot_with_options(process__organisation=org)
    response = post(client_for(org), other, codes[0], {keys(other)[0]: 1})
    assert response.status_code == 400 and "finns inte" in response.json()["error"]
    assert unused(ballot) == 5


def test_the_fast_path_leaves_every_other_case_to_the_general_path(org, ballot, codes):
    first = keys(ballot)[0]
    arguments = {"organisation_id": org.pk, "ballot_pk": ballot.pk, "choices": {first: 1}}
    assert cast_with_code(code="OGILTIGKOD", idempotency_key="a-valid-key", **arguments) is None
    assert cast_with_code(code=codes[0], idempotency_key="ogiltig nyckel!", **arguments) is None
    assert cast_with_code(code=codes[0], idempotency_key="a-valid-key", **arguments) is not None
    # A retry of the same submission: the code is used, so the general path finds the first receipt.
    assert cast_with_code(code=codes[0], idempotency_key="a-valid-key", **arguments) is None
    assert CastBallot.objects.count() == 1


def test_a_host_that_is_no_municipality_gets_not_found(client, settings, ballot, codes):
    settings.ALLOWED_HOSTS = ["*"]
    settings.RADSLAG_DEFAULT_ORGANISATION = "finns-inte"
    body = json.dumps({"code": codes[0], "idempotency_key": "kiosk-key-0001", "choices": {keys(ballot)[0]: 1}})
    response = client.post(f"/rosta/{ballot.pk}/api/rosta/", body, content_type="application/json",
                           HTTP_HOST="okand.example.se")
    assert response.status_code == 404
    assert unused(ballot) == 5
