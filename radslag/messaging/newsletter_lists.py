"""The lists a newsletter goes to: the whole municipality, or one process's subscribers.

This layer cannot import processes, so the dialogues app registers a provider in `AppConfig.ready()`
that names the municipality's public processes (id, short name, titles, public page). The staff form
offers them as lists, and the archive uses them for headings and links.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from radslag.messaging.models import Topic
from radslag.organisations.models import Organisation


@dataclass(frozen=True)
class NewsletterList:
    topic: str
    topic_id: int | None
    slug: str
    title: str
    title_en: str = ""
    url: str = ""  # the public page of the process

    @property
    def key(self) -> str:
        return f"{self.topic}:{self.topic_id or ''}"


Provider = Callable[[Organisation], Iterable[NewsletterList]]
_providers: list[Provider] = []


def register(provider: Provider) -> None:
    if provider not in _providers:
        _providers.append(provider)


def municipality_list(organisation: Organisation) -> NewsletterList:
    return NewsletterList(topic=Topic.ORGANISATION, topic_id=None, slug="", title=organisation.name)


def lists_of(organisation: Organisation) -> list[NewsletterList]:
    """The municipality first, then each registered list."""
    found = [municipality_list(organisation)]
    for provider in _providers:
        found.extend(provider(organisation))
    return found


def describe(organisation: Organisation, topic: str, topic_id: int | None) -> NewsletterList | None:
    return next((item for item in lists_of(organisation) if item.topic == topic and item.topic_id == topic_id), None)


def by_slug(organisation: Organisation, slug: str) -> NewsletterList | None:
    return next((item for item in lists_of(organisation) if item.slug and item.slug == slug), None)
