"""Aleförslaget: citizen proposals, the rules they are judged by, and the supports they collect.

Rules are versioned: saving new rules adds a version, and a proposal keeps the version that was in
force when it was submitted. A support is unique per proposal and *person key*: the keyed hash of the
personal identity number when the supporter signed in with e-ID, otherwise the account, so that two
accounts of one person count once. `Proposal.support_count` is kept by the support services in the
same transaction as the support row (never by a signal).
"""

from __future__ import annotations

import datetime as dt
from typing import Self

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from radslag.core.models import AgeBand, TimeStamped
from radslag.dialogues.models import DialogueProcess
from radslag.feedback.models import CARRIED_OUT, AnswerStatus
from radslag.governance.models import Decision, FocusArea
from radslag.organisations.models import Body, Locality, Organisation, OrganisationScopedQuerySet

TITLE_MAX = 150


class Eligibility(models.TextChoices):
    RESIDENTS = "residents", _("Residents of the municipality")
    RESIDENTS_AND_TIES = "ties", _("Residents and people who work or study in the municipality")


class ThresholdKind(models.TextChoices):
    COUNT = "count", _("A number of supports")
    PER_MILLE = "per_mille", _("A share of the population (per mille)")


class ProposalRules(models.Model):
    """One version of a municipality's rules for proposals. Never changed once saved: a change is a new
    version, so proposals submitted earlier keep the rules they were submitted under."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="proposal_rules")
    version = models.PositiveIntegerField(_("version"))
    created_at = models.DateTimeField(_("in force from"), auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    verification_level = models.PositiveSmallIntegerField(
        _("verification required"), default=1,
        help_text=_("0: any account, 1: a verified e-mail address, 2: e-ID (BankID, Freja)."))
    minimum_age = models.PositiveSmallIntegerField(_("minimum age"), default=0)
    eligibility = models.CharField(_("who may propose and support"), max_length=16, choices=Eligibility.choices,
                                   default=Eligibility.RESIDENTS_AND_TIES)
    collection_days = models.PositiveSmallIntegerField(_("days to collect support"), default=60)
    threshold_kind = models.CharField(_("threshold"), max_length=12, choices=ThresholdKind.choices,
                                      default=ThresholdKind.COUNT)
    threshold_count = models.PositiveIntegerField(_("supports needed"), default=150)
    threshold_per_mille = models.DecimalField(_("per mille of the population"), max_digits=5, decimal_places=2,
                                              default=5)
    answer_days = models.PositiveSmallIntegerField(_("days for the committee to answer"), default=90)
    text_max_length = models.PositiveIntegerField(_("longest proposal text (characters)"), default=3000)
    out_of_scope = models.TextField(
        _("out of scope"), blank=True,
        help_text=_("One rule a line: what a proposal may not be about. Staff refer to them when refusing."))

    class Meta:
        verbose_name = _("rules for proposals")
        ordering = ["organisation", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "version"], name="unique_proposal_rules_version"),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} v{self.version}"

    @property
    def out_of_scope_list(self) -> list[str]:
        return [line.strip() for line in self.out_of_scope.splitlines() if line.strip()]


class ProposalQuerySet(OrganisationScopedQuerySet):
    def public(self) -> Self:
        """What anyone may see: accepted proposals, in any later state."""
        return self.exclude(status__in=Proposal.NOT_PUBLIC)

    def open_for_support(self, at: dt.datetime) -> Self:
        return self.filter(status__in=Proposal.SUPPORTABLE, closes_at__gt=at)

    def overdue(self, at: dt.datetime) -> Self:
        return self.filter(answer_due__lt=at).exclude(status=Proposal.Status.ANSWERED)


class Proposal(TimeStamped):
    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted, being checked")
        REFUSED = "refused", _("Refused under the rules")
        COLLECTING = "collecting", _("Collecting support")
        THRESHOLD_REACHED = "threshold_reached", _("Reached the threshold")
        PERIOD_ENDED = "period_ended", _("Did not reach the threshold")
        ASSIGNED = "assigned", _("Sent to a committee")
        HANDLING = "handling", _("Being handled")
        ANSWERED = "answered", _("Has been answered")

    # Support is taken while the period runs, also after the threshold is reached.
    SUPPORTABLE = (Status.COLLECTING, Status.THRESHOLD_REACHED)
    NOT_PUBLIC = (Status.SUBMITTED, Status.REFUSED)  # seen only by the proposer and staff

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="proposals")
    rules = models.ForeignKey(ProposalRules, on_delete=models.PROTECT, related_name="proposals")
    title = models.CharField(_("title"), max_length=TITLE_MAX)
    text = models.TextField(_("proposal"))
    proposer = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="proposals")
    proposer_name = models.CharField(_("name shown"), max_length=150, blank=True)  # empty: not shown
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.SUBMITTED,
                              db_index=True)
    submitted_at = models.DateTimeField(_("submitted"))
    checked_at = models.DateTimeField(_("checked"), null=True, blank=True)
    refusal_rule = models.CharField(_("rule"), max_length=300, blank=True)
    refusal_reason = models.TextField(_("reason"), blank=True)
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    closes_at = models.DateTimeField(_("collects support until"), null=True, blank=True, db_index=True)
    threshold = models.PositiveIntegerField(_("supports needed"), null=True, blank=True)
    support_count = models.PositiveIntegerField(_("supports"), default=0)
    threshold_reached_at = models.DateTimeField(_("threshold reached"), null=True, blank=True)
    collection_ended_at = models.DateTimeField(_("collection ended"), null=True, blank=True)
    committee = models.ForeignKey(Body, null=True, blank=True, on_delete=models.PROTECT, related_name="proposals",
                                  verbose_name=_("committee"))
    assigned_at = models.DateTimeField(_("sent to the committee"), null=True, blank=True)
    answer_due = models.DateTimeField(_("to be answered by"), null=True, blank=True)
    handling_started_at = models.DateTimeField(_("handling started"), null=True, blank=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True, db_index=True)
    outcome = models.CharField(_("outcome"), max_length=16, choices=AnswerStatus.choices, blank=True)
    answer = models.TextField(_("answer"), blank=True)
    # Where the outcome is carried out: how far the work has come (as a theme's answer has it).
    progress = models.PositiveSmallIntegerField(
        _("progress (%)"), null=True, blank=True, help_text=_("How far the work has come, 0–100."))
    progress_note = models.CharField(
        _("progress in words"), max_length=200, blank=True,
        help_text=_("For example: “The new lighting is in place on two of five paths.”"))
    decision = models.ForeignKey(Decision, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                                 verbose_name=_("decision"))
    process = models.ForeignKey(DialogueProcess, null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="+", verbose_name=_("dialogue process"))
    focus_areas = models.ManyToManyField(FocusArea, blank=True, related_name="+", verbose_name=_("focus areas"))
    localities = models.ManyToManyField(Locality, blank=True, related_name="+", verbose_name=_("localities"))

    objects = ProposalQuerySet.as_manager()

    class Meta:
        verbose_name = _("proposal")
        ordering = ["-submitted_at"]
        indexes = [
            # One per sort of the public list, in the sort's own order, so that a page reads only its rows.
            models.Index(fields=["organisation", "-support_count", "-accepted_at", "-id"], name="proposal_by_support"),
            models.Index(fields=["organisation", "-accepted_at", "-id"], name="proposal_by_newest"),
            models.Index(fields=["organisation", "closes_at", "-id"], name="proposal_by_closing"),
            models.Index(fields=["organisation", "-answered_at", "-id"], name="proposal_by_answered"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(support_count__gte=0), name="proposal_support_count_not_negative"),
            models.CheckConstraint(condition=Q(progress__isnull=True) | Q(progress__lte=100),
                                   name="proposal_progress_percent"),
        ]

    def __str__(self) -> str:
        return self.title

    def status_at(self, at: dt.datetime) -> str:
        """Where the proposal stands at a moment, as residents read it. The stored status moves on when the
        periodic task ends the period (up to an hour late); until then a proposal still stored as collecting
        whose period has run out has not reached the threshold, and says so. One stored as collecting whose
        count has reached the threshold has reached it (the step that moves it was cut short)."""
        if self.status != self.Status.COLLECTING:
            return self.status
        if self.threshold is not None and self.support_count >= self.threshold:
            return self.Status.THRESHOLD_REACHED  # its own step not yet taken (see services.support_proposal)
        if self.closes_at is not None and at >= self.closes_at:
            return self.Status.PERIOD_ENDED
        return self.status

    def status_label_at(self, at: dt.datetime) -> str:
        return str(self.Status(self.status_at(at)).label)

    def is_open_for_support(self, *, at: dt.datetime) -> bool:
        return self.status in self.SUPPORTABLE and self.closes_at is not None and at < self.closes_at

    def days_left(self, *, at: dt.datetime) -> int:
        if not self.is_open_for_support(at=at):
            return 0
        assert self.closes_at is not None
        return max(0, (self.closes_at - at).days + (1 if (self.closes_at - at).seconds else 0))

    def progress_percent(self) -> int:
        if not self.threshold:
            return 0
        return min(100, self.support_count * 100 // self.threshold)

    def is_overdue(self, *, at: dt.datetime) -> bool:
        return self.answer_due is not None and self.status != self.Status.ANSWERED and at > self.answer_due

    @property
    def shows_progress(self) -> bool:
        return (self.status == self.Status.ANSWERED and self.outcome in CARRIED_OUT
                and (self.progress is not None or bool(self.progress_note)))


class Support(models.Model):
    """One person's support for one proposal. Never shown with who gave it."""

    class Tie(models.TextChoices):
        RESIDENT = "resident", _("I live in the municipality")
        WORKS = "works", _("I work in the municipality")
        STUDIES = "studies", _("I study in the municipality")

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="supports")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    # The keyed hash of the identity number ("eid:..."), or "user:<id>" without e-ID: one person, one support.
    person_key = models.CharField(max_length=80)
    tie = models.CharField(_("tie to the municipality"), max_length=10, choices=Tie.choices, default=Tie.RESIDENT)
    # Taken when the support is given, for the published breakdown (small groups suppressed).
    age_band = models.CharField(max_length=8, choices=AgeBand.choices, blank=True)
    locality = models.ForeignKey(Locality, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    wants_news = models.BooleanField(_("tell me what happens"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("support")
        constraints = [
            models.UniqueConstraint(fields=["proposal", "person_key"], name="one_support_per_person"),
        ]
        indexes = [models.Index(fields=["user", "proposal"], name="support_by_user")]

    def __str__(self) -> str:
        return f"{self.proposal_id}: {self.pk}"


class ProposalUpdate(models.Model):
    """The proposer's news to the supporters while the proposal collects support."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="updates")
    text = models.TextField(_("update"), max_length=2000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.text[:60]
