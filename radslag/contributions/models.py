"""Citizen input from every channel, and its moderation."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from radslag.core.models import AgeBand, Sex
from radslag.dialogues.models import Activity, DialogueProcess, Table
from radslag.governance.models import FocusArea
from radslag.organisations.models import Locality, Organisation

BODY_MAX_LENGTH = 5000


class Channel(models.TextChoices):
    WEB = "web", _("Online")
    SLIP = "slip", _("Paper slip")
    TABLE_NOTE = "table_note", _("Table note")
    INTERVIEW = "interview", _("Interview story")
    LETTER = "letter", _("Letter or e-mail")
    SURVEY = "survey", _("Survey answer")
    COUNCIL = "council", _("Council")  # råd: a council's published answer to a consultation
    WORKING_GROUP = "working_group", _("Working group")  # an insight, idea or lesson a working group passed on


class Relation(models.TextChoices):
    LIVES = "lives", _("I live in the municipality")
    WORKS = "works", _("I work in the municipality")
    STUDIES = "studies", _("I study in the municipality")
    VISITS = "visits", _("I visit or have another tie")


class ContributionQuerySet(models.QuerySet["Contribution"]):
    def for_organisation(self, organisation: Organisation) -> ContributionQuerySet:
        return self.filter(organisation=organisation)

    def published(self) -> ContributionQuerySet:
        return self.filter(status=Contribution.Status.PUBLISHED)


class ImportBatch(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    process = models.ForeignKey(DialogueProcess, on_delete=models.CASCADE, related_name="import_batches")
    filename = models.CharField(_("file"), max_length=255)
    row_count = models.PositiveIntegerField(_("rows"))
    published = models.BooleanField(
        _("published at once"), default=True, help_text=_("False: the rows were sent to moderation."),
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("import")

    def __str__(self) -> str:
        return f"{self.filename} ({self.row_count})"


class Contribution(models.Model):
    """One piece of input. `body` is the record as it arrived and never changes."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting moderation")
        PUBLISHED = "published", _("Published")
        HIDDEN = "hidden", _("Hidden")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="contributions")
    process = models.ForeignKey(DialogueProcess, on_delete=models.CASCADE, related_name="contributions")
    activity = models.ForeignKey(
        Activity, null=True, blank=True, on_delete=models.SET_NULL, related_name="contributions"
    )
    table = models.ForeignKey(Table, null=True, blank=True, on_delete=models.SET_NULL, related_name="contributions")
    channel = models.CharField(_("channel"), max_length=16, choices=Channel.choices)
    body = models.TextField(_("text"), max_length=BODY_MAX_LENGTH)
    published_body = models.TextField(
        _("published text"), blank=True,
        help_text=_("Empty means the original is published. Used to remove e.g. names of private persons."),
    )
    language = models.CharField(_("language"), max_length=12, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.PENDING, db_index=True)
    hidden_rule = models.CharField(_("rule"), max_length=300, blank=True)
    moderation_note = models.TextField(_("moderator's note"), blank=True)
    moderated_at = models.DateTimeField(null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    # Who wrote it (all optional; minimal data)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="contributions"
    )
    age_band = models.CharField(_("age"), max_length=8, choices=AgeBand.choices, blank=True)
    sex = models.CharField(_("sex"), max_length=8, choices=Sex.choices, blank=True)
    locality = models.ForeignKey(
        Locality, null=True, blank=True, on_delete=models.SET_NULL, related_name="contributions"
    )
    relation = models.CharField(_("relation to the municipality"), max_length=16, choices=Relation.choices, blank=True)

    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        help_text=_("The staff member or table host who typed in paper input."),
    )
    import_batch = models.ForeignKey(
        ImportBatch, null=True, blank=True, on_delete=models.SET_NULL, related_name="contributions"
    )
    external_id = models.CharField(_("id in the source"), max_length=100, blank=True)
    focus_areas = models.ManyToManyField(
        FocusArea, blank=True, related_name="contributions", verbose_name=_("focus areas")
    )
    created_at = models.DateTimeField(_("received"), auto_now_add=True, db_index=True)
    given_at = models.DateTimeField(
        _("given"), null=True, blank=True,
        help_text=_("When the person gave the input, where it differs from when it was received (e.g. a slip "
                    "typed in later). Empty means the time it was received."),
    )

    objects = ContributionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("contribution")
        verbose_name_plural = _("contributions")
        indexes = [
            models.Index(fields=["process", "status", "-created_at"]),
            models.Index(fields=["organisation", "status"]),
        ]
        constraints = [
            # An id from a source file names one contribution per process: importing a file twice cannot
            # duplicate it silently.
            models.UniqueConstraint(
                fields=["process", "external_id"], condition=~models.Q(external_id=""),
                name="contribution_external_id_once_per_process",
            ),
        ]

    def __str__(self) -> str:
        return self.body[:60]

    @property
    def public_text(self) -> str:
        return self.published_body or self.body

    @property
    def is_edited(self) -> bool:
        """The public text is a moderator's edit of what was sent in."""
        return bool(self.published_body) and self.published_body != self.body

    @property
    def time_given(self) -> dt.datetime:
        """When the person gave the input: the date on the slip where one was typed in, else its arrival."""
        return self.given_at or self.created_at

    @property
    def given_time_known(self) -> bool:
        """False for a date without a time of day (stored as local midnight): show only the date."""
        local = timezone.localtime(self.time_given)
        return self.given_at is None or (local.hour, local.minute, local.second) != (0, 0, 0)
