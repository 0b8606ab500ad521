"""Asking to be told: recording an address, its consent and its subscriptions (double opt-in).

The contract other apps call:

    ask_to_be_told(organisation=, email=, language=, source=, source_id=, process_id=, purpose=, user=)
        at a participation point: records the consent, subscribes the address to the process (or, with
        no process, the municipality), and sends a confirmation mail unless the address is already
        confirmed (a signed-in user's verified address counts as confirmed). Harmless when repeated.
        Call it inside the transaction that records the participation.

    follow(organisation=, email=, language=, topic=, topic_id=, frequency=, user=)
        a resident follows a process, a focus area or the whole municipality.

    unsubscribe_all(recipient=) withdraws from every mail.

An address that withdrew and is left again at a form is asked to confirm anew: someone else may have
typed it. A confirmation mail leaves at most once a day per address, however often it is left.

A ballot receipt is special: the ballot is secret, so nothing here may let anyone match an address to
a cast ballot. The consent names only the process, and the times of the rows a ballot receipt writes
are rounded down to the start of the day, so they cannot be set beside the ballots' own times.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from radslag.messaging import outbox
from radslag.messaging.models import Consent, Frequency, Message, Recipient, Source, Subscription, Topic
from radslag.organisations.models import Organisation

# Said at every field where an address can be left, and stored with the consent as what was shown.
PURPOSE = _(
    "We use the address only to tell you about answers, decisions and results in this dialogue, and "
    "about nothing else. You can stop the mail whenever you like, with a link in every mail."
)


def normalise_email(email: str) -> str:
    return email.strip().lower()


def recipient_for(*, organisation: Organisation, email: str, language: str = "sv", user: Any = None) -> Recipient:
    email = normalise_email(email)
    owner = user if _owns(user, email) else None  # an address typed for someone else is not the user's
    recipient, _created = Recipient.objects.get_or_create(
        organisation=organisation, email=email, defaults={"language": language or "sv", "user": owner}
    )
    changed = []
    if owner is not None and recipient.user_id is None:
        recipient.user = owner
        changed.append("user")
    if owner is not None and recipient.confirmed_at is None and _verified(owner, email):
        recipient.confirmed_at = timezone.now()
        changed.append("confirmed_at")
    if changed:
        recipient.save(update_fields=[*changed, "updated_at"])
    return recipient


def _owns(user: Any, email: str) -> bool:
    """One of the signed-in person's verified addresses: an unverified one may be someone else's."""
    return _verified(user, email)


def _verified(user: Any, email: str) -> bool:
    """A signed-in user's own address counts as confirmed when allauth has verified it."""
    from allauth.account.models import EmailAddress

    if not getattr(user, "is_authenticated", False):
        return False
    return EmailAddress.objects.filter(user=user, email__iexact=email, verified=True).exists()


def _asked_again(recipient: Recipient, user: Any) -> None:
    """An address that withdrew is left again: it takes mail again once confirmed anew (or at once, when it
    is the signed-in person's own verified address)."""
    if recipient.unsubscribed_at is None:
        return
    recipient.unsubscribed_at = None
    recipient.confirmed_at = timezone.now() if _verified(user, recipient.email) else None
    recipient.save(update_fields=["unsubscribed_at", "confirmed_at", "updated_at"])


def _subscribe(
    recipient: Recipient, *, topic: str, topic_id: int | None, source: str, frequency: str | None
) -> Subscription:
    subscription, created = Subscription.objects.get_or_create(
        recipient=recipient, topic=topic, topic_id=topic_id,
        defaults={"source": source, "frequency": frequency or Frequency.IMMEDIATE},
    )
    changed = []
    if not created and subscription.ended_at is not None:
        subscription.ended_at = None
        changed.append("ended_at")
    if not created and frequency is not None and subscription.frequency != frequency:
        subscription.frequency = frequency
        changed.append("frequency")
    if changed:
        subscription.save(update_fields=[*changed, "updated_at"])
    return subscription


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
    started = timezone.now()
    recipient = recipient_for(organisation=organisation, email=email, language=language, user=user)
    _asked_again(recipient, user)
    consent, _created = Consent.objects.get_or_create(
        recipient=recipient,
        source=source,
        source_id=source_id,
        process_id=process_id,  # a ballot receipt has no source id: one consent per process
        defaults={"purpose": purpose or str(PURPOSE)},
    )
    topic, topic_id = (Topic.PROCESS, process_id) if process_id else (Topic.ORGANISATION, None)
    _subscribe(recipient, topic=topic, topic_id=topic_id, source=source, frequency=None)
    message = outbox.request_confirmation(recipient=recipient)
    if source == Source.BALLOT:
        _round_times_down(recipient, consent, message, since=started)
    return recipient


def _round_times_down(recipient: Recipient, consent: Consent, message: Message | None, *, since: dt.datetime) -> None:
    """Whatever a ballot receipt wrote gets the start of its day as its time (see the module's note)."""
    local = timezone.localtime(since)
    day = local.replace(hour=0, minute=0, second=0, microsecond=0)
    Consent.objects.filter(pk=consent.pk).update(given_at=day)
    Recipient.objects.filter(pk=recipient.pk, created_at__gte=since).update(created_at=day)
    Recipient.objects.filter(pk=recipient.pk, updated_at__gte=since).update(updated_at=day)
    Recipient.objects.filter(pk=recipient.pk, confirmation_sent_at__gte=since).update(confirmation_sent_at=day)
    Recipient.objects.filter(pk=recipient.pk, confirmed_at__gte=since).update(confirmed_at=day)
    recipient.subscriptions.filter(created_at__gte=since).update(created_at=day)
    recipient.subscriptions.filter(updated_at__gte=since).update(updated_at=day)
    if message is not None:
        Message.objects.filter(pk=message.pk).update(created_at=day, updated_at=day)


@transaction.atomic
def confirm_address(*, recipient: Recipient) -> bool:
    """The person opened the link and confirmed. True the first time."""
    return bool(
        Recipient.objects.filter(pk=recipient.pk, confirmed_at__isnull=True).update(
            confirmed_at=timezone.now(), updated_at=timezone.now()
        )
    )


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
    _asked_again(recipient, user)
    subscription = _subscribe(recipient, topic=topic, topic_id=topic_id, source=Source.FOLLOW, frequency=frequency)
    outbox.request_confirmation(recipient=recipient)
    return subscription


@transaction.atomic
def end_subscription(*, recipient: Recipient, subscription_id: int) -> bool:
    return bool(
        recipient.subscriptions.filter(pk=subscription_id, ended_at__isnull=True).update(
            ended_at=timezone.now(), updated_at=timezone.now()
        )
    )


@transaction.atomic
def change_frequency(*, recipient: Recipient, subscription_id: int, frequency: Frequency | str) -> bool:
    if frequency not in Frequency.values:
        return False
    return bool(
        recipient.subscriptions.filter(pk=subscription_id).update(
            frequency=frequency, ended_at=None, updated_at=timezone.now()
        )
    )


@transaction.atomic
def unsubscribe_all(*, recipient: Recipient) -> None:
    now = timezone.now()
    Recipient.objects.filter(pk=recipient.pk, unsubscribed_at__isnull=True).update(unsubscribed_at=now)
    recipient.subscriptions.filter(ended_at__isnull=True).update(ended_at=now)


def recipients_of(user: Any, organisation: Organisation) -> QuerySet[Recipient]:
    """The addresses a signed-in person left or follows with in this municipality: those linked to the
    account, and any left while signed out at one of the account's verified addresses."""
    from allauth.account.models import EmailAddress

    if not getattr(user, "is_authenticated", False):
        return Recipient.objects.none()
    verified = [normalise_email(e) for e in
                EmailAddress.objects.filter(user=user, verified=True).values_list("email", flat=True)]
    return Recipient.objects.filter(organisation=organisation).filter(
        Q(user=user) | Q(email__in=verified)
    ).order_by("email")
