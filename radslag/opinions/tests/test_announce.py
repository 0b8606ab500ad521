"""Closing a conversation with answers tells those who follow the process or its focus areas, once."""

from __future__ import annotations

import pytest
from django.core import mail

from radslag.dialogues.models import DialogueProcess
from radslag.dialogues.tests.factories import ProcessFactory, followed_process
from radslag.messaging.models import Notice
from radslag.opinions.models import Conversation, StatementVote
from radslag.opinions.staff_services import update_conversation
from radslag.opinions.tests.factories import ConversationFactory, ParticipantFactory, StatementFactory

pytestmark = pytest.mark.django_db

CLOSED, OPEN = Conversation.Status.CLOSED, Conversation.Status.OPEN


@pytest.fixture
def followed(org):
    return followed_process(org, title="Trygghet i Alafors", title_en="Safety in Alafors")


def answered(process, **fields):
    conversation = ConversationFactory(process=process, **fields)
    StatementVote.objects.create(participant=ParticipantFactory(conversation=conversation),
                                 statement=StatementFactory(conversation=conversation), value=1)
    return conversation


def test_closing_a_conversation_tells_each_follower_once(org, staff, followed, django_capture_on_commit_callbacks):
    conversation = answered(followed, title="Vad gör Alafors tryggt?", title_en="What makes Alafors safe?")
    with django_capture_on_commit_callbacks(execute=True):
        update_conversation(conversation=conversation, user=staff, status=CLOSED)
        update_conversation(conversation=conversation, user=staff, status=OPEN)  # reopened
        update_conversation(conversation=conversation, user=staff, status=CLOSED)  # and closed again

    by_address = {m.to[0]: m for m in mail.outbox}
    assert sorted(m.to[0] for m in mail.outbox) == ["anna@example.se", "bo@example.se"]
    assert "Resultatet av samtalet ”Vad gör Alafors tryggt?”" in by_address["anna@example.se"].subject
    assert "What makes Alafors safe?" in by_address["bo@example.se"].subject
    assert f"/samtal/{conversation.pk}/resultat/" in by_address["anna@example.se"].body


def test_saving_an_open_conversation_tells_nobody(org, staff, followed, django_capture_on_commit_callbacks):
    conversation = answered(followed)
    with django_capture_on_commit_callbacks(execute=True):
        update_conversation(conversation=conversation, user=staff, title="Nytt namn")
    assert mail.outbox == [] and not Notice.objects.exists()


def test_a_conversation_without_answers_or_in_a_draft_tells_nobody(org, staff, followed,
                                                                  django_capture_on_commit_callbacks):
    unanswered = ConversationFactory(process=followed)
    draft = answered(ProcessFactory(organisation=org, status=DialogueProcess.Status.DRAFT))
    with django_capture_on_commit_callbacks(execute=True):
        update_conversation(conversation=unanswered, user=staff, status=CLOSED)
        update_conversation(conversation=draft, user=staff, status=CLOSED)
    assert mail.outbox == [] and not Notice.objects.exists()


def test_importing_a_finished_conversation_tells_followers(org, staff, followed, django_capture_on_commit_callbacks):
    from radslag.opinions.polis_transfer import import_polis_export

    comments = "timestamp,comment-id,author-id,moderated,comment-body\n1,0,7,1,Fler fritidsgårdar\n"
    votes = "timestamp,comment-id,voter-id,vote\n1,0,7,1\n2,0,8,-1\n"
    with django_capture_on_commit_callbacks(execute=True):
        conversation = import_polis_export(process=followed, user=staff, title="Ungas trygghet", question="Vad?",
                                           files={"comments.csv": comments.encode(), "votes.csv": votes.encode()})
    assert sorted(m.to[0] for m in mail.outbox) == ["anna@example.se", "bo@example.se"]
    assert f"/samtal/{conversation.pk}/resultat/" in mail.outbox[0].body
