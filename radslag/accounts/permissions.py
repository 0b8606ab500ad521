"""Readable permission predicates over the permission table (radslag.core.permissions).

`roles_in` and `needs_mfa` are what the sign-in and MFA code ask; the other predicates are names
for one capability each, kept for code that reads better with them. New code asks
`has_capability(user, organisation, Capability.X)` directly.
"""

from __future__ import annotations

from typing import Any

from radslag.accounts.models import MFA_ROLES
from radslag.core import access
from radslag.core.permissions import Capability


def roles_in(user: Any, organisation: Any) -> set[str]:
    """The roles `user` holds in `organisation`, read once per request (see core.access)."""
    return set(access.roles_in(user, organisation))


def is_staff_in(user: Any, organisation: Any) -> bool:
    """Staff and administrators: they plan and run the municipality's processes."""
    return access.has_capability(user, organisation, Capability.PROCESS_MANAGE)


def can_moderate(user: Any, organisation: Any) -> bool:
    return access.has_capability(user, organisation, Capability.CONTRIBUTIONS_MODERATE)


def is_admin_in(user: Any, organisation: Any) -> bool:
    return access.has_capability(user, organisation, Capability.ROLES_MANAGE)


def can_read_decision_basis(user: Any, organisation: Any) -> bool:
    return access.has_capability(user, organisation, Capability.PROCESS_READ_ANALYSIS)


def needs_mfa(user: Any, organisation: Any) -> bool:
    return bool(access.roles_in(user, organisation) & MFA_ROLES)
