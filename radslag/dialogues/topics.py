"""A dialogue process as a topic people follow by mail (radslag.messaging.topics)."""

from __future__ import annotations

from django.urls import reverse

from radslag.dialogues.models import DialogueProcess
from radslag.messaging.topics import TopicView
from radslag.organisations.models import Organisation


def process_topic(organisation: Organisation, topic_id: int) -> TopicView | None:
    process = DialogueProcess.objects.filter(organisation=organisation, pk=topic_id).first()
    if process is None or not process.is_public:
        return None
    return TopicView(title=process.title, url=reverse("dialogues:process_detail", kwargs={"slug": process.slug}))
