"""Prioritisation ballots: the ballot and its options, voting codes, cast ballots and paper batches."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from radslag.core.localized import english_version
from radslag.core.models import AgeBand, TimeStamped
from radslag.dialogues.models import Activity, DialogueProcess
from radslag.organisations.models import Locality, Organisation, OrganisationScopedQuerySet


class Method(models.TextChoices):
    DOT = "dot", _("Dot voting")
    APPROVAL = "approval", _("Approval (tick all you support)")
    SINGLE = "single", _("Single choice")
    RANKED = "ranked", _("Ranking (Schulze and Borda)")
    WORDS = "words", _("A word or a few (word cloud)")


class Eligibility(models.TextChoices):
    """Who may cast a ballot. RESIDENTS and PANEL cast as signed-in people, once each."""

    CODES = "codes", _("One-time voting codes")
    RESIDENTS = "residents", _("Signed-in residents")
    PANEL = "panel", _("Members of the citizen panel")
    OPEN = "open", _("Open vote (cannot guarantee one vote per person)")


class ResultsVisibility(models.TextChoices):
    AFTER_CLOSE = "after_close", _("After closing, when staff publish them")
    LIVE = "live", _("Live while voting is open")


class BallotStatus(models.TextChoices):
    """Where a ballot stands at a moment; `Ballot.status_at` is the one place that decides it."""

    PREPARING = "preparing", _("Being prepared")
    SCHEDULED = "scheduled", pgettext_lazy("ballot status", "Scheduled")
    OPEN = "open", pgettext_lazy("ballot status", "Open")
    CLOSED = "closed", pgettext_lazy("ballot status", "Closed")
    PUBLISHED = "published", _("Results published")


class Ballot(TimeStamped):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="ballots")
    process = models.ForeignKey(DialogueProcess, on_delete=models.CASCADE, related_name="ballots")
    activity = models.ForeignKey(
        Activity, null=True, blank=True, on_delete=models.SET_NULL, related_name="ballots",
        verbose_name=_("activity"),
    )
    title = models.CharField(_("title"), max_length=200)
    title_en = english_version(title)
    question = models.TextField(_("question to voters"), max_length=1000)
    question_en = english_version(question)
    method = models.CharField(_("method"), max_length=12, choices=Method.choices, default=Method.DOT)
    dots_per_voter = models.PositiveSmallIntegerField(_("dots per voter"), default=5)
    cap_per_option = models.PositiveSmallIntegerField(_("most dots on one option"), default=3)
    eligibility = models.CharField(_("who may vote"), max_length=12, choices=Eligibility.choices,
                                   default=Eligibility.CODES)
    min_verification_level = models.PositiveSmallIntegerField(
        _("verification required"), default=1,
        help_text=_("For signed-in residents: 1 = verified e-mail, 2 = verified with e-ID."),
    )
    collect_profile = models.BooleanField(
        _("ask for locality and age band"), default=False,
        help_text=_("Optional questions, used only for participation figures."),
    )
    opens_at = models.DateTimeField(_("opens"), null=True, blank=True)
    closes_at = models.DateTimeField(_("closes"), null=True, blank=True)
    results_visibility = models.CharField(
        _("results shown"), max_length=12, choices=ResultsVisibility.choices, default=ResultsVisibility.AFTER_CLOSE
    )
    results_published_at = models.DateTimeField(_("results published"), null=True, blank=True)

    objects = OrganisationScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("ballot")
        verbose_name_plural = _("ballots")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_at__isnull=True) | models.Q(opens_at__isnull=True)
                | models.Q(closes_at__gt=models.F("opens_at")),
                name="ballot_closes_after_opening",
            ),
            models.CheckConstraint(condition=models.Q(dots_per_voter__gte=1), name="ballot_at_least_one_dot"),
            models.CheckConstraint(condition=models.Q(cap_per_option__gte=1), name="ballot_cap_at_least_one"),
        ]

    def __str__(self) -> str:
        return self.title

    def status_at(self, at: dt.datetime) -> BallotStatus:
        """A published result is final: once published, the ballot never opens again, whatever its times say."""
        if self.results_published_at is not None:
            return BallotStatus.PUBLISHED
        if self.closes_at is not None and self.closes_at <= at:
            return BallotStatus.CLOSED
        if self.opens_at is not None and self.opens_at <= at:
            return BallotStatus.OPEN
        return BallotStatus.SCHEDULED if self.opens_at is not None else BallotStatus.PREPARING

    def is_open(self, at: dt.datetime) -> bool:
        return self.status_at(at) == BallotStatus.OPEN

    def has_closed(self, at: dt.datetime) -> bool:
        return self.status_at(at) in (BallotStatus.CLOSED, BallotStatus.PUBLISHED)

    def results_are_public(self, at: dt.datetime) -> bool:
        """Live results from opening; otherwise once it has closed and staff published them."""
        status = self.status_at(at)
        if status == BallotStatus.PUBLISHED:
            return True
        return self.results_visibility == ResultsVisibility.LIVE and status in (BallotStatus.OPEN, BallotStatus.CLOSED)

    @property
    def effective_cap(self) -> int:
        return min(self.cap_per_option, self.dots_per_voter)


class Option(models.Model):
    """One thing to vote on: a free option, or a theme from the process's coding frame (title copied in)."""

    ballot = models.ForeignKey(Ballot, on_delete=models.CASCADE, related_name="options")
    # By string, so that voting does not import the themes app (participation apps stay independent).
    theme = models.ForeignKey("themes.Theme", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
                              verbose_name=_("theme"))
    title = models.CharField(_("title"), max_length=200)
    title_en = english_version(title)
    description = models.TextField(_("description"), blank=True, max_length=2000)
    description_en = english_version(description)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("option")
        verbose_name_plural = _("options")
        constraints = [models.UniqueConstraint(fields=["ballot", "title"], name="unique_option_title")]

    def __str__(self) -> str:
        return self.title

    @property
    def key(self) -> str:
        """How the option is named in stored choices and in the exported ballots file."""
        return str(self.pk)


class CodeBatch(models.Model):
    """A sheet of voting codes. The codes are derived from `salt` and the server's secret key, never stored."""

    ballot = models.ForeignKey(Ballot, on_delete=models.CASCADE, related_name="code_batches")
    label = models.CharField(_("label"), max_length=120)
    size = models.PositiveIntegerField(_("number of codes"))
    salt = models.CharField(max_length=64, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("batch of voting codes")

    def __str__(self) -> str:
        return self.label


class VotingCode(models.Model):
    ballot = models.ForeignKey(Ballot, on_delete=models.CASCADE, related_name="codes")
    batch = models.ForeignKey(CodeBatch, on_delete=models.CASCADE, related_name="codes")
    number = models.PositiveIntegerField(_("number on the sheet"))
    code_hash = models.CharField(max_length=64)
    # To the hour only, so that the time a slip was used cannot be matched to the time a ballot arrived.
    used_at = models.DateTimeField(_("used"), null=True, blank=True)

    class Meta:
        ordering = ["batch_id", "number"]
        verbose_name = _("voting code")
        constraints = [
            models.UniqueConstraint(fields=["ballot", "code_hash"], name="unique_voting_code"),
            models.UniqueConstraint(fields=["batch", "number"], name="unique_code_number"),
        ]

    def __str__(self) -> str:
        return f"{self.batch} #{self.number}"


class PaperBatch(models.Model):
    """A pile of paper ballots from a meeting, typed in by staff."""

    ballot = models.ForeignKey(Ballot, on_delete=models.CASCADE, related_name="paper_batches")
    label = models.CharField(_("label"), max_length=120)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("batch of paper ballots")
        constraints = [models.UniqueConstraint(fields=["ballot", "label"], name="unique_paper_batch_label")]

    def __str__(self) -> str:
        return self.label


class CastBallot(models.Model):
    """One counted ballot. `choices` uses option keys in the format of `radslag tally`.

    It keeps what a recount needs and no more: no link to the voting code (whose sheet number a person
    could be handed) and no trace of the connection it came from. A code counts once because casting
    claims the code row itself (`VotingCode.used_at`); an open vote's rate limit lives in the cache.
    """

    class Source(models.TextChoices):
        WEB = "web", _("Online")
        PAPER = "paper", _("Paper, entered by staff")

    ballot = models.ForeignKey(Ballot, on_delete=models.PROTECT, related_name="cast_ballots")
    receipt = models.CharField(_("receipt"), max_length=20, unique=True)
    idempotency_key = models.CharField(max_length=64)
    source = models.CharField(_("source"), max_length=8, choices=Source.choices, default=Source.WEB)
    voter = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    paper_batch = models.ForeignKey(
        PaperBatch, null=True, blank=True, on_delete=models.PROTECT, related_name="cast_ballots"
    )
    choices = models.JSONField(_("choices"))
    locality = models.ForeignKey(Locality, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    age_band = models.CharField(_("age band"), max_length=8, choices=AgeBand.choices, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["receipt"]
        verbose_name = _("cast ballot")
        verbose_name_plural = _("cast ballots")
        constraints = [
            models.UniqueConstraint(
                fields=["ballot", "voter"], condition=models.Q(voter__isnull=False), name="one_ballot_per_voter"
            ),
            models.UniqueConstraint(fields=["ballot", "idempotency_key"], name="one_ballot_per_submission"),
            models.CheckConstraint(
                condition=models.Q(source="web", paper_batch__isnull=True)
                | models.Q(source="paper", paper_batch__isnull=False, voter__isnull=True),
                name="paper_ballots_are_marked",
            ),
        ]

    def __str__(self) -> str:
        return self.receipt


def used_hour(at: dt.datetime) -> dt.datetime:
    """When a code counts as used: the start of the hour, never the exact moment of the ballot."""
    return at.replace(minute=0, second=0, microsecond=0)


class HiddenWord(models.Model):
    """A word staff hid from the public word view (it is still stored and counted in a recount)."""

    ballot = models.ForeignKey(Ballot, on_delete=models.CASCADE, related_name="hidden_words")
    word = models.CharField(_("word"), max_length=40)
    hidden_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    hidden_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["word"]
        verbose_name = _("hidden word")
        constraints = [models.UniqueConstraint(fields=["ballot", "word"], name="unique_hidden_word")]

    def __str__(self) -> str:
        return self.word


class LiveResult(models.Model):
    """The live result as last shown: it advances only in steps of several ballots (see `voting.live`)."""

    ballot = models.OneToOneField(Ballot, on_delete=models.CASCADE, related_name="live_result")
    ballots = models.PositiveIntegerField(_("ballots counted"))
    result = models.JSONField()
    participation = models.JSONField()
    taken_at = models.DateTimeField()

    class Meta:
        verbose_name = _("live result")

    def __str__(self) -> str:
        return f"{self.ballot} ({self.ballots})"
