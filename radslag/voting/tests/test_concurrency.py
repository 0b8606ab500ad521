"""Parallel submits of the same code count once (PostgreSQL: real row locks and concurrent transactions)."""

import json
import threading
from collections.abc import Callable

import pytest
from django.db import connection
from django.test import Client

from radslag.core.errors import DomainError
from radslag.voting.codes import derive_code
from radslag.voting.models import CastBallot, VotingCode
from radslag.voting.services import cast_ballot, generate_codes
from radslag.voting.tests.factories import ballot_with_options, keys

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]
THREADS = 12


def run_together(work: Callable[[int], None]) -> None:
    """Runs work(0) .. work(THREADS - 1) in threads released at the same moment, each on its own connection."""
    barrier = threading.Barrier(THREADS)

    def worker(n: int) -> None:
        try:
            barrier.wait()
            work(n)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def submit_in_parallel(ballot, code: str, key_for) -> tuple[list[str], list[str]]:
    """Starts THREADS submissions at the same moment; returns (receipts, refusals)."""
    receipts: list[str] = []
    refusals: list[str] = []

    def work(n: int) -> None:
        try:
            cast = cast_ballot(ballot=ballot, code=code, idempotency_key=key_for(n), choices={keys(ballot)[0]: 2})
            receipts.append(cast.receipt)
        except DomainError as error:
            refusals.append(error.message)

    run_together(work)
    return receipts, refusals


@pytest.fixture
def ballot_and_code(org, staff):
    ballot = ballot_with_options(process__organisation=org)
    batch = generate_codes(ballot=ballot, user=staff, count=1, label="Möte")
    return ballot, derive_code(batch.salt, 1)


def test_parallel_submits_of_one_code_with_different_keys_count_once(ballot_and_code):
    ballot, code = ballot_and_code
    receipts, refusals = submit_in_parallel(ballot, code, lambda n: f"parallel-{n:04}")
    assert len(receipts) == 1 and refusals == ["Koden är redan använd."] * (THREADS - 1)
    assert CastBallot.objects.filter(ballot=ballot).count() == 1
    assert VotingCode.objects.get(ballot=ballot).used_at is not None


def test_parallel_retries_with_the_same_key_all_get_the_one_receipt(ballot_and_code):
    ballot, code = ballot_and_code
    receipts, refusals = submit_in_parallel(ballot, code, lambda n: "same-retry-key")
    assert refusals == [] and len(receipts) == THREADS and len(set(receipts)) == 1
    assert CastBallot.objects.filter(ballot=ballot).count() == 1


def test_parallel_votes_of_one_resident_count_once(org):
    from radslag.accounts.models import Role, User
    from radslag.accounts.tests.factories import user_with_role
    from radslag.voting.models import Eligibility

    ballot = ballot_with_options(process__organisation=org, eligibility=Eligibility.RESIDENTS)
    voter = user_with_role(org, Role.RESIDENT, verification_level=User.Verification.EMAIL)
    outcomes: list[str] = []

    def work(n: int) -> None:
        try:
            cast_ballot(ballot=ballot, voter=voter, idempotency_key=f"person-{n:04}", choices={keys(ballot)[1]: 1})
            outcomes.append("counted")
        except DomainError as error:
            outcomes.append(error.message)

    run_together(work)
    assert outcomes.count("counted") == 1
    assert CastBallot.objects.filter(ballot=ballot).count() == 1


def post_in_parallel(ballot, code: str, key_for) -> list[tuple[int, dict]]:
    """THREADS kiosks post the same code to the JSON endpoint at the same moment (the fast path)."""
    answers: list[tuple[int, dict]] = []

    def work(n: int) -> None:
        body = json.dumps({"code": code, "idempotency_key": key_for(n), "choices": {keys(ballot)[0]: 2}})
        response = Client(HTTP_HOST=ballot.organisation.hostname).post(
            f"/rosta/{ballot.pk}/api/rosta/", body, content_type="application/json")
        answers.append((response.status_code, response.json()))

    run_together(work)
    return answers


def test_parallel_posts_of_one_code_to_the_json_endpoint_count_once(ballot_and_code):
    ballot, code = ballot_and_code
    answers = post_in_parallel(ballot, code, lambda n: f"kiosk-{n:04}")
    assert sorted(status for status, _ in answers) == [201] + [409] * (THREADS - 1)
    assert CastBallot.objects.filter(ballot=ballot).count() == 1


def test_parallel_retries_to_the_json_endpoint_all_get_the_one_receipt(ballot_and_code):
    ballot, code = ballot_and_code
    answers = post_in_parallel(ballot, code, lambda n: "kiosk-retry-key")
    assert {status for status, _ in answers} == {201}
    assert len({payload["receipt"] for _, payload in answers}) == 1
    assert CastBallot.objects.filter(ballot=ballot).count() == 1
