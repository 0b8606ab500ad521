"""What a person's data request finds in proposals, and what erasure leaves."""

import pytest

from radslag.proposals import services
from radslag.proposals.models import Proposal, Support
from radslag.proposals.personal_data import PROPOSALS, SUPPORTS
from radslag.proposals.tests.factories import make_proposal, verified_resident

pytestmark = pytest.mark.django_db


def test_a_persons_proposals_and_supports_are_exported(org):
    person = verified_resident(org)
    make_proposal(org, title="Mitt förslag", proposer=person)
    other = make_proposal(org, title="Ett annat förslag")
    services.support_proposal(organisation=org, proposal_id=other.pk, user=person)
    assert [row["title"] for row in PROPOSALS.export(person, org)] == ["Mitt förslag"]
    assert [row["proposal"] for row in SUPPORTS.export(person, org)] == ["Ett annat förslag"]


def test_erasure_keeps_the_proposal_and_the_count_without_the_person(org):
    person = verified_resident(org)
    own = make_proposal(org, proposer=person, proposer_name="Karin")
    services.support_proposal(organisation=org, proposal_id=own.pk, user=person)
    PROPOSALS.erase(person, org)
    SUPPORTS.erase(person, org)
    own = Proposal.objects.get(pk=own.pk)
    assert own.proposer is None and own.proposer_name == "" and own.support_count == 1
    assert Support.objects.get().user is None and not SUPPORTS.count(person, org)


def test_the_download_of_my_data_holds_my_proposals_and_supports_with_their_times(org, client_for):
    person = verified_resident(org)
    make_proposal(org, title="Mitt förslag", proposer=person)
    other = make_proposal(org, title="Ett annat förslag")
    services.support_proposal(organisation=org, proposal_id=other.pk, user=person)

    response = client_for(org, person).get("/mina-uppgifter/ladda-ner/")

    assert response.status_code == 200
    data = response.json()
    [proposal] = data["proposals"]
    assert proposal["title"] == "Mitt förslag" and proposal["submitted_at"].startswith("20")
    [support] = data["proposal_supports"]
    assert support["proposal"] == "Ett annat förslag" and "T" in support["given_at"]
