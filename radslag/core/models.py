"""Base model pieces shared by every app."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from radslag.analysis import disclosure


class TimeStamped(models.Model):
    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


class AgeBand(models.TextChoices):
    """Age bands used for profiles and population figures (SCB-style bands)."""

    UNDER_16 = "0-15", _("0–15 years")
    AGE_16_19 = "16-19", _("16–19 years")
    AGE_20_29 = "20-29", _("20–29 years")
    AGE_30_44 = "30-44", _("30–44 years")
    AGE_45_64 = "45-64", _("45–64 years")
    AGE_65_79 = "65-79", _("65–79 years")
    AGE_80_PLUS = "80+", _("80 years or older")


class Sex(models.TextChoices):
    FEMALE = "female", _("Woman")
    MALE = "male", _("Man")
    OTHER = "other", _("Other or prefer not to say")


class Role(models.TextChoices):
    """A person's role in one municipality (stored on accounts.Membership)."""

    RESIDENT = "resident", _("Resident")
    STAFF = "staff", _("Staff member")
    OFFICIAL = "official", _("Elected official")
    MODERATOR = "moderator", _("Moderator")
    ADMIN = "admin", _("Administrator")


# Roles that open the staff pages; MFA is required for staff and administrators.
STAFF_ROLES = frozenset({Role.STAFF, Role.MODERATOR, Role.ADMIN})
MFA_ROLES = frozenset({Role.STAFF, Role.ADMIN})

# Groups smaller than this are never shown in anything public (owned by radslag.analysis.disclosure).
SMALL_GROUP_THRESHOLD = disclosure.SMALL_GROUP_THRESHOLD
