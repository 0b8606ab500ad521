"""What the accounts app holds about a person: the account with its optional profile, and roles.

Registered with the personal data registry (radslag.audit.personal_data) in AccountsConfig.ready().
`contributions_of` and `registrations_of` feed the "My data" page's own tables.
"""

from __future__ import annotations

from typing import Any

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from radslag.accounts.models import Membership, User
from radslag.audit.personal_data import OnErasure, PersonalDataKind, export_person
from radslag.organisations.models import Organisation


def contributions_of(user: User, organisation: Organisation) -> QuerySet[Any]:
    return user.contributions.filter(organisation=organisation).select_related("process")


def registrations_of(user: User, organisation: Organisation) -> QuerySet[Any]:
    return (
        user.registrations.filter(activity__process__organisation=organisation)
        .select_related("activity", "activity__process")
        .order_by("-created_at")
    )


def _account(user: User, organisation: Organisation) -> QuerySet[User]:
    return User.objects.filter(pk=user.pk)


def _export_profile(user: User, organisation: Organisation) -> dict[str, Any]:
    return {
        "email": user.email,
        "name": user.display_name,
        "verification_level": user.get_verification_level_display(),
        "age_band": user.age_band,
        # From e-ID; the personal identity number is held only as a keyed hash, which says nothing readable.
        "birth_year": user.birth_year,
        "personal_identity_number_hash_held": user.personal_number_hash is not None,
        "sex": user.sex,
        "locality": user.locality.name if user.locality else "",
        "joined": user.date_joined.isoformat(),
        "last_login": user.last_login.isoformat() if user.last_login else None,
    }


def _erase_account(user: User, organisation: Organisation) -> int:
    """Close the account: profile answers and name cleared, the address replaced, no way to sign in."""
    EmailAddress.objects.filter(user=user).delete()
    Authenticator.objects.filter(user=user).delete()
    user.display_name, user.age_band, user.sex, user.locality = "", "", "", None
    user.birth_year, user.personal_number_hash = None, None
    user.email = f"raderad-{user.pk}@raderad.invalid"
    user.first_name = user.last_name = ""
    user.is_active = False
    user.set_unusable_password()
    user.save()
    return 1


def _roles(user: User, organisation: Organisation) -> QuerySet[Membership]:
    return Membership.objects.filter(user=user, organisation=organisation)


def _export_roles(user: User, organisation: Organisation) -> list[str]:
    return [str(membership.get_role_display()) for membership in _roles(user, organisation)]


def _erase_roles(user: User, organisation: Organisation) -> int:
    deleted, _per_model = _roles(user, organisation).delete()
    return deleted


ACCOUNT = PersonalDataKind(
    key="accounts.account", section="profile", label=_("Account and profile"),
    on_erasure=OnErasure.ERASE,
    reason=_("Your name, profile answers and e-mail address are erased and the account is closed, so you can no "
             "longer sign in. The account is the same in every municipality that uses the service."),
    rows=_account, export=_export_profile, erase=_erase_account,
)
ROLES = PersonalDataKind(
    key="accounts.roles", section="roles", label=_("Roles in the municipality"),
    on_erasure=OnErasure.ERASE, reason=_("Your roles in the municipality are removed."),
    rows=_roles, export=_export_roles, erase=_erase_roles,
)


def personal_data(user: User, organisation: Organisation) -> dict[str, Any]:
    """A JSON-ready copy of the person's data: the basis for a copy under article 15 GDPR."""
    return {"municipality": organisation.name, **export_person(user, organisation)}
