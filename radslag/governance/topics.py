"""A focus area as a topic people follow by mail (radslag.messaging.topics)."""

from __future__ import annotations

from django.urls import reverse

from radslag.governance.models import FocusArea
from radslag.messaging.topics import TopicView
from radslag.organisations.models import Organisation


def focus_area_topic(organisation: Organisation, topic_id: int) -> TopicView | None:
    area = FocusArea.objects.filter(organisation=organisation, pk=topic_id).first()
    if area is None:
        return None
    return TopicView(title=area.name, url=reverse("governance:focus_area", kwargs={"slug": area.slug}))
