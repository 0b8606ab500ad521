"""Recomputing the opinion groups: a snapshot with the camps as groups, queued once per burst of answers."""

import pytest

from radslag.opinions.models import OpinionSnapshot
from radslag.opinions.recompute import compute_snapshot, is_stale, previous_groups
from radslag.opinions.services import cast_vote
from radslag.opinions.tasks import claim_recompute
from radslag.opinions.tests.factories import ConversationFactory, ParticipantFactory, StatementFactory
from radslag.opinions.tests.two_camps import shared_statements, two_camps

pytestmark = pytest.mark.django_db


def test_recompute_stores_a_snapshot_with_the_two_camps_as_groups():
    conversation = ConversationFactory()
    camps = two_camps(conversation)
    snapshot = compute_snapshot(conversation)
    groups = snapshot.result["groups"]
    assert len(groups) == 2
    found = sorted(sorted(int(pid) for pid in group["participants"]) for group in groups)
    expected = sorted(sorted(p.pk for p in camp) for camp in camps.values())
    assert found == expected
    assert snapshot.vote_count == 24 * 8
    assert snapshot.participant_count == 24
    consensus = {int(item["statement_id"]) for item in snapshot.result["consensus"]}
    assert {s.pk for s in shared_statements(conversation)} <= consensus
    assert all(group["representative"] for group in groups)


def test_the_next_recompute_continues_the_groups_of_the_last_one():
    conversation = ConversationFactory()
    two_camps(conversation)
    first = compute_snapshot(conversation)
    assert first.result["meta"]["continued_from_previous_groups"] is False
    # Staff renumber nothing; the stored result is what the next recompute reads: swap its ids.
    swapped = {**first.result, "groups": [{**group, "id": 1 - group["id"]} for group in first.result["groups"]]}
    OpinionSnapshot.objects.filter(pk=first.pk).update(result=swapped)
    statement = StatementFactory(conversation=conversation)
    cast_vote(participant=ParticipantFactory(conversation=conversation), statement_id=statement.pk, value="agree")
    second = compute_snapshot(conversation)
    assert second.result["meta"]["continued_from_previous_groups"] is True
    before = {frozenset(g["participants"]): g["id"] for g in swapped["groups"]}
    after = {frozenset(g["participants"]): g["id"] for g in second.result["groups"]}
    assert after == before  # the same people in the same groups, under the same ids


@pytest.mark.parametrize("groups", [[{"id": "0", "participants": ["1"]}], [{"id": 0, "participants": None}],
                                    [{"participants": ["1"]}], ["junk"], {"0": ["1"]}])
def test_a_stored_result_that_cannot_be_read_gives_a_fresh_start(groups):
    assert previous_groups({"groups": groups}) == {}


def test_an_answer_queues_one_recompute_per_burst(django_capture_on_commit_callbacks):
    conversation = ConversationFactory()
    two_camps(conversation)
    statement = StatementFactory(conversation=conversation)
    participants = [ParticipantFactory(conversation=conversation) for _ in range(3)]
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        for participant in participants:
            cast_vote(participant=participant, statement_id=statement.pk, value="agree")
    assert len(callbacks) == 3
    assert OpinionSnapshot.objects.filter(conversation=conversation).count() == 1
    assert not claim_recompute(conversation.pk)


def test_a_snapshot_is_stale_after_a_new_answer():
    conversation = ConversationFactory()
    statement = StatementFactory(conversation=conversation)
    participant = ParticipantFactory(conversation=conversation)
    assert not is_stale(conversation)
    cast_vote(participant=participant, statement_id=statement.pk, value="agree")
    assert is_stale(conversation)
    compute_snapshot(conversation)
    assert not is_stale(conversation)


def test_too_few_answers_give_a_snapshot_without_groups():
    conversation = ConversationFactory()
    statement = StatementFactory(conversation=conversation)
    cast_vote(participant=ParticipantFactory(conversation=conversation), statement_id=statement.pk, value="agree")
    snapshot = compute_snapshot(conversation)
    assert snapshot.result["groups"] == []
    assert snapshot.vote_count == 1


def test_a_snapshot_is_stale_once_the_rule_for_who_is_grouped_changes():
    conversation = ConversationFactory()
    two_camps(conversation)
    compute_snapshot(conversation)
    assert not is_stale(conversation)
    conversation.min_votes += 2
    conversation.save()
    assert is_stale(conversation)  # the results page recomputes, as it does after new answers
