"""The municipality's direction: vision, strategic plan, focus areas, decisions, and principles for dialogue."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from radslag.core.localized import english_version
from radslag.core.models import TimeStamped
from radslag.organisations.models import Body, Organisation, OrganisationScopedQuerySet


class Vision(TimeStamped):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="visions")
    title = models.CharField(_("title"), max_length=200)
    title_en = english_version(title)
    target_year = models.PositiveSmallIntegerField(_("target year"), null=True, blank=True)
    text = models.TextField(_("text"))
    text_en = english_version(text)
    how_it_was_made = models.TextField(_("how it was made"), blank=True)
    how_it_was_made_en = english_version(how_it_was_made)

    objects = OrganisationScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("vision")

    def __str__(self) -> str:
        return self.title


class StrategicPlan(TimeStamped):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="strategic_plans")
    title = models.CharField(_("title"), max_length=200)
    title_en = english_version(title)
    starts = models.PositiveSmallIntegerField(_("first year"))
    ends = models.PositiveSmallIntegerField(_("last year"))
    summary = models.TextField(_("summary"), blank=True)
    summary_en = english_version(summary)

    objects = OrganisationScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("strategic plan")

    def __str__(self) -> str:
        return self.title


class FocusArea(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="focus_areas")
    plan = models.ForeignKey(StrategicPlan, on_delete=models.CASCADE, related_name="focus_areas")
    number = models.PositiveSmallIntegerField(_("number"))
    name = models.CharField(_("name"), max_length=200)
    name_en = english_version(name)
    slug = models.SlugField(_("short name"))
    description = models.TextField(_("description"), blank=True)
    description_en = english_version(description)

    objects = OrganisationScopedQuerySet.as_manager()

    class Meta:
        ordering = ["plan", "number"]
        verbose_name = _("focus area")
        verbose_name_plural = _("focus areas")
        constraints = [models.UniqueConstraint(fields=["organisation", "slug"], name="unique_focus_area_slug")]

    def __str__(self) -> str:
        return self.name


class Decision(TimeStamped):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="decisions")
    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="decisions", verbose_name=_("body"))
    decided_on = models.DateField(_("date"))
    registration_number = models.CharField(_("registration number"), max_length=60, blank=True)
    section = models.CharField(_("section (§)"), max_length=30, blank=True)
    title = models.CharField(_("title"), max_length=300)
    summary = models.TextField(_("summary"), blank=True)
    url = models.URLField(_("link to the minutes"), blank=True)
    focus_areas = models.ManyToManyField(FocusArea, blank=True, related_name="decisions", verbose_name=_("focus areas"))

    objects = OrganisationScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-decided_on", "-id"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")

    def __str__(self) -> str:
        ref = f" ({self.registration_number})" if self.registration_number else ""
        return f"{self.title}{ref}"


class DecisionLink(models.Model):
    """A decision's link to a process (with its role) or to something it rests on (see governance.links).

    `object_id` is the id of a row in a higher app, named by `kind`; governance never imports it.
    """

    class Role(models.TextChoices):
        COMMISSIONING = "commissioning", _("Commissions the dialogue")
        OUTCOME = "outcome", _("Outcome of the dialogue")
        PARTIAL = "partial", _("Partly answers the dialogue")
        BASIS = "basis", _("Rests on")

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="links")
    kind = models.CharField(_("kind"), max_length=30)
    object_id = models.PositiveIntegerField()
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.BASIS)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["decision", "kind", "id"]
        verbose_name = _("decision link")
        constraints = [
            models.UniqueConstraint(fields=["decision", "kind", "object_id"], name="unique_decision_link"),
        ]
        indexes = [models.Index(fields=["kind", "object_id"])]

    def __str__(self) -> str:
        return f"{self.decision_id} {self.role} {self.kind}:{self.object_id}"


class DialoguePrinciples(models.Model):
    """One version of the municipality's principles for dialogue. A version is never changed: an edit is a
    new version, so that a dialogue can point to the principles it was run under."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="dialogue_principles")
    number = models.PositiveIntegerField(_("version"))
    title = models.CharField(_("title"), max_length=200)
    title_en = english_version(title)
    text = models.TextField(_("principles"))
    text_en = english_version(text)
    change_note = models.CharField(_("what changed"), max_length=300, blank=True)
    published_at = models.DateTimeField(_("in force from"))
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+")

    objects = OrganisationScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-number"]
        verbose_name = _("principles for dialogue")
        verbose_name_plural = _("principles for dialogue")
        constraints = [models.UniqueConstraint(fields=["organisation", "number"], name="unique_principles_version")]

    def __str__(self) -> str:
        return f"{self.title} ({self.number})"


class BodyMeeting(models.Model):
    """A meeting (sammanträde) of a deciding body: the date a committee takes up what is sent to it.

    The officials' overview lists the coming ones; a decision basis is sent to a body for one of them.
    """

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="body_meetings")
    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="meetings", verbose_name=_("body"))
    date = models.DateField(_("date"))
    note = models.CharField(_("note"), max_length=200, blank=True,
                            help_text=_("For example: “Budget meeting” or the place."))

    objects = OrganisationScopedQuerySet.as_manager()

    class Meta:
        ordering = ["date", "body__name", "id"]
        verbose_name = _("meeting of a body")
        verbose_name_plural = _("meetings of bodies")
        constraints = [models.UniqueConstraint(
            fields=["body", "date"], name="unique_body_meeting_date",
            violation_error_message=_("The body already has a meeting on that day."),
        )]

    def __str__(self) -> str:
        return f"{self.body} {self.date:%Y-%m-%d}"
