"""People and their roles in a municipality."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.utils.translation import gettext_lazy as _

from radslag.core.models import MFA_ROLES, STAFF_ROLES, AgeBand, Role, Sex
from radslag.organisations.models import Locality, Organisation

__all__ = ["MFA_ROLES", "STAFF_ROLES", "EmailUserManager", "Membership", "Role", "User"]


class EmailUserManager(UserManager["User"]):
    def create_user(self, email: str, password: str | None = None, **extra: Any) -> User:  # type: ignore[override]
        email = self.normalize_email(email)
        user = self.model(email=email, **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> User:  # type: ignore[override]
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra)


class User(AbstractUser):
    """A person who signs in with an e-mail address."""

    class Verification(models.IntegerChoices):
        NONE = 0, _("Not verified")
        EMAIL = 1, _("Verified e-mail")
        EID = 2, _("Verified with e-ID")

    username = None  # type: ignore[assignment]  # e-mail is the login
    email = models.EmailField(_("e-mail address"), unique=True)
    display_name = models.CharField(_("name"), max_length=150, blank=True)
    verification_level = models.PositiveSmallIntegerField(
        _("verification level"), choices=Verification.choices, default=Verification.NONE
    )
    age_band = models.CharField(_("age band"), max_length=8, choices=AgeBand.choices, blank=True)
    sex = models.CharField(_("sex"), max_length=8, choices=Sex.choices, blank=True)
    locality = models.ForeignKey(
        Locality, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("locality")
    )
    # From an e-ID sign-in: the personal identity number only as a keyed hash (one person, one account),
    # and the birth year for age bands. The number itself is never stored.
    personal_number_hash = models.CharField(
        _("personal identity number (keyed hash)"), max_length=64, unique=True, null=True, blank=True, editable=False
    )
    birth_year = models.PositiveSmallIntegerField(_("birth year"), null=True, blank=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []
    objects = EmailUserManager()  # type: ignore[misc]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.display_name or self.email


class Membership(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=16, choices=Role.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("role in municipality")
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation", "role"], name="unique_membership_role")
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} ({self.organisation})"
