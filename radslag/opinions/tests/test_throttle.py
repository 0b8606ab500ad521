"""Anonymous statements and answers are throttled per client."""

import pytest

from radslag.dialogues.tests.factories import ProcessFactory
from radslag.opinions.models import Statement
from radslag.opinions.tests.factories import ConversationFactory


@pytest.mark.django_db
def test_anonymous_statements_and_answers_are_throttled(shared_cache, client_for, org):
    shared_cache.RADSLAG_THROTTLE_RATES = {"statement": "3/600", "statement_answer": "2/600"}
    conversation = ConversationFactory(process=ProcessFactory(organisation=org))
    client = client_for(org)
    statuses = [client.post(f"/samtal/{conversation.pk}/pastaende/", {"text": f"Påstående {n}"}).status_code
                for n in range(5)]
    assert statuses == [302, 302, 302, 429, 429]
    assert Statement.objects.count() == 3
    statement = Statement.objects.first()
    statement.status = Statement.Status.ACCEPTED
    statement.save()
    answers = [client.post(f"/samtal/{conversation.pk}/svara/", {"statement": statement.pk, "value": "agree"})
               for _ in range(3)]
    assert [a.status_code for a in answers] == [302, 302, 429]
