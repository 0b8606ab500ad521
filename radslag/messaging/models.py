"""Consent to be told, subscriptions and follows, and the outbox.

An e-mail address lives here and nowhere else: a contribution, a registration or a ballot receipt
never holds it. `Consent` records where and why a person asked to hear more (the source row's kind and
id), so the trail from a mail back to "your contributions" can be shown without the public record
knowing the address.

The outbox is `Message` (one mail event: a notice, a newsletter, a reminder, a direct mail, a digest
or a confirmation) and `Delivery` (that message to one recipient). A delivery is unique per
(message, recipient), which is what makes sending idempotent.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from radslag.core.models import TimeStamped
from radslag.organisations.models import Organisation


class Topic(models.TextChoices):
    """What a subscription is about. `topic_id` is the process's or focus area's primary key; empty for
    the whole municipality. The layers below dialogues cannot hold a foreign key to a process, so the
    pair (topic, topic_id) is the reference; `radslag.messaging.topics` resolves it for display."""

    ORGANISATION = "organisation", _("The whole municipality")
    PROCESS = "process", _("A dialogue process")
    FOCUS_AREA = "focus_area", _("A focus area")
    PROPOSAL = "proposal", _("A proposal (Aleförslaget)")


class Frequency(models.TextChoices):
    IMMEDIATE = "immediate", _("A mail when something happens")
    WEEKLY = "weekly", _("A weekly digest")


class Source(models.TextChoices):
    """Where the person asked to be told."""

    CONTRIBUTION = "contribution", _("Online contribution")
    REGISTRATION = "registration", _("Registration for an activity")
    BALLOT = "ballot", _("Ballot receipt")
    CONVERSATION = "conversation", _("Opinion conversation")
    BULK_ENTRY = "bulk_entry", _("Paper slip entered by staff")
    FOLLOW = "follow", _("Follow")
    NEWSLETTER = "newsletter", _("Newsletter sign-up")


class Recipient(TimeStamped):
    """One e-mail address in one municipality, with its state."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="recipients")
    email = models.EmailField(_("e-mail address"))  # stored lower-cased and stripped
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="recipients"
    )
    language = models.CharField(_("language"), max_length=8, default="sv")
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)  # double opt-in
    unsubscribed_at = models.DateTimeField(_("withdrew from all mail"), null=True, blank=True)
    refused_at = models.DateTimeField(_("refused by the mail server"), null=True, blank=True)
    refusal = models.CharField(_("the server's answer"), max_length=300, blank=True)
    # When the last confirmation mail was queued: at most one a day, however often the address is left.
    confirmation_sent_at = models.DateTimeField(_("confirmation sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("recipient")
        constraints = [models.UniqueConstraint(fields=["organisation", "email"], name="unique_recipient_email")]

    def __str__(self) -> str:
        return self.email

    @property
    def can_receive(self) -> bool:
        return self.confirmed_at is not None and self.unsubscribed_at is None and self.refused_at is None


class Subscription(TimeStamped):
    """A recipient asks to hear about one topic, now or weekly."""

    recipient = models.ForeignKey(Recipient, on_delete=models.CASCADE, related_name="subscriptions")
    topic = models.CharField(_("about"), max_length=20, choices=Topic.choices)
    topic_id = models.PositiveIntegerField(null=True, blank=True)
    frequency = models.CharField(_("how often"), max_length=12, choices=Frequency.choices, default=Frequency.IMMEDIATE)
    source = models.CharField(_("asked at"), max_length=20, choices=Source.choices)
    ended_at = models.DateTimeField(_("ended"), null=True, blank=True)

    class Meta:
        verbose_name = _("subscription")
        constraints = [
            models.UniqueConstraint(fields=["recipient", "topic", "topic_id"], name="unique_subscription_topic"),
        ]


class Consent(models.Model):
    """Where a person left their address: the source row (a contribution, a registration, ...) by kind
    and id, with the purpose they were shown. Kept apart from the source so the public record never
    holds the address."""

    recipient = models.ForeignKey(Recipient, on_delete=models.CASCADE, related_name="consents")
    source = models.CharField(_("asked at"), max_length=20, choices=Source.choices)
    source_id = models.PositiveIntegerField(null=True, blank=True)
    process_id = models.PositiveIntegerField(null=True, blank=True)
    purpose = models.TextField(_("purpose shown"), blank=True)
    given_at = models.DateTimeField(_("given"), auto_now_add=True)

    class Meta:
        verbose_name = _("consent to be told")
        constraints = [
            models.UniqueConstraint(fields=["recipient", "source", "source_id"], name="unique_consent_source"),
        ]

    def __str__(self) -> str:
        return f"{self.source} {self.source_id or ''}".strip()


class Notice(models.Model):
    """Something was published that people asked to hear about: an answer, a decision, a compilation,
    a result. `key` makes announcing idempotent (the same event is never announced twice)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="notices")
    key = models.CharField(max_length=200)
    topics = models.JSONField(default=list)  # [[topic, topic_id], ...]
    title = models.CharField(max_length=300)
    title_en = models.CharField(max_length=300, blank=True)
    summary = models.TextField(blank=True)
    summary_en = models.TextField(blank=True)
    url = models.CharField(max_length=500)  # path on the site, e.g. /dialoger/x/vad-hande/
    published_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-published_at"]
        constraints = [models.UniqueConstraint(fields=["organisation", "key"], name="unique_notice_key")]

    def __str__(self) -> str:
        return self.title


class Message(TimeStamped):
    """One mail event in the outbox; its deliveries are the recipients."""

    class Kind(models.TextChoices):
        CONFIRMATION = "confirmation", _("Confirm your address")
        NOTICE = "notice", _("Something was published")
        DIGEST = "digest", _("Weekly digest")
        NEWSLETTER = "newsletter", _("Newsletter")
        REMINDER = "reminder", _("Reminder")
        DIRECT = "direct", _("Mail from staff")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="messages")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    key = models.CharField(max_length=200)  # idempotency: one message per (organisation, key)
    notice = models.ForeignKey(Notice, null=True, blank=True, on_delete=models.CASCADE, related_name="messages")
    # For kinds whose text is the same for everyone (direct, reminder, newsletter): per language.
    subject = models.CharField(max_length=300, blank=True)
    subject_en = models.CharField(max_length=300, blank=True)
    body = models.TextField(blank=True)  # plain text or the safe Markdown subset (newsletters)
    body_en = models.TextField(blank=True)
    send_after = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = [models.UniqueConstraint(fields=["organisation", "key"], name="unique_message_key")]


class Delivery(models.Model):
    """One message to one recipient. The status moves pending → claimed → handed → sent, or to
    refused / failed / withdrawn. Unique per (message, recipient)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        CLAIMED = "claimed", _("Being sent")
        HANDED = "handed", _("Handed to the mail server")
        SENT = "sent", _("Sent")
        DEFERRED = "deferred", _("Will be tried again")
        REFUSED = "refused", _("Refused by the server")
        FAILED = "failed", _("Gave up")
        WITHDRAWN = "withdrawn", _("Not sent: unsubscribed")

    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="deliveries")
    recipient = models.ForeignKey(Recipient, on_delete=models.CASCADE, related_name="deliveries")
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PENDING, db_index=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    claimed_by = models.CharField(max_length=64, blank=True)
    claimed_until = models.DateTimeField(null=True, blank=True)
    handed_at = models.DateTimeField(null=True, blank=True)  # the body reached the server, the final dot not yet
    sent_at = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=300, blank=True)
    # A digest's own notices (their ids), chosen when the digest was built; empty for other kinds.
    notice_ids = models.JSONField(default=list, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["message", "recipient"], name="unique_delivery")]
        indexes = [models.Index(fields=["message", "status"])]

    def __str__(self) -> str:
        return f"{self.message_id} → {self.recipient_id}: {self.status}"


def _media_path(image: MediaImage, filename: str) -> str:
    """Stored under a random name: the file's own name may carry a person's name or be guessed."""
    import secrets

    suffix = {"PNG": "png", "JPEG": "jpg", "WEBP": "webp"}.get(image.format, "bin")
    return f"bilder/{image.organisation_id}/{secrets.token_hex(12)}.{suffix}"


class MediaImage(TimeStamped):
    """An image in the municipality's media library: the only images a newsletter may show.

    Alt text is required (Swedish; English optional), so that a picture inserted from the library
    always carries a description. The file is served by the app itself at `url`.
    """

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="media_images")
    file = models.FileField(_("image file"), upload_to=_media_path, max_length=200)
    format = models.CharField(max_length=8)  # PNG, JPEG or WEBP, as Pillow read the file
    width = models.PositiveIntegerField(default=0)
    height = models.PositiveIntegerField(default=0)
    alt = models.CharField(_("alt text"), max_length=300)
    alt_en = models.CharField(_("alt text in English"), max_length=300, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("image")
        verbose_name_plural = _("images")

    def __str__(self) -> str:
        return self.alt

    @property
    def url(self) -> str:
        """The image's address on the site; stable for as long as the image exists."""
        extension = {"PNG": "png", "JPEG": "jpg", "WEBP": "webp"}.get(self.format, "bin")
        return f"/bilder/{self.pk}.{extension}"

    @property
    def content_type(self) -> str:
        return {"PNG": "image/png", "JPEG": "image/jpeg", "WEBP": "image/webp"}.get(self.format, "image/png")


class NewsletterQuerySet(models.QuerySet["Newsletter"]):
    def sent(self) -> NewsletterQuerySet:
        return self.filter(sent_at__isnull=False)

    def due(self, now: dt.datetime) -> NewsletterQuerySet:
        return self.filter(sent_at__isnull=True, scheduled_for__isnull=False, scheduled_for__lte=now)


class Newsletter(TimeStamped):
    """A newsletter (månadsblad) for the whole municipality or one process, in the safe Markdown subset.

    Once sent it is archived as a public page and can no longer be changed; `message` is its outbox
    entry (key `newsletter:<pk>`), whose deliveries are the send report.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SCHEDULED = "scheduled", _("Scheduled")
        SENT = "sent", _("Sent")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="newsletters")
    topic = models.CharField(_("list"), max_length=20, choices=Topic.choices, default=Topic.ORGANISATION)
    topic_id = models.PositiveIntegerField(null=True, blank=True)  # the process, for Topic.PROCESS
    title = models.CharField(_("title"), max_length=200)
    title_en = models.CharField(_("title in English"), max_length=200, blank=True)
    body = models.TextField(_("text"), max_length=50000)
    body_en = models.TextField(_("text in English"), max_length=50000, blank=True)
    scheduled_for = models.DateTimeField(_("send at"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True, db_index=True)
    message = models.OneToOneField(
        Message, null=True, blank=True, on_delete=models.SET_NULL, related_name="newsletter"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = NewsletterQuerySet.as_manager()

    class Meta:
        ordering = ["-sent_at", "-created_at", "-id"]
        verbose_name = _("newsletter")
        verbose_name_plural = _("newsletters")
        indexes = [models.Index(fields=["organisation", "topic", "topic_id"])]

    def __str__(self) -> str:
        return self.title

    @property
    def status(self) -> str:
        if self.sent_at is not None:
            return self.Status.SENT
        return self.Status.SCHEDULED if self.scheduled_for is not None else self.Status.DRAFT

    def get_status_display(self) -> str:
        return str(self.Status(self.status).label)

    @property
    def message_key(self) -> str:
        return f"newsletter:{self.pk}"
