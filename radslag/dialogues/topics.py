"""A dialogue process as a topic people follow by mail (radslag.messaging.topics)."""

from __future__ import annotations

from collections.abc import Collection

from django.urls import reverse

from radslag.dialogues.models import DialogueProcess
from radslag.messaging.topics import TopicView
from radslag.organisations.models import Organisation


def process_topics(organisation: Organisation, topic_ids: Collection[int]) -> dict[int, TopicView]:
    processes = DialogueProcess.objects.filter(organisation=organisation, pk__in=topic_ids)
    return {
        process.pk: TopicView(
            title=process.title, url=reverse("dialogues:process_detail", kwargs={"slug": process.slug})
        )
        for process in processes
        if process.is_public
    }
