"""Ballots for the members of the citizen panel (voting and panels together): signed in, a member, once each."""

import pytest

from radslag.accounts.models import Role, User
from radslag.accounts.tests.factories import user_with_role
from radslag.core.errors import DomainError, PermissionDeniedError
from radslag.panels import services as panels
from radslag.voting.models import CastBallot, Eligibility
from radslag.voting.services import cast_ballot
from radslag.voting.tests.factories import ballot_with_options, keys

pytestmark = pytest.mark.django_db


@pytest.fixture
def panel_ballot(org):
    return ballot_with_options(process__organisation=org, eligibility=Eligibility.PANEL)


@pytest.fixture
def member(org, staff):
    panel = panels.save_panel(organisation=org, actor=staff, fields={
        "name": "Medborgarpanelen", "description": "Fyra enkäter om året.", "open_for_signup": True})
    person = user_with_role(org, Role.RESIDENT, email="medlem@example.se", verification_level=User.Verification.EMAIL)
    panels.join_panel(panel=panel, user=person)
    return person


def test_a_panel_member_votes_once(panel_ballot, member):
    choice = {keys(panel_ballot)[0]: 2}
    cast_ballot(ballot=panel_ballot, voter=member, idempotency_key="panel-0001", choices=choice)
    with pytest.raises(DomainError, match="redan röstat"):
        cast_ballot(ballot=panel_ballot, voter=member, idempotency_key="panel-0002", choices=choice)
    assert CastBallot.objects.get(ballot=panel_ballot).voter == member


def test_a_resident_who_is_not_a_member_or_has_left_is_refused(org, panel_ballot, member, resident):
    choice = {keys(panel_ballot)[0]: 1}
    with pytest.raises(PermissionDeniedError, match="medborgarpanel"):
        cast_ballot(ballot=panel_ballot, voter=resident, idempotency_key="panel-0003", choices=choice)
    panels.leave_panel(member=member.panel_memberships.get(), actor=member)
    with pytest.raises(PermissionDeniedError, match="medborgarpanel"):
        cast_ballot(ballot=panel_ballot, voter=member, idempotency_key="panel-0004", choices=choice)
    assert not CastBallot.objects.exists()


def test_the_vote_page_sends_others_to_the_panel_page(client_for, org, panel_ballot, member, resident):
    assert client_for(org).get(f"/rosta/{panel_ballot.pk}/").status_code == 302  # sign in first
    refused = client_for(org, resident).get(f"/rosta/{panel_ballot.pk}/")
    assert refused.status_code == 403 and 'href="/medborgarpanel/"' in refused.content.decode()
    assert "Lägg min röst" in client_for(org, member).get(f"/rosta/{panel_ballot.pk}/").content.decode()
