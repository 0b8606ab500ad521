"""Who may use a working group's space and read its report: rules about one group.

Staff hold WORKGROUPS_MANAGE (radslag.core.permissions) for every group of their municipality; a member
who accepted the invitation uses their own group's space only; elected officials read every report, as
they read every analysis, and change nothing.
"""

from __future__ import annotations

from typing import Any

from radslag.core.access import has_capability
from radslag.core.permissions import Capability
from radslag.workgroups.models import GroupMember, WorkingGroup


def is_staff(user: Any, organisation: Any) -> bool:
    return has_capability(user, organisation, Capability.WORKGROUPS_MANAGE)


def seat_of(user: Any, group: WorkingGroup) -> GroupMember | None:
    """The person's active membership of the group, or None."""
    if not getattr(user, "is_authenticated", False):
        return None
    return GroupMember.objects.active().filter(group=group, user=user).first()


def may_use_space(user: Any, group: WorkingGroup) -> bool:
    return is_staff(user, group.organisation) or seat_of(user, group) is not None


def may_read_report(user: Any, group: WorkingGroup) -> bool:
    return has_capability(user, group.organisation, Capability.PROCESS_READ_ANALYSIS) or may_use_space(user, group)
