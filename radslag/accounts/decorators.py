"""View decorators for the staff pages."""

from __future__ import annotations

from radslag.accounts.permissions import can_moderate, is_admin_in, is_staff_in
from radslag.core.access import requires

staff_required = requires(is_staff_in)
moderator_required = requires(can_moderate)
admin_required = requires(is_admin_in)
