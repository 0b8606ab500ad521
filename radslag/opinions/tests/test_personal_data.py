"""Taking part in an opinion conversation while signed in: downloaded, and unlinked on erasure."""

import json

import pytest

from radslag.accounts.models import Role
from radslag.accounts.tests.factories import user_with_role
from radslag.audit.personal_data import kind
from radslag.opinions.models import Statement, StatementVote
from radslag.opinions.tests.factories import ConversationFactory, ParticipantFactory, StatementFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def taking_part(org):
    person = user_with_role(org, Role.RESIDENT, email="samtal@example.se")
    conversation = ConversationFactory(process__organisation=org, title="Nödinge centrum")
    participant = ParticipantFactory(conversation=conversation, user=person)
    seed = StatementFactory(conversation=conversation, text="Fler bänkar vid torget")
    StatementVote.objects.create(participant=participant, statement=seed, value=1)
    StatementFactory(conversation=conversation, text="Biblioteket ska ha kvällsöppet", is_seed=False,
                     author_participant=participant, author_user=person, status=Statement.Status.PENDING)
    return person


def test_the_download_includes_answers_and_statements_written(client_for, org, taking_part):
    data = json.loads(client_for(org, taking_part).get("/mina-uppgifter/ladda-ner/").content)

    [entry] = data["opinion_participation"]
    assert entry["conversation"] == "Nödinge centrum"
    assert entry["answers"] == [{"statement": "Fler bänkar vid torget", "answer": "Håller med"}]
    assert entry["statements_written"][0]["text"] == "Biblioteket ska ha kvällsöppet"


def test_erasure_unlinks_the_person_and_the_answers_stay_for_the_map(org, taking_part):
    assert kind("opinions.participation").erase(taking_part, org) == 1

    assert kind("opinions.participation").export(taking_part, org) == []
    assert StatementVote.objects.count() == 1
    assert Statement.objects.filter(author_user__isnull=True, text="Biblioteket ska ha kvällsöppet").exists()
