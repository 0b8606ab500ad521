"""Answering statements, joining with a code, adding statements: the rules a participant meets."""

import pytest

from radslag.audit.models import AuditEvent
from radslag.core.errors import DomainError, PermissionDeniedError
from radslag.opinions.models import Conversation, Participant, Statement, StatementVote
from radslag.opinions.participation import next_statement, progress
from radslag.opinions.services import (
    answer_statement,
    cast_vote,
    join_anonymously,
    participant_for_code,
    submit_statement,
)
from radslag.opinions.tests.factories import ConversationFactory, ParticipantFactory, StatementFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def conversation():
    return ConversationFactory()


def test_one_answer_per_statement_and_participant(conversation):
    statement = StatementFactory(conversation=conversation)
    participant = ParticipantFactory(conversation=conversation)
    cast_vote(participant=participant, statement_id=statement.pk, value="agree")
    cast_vote(participant=participant, statement_id=statement.pk, value="agree")
    assert StatementVote.objects.filter(statement=statement).count() == 1


def test_changing_an_answer_updates_the_row(conversation):
    statement = StatementFactory(conversation=conversation)
    participant = ParticipantFactory(conversation=conversation)
    first = cast_vote(participant=participant, statement_id=statement.pk, value="agree")
    second = cast_vote(participant=participant, statement_id=statement.pk, value="disagree")
    assert second.pk == first.pk
    assert StatementVote.objects.get().value == -1


@pytest.mark.parametrize("status", [Statement.Status.PENDING, Statement.Status.REJECTED])
def test_answers_on_statements_not_accepted_are_refused(conversation, status):
    statement = StatementFactory(conversation=conversation, status=status)
    participant = ParticipantFactory(conversation=conversation)
    with pytest.raises(DomainError, match="inte öppet för svar"):
        cast_vote(participant=participant, statement_id=statement.pk, value="agree")
    assert not StatementVote.objects.exists()


@pytest.mark.parametrize("statement_id", ["999999", "abc", None, "1; DROP TABLE"])
def test_unknown_statement_ids_are_refused(conversation, statement_id):
    participant = ParticipantFactory(conversation=conversation)
    with pytest.raises(DomainError, match="finns inte"):
        cast_vote(participant=participant, statement_id=statement_id, value="agree")


def test_a_statement_of_another_conversation_is_refused(conversation):
    elsewhere = StatementFactory()
    participant = ParticipantFactory(conversation=conversation)
    with pytest.raises(DomainError):
        cast_vote(participant=participant, statement_id=elsewhere.pk, value="agree")


@pytest.mark.parametrize("value", ["", "yes", "2", "1", "AGREE"])
def test_malformed_values_are_refused(conversation, value):
    statement = StatementFactory(conversation=conversation)
    participant = ParticipantFactory(conversation=conversation)
    with pytest.raises(DomainError, match="Välj"):
        cast_vote(participant=participant, statement_id=statement.pk, value=value)


def test_closed_conversation_refuses_answers_and_leaves_no_participant(conversation):
    statement = StatementFactory(conversation=conversation)
    conversation.status = Conversation.Status.CLOSED
    conversation.save()
    with pytest.raises(DomainError, match="stängt"):
        answer_statement(conversation=conversation, user=None, code=None, statement_id=statement.pk, value="agree")
    assert not Participant.objects.exists()


def test_a_refused_first_answer_leaves_no_anonymous_participant(conversation):
    with pytest.raises(DomainError):
        answer_statement(conversation=conversation, user=None, code=None, statement_id="12345", value="agree")
    assert not Participant.objects.exists()


def test_signed_in_only_conversation_refuses_anonymous(conversation):
    conversation.access = Conversation.Access.SIGNED_IN
    conversation.save()
    statement = StatementFactory(conversation=conversation)
    with pytest.raises(PermissionDeniedError):
        answer_statement(conversation=conversation, user=None, code=None, statement_id=statement.pk, value="pass")


def test_a_signed_in_person_is_one_participant(conversation, resident):
    first, second = StatementFactory(conversation=conversation), StatementFactory(conversation=conversation)
    answer_statement(conversation=conversation, user=resident, code=None, statement_id=first.pk, value="agree")
    answer_statement(conversation=conversation, user=resident, code=None, statement_id=second.pk, value="pass")
    assert Participant.objects.get().user == resident
    assert StatementVote.objects.count() == 2


def test_the_code_brings_back_the_same_participant_and_is_stored_hashed(conversation):
    participant, code = join_anonymously(conversation=conversation)
    assert code.replace("-", "") not in participant.code_hash
    assert participant_for_code(conversation, code.lower()) == participant
    with pytest.raises(DomainError, match="känner inte igen"):
        participant_for_code(conversation, "AAAAA-BBBBB")
    with pytest.raises(DomainError, match="tio"):
        participant_for_code(conversation, "abc")


def test_pending_statements_are_hidden_from_others(conversation):
    author, other = ParticipantFactory(conversation=conversation), ParticipantFactory(conversation=conversation)
    submitted = submit_statement(participant=author, text="  Torget behöver  fler bänkar.  ")
    assert submitted.text == "Torget behöver fler bänkar."
    assert submitted.status == Statement.Status.PENDING
    assert next_statement(conversation, other) is None
    assert progress(conversation, other).total == 0
    assert AuditEvent.objects.filter(action="opinions.statement_submitted").count() == 1


def test_statements_longer_than_the_limit_are_refused(conversation):
    author = ParticipantFactory(conversation=conversation)
    with pytest.raises(DomainError, match="280"):
        submit_statement(participant=author, text="x" * 281)
    assert not Statement.objects.exists()


def test_statements_are_refused_where_not_allowed(conversation):
    conversation.allow_statements = False
    conversation.save()
    with pytest.raises(DomainError, match="tar inte emot"):
        submit_statement(participant=ParticipantFactory(conversation=conversation), text="Fler bänkar")


def test_next_statement_prefers_the_least_answered_and_skips_answered(conversation):
    busy, quiet = StatementFactory(conversation=conversation), StatementFactory(conversation=conversation)
    others = [ParticipantFactory(conversation=conversation) for _ in range(2)]
    for participant in others:
        cast_vote(participant=participant, statement_id=busy.pk, value="agree")
    me = ParticipantFactory(conversation=conversation)
    assert next_statement(conversation, me) == quiet
    cast_vote(participant=me, statement_id=quiet.pk, value="pass")
    assert next_statement(conversation, me) == busy
    cast_vote(participant=me, statement_id=busy.pk, value="disagree")
    assert next_statement(conversation, me) is None
    assert progress(conversation, me).done


def test_codes_are_stored_with_a_keyed_hash_and_old_unkeyed_ones_still_work(conversation):
    import hashlib

    from radslag.opinions.services import participant_for_code

    old = ParticipantFactory(conversation=conversation,
                             code_hash=hashlib.sha256(f"{conversation.pk}:ABCDEFGH23".encode()).hexdigest())
    assert participant_for_code(conversation, "abcde-fgh23") == old
    old.refresh_from_db()
    assert old.code_hash != hashlib.sha256(f"{conversation.pk}:ABCDEFGH23".encode()).hexdigest()
    assert participant_for_code(conversation, "ABCDE-FGH23") == old  # found again under the keyed hash
