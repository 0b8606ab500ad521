"""After the answer, staff record what is being done and how far it has come; followers hear of a new outcome."""

import pytest
from django.urls import reverse
from django.utils import timezone

from radslag.audit.models import AuditEvent
from radslag.core.errors import DomainError
from radslag.messaging.models import Message, Recipient
from radslag.proposals import notify, services
from radslag.proposals.models import Proposal
from radslag.proposals.tests.factories import make_proposal, verified_resident

pytestmark = pytest.mark.django_db
Status = Proposal.Status


def answered(org, outcome="investigating", **fields):
    return make_proposal(org, status=Status.ANSWERED, outcome=outcome, answer="Vi utreder var bänkarna kan stå.",
                         answered_at=timezone.now(), **fields)


def test_an_answer_that_is_carried_out_keeps_its_progress(org, staff):
    proposal = make_proposal(org, status=Status.PERIOD_ENDED)
    services.answer_proposal(proposal=proposal, actor=staff, outcome="in_progress", answer="Bänkarna beställs.",
                             progress=20, progress_note="Tre av femton bänkar är på plats.")
    proposal.refresh_from_db()
    assert (proposal.progress, proposal.progress_note, proposal.shows_progress) == (
        20, "Tre av femton bänkar är på plats.", True)


def test_progress_given_with_an_outcome_that_is_not_carried_out_is_not_kept(org, staff):
    proposal = make_proposal(org, status=Status.PERIOD_ENDED)
    services.answer_proposal(proposal=proposal, actor=staff, outcome="investigating", answer="Vi utreder.",
                             progress=50, progress_note="Halvvägs")
    proposal.refresh_from_db()
    assert (proposal.progress, proposal.progress_note, proposal.shows_progress) == (None, "", False)


def test_staff_record_progress_and_a_new_outcome_is_told_to_followers_once(org, staff):
    proposer = verified_resident(org)
    Recipient.objects.create(organisation=org, email=proposer.email, confirmed_at=timezone.now(), user=proposer)
    proposal = answered(org, proposer=proposer)
    notify.follow_proposal(proposal=proposal, user=proposer)
    services.record_progress(proposal=proposal, actor=staff, outcome="in_progress", progress=40,
                             progress_note="Sex bänkar av femton är på plats.")
    services.record_progress(proposal=proposal, actor=staff, outcome="in_progress", progress=60)  # same outcome

    proposal.refresh_from_db()
    assert (proposal.outcome, proposal.progress, proposal.progress_note) == ("in_progress", 60, "")
    [message] = Message.objects.filter(key__startswith=f"proposal:{proposal.pk}:outcome")
    assert "Genomförs" in message.subject and "Sex bänkar av femton är på plats." in message.body
    assert AuditEvent.objects.filter(action="proposal.progress", object_id=str(proposal.pk)).count() == 2


@pytest.mark.parametrize(("status", "outcome", "new"), [
    (Status.HANDLING, "", "in_progress"),  # not answered yet
    (Status.ANSWERED, "rejected", "in_progress"),  # declined: nothing is carried out
    (Status.ANSWERED, "investigating", "rejected"),  # saying no is a new answer, not progress
])
def test_progress_is_refused_before_the_answer_and_for_a_declined_proposal(org, staff, status, outcome, new):
    proposal = make_proposal(org, status=status, outcome=outcome)
    with pytest.raises(DomainError):
        services.record_progress(proposal=proposal, actor=staff, outcome=new, progress=10)


def test_progress_over_a_hundred_per_cent_is_refused(org, staff):
    with pytest.raises(DomainError, match="mellan 0 och 100"):
        services.record_progress(proposal=answered(org), actor=staff, outcome="in_progress", progress=120)


def test_the_staff_page_saves_progress_and_the_public_page_shows_it(org, staff, client_for):
    proposal = answered(org)
    client = client_for(org, staff)
    assert "Spara hur arbetet går" in client.get(reverse("proposals:staff_proposal", kwargs={"pk": proposal.pk})
                                                  ).content.decode()
    response = client.post(reverse("proposals:staff_progress", kwargs={"pk": proposal.pk}),
                           {"outcome": "done", "progress": "100", "progress_note": "Alla bänkar är på plats."})
    assert response.status_code == 302
    page = client_for(org).get(reverse("proposals:detail", kwargs={"pk": proposal.pk})).content.decode()
    assert "Genomfört" in page and 'value="100"' in page and "Alla bänkar är på plats." in page


def test_a_bad_progress_is_shown_again_with_the_error(org, staff, client_for):
    proposal = answered(org)
    response = client_for(org, staff).post(reverse("proposals:staff_progress", kwargs={"pk": proposal.pk}),
                                           {"outcome": "in_progress", "progress": "150"})
    assert response.status_code == 400 and response.context["progress_form"].errors["progress"]
