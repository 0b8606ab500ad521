"""The demo conversation: seeds in the current process, a few hundred participants, groups computed."""

import pytest
from django.db import models

from radslag.demo.services import load_demo
from radslag.dialogues.models import DialogueProcess
from radslag.opinions.models import Conversation, OpinionSnapshot, Statement

pytestmark = pytest.mark.django_db


def test_the_demo_conversation_forms_opinion_groups(client):
    organisation = load_demo().organisation
    process = DialogueProcess.objects.get(organisation=organisation, title="Mötesplatser i Nödinge centrum")
    conversation = Conversation.objects.get(process=process)
    answers = conversation.statements.aggregate(n=models.Count("votes"))["n"]
    assert conversation.statements.filter(is_seed=True).count() == 15
    assert conversation.statements.filter(status=Statement.Status.PENDING).count() == 1
    assert 2000 < answers < 6000
    snapshot = OpinionSnapshot.objects.get(conversation=conversation)
    assert 2 <= len(snapshot.result["groups"]) <= 3
    assert snapshot.participant_count == 320
    response = client.get(f"/samtal/{conversation.pk}/resultat/")
    assert response.status_code == 200
    assert "Grupp B" in response.content.decode()
