"""What planning holds about a person: their roles in projects (and, as authors, their versions and comments)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from radslag.audit.personal_data import OnErasure, PersonalDataKind
from radslag.planning.models import Comment, ItemVersion, ProjectMember


def _roles(person: Any, organisation: Any) -> QuerySet[ProjectMember]:
    return ProjectMember.objects.filter(user=person, organisation=organisation).select_related("project")


def _export(person: Any, organisation: Any) -> list[dict[str, Any]]:
    return [{"project": str(member.project), "role": member.get_role_display()}
            for member in _roles(person, organisation)]


def _erase(person: Any, organisation: Any) -> int:
    """The project's record keeps what was written, without the account; the person leaves the project."""
    Comment.objects.filter(author=person, project__owners=organisation).update(author=None, author_label="")
    ItemVersion.objects.filter(author=person, project__owners=organisation).update(author=None, author_label="")
    count, _details = _roles(person, organisation).delete()
    return count


PROJECT_ROLES = PersonalDataKind(
    key="planning.roles", section="planning_roles", label=_("Your roles in planning projects"),
    on_erasure=OnErasure.PSEUDONYMISE,
    reason=_("What you wrote in a project stays in its record, without your name; you leave the project."),
    rows=_roles, export=_export, erase=_erase,
)
