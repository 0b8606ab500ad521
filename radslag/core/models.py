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


# Roles that plan and run processes. What each role may do is the table in core/permissions.py.
STAFF_ROLES = frozenset({Role.STAFF, Role.ADMIN})
# Every role that reads personal data or voting codes signs in with a second factor: staff and
# administrators; moderators (the texts in the queue, unpublished, may name people); elected
# officials (the analyses show unmoderated input and breakdowns by age band and locality).
MFA_ROLES = frozenset({Role.STAFF, Role.ADMIN, Role.MODERATOR, Role.OFFICIAL})

# Groups smaller than this are never shown in anything public (owned by radslag.analysis.disclosure).
SMALL_GROUP_THRESHOLD = disclosure.SMALL_GROUP_THRESHOLD
