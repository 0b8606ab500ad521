"""Asking to be told: recording an address, its consent and its subscriptions (double opt-in).

The contract other apps call:

    ask_to_be_told(organisation=, email=, language=, source=, source_id=, process_id=, purpose=, user=)
        at a participation point: records the consent, subscribes the address to the process (or, with
        no process, the municipality), and sends a confirmation mail unless the address is already
        confirmed (a signed-in user's verified address counts as confirmed). Harmless when repeated.

    follow(organisation=, email=, language=, topic=, topic_id=, frequency=, user=)
        a resident follows a process, a focus area or the whole municipality.

    unsubscribe_all(recipient=) withdraws from every mail.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from radslag.messaging.models import Consent, Frequency, Recipient, Source, Subscription, Topic
from radslag.organisations.models import Organisation


def normalise_email(email: str) -> str:
    return email.strip().lower()


def recipient_for(*, organisation: Organisation, email: str, language: str = "sv", user: Any = None) -> Recipient:
    email = normalise_email(email)
    recipient, _created = Recipient.objects.get_or_create(
        organisation=organisation, email=email, defaults={"language": language or "sv", "user": user}
    )
    changed = []
    if user is not None and recipient.user_id is None:
        recipient.user = user
        changed.append("user")
    if user is not None and recipient.confirmed_at is None and _verified(user, email):
        recipient.confirmed_at = timezone.now()
        changed.append("confirmed_at")
    if changed:
        recipient.save(update_fields=[*changed, "updated_at"])
    return recipient


def _verified(user: Any, email: str) -> bool:
    """A signed-in user's own address counts as confirmed when allauth has verified it."""
    from allauth.account.models import EmailAddress

    return EmailAddress.objects.filter(user=user, email__iexact=email, verified=True).exists()


@transaction.atomic
def ask_to_be_told(
    *,
    organisation: Organisation,
    email: str,
    source: Source | str,
    language: str = "sv",
    source_id: int | None = None,
    process_id: int | None = None,
    purpose: str = "",
    user: Any = None,
) -> Recipient:
    recipient = recipient_for(organisation=organisation, email=email, language=language, user=user)
    Consent.objects.get_or_create(
        recipient=recipient,
        source=source,
        source_id=source_id,
        defaults={"process_id": process_id, "purpose": purpose},
    )
    topic, topic_id = (Topic.PROCESS, process_id) if process_id else (Topic.ORGANISATION, None)
    Subscription.objects.get_or_create(
        recipient=recipient,
        topic=topic,
        topic_id=topic_id,
        defaults={"source": source, "frequency": Frequency.IMMEDIATE},
    )
    return recipient


@transaction.atomic
def follow(
    *,
    organisation: Organisation,
    email: str,
    topic: Topic | str,
    topic_id: int | None = None,
    frequency: Frequency | str = Frequency.IMMEDIATE,
    language: str = "sv",
    user: Any = None,
) -> Subscription:
    recipient = recipient_for(organisation=organisation, email=email, language=language, user=user)
    subscription, created = Subscription.objects.get_or_create(
        recipient=recipient,
        topic=topic,
        topic_id=topic_id,
        defaults={"source": Source.FOLLOW, "frequency": frequency},
    )
    if not created and (subscription.frequency != frequency or subscription.ended_at is not None):
        subscription.frequency = frequency
        subscription.ended_at = None
        subscription.save(update_fields=["frequency", "ended_at", "updated_at"])
    return subscription


@transaction.atomic
def unsubscribe_all(*, recipient: Recipient) -> None:
    now = timezone.now()
    Recipient.objects.filter(pk=recipient.pk, unsubscribed_at__isnull=True).update(unsubscribed_at=now)
    recipient.subscriptions.filter(ended_at__isnull=True).update(ended_at=now)
