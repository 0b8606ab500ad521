"""Parallel answers from the same participant (two tabs, a double click) leave exactly one row."""

import threading

import pytest
from django.db import connection

from radslag.opinions.models import StatementVote
from radslag.opinions.services import cast_vote
from radslag.opinions.tests.factories import ConversationFactory, ParticipantFactory, StatementFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]
THREADS = 8


def test_parallel_answers_to_one_statement_store_one_row():
    conversation = ConversationFactory()
    statement = StatementFactory(conversation=conversation)
    participant = ParticipantFactory(conversation=conversation)
    start = threading.Barrier(THREADS)
    errors: list[Exception] = []

    def answer(value: str) -> None:
        try:
            start.wait()
            cast_vote(participant=participant, statement_id=statement.pk, value=value)
        except Exception as error:  # collected and asserted below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=answer, args=("agree" if n % 2 else "disagree",)) for n in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert StatementVote.objects.filter(participant=participant, statement=statement).count() == 1
