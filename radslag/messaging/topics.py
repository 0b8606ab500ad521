"""What a subscription's topic is, for display: its title and page.

A subscription names its topic by kind and id, since this layer cannot hold a foreign key to a process
or a focus area. The apps that own them register a resolver in `AppConfig.ready()`; the resolver answers
None for an id that is not a public topic of the municipality (which also makes following it refused).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext as _

from radslag.messaging.models import Topic
from radslag.organisations.models import Organisation


@dataclass(frozen=True)
class TopicView:
    title: str
    url: str


Resolver = Callable[[Organisation, int], "TopicView | None"]
_resolvers: dict[str, Resolver] = {}


def register(topic: Topic | str, resolver: Resolver) -> None:
    _resolvers[str(topic)] = resolver


def describe(organisation: Organisation, topic: str, topic_id: int | None) -> TopicView | None:
    if topic == Topic.ORGANISATION:
        return TopicView(title=_("Everything in %(organisation)s") % {"organisation": organisation.name}, url="/")
    resolver = _resolvers.get(topic)
    if resolver is None or topic_id is None:
        return None
    return resolver(organisation, topic_id)
