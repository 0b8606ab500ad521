"""Casting: once per code or person, idempotent retries, refusals in Swedish, paper ballots marked."""

import datetime as dt

import pytest
from django.utils import timezone

from radslag.accounts.models import Role, User
from radslag.accounts.tests.factories import user_with_role
from radslag.audit.models import AuditEvent
from radslag.core.errors import DomainError, PermissionDeniedError
from radslag.voting.models import CastBallot, Eligibility, Method, VotingCode
from radslag.voting.services import cast_ballot, enter_paper_ballot
from radslag.voting.tests.factories import ballot_with_options, keys

pytestmark = pytest.mark.django_db


def cast(ballot, code, choices=None, key="nyckel-0001", **kwargs):
    first = keys(ballot)[0]
    return cast_ballot(ballot=ballot, code=code, idempotency_key=key, choices=choices or {first: 3}, **kwargs)


def test_a_code_casts_one_ballot_and_is_marked_used(ballot, codes):
    receipt = cast(ballot, codes[0])
    assert CastBallot.objects.get(ballot=ballot).receipt == receipt.receipt
    assert VotingCode.objects.filter(ballot=ballot, used_at__isnull=False).count() == 1


def test_the_code_may_be_typed_in_lower_case_with_spaces(ballot, codes):
    typed = f" {codes[1][:5].lower()} {codes[1][5:].lower()} "
    cast(ballot, typed)
    assert list(VotingCode.objects.filter(ballot=ballot, used_at__isnull=False).values_list("number", flat=True)) == [2]


def test_a_retry_with_the_same_key_returns_the_same_receipt_and_no_second_row(ballot, codes):
    first = cast(ballot, codes[0], key="retry-key-123")
    again = cast(ballot, codes[0], key="retry-key-123")
    assert again.receipt == first.receipt
    assert CastBallot.objects.filter(ballot=ballot).count() == 1


def test_a_used_code_with_a_new_submission_is_refused(ballot, codes):
    cast(ballot, codes[0], key="forsta-rosten")
    with pytest.raises(DomainError, match="Koden är redan använd"):
        cast(ballot, codes[0], key="andra-rosten")
    assert CastBallot.objects.filter(ballot=ballot).count() == 1


def test_an_unknown_code_is_refused(ballot, codes):
    with pytest.raises(DomainError, match="Koden finns inte"):
        cast(ballot, "AAAAA-BBBBB")


def test_a_code_from_another_ballot_is_refused(org, ballot, codes, staff):
    other = ballot_with_options(process=ballot.process)
    with pytest.raises(DomainError, match="Koden finns inte"):
        cast(other, codes[0])


def test_voting_after_closing_is_refused(ballot, codes):
    ballot.closes_at = timezone.now() - dt.timedelta(minutes=1)
    ballot.save()
    with pytest.raises(DomainError, match="Omröstningen har stängt"):
        cast(ballot, codes[0])
    assert not VotingCode.objects.filter(used_at__isnull=False).exists()


def test_voting_before_opening_is_refused(ballot, codes):
    ballot.opens_at = timezone.now() + dt.timedelta(days=1)
    ballot.save()
    with pytest.raises(DomainError, match="har inte öppnat"):
        cast(ballot, codes[0])


def test_a_retry_after_closing_still_gets_its_receipt(ballot, codes):
    first = cast(ballot, codes[0], key="sent-before-close")
    ballot.closes_at = timezone.now()
    ballot.save()
    assert cast(ballot, codes[0], key="sent-before-close").receipt == first.receipt


def test_more_dots_than_allowed_are_refused(ballot, codes):
    a, b, c, _d = keys(ballot)
    with pytest.raises(DomainError, match="Du har delat ut 6 prickar men har bara 5"):
        cast(ballot, codes[0], {a: 2, b: 2, c: 2})
    assert not CastBallot.objects.exists()
    assert not VotingCode.objects.filter(used_at__isnull=False).exists()


def test_more_dots_on_one_option_than_the_cap_are_refused(ballot, codes):
    with pytest.raises(DomainError, match="Högst 3 prickar per alternativ"):
        cast(ballot, codes[0], {keys(ballot)[0]: 4})


def test_a_tampered_option_id_is_refused(ballot, codes):
    with pytest.raises(DomainError, match="Okänt alternativ: 999999"):
        cast(ballot, codes[0], {"999999": 1})


def test_an_option_of_another_ballot_is_refused(ballot, codes):
    other = ballot_with_options(process=ballot.process)
    with pytest.raises(DomainError, match="Okänt alternativ"):
        cast(ballot, codes[0], {keys(other)[0]: 1})


def test_negative_dots_and_empty_ballots_are_refused(ballot, codes):
    with pytest.raises(DomainError, match="heltal"):
        cast(ballot, codes[0], {keys(ballot)[0]: -1, keys(ballot)[1]: 2})
    with pytest.raises(DomainError, match="minst en prick"):
        cast(ballot, codes[0], {keys(ballot)[0]: 0})


def test_zero_dots_are_not_stored(ballot, codes):
    a, b, *_ = keys(ballot)
    assert cast(ballot, codes[0], {a: 2, b: 0}).choices == {a: 2}


def test_a_malformed_idempotency_key_is_refused(ballot, codes):
    with pytest.raises(DomainError, match="kunde inte läsas"):
        cast(ballot, codes[0], key="x")


def test_a_signed_in_resident_votes_once(org):
    ballot = ballot_with_options(process__organisation=org, eligibility=Eligibility.RESIDENTS, method=Method.SINGLE)
    voter = user_with_role(org, Role.RESIDENT, verification_level=User.Verification.EMAIL)
    first = cast_ballot(ballot=ballot, voter=voter, idempotency_key="resident-1", choices=keys(ballot)[1])
    assert cast_ballot(ballot=ballot, voter=voter, idempotency_key="resident-1", choices=keys(ballot)[1]) == first
    with pytest.raises(DomainError, match="redan röstat"):
        cast_ballot(ballot=ballot, voter=voter, idempotency_key="resident-2", choices=keys(ballot)[0])
    assert CastBallot.objects.filter(ballot=ballot).count() == 1


def test_a_resident_below_the_required_verification_is_refused(org):
    ballot = ballot_with_options(process__organisation=org, eligibility=Eligibility.RESIDENTS,
                                 min_verification_level=User.Verification.EID)
    voter = user_with_role(org, Role.RESIDENT, verification_level=User.Verification.EMAIL)
    with pytest.raises(PermissionDeniedError, match="verifierat"):
        cast_ballot(ballot=ballot, voter=voter, idempotency_key="resident-1", choices={keys(ballot)[0]: 1})


def test_an_open_vote_is_rate_limited_per_connection(org, settings):
    # The counter lives in the cache (the ballot row keeps no address), so this test needs a real one.
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                                   "LOCATION": "rate-limit-test"}}
    settings.RADSLAG_OPEN_BALLOT_LIMIT_PER_HOUR = 2
    ballot = ballot_with_options(process__organisation=org, eligibility=Eligibility.OPEN)
    for n in range(2):
        cast_ballot(ballot=ballot, client_hash="abc", idempotency_key=f"open-vote-{n}", choices={keys(ballot)[0]: 1})
    with pytest.raises(DomainError, match="Försök igen om en timme"):
        cast_ballot(ballot=ballot, client_hash="abc", idempotency_key="open-vote-9", choices={keys(ballot)[0]: 1})
    cast_ballot(ballot=ballot, client_hash="def", idempotency_key="open-vote-8", choices={keys(ballot)[0]: 1})


def test_paper_ballots_are_counted_marked_and_logged(ballot, staff):
    first = keys(ballot)[0]
    cast = enter_paper_ballot(ballot=ballot, batch_label="Bord 3", choices={first: 2},
                              idempotency_key="paper-00001", entered_by=staff)
    again = enter_paper_ballot(ballot=ballot, batch_label="Bord 3", choices={first: 2},
                               idempotency_key="paper-00001", entered_by=staff)
    assert again == cast
    assert cast.source == CastBallot.Source.PAPER and cast.paper_batch.label == "Bord 3"
    assert AuditEvent.objects.filter(action="ballot.paper_entered", object_id=str(ballot.pk)).count() == 1


def test_a_resident_may_not_enter_paper_ballots(ballot, resident):
    with pytest.raises(PermissionDeniedError):
        enter_paper_ballot(ballot=ballot, batch_label="Bord 3", choices={keys(ballot)[0]: 1},
                           idempotency_key="paper-00002", entered_by=resident)


def test_ranked_ballots_with_a_repeated_option_are_refused(org):
    ballot = ballot_with_options(process__organisation=org, eligibility=Eligibility.OPEN, method=Method.RANKED)
    a = keys(ballot)[0]
    with pytest.raises(DomainError, match="bara rangordnas en gång"):
        cast_ballot(ballot=ballot, client_hash="x", idempotency_key="ranked-001", choices=[a, a])
