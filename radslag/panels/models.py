"""The citizen panel (medborgarpanel): who is a member, how they were recruited, and their profile.

Members join by themselves on the panel's page, or answer a random postal invitation whose letter
carries a one-time code; the channel is recorded so that response rates and representativeness can
be read per recruitment channel. The profile (age band, sex, locality) is what the panel's make-up is
compared with the population by. Surveys, waves and weighting build on these members.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from radslag.core.models import AgeBand, Sex, TimeStamped
from radslag.organisations.models import Locality, Organisation, OrganisationScopedQuerySet


class Panel(TimeStamped):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="panels")
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(
        _("what members do"), max_length=3000,
        help_text=_("For example how many surveys a year, how long they take, and what the answers are used for."),
    )
    open_for_signup = models.BooleanField(
        _("anyone may join"), default=True,
        help_text=_("Otherwise only people with a code from an invitation letter can join."),
    )

    objects = OrganisationScopedQuerySet.as_manager()

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("citizen panel")
        constraints = [models.UniqueConstraint(fields=["organisation"], name="one_panel_per_municipality")]
        verbose_name_plural = _("citizen panels")

    def __str__(self) -> str:
        return self.name


class Channel(models.TextChoices):
    SELF_SIGNUP = "self", _("Joined by themselves")
    POSTAL_INVITATION = "postal", _("Random postal invitation")


class InvitationBatch(models.Model):
    """A mailing of invitation letters to a random sample; each letter carries one code."""

    panel = models.ForeignKey(Panel, on_delete=models.CASCADE, related_name="invitation_batches")
    label = models.CharField(_("label"), max_length=120)
    size = models.PositiveIntegerField(_("number of letters"))
    salt = models.CharField(max_length=64, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("invitation mailing")

    def __str__(self) -> str:
        return self.label


class Invitation(models.Model):
    batch = models.ForeignKey(InvitationBatch, on_delete=models.CASCADE, related_name="invitations")
    number = models.PositiveIntegerField(_("letter number"))
    code_hash = models.CharField(max_length=64)
    used_at = models.DateTimeField(_("used"), null=True, blank=True)

    class Meta:
        ordering = ["batch_id", "number"]
        constraints = [
            models.UniqueConstraint(fields=["batch", "number"], name="unique_invitation_number"),
            models.UniqueConstraint(fields=["code_hash"], name="unique_invitation_code"),
        ]

    def __str__(self) -> str:
        return f"{self.batch} #{self.number}"


class PanelMemberQuerySet(models.QuerySet["PanelMember"]):
    def active(self) -> PanelMemberQuerySet:
        return self.filter(left_at__isnull=True)


class PanelMember(models.Model):
    panel = models.ForeignKey(Panel, on_delete=models.CASCADE, related_name="members")
    # related_name is how other apps (voting) ask "is this person a member?" without importing panels.
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="panel_memberships")
    channel = models.CharField(_("recruited by"), max_length=8, choices=Channel.choices)
    invitation = models.OneToOneField(Invitation, null=True, blank=True, on_delete=models.SET_NULL,
                                      related_name="member")
    age_band = models.CharField(_("age"), max_length=8, choices=AgeBand.choices, blank=True)
    sex = models.CharField(_("sex"), max_length=8, choices=Sex.choices, blank=True)
    locality = models.ForeignKey(Locality, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
                                 verbose_name=_("locality"))
    joined_at = models.DateTimeField(_("joined"))
    left_at = models.DateTimeField(_("left"), null=True, blank=True)

    objects = PanelMemberQuerySet.as_manager()

    class Meta:
        ordering = ["joined_at", "id"]
        verbose_name = _("panel member")
        verbose_name_plural = _("panel members")
        constraints = [
            models.UniqueConstraint(fields=["panel", "user"], condition=models.Q(left_at__isnull=True),
                                    name="one_active_membership"),
        ]

    def __str__(self) -> str:
        return f"{self.panel} / {self.user_id}"
