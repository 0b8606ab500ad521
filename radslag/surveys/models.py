"""Surveys: questions in sections, waves to the citizen panel, responses and their answers.

A survey goes to one audience: the panel (in waves: everyone, or a random sample drawn within strata
of age band × sex × locality), anyone (an open survey, whose answers are self-selected), or the
participants of a dialogue process (whose free-text answers become contributions of the process).
A response keeps the respondent's background (age band, sex, locality) as it was when they answered,
taken from the panel profile for members and asked otherwise, because the weights are computed from it.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from radslag.core.localized import english_version
from radslag.core.models import AgeBand, Sex, TimeStamped
from radslag.dialogues.models import DialogueProcess
from radslag.governance.models import FocusArea
from radslag.organisations.models import Locality, Organisation, OrganisationScopedQuerySet
from radslag.panels.models import Channel, PanelMember


class Audience(models.TextChoices):
    PANEL = "panel", _("The citizen panel (waves)")
    OPEN = "open", _("Open to anyone (self-selected)")
    PROCESS = "process", _("Participants of a dialogue")


class SurveyQuerySet(OrganisationScopedQuerySet):
    def for_focus_area(self, area: FocusArea) -> SurveyQuerySet:
        return self.filter(focus_areas=area)

    def for_process(self, process: DialogueProcess) -> SurveyQuerySet:
        return self.filter(process=process)

    def with_results(self) -> SurveyQuerySet:
        return self.exclude(status=Survey.Status.DRAFT)


class Survey(TimeStamped):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        OPEN = "open", _("Open for answers")
        CLOSED = "closed", _("Closed")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="surveys")
    title = models.CharField(_("title"), max_length=200)
    title_en = models.CharField(_("title in English"), max_length=200, blank=True)
    intro = models.TextField(
        _("introduction"), max_length=3000, blank=True,
        help_text=_("What the survey is about, how long it takes and what the answers are used for."))
    intro_en = models.TextField(_("introduction in English"), max_length=3000, blank=True)
    audience = models.CharField(_("who answers"), max_length=12, choices=Audience.choices, default=Audience.PANEL)
    process = models.ForeignKey(DialogueProcess, null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="surveys", verbose_name=_("dialogue"))
    focus_areas = models.ManyToManyField(FocusArea, blank=True, related_name="surveys",
                                         verbose_name=_("focus areas"))
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.DRAFT)
    closes_at = models.DateTimeField(_("closes"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    trim_low = models.FloatField(_("smallest weight"), default=0.2)
    trim_high = models.FloatField(_("largest weight"), default=5.0)
    # What the weights now stored on the responses were computed from, and the raking's report.
    weights_for = models.JSONField(default=dict, blank=True, editable=False)
    weights_report = models.JSONField(default=dict, blank=True, editable=False)

    objects = SurveyQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")

    def __str__(self) -> str:
        return self.title

    def is_open_at(self, now: dt.datetime) -> bool:
        return self.status == self.Status.OPEN and (self.closes_at is None or now < self.closes_at)

    @property
    def self_selected(self) -> bool:
        return self.audience != Audience.PANEL


class Section(models.Model):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="sections")
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    title = models.CharField(_("heading"), max_length=200)
    title_en = models.CharField(_("heading in English"), max_length=200, blank=True)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("section")

    def __str__(self) -> str:
        return self.title


class Kind(models.TextChoices):
    SINGLE = "single", _("One choice")
    MULTIPLE = "multiple", _("Several choices")
    SCALE = "scale", _("Scale")
    NUMBER = "number", _("Number")
    SHORT_TEXT = "short", _("Short text")
    LONG_TEXT = "long", _("Long text")
    GRID = "grid", _("Statements on one scale")


DONT_KNOW = "vet_ej"  # the stored value of "don't know" on a scale or grid


class Question(models.Model):
    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="questions",
                                verbose_name=_("section"))
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    key = models.SlugField(_("variable name"), max_length=32,
                           help_text=_("Short name used in exports, for example q1 or trygghet."))
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)
    text = models.CharField(_("question"), max_length=500)
    text_en = models.CharField(_("question in English"), max_length=500, blank=True)
    help_text = models.CharField(_("help text"), max_length=300, blank=True)
    help_text_en = english_version(help_text)
    required = models.BooleanField(_("must be answered"), default=False)
    scale_min = models.SmallIntegerField(_("scale from"), default=1)
    scale_max = models.SmallIntegerField(_("scale to"), default=5)
    low_label = models.CharField(_("label of the low end"), max_length=80, blank=True)
    low_label_en = models.CharField(_("low end in English"), max_length=80, blank=True)
    high_label = models.CharField(_("label of the high end"), max_length=80, blank=True)
    high_label_en = models.CharField(_("high end in English"), max_length=80, blank=True)
    allow_dont_know = models.BooleanField(_("offer \u201cdon't know\u201d"), default=True)
    show_if = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
                                verbose_name=_("show only after the question"))
    show_if_value = models.CharField(_("was answered with"), max_length=50, blank=True)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("question")
        constraints = [models.CheckConstraint(condition=Q(scale_min__lt=models.F("scale_max")),
                                              name="survey_scale_low_below_high")]

    def __str__(self) -> str:
        return self.text

    @property
    def has_options(self) -> bool:
        return self.kind in (Kind.SINGLE, Kind.MULTIPLE)

    @property
    def on_scale(self) -> bool:
        return self.kind in (Kind.SCALE, Kind.GRID)

    @property
    def is_text(self) -> bool:
        return self.kind in (Kind.SHORT_TEXT, Kind.LONG_TEXT)

    def scale_values(self) -> list[str]:
        return [str(v) for v in range(self.scale_min, self.scale_max + 1)]


class Option(models.Model):
    """A choice of a single- or multiple-choice question, or a statement of a grid."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="options")
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    value = models.SlugField(_("code"), max_length=32)
    label = models.CharField(_("text"), max_length=300)
    label_en = models.CharField(_("text in English"), max_length=300, blank=True)

    class Meta:
        ordering = ["position", "id"]
        constraints = [models.UniqueConstraint(fields=["question", "value"], name="unique_option_value")]

    def __str__(self) -> str:
        return self.label


class Wave(TimeStamped):
    """One sending of a panel survey: to every active member or to a stratified random sample."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="waves")
    label = models.CharField(_("label"), max_length=120)
    sample_size = models.PositiveIntegerField(_("sample size"), null=True, blank=True,
                                              help_text=_("Empty: every active member is invited."))
    seed = models.BigIntegerField(default=0, editable=False)  # the random draw, so it can be repeated
    reminders_sent = models.PositiveSmallIntegerField(default=0)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("wave")

    def __str__(self) -> str:
        return self.label


class Invitation(models.Model):
    """One panel member invited in one wave; the personal link to answer is signed with its id."""

    wave = models.ForeignKey(Wave, on_delete=models.CASCADE, related_name="invitations")
    member = models.ForeignKey(PanelMember, null=True, on_delete=models.SET_NULL, related_name="survey_invitations")
    stratum = models.CharField(max_length=80)  # "age_band|sex|locality_id" when invited
    channel = models.CharField(_("recruited by"), max_length=8, choices=Channel.choices)
    reminders = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["wave_id", "id"]
        constraints = [models.UniqueConstraint(fields=["wave", "member"], name="one_invitation_per_wave")]

    def __str__(self) -> str:
        return f"{self.wave} #{self.pk}"


class Source(models.TextChoices):
    PANEL = "panel", _("Panel invitation")
    WEB = "web", _("Online, open link")
    PAPER = "paper", _("Paper form typed in")


class Response(models.Model):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    invitation = models.OneToOneField(Invitation, null=True, blank=True, on_delete=models.SET_NULL,
                                      related_name="response")
    wave = models.ForeignKey(Wave, null=True, blank=True, on_delete=models.SET_NULL, related_name="responses")
    source = models.CharField(_("how it came"), max_length=8, choices=Source.choices)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="survey_responses")
    age_band = models.CharField(_("age"), max_length=8, choices=AgeBand.choices, blank=True)
    sex = models.CharField(_("sex"), max_length=8, choices=Sex.choices, blank=True)
    locality = models.ForeignKey(Locality, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
                                 verbose_name=_("locality"))
    # The background came from the panel profile (members), so the form does not ask for it.
    background_from_panel = models.BooleanField(default=False)
    page = models.PositiveSmallIntegerField(default=0)  # the section to continue from
    language = models.CharField(max_length=8, default="sv")
    started_at = models.DateTimeField(auto_now_add=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True, db_index=True)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    paper_number = models.CharField(_("form number"), max_length=40, blank=True)
    # The raking weight (mean 1 over the survey's sent responses); None until the weights are computed.
    weight = models.FloatField(_("weight"), null=True, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("survey response")
        constraints = [models.UniqueConstraint(fields=["survey", "paper_number"], condition=~Q(paper_number=""),
                                               name="unique_paper_form_number")]

    def __str__(self) -> str:
        return f"{self.survey_id} #{self.pk}"


class Answer(models.Model):
    """One value: the chosen code, scale step or number; a grid statement's step; or free text."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    statement = models.ForeignKey(Option, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    value = models.CharField(max_length=50, blank=True)
    text = models.TextField(blank=True)

    class Meta:
        indexes = [models.Index(fields=["question", "value"]), models.Index(fields=["response", "question"])]

    def __str__(self) -> str:
        return f"{self.question_id}: {self.value or self.text[:20]}"


class Pause(models.Model):
    """A member's pause from the panel's surveys (asked from any survey mail): not invited until `until`."""

    member = models.OneToOneField(PanelMember, on_delete=models.CASCADE, related_name="survey_pause")
    until = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.member_id} until {self.until:%Y-%m-%d}"
