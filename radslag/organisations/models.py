"""The municipality (tenant) and what describes it: localities, bodies, population."""

from __future__ import annotations

from typing import Self

from django.db import models
from django.utils.translation import gettext_lazy as _

from radslag.core.models import AgeBand, Sex, TimeStamped


class Organisation(TimeStamped):
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("short name"), unique=True)
    hostname = models.CharField(
        _("host name"), max_length=200, blank=True, default="",
        help_text=_("The web address residents use, e.g. dialog.ale.se. Empty for the default."),
    )
    default_language = models.CharField(_("default language"), max_length=8, default="sv")
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    website = models.URLField(_("website"), blank=True)
    privacy_notice = models.TextField(
        _("privacy notice"), blank=True,
        help_text=_("Shown at every form: why the municipality processes the data and under which basis."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        constraints = [
            models.UniqueConstraint(
                fields=["hostname"], condition=~models.Q(hostname=""), name="unique_org_hostname"
            )
        ]

    def __str__(self) -> str:
        return self.name


class OrganisationScopedQuerySet(models.QuerySet):
    def for_organisation(self, organisation: Organisation) -> Self:
        return self.filter(organisation=organisation)


class Locality(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="localities")
    name = models.CharField(_("name"), max_length=120)

    objects = OrganisationScopedQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("locality")
        verbose_name_plural = _("localities")
        constraints = [models.UniqueConstraint(fields=["organisation", "name"], name="unique_locality")]

    def __str__(self) -> str:
        return self.name


class Body(models.Model):
    class Kind(models.TextChoices):
        COUNCIL = "council", _("Municipal council")
        EXECUTIVE_BOARD = "executive_board", _("Executive board")
        COMMITTEE = "committee", _("Committee")
        ADVISORY_COUNCIL = "advisory_council", _("Advisory council")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="bodies")
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    description = models.TextField(_("description"), blank=True)

    objects = OrganisationScopedQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "name"]
        verbose_name = _("body")
        verbose_name_plural = _("bodies")
        constraints = [models.UniqueConstraint(fields=["organisation", "name"], name="unique_body")]

    def __str__(self) -> str:
        return self.name


class PopulationFigure(models.Model):
    """Residents by locality, age band and sex for one year (imported from CSV)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="population")
    year = models.PositiveSmallIntegerField(_("year"))
    locality = models.ForeignKey(Locality, on_delete=models.CASCADE, related_name="population")
    age_band = models.CharField(_("age band"), max_length=8, choices=AgeBand.choices)
    sex = models.CharField(_("sex"), max_length=8, choices=Sex.choices)
    count = models.PositiveIntegerField(_("number of residents"))

    objects = OrganisationScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("population figure")
        verbose_name_plural = _("population figures")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "year", "locality", "age_band", "sex"], name="unique_population_cell"
            )
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.locality_id} {self.age_band} {self.sex}: {self.count}"


class AccessibilityStatement(TimeStamped):
    organisation = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, related_name="accessibility_statement"
    )
    body = models.TextField(_("statement"))
    contact_email = models.EmailField(_("where to report problems"), blank=True)
    contact_phone = models.CharField(_("phone"), max_length=40, blank=True)
    assessed_on = models.DateField(_("last assessed"), null=True, blank=True)

    class Meta:
        verbose_name = _("accessibility statement")


class PageFeedback(models.Model):
    """Answers to "did this page help you?"."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="page_feedback")
    path = models.CharField(_("page"), max_length=300)
    helpful = models.BooleanField(_("helpful"))
    comment = models.TextField(_("comment"), blank=True, max_length=2000)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = OrganisationScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("page feedback")

    def __str__(self) -> str:
        return f"{self.path} ({'+' if self.helpful else '-'})"
