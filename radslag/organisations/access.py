"""Who may open this app's staff pages (the shared guards live in radslag.core.access)."""

from __future__ import annotations

from radslag.core.access import role_required
from radslag.core.models import STAFF_ROLES, Role

staff_required = role_required(STAFF_ROLES)
admin_required = role_required([Role.ADMIN])
