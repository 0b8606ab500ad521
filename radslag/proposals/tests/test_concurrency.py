"""Parallel clicks on "support" by one person count once (PostgreSQL: real concurrent transactions)."""

import contextlib
import threading
from collections.abc import Callable

import pytest
from django.db import connection

from radslag.audit.models import AuditEvent
from radslag.core.errors import DomainError
from radslag.proposals.models import Proposal, Support
from radslag.proposals.services import support_proposal, withdraw_support
from radslag.proposals.tests.factories import make_proposal, verified_resident

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]
THREADS = 12


def run_together(work: Callable[[int], None]) -> None:
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


def test_parallel_supports_by_one_person_count_once(org):
    proposal, person = make_proposal(org, threshold=100), verified_resident(org)
    given, refused = [], []

    def work(n: int) -> None:
        try:
            given.append(support_proposal(organisation=org, proposal_id=proposal.pk, user=person))
        except DomainError as error:
            refused.append(error.message)

    run_together(work)
    proposal.refresh_from_db()
    assert len(given) == 1 and len(refused) == THREADS - 1
    assert set(refused) == {"Du stöder redan det här förslaget: varje person stöder ett förslag en gång."}
    assert proposal.support_count == 1 == Support.objects.filter(proposal=proposal).count()


def test_parallel_supports_by_two_accounts_of_one_e_id_person_count_once(org):
    proposal = make_proposal(org, threshold=100)
    accounts = [verified_resident(org, verification_level=2, personal_number_hash=f"h{n}") for n in range(2)]
    for account in accounts:
        account.personal_number_hash = "same-person"  # as two accounts the broker linked to one identity
    run_together(lambda n: _quietly(lambda: support_proposal(organisation=org, proposal_id=proposal.pk,
                                                              user=accounts[n % 2])))
    proposal.refresh_from_db()
    assert proposal.support_count == 1 == Support.objects.filter(proposal=proposal).count()


def test_parallel_supports_by_many_people_all_count_and_reach_the_threshold_once(org):
    proposal = make_proposal(org, threshold=THREADS // 2)
    people = [verified_resident(org) for _n in range(THREADS)]
    run_together(lambda n: support_proposal(organisation=org, proposal_id=proposal.pk, user=people[n]))
    proposal.refresh_from_db()
    assert proposal.support_count == THREADS == Support.objects.filter(proposal=proposal).count()
    assert proposal.status == Proposal.Status.THRESHOLD_REACHED
    # Exactly one support crossed the threshold: one event in the log, one mail to the followers.
    assert AuditEvent.objects.filter(action="proposal.reach_threshold", object_id=str(proposal.pk)).count() == 1


def test_parallel_withdrawals_take_the_one_support_away_once(org):
    proposal, person = make_proposal(org, threshold=100), verified_resident(org)
    support_proposal(organisation=org, proposal_id=proposal.pk, user=person)
    run_together(lambda n: _quietly(lambda: withdraw_support(organisation=org, proposal_id=proposal.pk, user=person)))
    proposal.refresh_from_db()
    assert proposal.support_count == 0 == Support.objects.filter(proposal=proposal).count()


def _quietly(action: Callable[[], object]) -> None:
    with contextlib.suppress(DomainError):
        action()
