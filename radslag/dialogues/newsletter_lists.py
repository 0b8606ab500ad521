"""The processes a newsletter can be sent for: each public process is a list of its subscribers."""

from __future__ import annotations

from collections.abc import Iterable

from django.urls import reverse

from radslag.dialogues.models import DialogueProcess
from radslag.messaging.models import Topic
from radslag.messaging.newsletter_lists import NewsletterList
from radslag.organisations.models import Organisation


def process_lists(organisation: Organisation) -> Iterable[NewsletterList]:
    processes = DialogueProcess.objects.for_organisation(organisation).published().order_by("title")
    for process in processes.only("pk", "slug", "title", "title_en"):
        yield NewsletterList(
            topic=Topic.PROCESS, topic_id=process.pk, slug=process.slug, title=process.title,
            title_en=process.title_en, url=reverse("dialogues:process_detail", kwargs={"slug": process.slug}),
        )
