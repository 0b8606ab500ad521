"""What a subscription's topic is, for display: its title and page.

A subscription names its topic by kind and id, since this layer cannot hold a foreign key to a process
or a focus area. The apps that own them register a resolver in `AppConfig.ready()`. A resolver is given
many ids at once (one query for a whole list of subscriptions) and leaves out any id that is not a public
topic of the municipality (which also makes following it refused).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass

from django.utils.translation import gettext as _

from radslag.messaging.models import Topic
from radslag.organisations.models import Organisation


@dataclass(frozen=True)
class TopicView:
    title: str
    url: str


Resolver = Callable[[Organisation, Collection[int]], "dict[int, TopicView]"]
_resolvers: dict[str, Resolver] = {}


def register(topic: Topic | str, resolver: Resolver) -> None:
    _resolvers[str(topic)] = resolver


def describe(organisation: Organisation, topic: str, topic_id: int | None) -> TopicView | None:
    return describe_all(organisation, [(topic, topic_id)]).get((topic, topic_id))


def describe_all(
    organisation: Organisation, topics: Iterable[tuple[str, int | None]]
) -> dict[tuple[str, int | None], TopicView]:
    """Each (kind, id) that is a topic of the municipality, with one query per kind of topic."""
    wanted: dict[str, set[int]] = {}
    found: dict[tuple[str, int | None], TopicView] = {}
    for topic, topic_id in topics:
        if topic == Topic.ORGANISATION:
            found[(topic, topic_id)] = TopicView(
                title=_("Everything in %(organisation)s") % {"organisation": organisation.name}, url="/"
            )
        elif topic_id is not None and topic in _resolvers:
            wanted.setdefault(topic, set()).add(topic_id)
    for topic, ids in wanted.items():
        for topic_id, view in _resolvers[topic](organisation, ids).items():
            found[(topic, topic_id)] = view
    return found
