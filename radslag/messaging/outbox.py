"""The outbox: announcing published events and queueing mail.

The contract other apps call:

    announce(organisation=, key=, topics=[(Topic.PROCESS, pk), (Topic.FOCUS_AREA, pk), ...],
             title=, title_en=, summary=, summary_en=, url=)
        something was published. Every confirmed recipient with an immediate subscription to any of the
        topics (or to the whole municipality) gets ONE mail for the event, however many of their
        contributions it concerns; weekly subscribers get it in their digest. Idempotent per key.
        Call it inside the publishing transaction: mail leaves after commit.

    send_direct(organisation=, key=, recipients=[Recipient...], subject=, body=, subject_en=, body_en=,
                kind=Message.Kind.DIRECT, created_by=)
        the same text to a list of recipients (staff writing to registrants, reminders).

    send_to_followers(organisation=, key=, topics=[...], subject=, body=, subject_en=, body_en=,
                      kind=Message.Kind.NEWSLETTER, created_by=, send_after=)
        the same text to everyone who follows any of the topics or the whole municipality, whether
        immediately or weekly (a newsletter: `body` is the safe Markdown of `radslag.messaging.markup`).

    request_confirmation(recipient=)
        the double opt-in mail for an unconfirmed address, at most one a day.

Sending happens in `radslag.messaging.tasks` through Celery (`radslag.messaging.sender` says how it
stays exactly-once); with no broker it runs inline after commit. Who receives what is decided again
when each mail is sent, so a person who unsubscribes after a message was queued never gets it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from radslag.messaging.models import Delivery, Frequency, Message, Notice, Recipient, Subscription, Topic
from radslag.organisations.models import Organisation

TopicRef = tuple[str, int | None]


def subscribers(
    *, organisation: Organisation, topics: Sequence[TopicRef], frequency: str = Frequency.IMMEDIATE
) -> Iterable[int]:
    """Ids of recipients who can receive mail and follow any of the topics (or the municipality)."""
    match = Q(topic=Topic.ORGANISATION)
    for topic, topic_id in topics:
        match |= Q(topic=topic, topic_id=topic_id)
    return (
        Subscription.objects.filter(
            match, recipient__organisation=organisation, ended_at__isnull=True, frequency=frequency
        )
        .filter(
            recipient__confirmed_at__isnull=False,
            recipient__unsubscribed_at__isnull=True,
            recipient__refused_at__isnull=True,
        )
        .values_list("recipient_id", flat=True)
        .distinct()
    )


@transaction.atomic
def announce(
    *,
    organisation: Organisation,
    key: str,
    topics: Sequence[TopicRef],
    title: str,
    url: str,
    title_en: str = "",
    summary: str = "",
    summary_en: str = "",
) -> Notice:
    notice, created = Notice.objects.get_or_create(
        organisation=organisation,
        key=key,
        defaults={
            "topics": [list(t) for t in topics],
            "title": title,
            "title_en": title_en,
            "summary": summary,
            "summary_en": summary_en,
            "url": url,
        },
    )
    if not created:
        return notice
    message = Message.objects.create(
        organisation=organisation, kind=Message.Kind.NOTICE, key=f"notice:{key}", notice=notice
    )
    Delivery.objects.bulk_create(
        [Delivery(message=message, recipient_id=pk) for pk in subscribers(organisation=organisation, topics=topics)],
        batch_size=1000,
    )
    _send_on_commit(message)
    return notice


@transaction.atomic
def send_direct(
    *,
    organisation: Organisation,
    key: str,
    recipients: Iterable[Recipient],
    subject: str,
    body: str,
    subject_en: str = "",
    body_en: str = "",
    kind: str = Message.Kind.DIRECT,
    created_by: Any = None,
    send_after: dt.datetime | None = None,
) -> Message:
    message, created = _message(organisation, key, kind=kind, subject=subject, subject_en=subject_en, body=body,
                                body_en=body_en, created_by=created_by, send_after=send_after)
    if created:
        Delivery.objects.bulk_create(
            [Delivery(message=message, recipient=r) for r in recipients if r.refused_at is None],
            batch_size=1000,
            ignore_conflicts=True,
        )
        _send_on_commit(message)
    return message


@transaction.atomic
def send_to_followers(
    *,
    organisation: Organisation,
    key: str,
    topics: Sequence[TopicRef],
    subject: str,
    body: str,
    subject_en: str = "",
    body_en: str = "",
    kind: str = Message.Kind.NEWSLETTER,
    created_by: Any = None,
    send_after: dt.datetime | None = None,
) -> Message:
    message, created = _message(organisation, key, kind=kind, subject=subject, subject_en=subject_en, body=body,
                                body_en=body_en, created_by=created_by, send_after=send_after)
    if created:
        followers = {
            pk
            for frequency in (Frequency.IMMEDIATE, Frequency.WEEKLY)
            for pk in subscribers(organisation=organisation, topics=topics, frequency=frequency)
        }
        Delivery.objects.bulk_create(
            [Delivery(message=message, recipient_id=pk) for pk in sorted(followers)], batch_size=2000
        )
        _send_on_commit(message)
    return message


CONFIRMATION_INTERVAL = dt.timedelta(days=1)


@transaction.atomic
def request_confirmation(*, recipient: Recipient, now: dt.datetime | None = None) -> Message | None:
    """Queues the confirmation mail (double opt-in); None when the address needs none or was sent one
    within a day (`Recipient.confirmation_sent_at`, claimed with one conditional UPDATE, so two requests
    at the same moment send one mail)."""
    if recipient.confirmed_at or recipient.unsubscribed_at or recipient.refused_at:
        return None
    moment = now or timezone.now()
    claimed = Recipient.objects.filter(
        Q(confirmation_sent_at__isnull=True) | Q(confirmation_sent_at__lte=moment - CONFIRMATION_INTERVAL),
        pk=recipient.pk,
    ).update(confirmation_sent_at=moment)
    if not claimed:
        return None
    recipient.confirmation_sent_at = moment
    message = Message.objects.create(
        organisation_id=recipient.organisation_id, key=f"confirmation:{recipient.pk}:{moment.isoformat()}",
        kind=Message.Kind.CONFIRMATION,
    )
    Delivery.objects.create(message=message, recipient=recipient)
    _send_on_commit(message)
    return message


def _message(organisation: Organisation, key: str, **fields: Any) -> tuple[Message, bool]:
    """The message with this key, created with `fields` the first time: queueing twice queues once."""
    return Message.objects.get_or_create(organisation=organisation, key=key, defaults=fields)


def _send_on_commit(message: Message) -> None:
    from radslag.messaging import tasks

    transaction.on_commit(lambda: tasks.start_sending(message.pk), robust=True)
