"""The proposal's life: every transition allowed or refused, audited, and told to those who follow it."""

import datetime as dt

import pytest
from django.utils import timezone

from radslag.accounts.models import Role
from radslag.accounts.tests.factories import user_with_role
from radslag.audit.models import AuditEvent
from radslag.core.errors import DomainError, PermissionDeniedError
from radslag.governance.tests.factories import DecisionFactory
from radslag.messaging.models import Delivery, Message, Recipient, Topic
from radslag.organisations.tests.factories import BodyFactory
from radslag.proposals import services
from radslag.proposals.models import Proposal, ProposalRules, Support
from radslag.proposals.services import TRANSITIONS
from radslag.proposals.tests.factories import make_proposal, rules_for, verified_resident

pytestmark = pytest.mark.django_db
Status = Proposal.Status


def _run(action, proposal, staff, org):
    """Performs `action` with valid input for it."""
    if action == "accept":
        return services.accept_proposal(proposal=proposal, actor=staff)
    if action == "refuse":
        return services.refuse_proposal(proposal=proposal, actor=staff, rule="Enskilda ärenden", reason="Gäller en "
                                        "enskild person.")
    if action == "assign":
        return services.assign_to_committee(proposal=proposal, actor=staff, committee=BodyFactory(organisation=org))
    if action == "start_handling":
        return services.start_handling(proposal=proposal, actor=staff)
    if action == "answer":
        return services.answer_proposal(proposal=proposal, actor=staff, outcome="in_progress", answer="Vi gör det.",
                                        decision=DecisionFactory(organisation=org))
    raise AssertionError(action)


STAFF_ACTIONS = ("accept", "refuse", "assign", "start_handling", "answer")
CASES = [(action, status) for action in STAFF_ACTIONS for status in Status.values]


@pytest.mark.parametrize(("action", "status"), CASES)
def test_each_staff_action_is_allowed_only_from_its_states(org, staff, action, status):
    proposal = make_proposal(org, status=status)
    starts, target = TRANSITIONS[action]
    if status in starts:
        done = _run(action, proposal, staff, org)
        assert done.status == target
        event = AuditEvent.objects.get(action=f"proposal.{action}")
        assert event.data == {"from": status, "to": target} and event.object_id == str(proposal.pk)
    else:
        with pytest.raises(DomainError, match="kan inte göras nu"):
            _run(action, proposal, staff, org)
        proposal.refresh_from_db()
        assert proposal.status == status
        assert not AuditEvent.objects.filter(action=f"proposal.{action}").exists()


@pytest.mark.parametrize("action", STAFF_ACTIONS)
def test_a_resident_may_not_handle_proposals(org, action):
    starts, _target = TRANSITIONS[action]
    proposal = make_proposal(org, status=starts[0])
    with pytest.raises(PermissionDeniedError):
        _run(action, proposal, verified_resident(org), org)


def test_submitting_keeps_the_rules_in_force_then_and_later_rules_do_not_change_it(org, admin_user):
    proposal = services.submit_proposal(organisation=org, user=verified_resident(org), title="Belysning i Nol",
                                        text="Belys gångtunneln vid stationen.")
    services.save_rules(organisation=org, actor=admin_user, fields={"collection_days": 90, "threshold_count": 75})
    assert proposal.rules.version == 1 and ProposalRules.objects.filter(organisation=org).count() == 2
    accepted = services.accept_proposal(proposal=proposal, actor=user_with_role(org, Role.STAFF))
    assert accepted.threshold == 150 and (accepted.closes_at - accepted.accepted_at).days == 60


def test_only_an_administrator_saves_rules(org, staff):
    with pytest.raises(PermissionDeniedError):
        services.save_rules(organisation=org, actor=staff, fields={"collection_days": 30})


def test_a_proposal_over_the_length_limit_is_refused_and_nothing_is_written(org):
    rules_for(org, text_max_length=100)
    with pytest.raises(DomainError, match="högst 100 tecken"):
        services.submit_proposal(organisation=org, user=verified_resident(org), title="Lång", text="x" * 101)
    assert not Proposal.objects.exists()


def test_a_refusal_needs_a_rule_and_a_reason(org, staff):
    proposal = make_proposal(org, status=Status.SUBMITTED)
    with pytest.raises(DomainError, match="regeln"):
        services.refuse_proposal(proposal=proposal, actor=staff, rule="Enskilda ärenden", reason=" ")


def test_the_proposer_is_told_at_each_step_by_mail(org, staff):
    proposer = verified_resident(org)
    Recipient.objects.create(organisation=org, email=proposer.email, confirmed_at=timezone.now(), user=proposer)
    proposal = services.submit_proposal(organisation=org, user=proposer, title="Lekplats i Surte",
                                        text="Bygg en lekplats vid skolan.")
    services.refuse_proposal(proposal=proposal, actor=staff, rule="Frågor som kommunen inte beslutar om",
                             reason="Skolgården sköts av en privat stiftelse.")
    message = Message.objects.get(key=f"proposal:{proposal.pk}:refused")
    assert "Skolgården sköts av en privat stiftelse." in message.body
    assert Delivery.objects.get(message=message).recipient.email == proposer.email


def test_reaching_the_threshold_moves_the_proposal_at_once_and_sets_the_answer_time(org):
    proposal = make_proposal(org, threshold=2)
    for _n in range(2):
        services.support_proposal(organisation=org, proposal_id=proposal.pk, user=verified_resident(org))
    proposal.refresh_from_db()
    assert proposal.status == Status.THRESHOLD_REACHED and proposal.support_count == 2
    assert (proposal.answer_due - proposal.threshold_reached_at).days == proposal.rules.answer_days
    assert AuditEvent.objects.filter(action="proposal.reach_threshold").count() == 1


def test_support_still_counts_after_the_threshold_until_the_period_ends(org):
    proposal = make_proposal(org, threshold=1)
    for _n in range(3):
        services.support_proposal(organisation=org, proposal_id=proposal.pk, user=verified_resident(org))
    proposal.refresh_from_db()
    assert proposal.support_count == 3 and proposal.status == Status.THRESHOLD_REACHED


def test_a_proposal_left_collecting_at_its_threshold_is_moved_by_the_periodic_task_not_ended_below_it(org):
    """A support is stored in one statement and the threshold step runs after it: a process that dies in
    between leaves the count at the threshold and the proposal collecting, which the hourly task repairs."""
    running, ending = make_proposal(org, threshold=2, days_left=5), make_proposal(org, threshold=2, days_left=-1)
    for proposal in (running, ending):
        for _n in range(2):
            services._store_support(proposal, services._support_values(  # the support alone, as a crash leaves it
                proposal=proposal, user=verified_resident(org), tie=Support.Tie.RESIDENT, wants_news=False))
    assert services.end_periods(organisation=org) == 2
    for proposal in (running, ending):
        proposal.refresh_from_db()
        assert proposal.support_count == 2 and proposal.threshold_reached_at is not None
    assert running.status == Status.THRESHOLD_REACHED
    assert ending.status == Status.THRESHOLD_REACHED and ending.collection_ended_at is not None
    assert ending.threshold_reached_at <= ending.closes_at  # it reached the threshold while it still collected
    assert AuditEvent.objects.filter(action="proposal.reach_threshold").count() == 2
    assert services.end_periods(organisation=org) == 0


def test_a_period_that_ends_below_the_threshold_goes_to_staff_to_answer(org, staff):
    proposal = make_proposal(org, days_left=-1)
    assert services.end_periods(organisation=org) == 1
    proposal.refresh_from_db()
    assert proposal.status == Status.PERIOD_ENDED and proposal.answer_due is not None
    answered = services.answer_proposal(proposal=proposal, actor=staff, outcome="rejected",
                                        answer="För få stöd, men vi ser över frågan i budgeten.")
    assert answered.status == Status.ANSWERED and answered.decision is None


def test_a_committee_answer_needs_its_decision(org, staff):
    proposal = make_proposal(org, status=Status.HANDLING)
    with pytest.raises(DomainError, match="beslut"):
        services.answer_proposal(proposal=proposal, actor=staff, outcome="done", answer="Klart.")


def test_an_answer_cannot_link_another_municipalitys_decision(org, other_org, staff):
    proposal = make_proposal(org, status=Status.HANDLING)
    with pytest.raises(DomainError):
        services.answer_proposal(proposal=proposal, actor=staff, outcome="done", answer="Klart.",
                                 decision=DecisionFactory(organisation=other_org))


def test_support_is_one_per_person_and_the_second_is_refused_in_swedish(org):
    proposal, person = make_proposal(org), verified_resident(org)
    services.support_proposal(organisation=org, proposal_id=proposal.pk, user=person)
    with pytest.raises(DomainError, match="Du stöder redan"):
        services.support_proposal(organisation=org, proposal_id=proposal.pk, user=person)
    proposal.refresh_from_db()
    assert proposal.support_count == 1 and Support.objects.count() == 1


def test_two_accounts_of_one_e_id_identity_count_once(org):
    proposal = make_proposal(org)
    first = verified_resident(org, verification_level=2, personal_number_hash="hash-of-one-person")
    services.support_proposal(organisation=org, proposal_id=proposal.pk, user=first)
    first.personal_number_hash = None
    first.save()
    second = verified_resident(org, verification_level=2, personal_number_hash="hash-of-one-person")
    with pytest.raises(DomainError, match="Du stöder redan"):
        services.support_proposal(organisation=org, proposal_id=proposal.pk, user=second)


def test_support_after_the_period_is_refused(org):
    proposal = make_proposal(org, days_left=-1)
    with pytest.raises(DomainError, match="samlar inte längre stöd"):
        services.support_proposal(organisation=org, proposal_id=proposal.pk, user=verified_resident(org))


def test_support_below_the_verification_level_is_refused(org):
    proposal = make_proposal(org, rules=rules_for(org, verification_level=2))
    with pytest.raises(DomainError, match="e-legitimation"):
        services.support_proposal(organisation=org, proposal_id=proposal.pk, user=verified_resident(org))
    assert Support.objects.count() == 0


@pytest.mark.parametrize("tampered", ["abc", "-1", "999999", None, "9223372036854775808", "9" * 30])
def test_a_tampered_proposal_id_is_refused(org, tampered):
    with pytest.raises(DomainError, match="Det finns inget sådant förslag"):
        services.support_proposal(organisation=org, proposal_id=tampered, user=verified_resident(org))


def test_another_municipalitys_or_an_unaccepted_proposal_cannot_be_supported(org, other_org):
    for proposal in (make_proposal(other_org), make_proposal(org, status=Status.SUBMITTED)):
        with pytest.raises(DomainError, match="Det finns inget sådant förslag"):
            services.support_proposal(organisation=org, proposal_id=proposal.pk, user=verified_resident(org))


def test_a_support_can_be_withdrawn_while_collecting_but_not_after(org):
    proposal, person = make_proposal(org), verified_resident(org)
    services.support_proposal(organisation=org, proposal_id=proposal.pk, user=person)
    services.withdraw_support(organisation=org, proposal_id=proposal.pk, user=person)
    proposal.refresh_from_db()
    assert proposal.support_count == 0 and not Support.objects.exists()
    services.support_proposal(organisation=org, proposal_id=proposal.pk, user=person)
    Proposal.objects.filter(pk=proposal.pk).update(closes_at=timezone.now() - dt.timedelta(seconds=1))
    with pytest.raises(DomainError, match="kan inte längre tas tillbaka"):
        services.withdraw_support(organisation=org, proposal_id=proposal.pk, user=person)
    assert Support.objects.count() == 1


def test_a_supporter_who_asked_is_told_of_the_answer(org, staff):
    proposal, person = make_proposal(org, threshold=1), verified_resident(org)
    Recipient.objects.create(organisation=org, email=person.email, confirmed_at=timezone.now(), user=person)
    services.support_proposal(organisation=org, proposal_id=proposal.pk, user=person, wants_news=True)
    assert Recipient.objects.get(email=person.email).subscriptions.filter(topic=Topic.PROPOSAL).exists()
    services.assign_to_committee(proposal=proposal, actor=staff, committee=BodyFactory(organisation=org))
    services.start_handling(proposal=proposal, actor=staff)
    services.answer_proposal(proposal=proposal, actor=staff, outcome="in_progress", answer="Bänkarna kommer i maj.",
                             decision=DecisionFactory(organisation=org))
    message = Message.objects.get(key=f"proposal:{proposal.pk}:answered")
    assert "Bänkarna kommer i maj." in message.body
    assert list(message.deliveries.values_list("recipient__email", flat=True)) == [person.email]


def test_only_the_proposer_posts_updates_while_collecting(org):
    proposer = verified_resident(org)
    proposal = make_proposal(org, proposer=proposer)
    services.post_update(proposal=proposal, user=proposer, text="Nu har vi 50 stöd!")
    with pytest.raises(PermissionDeniedError):
        services.post_update(proposal=proposal, user=verified_resident(org), text="Hej")
    assert proposal.updates.count() == 1


def test_the_command_ends_the_periods_that_ran_out(org):
    from io import StringIO

    from django.core.management import call_command

    ended, running = make_proposal(org, days_left=-1), make_proposal(org, days_left=5)
    out = StringIO()
    call_command("end_proposal_periods", stdout=out)
    assert out.getvalue().strip() == "1"
    ended.refresh_from_db()
    running.refresh_from_db()
    assert ended.status == Status.PERIOD_ENDED and running.status == Status.COLLECTING
