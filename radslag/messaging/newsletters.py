"""Newsletters (månadsblad): saving, the alt-text rule, a test to oneself, scheduling and sending.

Sending goes through the outbox: one `Message` with the key `newsletter:<pk>` (so a second send is
impossible), one `Delivery` per subscriber of the list at the moment it is sent. A scheduled
newsletter is sent by `newsletter_tasks.send_due_newsletters`, a Celery beat task that runs every few
minutes, so the list is read at the time of sending (people who subscribed or left in between count).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from radslag.audit.services import record_event
from radslag.core.errors import DomainError
from radslag.messaging import consent, markup, outbox
from radslag.messaging.models import Delivery, MediaImage, Message, Newsletter, Recipient, Subscription, Topic
from radslag.messaging.newsletter_lists import NewsletterList
from radslag.organisations.models import Organisation


@transaction.atomic
def save_newsletter(
    *, organisation: Organisation, actor: Any, fields: dict[str, Any], newsletter: Newsletter | None = None
) -> Newsletter:
    """Create or change a newsletter that has not been sent."""
    if newsletter is not None and newsletter.sent_at is not None:
        raise DomainError(_("The newsletter has been sent and is archived; it can no longer be changed."))
    chosen: NewsletterList = fields["recipients_list"]
    newsletter = newsletter or Newsletter(organisation=organisation, created_by=actor)
    newsletter.topic, newsletter.topic_id = chosen.topic, chosen.topic_id
    for name in ("title", "title_en", "body", "body_en"):
        setattr(newsletter, name, fields.get(name, ""))
    newsletter.save()
    record_event(organisation=organisation, actor=actor, action="newsletter.saved", target=newsletter)
    return newsletter


def problems_before_sending(newsletter: Newsletter) -> list[str]:
    """What stops the newsletter from being sent, in words for the person sending it."""
    problems = []
    missing = markup.image_alt_missing(newsletter.body)
    if missing:
        problems.append(_("An image in the Swedish text has no alt text: %(images)s. Write a description between "
                          "the brackets, ![like this](address), or insert the image again from the media library.")
                        % {"images": ", ".join(missing)})
    missing = markup.image_alt_missing(newsletter.body_en)
    if missing:
        problems.append(_("An image in the English text has no alt text: %(images)s. Write a description between "
                          "the brackets, ![like this](address), or insert the image again from the media library.")
                        % {"images": ", ".join(missing)})
    if not newsletter.title.strip() or not newsletter.body.strip():
        problems.append(_("The newsletter needs a title and a text."))
    return problems


def _check_sendable(newsletter: Newsletter) -> None:
    if newsletter.sent_at is not None:
        raise DomainError(_("The newsletter has already been sent."))
    problems = problems_before_sending(newsletter)
    if problems:
        raise DomainError(_("The newsletter cannot be sent yet."), details=problems)


def subscribers(newsletter: Newsletter) -> QuerySet[Recipient]:
    """Who gets it: confirmed addresses, not withdrawn or refused, subscribed to the newsletter's list."""
    topic_id = newsletter.topic_id if newsletter.topic == Topic.PROCESS else None
    listed = Subscription.objects.filter(topic=newsletter.topic, topic_id=topic_id, ended_at__isnull=True)
    return Recipient.objects.filter(
        organisation=newsletter.organisation, pk__in=listed.values("recipient_id"),
        confirmed_at__isnull=False, unsubscribed_at__isnull=True, refused_at__isnull=True,
    )


def send_test(*, newsletter: Newsletter, actor: Any) -> Message:
    """The newsletter, exactly as subscribers will get it, to the staff member's own address."""
    _check_sendable(newsletter)
    if not getattr(actor, "email", ""):
        raise DomainError(_("Your account has no e-mail address to send a test to."))
    recipient = consent.recipient_for(organisation=newsletter.organisation, email=actor.email, user=actor)
    if not recipient.can_receive:
        raise DomainError(_("A test cannot be sent to %(email)s: the address is not confirmed, or it has "
                            "withdrawn from mail.") % {"email": recipient.email})
    key = f"newsletter-test:{newsletter.pk}:{timezone.now().timestamp():.6f}"
    return outbox.send_direct(
        organisation=newsletter.organisation, key=key, recipients=[recipient], kind=Message.Kind.NEWSLETTER,
        subject=_("[Test] %(title)s") % {"title": newsletter.title}, body=newsletter.body,
        subject_en=f"[Test] {newsletter.title_en}" if newsletter.title_en else "", body_en=newsletter.body_en,
        created_by=actor,
    )


@transaction.atomic
def schedule_newsletter(*, newsletter: Newsletter, actor: Any, send_at: dt.datetime | None) -> Newsletter:
    """Set (or, with None, take back) the time the newsletter goes out."""
    newsletter = Newsletter.objects.select_for_update().get(pk=newsletter.pk)
    if send_at is not None:
        _check_sendable(newsletter)
    elif newsletter.sent_at is not None:
        raise DomainError(_("The newsletter has already been sent."))
    newsletter.scheduled_for = send_at
    newsletter.save(update_fields=["scheduled_for", "updated_at"])
    record_event(organisation=newsletter.organisation, actor=actor, action="newsletter.scheduled",
                 target=newsletter, data={"send_at": send_at.isoformat() if send_at else None})
    return newsletter


@transaction.atomic
def send_newsletter(*, newsletter: Newsletter, actor: Any = None) -> Message:
    """Send to everyone on the list now. The row lock and the message key make a second send impossible."""
    newsletter = Newsletter.objects.select_for_update().select_related("organisation").get(pk=newsletter.pk)
    _check_sendable(newsletter)
    message = outbox.send_direct(
        organisation=newsletter.organisation, key=newsletter.message_key, kind=Message.Kind.NEWSLETTER,
        recipients=subscribers(newsletter).iterator(chunk_size=2000),
        subject=newsletter.title, body=newsletter.body, subject_en=newsletter.title_en, body_en=newsletter.body_en,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    newsletter.message, newsletter.sent_at, newsletter.scheduled_for = message, timezone.now(), None
    newsletter.save(update_fields=["message", "sent_at", "scheduled_for", "updated_at"])
    record_event(organisation=newsletter.organisation, actor=actor, action="newsletter.sent", target=newsletter,
                 data={"recipients": message.deliveries.count()})
    return message


def send_due(*, now: dt.datetime | None = None) -> int:
    """Send every scheduled newsletter whose time has come; one that cannot be sent is left for staff."""
    sent = 0
    for newsletter in Newsletter.objects.due(now or timezone.now()).select_related("organisation").order_by(
        "scheduled_for"
    ):
        try:
            send_newsletter(newsletter=newsletter)
        except DomainError as error:
            # Changed since it was scheduled so that it may not go out: back to a draft, which the staff
            # page shows with what stops it, instead of staying "scheduled" for a time long past.
            Newsletter.objects.filter(pk=newsletter.pk, sent_at__isnull=True).update(scheduled_for=None)
            record_event(organisation=newsletter.organisation, actor=None, action="newsletter.not_sent",
                         target=newsletter, reason=error.message, data={"problems": error.details})
            continue
        sent += 1
    return sent


@dataclass(frozen=True)
class SendReport:
    recipients: int
    sent: int
    refused: int
    failed: int
    withdrawn: int
    waiting: int
    # Handed to the mail server, whose 250 never came back (the worker died in between): never sent again,
    # so that nobody gets two copies, and not counted as waiting, since no worker will take them.
    handed: int
    unsubscribed_since: int


def send_report(newsletter: Newsletter) -> SendReport | None:
    """Counts from the deliveries' statuses; None before the newsletter is sent."""
    if newsletter.message_id is None:
        return None
    status = Delivery.Status
    counts = Delivery.objects.filter(message_id=newsletter.message_id).aggregate(
        recipients=Count("pk"),
        sent=Count("pk", filter=Q(status=status.SENT)),
        refused=Count("pk", filter=Q(status=status.REFUSED)),
        failed=Count("pk", filter=Q(status=status.FAILED)),
        withdrawn=Count("pk", filter=Q(status=status.WITHDRAWN)),
        waiting=Count("pk", filter=Q(status__in=[status.PENDING, status.CLAIMED, status.DEFERRED])),
        handed=Count("pk", filter=Q(status=status.HANDED)),
        unsubscribed_since=Count("pk", filter=Q(recipient__unsubscribed_at__gte=newsletter.sent_at)),
    )
    return SendReport(**counts)


def archive(organisation: Organisation) -> QuerySet[Newsletter]:
    return Newsletter.objects.filter(organisation=organisation).sent()


def library(organisation: Organisation) -> QuerySet[MediaImage]:
    return MediaImage.objects.filter(organisation=organisation)


@transaction.atomic
def add_image(*, organisation: Organisation, actor: Any, fields: dict[str, Any], image_format: str,
              width: int, height: int) -> MediaImage:
    image = MediaImage(organisation=organisation, uploaded_by=actor, format=image_format, width=width,
                       height=height, alt=fields["alt"], alt_en=fields.get("alt_en", ""))
    image.file.save("upload", fields["file"], save=False)
    image.save()
    record_event(organisation=organisation, actor=actor, action="media.image_added", target=image)
    return image
