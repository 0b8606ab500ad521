"""Readable permission predicates. Every staff view asks one of these."""

from __future__ import annotations

from typing import Any

from radslag.accounts.models import MFA_ROLES, STAFF_ROLES, Role


def roles_in(user: Any, organisation: Any) -> set[str]:
    if organisation is None or not getattr(user, "is_authenticated", False):
        return set()
    cache = getattr(user, "_radslag_roles", None)
    if cache is None:
        cache = {}
        user._radslag_roles = cache
    if organisation.pk not in cache:
        cache[organisation.pk] = set(
            user.memberships.filter(organisation=organisation).values_list("role", flat=True)
        )
    return cache[organisation.pk]


def is_staff_in(user: Any, organisation: Any) -> bool:
    return bool(roles_in(user, organisation) & STAFF_ROLES)


def can_moderate(user: Any, organisation: Any) -> bool:
    return bool(roles_in(user, organisation) & {Role.MODERATOR, Role.ADMIN, Role.STAFF})


def is_admin_in(user: Any, organisation: Any) -> bool:
    return Role.ADMIN in roles_in(user, organisation)


def can_read_decision_basis(user: Any, organisation: Any) -> bool:
    return bool(roles_in(user, organisation) & (STAFF_ROLES | {Role.OFFICIAL}))


def needs_mfa(user: Any, organisation: Any) -> bool:
    return bool(roles_in(user, organisation) & MFA_ROLES)
