"""Opinion mapping: conversations of short statements that participants agree or disagree with."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from radslag.core.localized import english_version
from radslag.core.models import AgeBand, TimeStamped
from radslag.dialogues.models import DialogueProcess
from radslag.organisations.models import Locality, Organisation

STATEMENT_MAX_LENGTH = 280


class Conversation(TimeStamped):
    class Status(models.TextChoices):
        # "ett samtal": the Swedish adjectives agree with a neuter noun (Öppet, Avslutat). A context keeps
        # them apart from other apps' "Open"/"Closed", which Django would otherwise let win.
        OPEN = "open", pgettext_lazy("conversation status", "Open")
        CLOSED = "closed", pgettext_lazy("conversation status", "Closed")

    class Access(models.TextChoices):
        ANONYMOUS = "anonymous", _("Anyone, anonymously with a participation code")
        SIGNED_IN = "signed_in", _("Signed-in residents only")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="conversations")
    process = models.ForeignKey(DialogueProcess, on_delete=models.CASCADE, related_name="conversations")
    title = models.CharField(_("title"), max_length=200)
    title_en = english_version(title)
    question = models.TextField(
        _("question"), max_length=1000,
        help_text=_("What the statements are about, shown above every statement."),
    )
    question_en = english_version(question)
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.OPEN)
    access = models.CharField(_("who may take part"), max_length=16, choices=Access.choices, default=Access.ANONYMOUS)
    allow_statements = models.BooleanField(_("participants may add statements"), default=True)
    min_votes = models.PositiveSmallIntegerField(
        _("votes needed to be placed in a group"), default=7,
        help_text=_("Participants who answered fewer statements are not placed in an opinion group."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # When a background recomputation was last queued; debounces a burst of answers into one run.
    recompute_queued_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("conversation")
        verbose_name_plural = _("conversations")

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN


class Participant(models.Model):
    """Someone who votes: a signed-in user, or an anonymous person known only by a hashed code."""

    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE, related_name="participants")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    code_hash = models.CharField(max_length=64, blank=True, default="")
    external_id = models.CharField(_("id in the source"), max_length=64, blank=True, default="")
    age_band = models.CharField(_("age"), max_length=8, choices=AgeBand.choices, blank=True)
    locality = models.ForeignKey(Locality, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("participant")
        constraints = [
            models.UniqueConstraint(
                fields=["conversation", "user"], condition=models.Q(user__isnull=False), name="unique_user_participant"
            ),
            models.UniqueConstraint(
                fields=["conversation", "code_hash"], condition=~models.Q(code_hash=""),
                name="unique_code_participant",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.conversation_id}/{self.pk}"


class StatementQuerySet(models.QuerySet["Statement"]):
    def accepted(self) -> StatementQuerySet:
        return self.filter(status=Statement.Status.ACCEPTED)

    def pending(self) -> StatementQuerySet:
        return self.filter(status=Statement.Status.PENDING)


class Statement(models.Model):
    """One statement. Text as it arrived; a rejected one stays as a public record, hidden from the site."""

    class Status(models.TextChoices):
        # "ett påstående": neuter in Swedish too (Godkänt, Avvisat).
        PENDING = "pending", pgettext_lazy("statement status", "Awaiting moderation")
        ACCEPTED = "accepted", pgettext_lazy("statement status", "Accepted")
        REJECTED = "rejected", pgettext_lazy("statement status", "Rejected")

    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE, related_name="statements")
    text = models.TextField(pgettext_lazy("opinion mapping", "statement"))
    text_en = english_version(text)
    author_participant = models.ForeignKey(
        Participant, null=True, blank=True, on_delete=models.SET_NULL, related_name="statements"
    )
    author_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_seed = models.BooleanField(_("seed statement"), default=False)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    rejection_reason = models.CharField(_("reason"), max_length=300, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    moderated_at = models.DateTimeField(null=True, blank=True)
    external_id = models.CharField(_("id in the source"), max_length=64, blank=True, default="")
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    objects = StatementQuerySet.as_manager()

    class Meta:
        ordering = ["pk"]
        verbose_name = _("statement")
        verbose_name_plural = _("statements")
        indexes = [models.Index(fields=["conversation", "status"])]

    def __str__(self) -> str:
        return self.text[:60]


class StatementVote(models.Model):
    class Value(models.IntegerChoices):
        AGREE = 1, _("Agree")
        DISAGREE = -1, _("Disagree")
        PASS = 0, _("Pass")

    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="votes")
    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="votes")
    value = models.SmallIntegerField(_("answer"), choices=Value.choices)
    updated_at = models.DateTimeField(_("answered"), default=timezone.now)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(fields=["participant", "statement"], name="unique_statement_vote"),
            models.CheckConstraint(condition=models.Q(value__in=[-1, 0, 1]), name="statement_vote_value"),
        ]
        indexes = [models.Index(fields=["statement", "value"])]

    def __str__(self) -> str:
        return f"{self.participant_id}:{self.statement_id}={self.value}"


class OpinionSnapshot(models.Model):
    """One computation of the opinion groups, as the engine returned it (participant and statement pks)."""

    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE, related_name="snapshots")
    computed_at = models.DateTimeField(_("computed"), default=timezone.now, db_index=True)
    vote_count = models.PositiveIntegerField(_("answers"))
    participant_count = models.PositiveIntegerField(_("participants"), default=0)
    duration_ms = models.PositiveIntegerField(default=0)
    result = models.JSONField(default=dict)

    class Meta:
        ordering = ["-computed_at", "-pk"]
        get_latest_by = "computed_at"
        verbose_name = _("opinion map")

    def __str__(self) -> str:
        return f"{self.conversation_id} {self.computed_at:%Y-%m-%d %H:%M}"
