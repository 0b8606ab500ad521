"""Parallel submits of the same code count once (PostgreSQL: real row locks and concurrent transactions)."""

import threading

import pytest
from django.db import connection

from radslag.core.errors import DomainError
from radslag.voting.codes import derive_code
from radslag.voting.models import CastBallot, VotingCode
from radslag.voting.services import cast_ballot, generate_codes
from radslag.voting.tests.factories import ballot_with_options, keys

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]
THREADS = 12


def submit_in_parallel(ballot, code: str, key_for) -> tuple[list[str], list[str]]:
    """Starts THREADS submissions at the same moment; returns (receipts, refusals)."""
    barrier = threading.Barrier(THREADS)
    receipts: list[str] = []
    refusals: list[str] = []
    lock = threading.Lock()

    def worker(n: int) -> None:
        try:
            barrier.wait()
            cast = cast_ballot(ballot=ballot, code=code, idempotency_key=key_for(n), choices={keys(ballot)[0]: 2})
            with lock:
                receipts.append(cast.receipt)
        except DomainError as error:
            with lock:
                refusals.append(error.message)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
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
    barrier, outcomes = threading.Barrier(THREADS), []

    def worker(n: int) -> None:
        try:
            barrier.wait()
            cast_ballot(ballot=ballot, voter=voter, idempotency_key=f"person-{n:04}", choices={keys(ballot)[1]: 1})
            outcomes.append("counted")
        except DomainError as error:
            outcomes.append(error.message)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert outcomes.count("counted") == 1
    assert CastBallot.objects.filter(ballot=ballot).count() == 1
