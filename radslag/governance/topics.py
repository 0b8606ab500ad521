"""A focus area as a topic people follow by mail (radslag.messaging.topics)."""

from __future__ import annotations

from collections.abc import Collection

from django.urls import reverse

from radslag.governance.models import FocusArea
from radslag.messaging.topics import TopicView
from radslag.organisations.models import Organisation


def focus_area_topics(organisation: Organisation, topic_ids: Collection[int]) -> dict[int, TopicView]:
    return {
        area.pk: TopicView(title=area.name, url=reverse("overview:focus_area", kwargs={"slug": area.slug}))
        for area in FocusArea.objects.filter(organisation=organisation, pk__in=topic_ids)
    }
