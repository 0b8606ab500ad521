"""What the sign-in and second-factor code asks about a person's roles.

Everything else asks the permission table directly: `has_capability(user, organisation, Capability.X)`
from `radslag.core.access` (table in `radslag.core.permissions`).
"""

from __future__ import annotations

from typing import Any

from radslag.accounts.models import MFA_ROLES
from radslag.core import access


def roles_in(user: Any, organisation: Any) -> set[str]:
    """The roles `user` holds in `organisation`, read once per request (see core.access)."""
    return set(access.roles_in(user, organisation))


def needs_mfa(user: Any, organisation: Any) -> bool:
    return bool(access.roles_in(user, organisation) & MFA_ROLES)
