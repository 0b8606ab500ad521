"""Dialogue processes with their mandate, phases, updates and activities."""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from radslag.core.localized import english_version
from radslag.core.models import TimeStamped
from radslag.governance.models import Decision, FocusArea
from radslag.organisations.models import Body, Locality, Organisation, OrganisationScopedQuerySet


class ParticipationLevel(models.TextChoices):
    """The Swedish participation ladder (delaktighetstrappan)."""

    INFORMATION = "information", _("Information")
    CONSULTATION = "consultation", _("Consultation")
    DIALOGUE = "dialogue", _("Dialogue")
    INFLUENCE = "influence", _("Influence")
    CO_DECISION = "co_decision", _("Co-decision")


class ProcessQuerySet(OrganisationScopedQuerySet):
    def published(self) -> ProcessQuerySet:
        return self.filter(status__in=[DialogueProcess.Status.PUBLISHED, DialogueProcess.Status.CLOSED])


class DialogueProcess(TimeStamped):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        CLOSED = "closed", _("Closed")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="processes")
    title = models.CharField(_("title"), max_length=200)
    title_en = english_version(title)
    slug = models.SlugField(_("short name"), max_length=80)
    summary = models.TextField(_("summary"), blank=True, max_length=1000)
    summary_en = english_version(summary)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)

    # The mandate
    purpose = models.TextField(_("purpose"), blank=True)
    purpose_en = english_version(purpose)
    open_to_influence = models.TextField(_("what you can influence"), blank=True)
    open_to_influence_en = english_version(open_to_influence)
    not_open_to_influence = models.TextField(_("what is already decided or not open"), blank=True)
    not_open_to_influence_en = english_version(not_open_to_influence)
    participation_level = models.CharField(
        _("participation level"), max_length=16, choices=ParticipationLevel.choices, blank=True
    )
    deciding_body = models.ForeignKey(
        Body, null=True, blank=True, on_delete=models.PROTECT, related_name="processes",
        verbose_name=_("deciding body"),
    )
    commissioning_decision = models.ForeignKey(
        Decision, null=True, blank=True, on_delete=models.SET_NULL, related_name="commissioned_processes",
        verbose_name=_("commissioning decision"),
    )
    target_groups = models.TextField(_("target groups"), blank=True)
    target_groups_en = english_version(target_groups)
    methods = models.TextField(_("methods and channels"), blank=True)
    methods_en = english_version(methods)
    use_of_results = models.TextField(_("how the results will be used"), blank=True)
    use_of_results_en = english_version(use_of_results)
    feedback_plan = models.TextField(_("how participants get feedback"), blank=True)
    feedback_plan_en = english_version(feedback_plan)
    feedback_due = models.DateField(_("feedback at the latest"), null=True, blank=True)
    # How this dialogue applies the municipality's principles for dialogue (governance.DialoguePrinciples);
    # the process page links to the version in force when the dialogue was published.
    principles = models.TextField(
        _("how the dialogue applies the principles for dialogue"), blank=True,
        help_text=_("Say how this dialogue lives up to the municipality's principles for dialogue. The "
                    "dialogue's page links to the principles."),
    )
    principles_en = english_version(principles)
    moderation_rules = models.TextField(
        _("rules for contributions"), blank=True,
        help_text=_("One rule per line. Hidden contributions cite one of these rules."),
    )

    # Input settings
    accepts_online_input = models.BooleanField(_("accepts contributions online"), default=True)
    allows_anonymous = models.BooleanField(_("allows anonymous contributions"), default=True)
    input_question = models.CharField(_("question to residents"), max_length=300, blank=True)
    input_question_en = english_version(input_question)
    officials_see_results_early = models.BooleanField(
        _("elected officials see results before they are published"), default=True,
        help_text=_("Vote and opinion results, while staff still prepare them for publication."),
    )

    focus_areas = models.ManyToManyField(FocusArea, blank=True, related_name="processes", verbose_name=_("focus areas"))
    localities = models.ManyToManyField(Locality, blank=True, related_name="processes", verbose_name=_("localities"))

    objects = ProcessQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("dialogue process")
        verbose_name_plural = _("dialogue processes")
        constraints = [models.UniqueConstraint(fields=["organisation", "slug"], name="unique_process_slug")]

    def __str__(self) -> str:
        return self.title

    @property
    def is_public(self) -> bool:
        return self.status != self.Status.DRAFT

    PUBLICATION_REQUIRED = ("purpose", "participation_level", "deciding_body", "feedback_plan", "feedback_due")

    def missing_for_publication(self) -> list[str]:
        """Names of the mandate fields that must be filled before publishing."""
        missing = []
        for name in self.PUBLICATION_REQUIRED:
            field = cast("models.Field[Any, Any]", self._meta.get_field(name))  # own fields, not reverse relations
            value = getattr(self, field.attname)
            if not (value.strip() if isinstance(value, str) else value):
                missing.append(name)
        return missing

    def rule_list(self) -> list[str]:
        return [line.strip() for line in self.moderation_rules.splitlines() if line.strip()]

    def current_phase(self, on: dt.date) -> Phase | None:
        for phase in self.phases.all():
            if phase.starts <= on <= phase.ends:
                return phase
        return None


class Phase(models.Model):
    process = models.ForeignKey(DialogueProcess, on_delete=models.CASCADE, related_name="phases")
    order = models.PositiveSmallIntegerField(_("order"))
    name = models.CharField(_("name"), max_length=200)
    name_en = english_version(name)
    description = models.TextField(_("description"), blank=True)
    description_en = english_version(description)
    starts = models.DateField(_("starts"))
    ends = models.DateField(_("ends"))

    class Meta:
        ordering = ["order", "starts"]
        verbose_name = _("phase")
        verbose_name_plural = _("phases")
        constraints = [
            models.CheckConstraint(condition=models.Q(ends__gte=models.F("starts")), name="phase_ends_after_start")
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.starts and self.ends and self.ends < self.starts:
            raise ValidationError({"ends": _("The end date cannot be before the start date.")})


class ProcessUpdate(models.Model):
    """An entry in the public "what has happened" list."""

    process = models.ForeignKey(DialogueProcess, on_delete=models.CASCADE, related_name="updates")
    phase = models.ForeignKey(Phase, null=True, blank=True, on_delete=models.SET_NULL, related_name="updates")
    title = models.CharField(_("title"), max_length=200)
    title_en = english_version(title)
    body = models.TextField(_("text"), max_length=10000)
    body_en = english_version(body)
    published_at = models.DateTimeField(_("published"), db_index=True)
    edited_at = models.DateTimeField(_("edited"), null=True, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decision = models.ForeignKey(
        Decision, null=True, blank=True, on_delete=models.SET_NULL, related_name="process_updates",
        verbose_name=_("related decision"),
    )

    class Meta:
        ordering = ["-published_at", "-id"]
        verbose_name = _("update")
        verbose_name_plural = _("updates")

    def __str__(self) -> str:
        return self.title


class Activity(TimeStamped):
    class Kind(models.TextChoices):
        INTERVIEW_SERIES = "interview_series", _("Interview series")
        OPEN_MEETING = "open_meeting", _("Open meeting")
        DIALOGUE_EVENING = "dialogue_evening", _("Dialogue evening")
        WORKSHOP = "workshop", _("Workshop")
        GROUP_SESSION = "group_session", _("Group session")
        ONLINE = "online", _("Online")

    process = models.ForeignKey(DialogueProcess, on_delete=models.CASCADE, related_name="activities")
    phase = models.ForeignKey(Phase, null=True, blank=True, on_delete=models.SET_NULL, related_name="activities")
    kind = models.CharField(_("kind"), max_length=24, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    title_en = english_version(title)
    description = models.TextField(_("description"), blank=True)
    description_en = english_version(description)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    place = models.CharField(_("place"), max_length=300, blank=True)
    locality = models.ForeignKey(Locality, null=True, blank=True, on_delete=models.SET_NULL, related_name="activities")
    accessibility_info = models.TextField(_("accessibility"), blank=True)
    accessibility_info_en = english_version(accessibility_info)
    registration_required = models.BooleanField(_("registration required"), default=False)
    capacity = models.PositiveIntegerField(_("capacity"), null=True, blank=True)
    attendance_count = models.PositiveIntegerField(_("number who took part"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    cancellation_reason = models.TextField(_("why it is cancelled"), blank=True, max_length=1000)

    class Meta:
        ordering = ["starts_at"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gte=models.F("starts_at")), name="activity_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.starts_at and self.ends_at and self.ends_at < self.starts_at:
            raise ValidationError({"ends_at": _("The end time cannot be before the start time.")})


class Table(models.Model):
    """A table or group at an activity, with its host."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="tables")
    name = models.CharField(_("name"), max_length=100)
    host = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="hosted_tables",
        verbose_name=_("host"),
    )
    host_name = models.CharField(_("host's name"), max_length=150, blank=True)
    participant_count = models.PositiveIntegerField(_("participants"), null=True, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("table")
        verbose_name_plural = _("tables")
        constraints = [models.UniqueConstraint(fields=["activity", "name"], name="unique_table_name")]

    def __str__(self) -> str:
        return self.name


class Registration(models.Model):
    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Registered")
        WAITING = "waiting", _("On the waiting list")
        CANCELLED = "cancelled", _("Cancelled")

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="registrations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="registrations"
    )
    name = models.CharField(_("name"), max_length=150)
    email = models.EmailField(_("e-mail"))
    needs = models.TextField(_("accessibility needs or other wishes"), blank=True, max_length=1000)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("registration")
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "email"], condition=~models.Q(status="cancelled"), name="unique_active_registration"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} – {self.activity}"
