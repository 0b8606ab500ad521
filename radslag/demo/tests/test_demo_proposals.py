"""The demo's Aleförslaget shows proposals at every step, under two versions of the rules."""

import pytest

from radslag.demo.services import load_demo
from radslag.proposals.models import Proposal, Support

pytestmark = pytest.mark.django_db


def test_the_demo_has_proposals_in_every_state_with_true_counts():
    organisation = load_demo().organisation
    proposals = Proposal.objects.filter(organisation=organisation)
    assert set(proposals.values_list("status", flat=True)) >= {
        "submitted", "refused", "collecting", "handling", "period_ended", "answered"}
    assert {p.rules.version for p in proposals} == {1, 2}
    for proposal in proposals:
        assert proposal.support_count == Support.objects.filter(proposal=proposal).count()
    answered = proposals.get(title__startswith="Laddstolpar")
    assert answered.decision is not None and answered.committee == answered.decision.body
