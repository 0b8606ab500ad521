"""Theme analysis in the platform: analysis runs, themes, codings, quotes and stored vectors.

How the rows fit together (read by `radslag.reports` through `radslag.themes.compilation`):

- An `AnalysisRun` groups a process's published contributions (optionally only one channel, activity or
  locality) into themes with the engine in `radslag.analysis.themes`.
- A `Theme` belongs to a process. The run that proposed it is kept in `run` (empty for a theme made by a
  person). Its shown name is `name`: the human label when someone renamed it, else the engine's label.
  Only themes with `status == ACTIVE` are current; merged and split themes stay as history.
- A `Coding` says that a contribution belongs to a theme. `source` is MACHINE (the engine put it there) or
  HUMAN (a person moved or coded it). A contribution has either human codings (one or more) or at most
  one machine coding: a human decision always replaces the machine's.
- A `Quote` is one of the 3-5 contributions that show a theme best, in order.
- A `ContributionVector` is a contribution's embedding from a fixed-model backend, stored once so that a
  re-analysis does not embed the same text again.
"""

from __future__ import annotations

import numpy as np
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from radslag.contributions.models import Channel, Contribution
from radslag.core.localized import english_version
from radslag.dialogues.models import Activity, DialogueProcess
from radslag.governance.models import FocusArea
from radslag.organisations.models import Locality, Organisation, OrganisationScopedQuerySet


class AnalysisRun(models.Model):
    """One analysis of a process's contributions, run in the background."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    process = models.ForeignKey(DialogueProcess, on_delete=models.CASCADE, related_name="analysis_runs")
    # Filters: empty means every contribution of the process.
    channel = models.CharField(_("channel"), max_length=16, choices=Channel.choices, blank=True)
    activity = models.ForeignKey(
        Activity, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("activity")
    )
    locality = models.ForeignKey(
        Locality, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("locality")
    )
    backend = models.CharField(_("method"), max_length=300, default="lexical")
    k = models.PositiveSmallIntegerField(_("number of new themes"), null=True, blank=True)  # None: automatic
    seed = models.IntegerField(_("seed"), default=0)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(_("progress"), default=0)  # 0-100
    stage = models.CharField(_("step"), max_length=200, blank=True)
    error = models.TextField(_("error"), blank=True)
    contribution_count = models.PositiveIntegerField(_("contributions analysed"), default=0)
    new_theme_count = models.PositiveIntegerField(_("new themes"), default=0)
    assigned_count = models.PositiveIntegerField(_("put into existing themes"), default=0)
    outlier_count = models.PositiveIntegerField(_("outside every theme"), default=0)
    meta = models.JSONField(_("details"), default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    objects = OrganisationScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("analysis run")
        verbose_name_plural = _("analysis runs")

    def __str__(self) -> str:
        return f"{self.process} #{self.pk} ({self.status})"

    @property
    def is_active(self) -> bool:
        return self.status in {self.Status.QUEUED, self.Status.RUNNING}

    @property
    def seconds(self) -> float | None:
        if self.started_at and self.finished_at:
            return round((self.finished_at - self.started_at).total_seconds(), 1)
        return None


class Theme(models.Model):
    """A group of contributions about the same thing, proposed by a run or made by a person."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("Current")
        MERGED = "merged", _("Merged into another theme")
        SPLIT = "split", _("Split into two themes")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    process = models.ForeignKey(DialogueProcess, on_delete=models.CASCADE, related_name="themes")
    run = models.ForeignKey(
        AnalysisRun, null=True, blank=True, on_delete=models.SET_NULL, related_name="proposed_themes"
    )
    label = models.CharField(_("proposed name"), max_length=300)
    human_label = models.CharField(_("name"), max_length=300, blank=True)
    human_label_en = english_version(human_label)
    description = models.TextField(_("description"), blank=True, max_length=3000)
    description_en = english_version(description)
    keywords = models.JSONField(_("keywords"), default=list, blank=True)
    accepted = models.BooleanField(_("accepted"), default=False)
    pinned = models.BooleanField(
        _("pinned"), default=False, help_text=_("A pinned theme stays when the analysis is run again.")
    )
    focus_areas = models.ManyToManyField(FocusArea, blank=True, related_name="themes", verbose_name=_("focus areas"))
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.ACTIVE)
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="merged_from"
    )
    split_from = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="split_into")
    order = models.PositiveIntegerField(_("order"), default=0)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = OrganisationScopedQuerySet.as_manager()

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        indexes = [models.Index(fields=["process", "status"])]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.human_label or self.label

    @property
    def name_en(self) -> str:
        """The published name's English version (`localized(theme, "name")`): only a name a person gave."""
        return self.human_label_en

    @property
    def has_decision(self) -> bool:
        """Something a person decided about this theme, so a re-run keeps it."""
        return bool(self.accepted or self.pinned or self.human_label or self.run_id is None or self.split_from_id)


class Coding(models.Model):
    """A contribution placed in a theme, by the engine or by a person."""

    class Source(models.TextChoices):
        MACHINE = "machine", _("Analysis")
        HUMAN = "human", _("By hand")

    theme = models.ForeignKey(Theme, on_delete=models.CASCADE, related_name="codings")
    contribution = models.ForeignKey(Contribution, on_delete=models.CASCADE, related_name="theme_codings")
    source = models.CharField(_("source"), max_length=8, choices=Source.choices)
    strength = models.FloatField(_("strength"), default=1.0)  # 0..1; 1 for a human coding
    run = models.ForeignKey(AnalysisRun, null=True, blank=True, on_delete=models.SET_NULL, related_name="codings")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-strength", "id"]
        verbose_name = _("coding")
        verbose_name_plural = _("codings")
        constraints = [models.UniqueConstraint(fields=["theme", "contribution"], name="unique_theme_coding")]

    def __str__(self) -> str:
        return f"{self.contribution_id} → {self.theme_id} ({self.source})"


class ThemeExclusion(models.Model):
    """A person decided that a contribution belongs to no theme (off the question, only a greeting, ...).

    The analysis leaves it out, so it neither drifts into a theme nor counts as an outlier to look at
    again; choosing a theme for it later removes the exclusion.
    """

    contribution = models.OneToOneField(Contribution, on_delete=models.CASCADE, related_name="theme_exclusion")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("contribution in no theme")
        verbose_name_plural = _("contributions in no theme")

    def __str__(self) -> str:
        return f"{self.contribution_id} → –"


class Quote(models.Model):
    """A contribution that shows what a theme is about, in the order they are shown."""

    theme = models.ForeignKey(Theme, on_delete=models.CASCADE, related_name="quotes")
    contribution = models.ForeignKey(Contribution, on_delete=models.CASCADE, related_name="+")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("quote")
        verbose_name_plural = _("quotes")
        constraints = [models.UniqueConstraint(fields=["theme", "contribution"], name="unique_theme_quote")]

    def __str__(self) -> str:
        return f"{self.theme_id}: {self.contribution_id}"


class ContributionVector(models.Model):
    """A contribution's embedding from one fixed-model backend (an index, rebuilt when the text changes)."""

    contribution = models.ForeignKey(Contribution, on_delete=models.CASCADE, related_name="vectors")
    backend = models.CharField(max_length=300)
    text_hash = models.CharField(max_length=64)  # radslag.analysis.embeddings.text_key of the embedded text
    dimensions = models.PositiveIntegerField()
    vector = models.BinaryField()  # float32, little-endian
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("stored vector")
        constraints = [
            models.UniqueConstraint(fields=["contribution", "backend"], name="unique_contribution_vector")
        ]

    def __str__(self) -> str:
        return f"{self.contribution_id} ({self.backend})"

    def as_array(self) -> np.ndarray:
        return np.frombuffer(bytes(self.vector), dtype="<f4").reshape(self.dimensions)

    @staticmethod
    def pack(vector: np.ndarray) -> bytes:
        return np.asarray(vector, dtype="<f4").tobytes()
