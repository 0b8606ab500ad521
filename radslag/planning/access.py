"""Who may do what in a planning project: a rule about the project, beside the permission table.

The staff capability `PLANNING` opens the planning pages of the request's organisation; inside, a
person sees a project only when it is owned by the request's organisation and they are a member
of it for that organisation. So a member of one owner sees the project on their own organisation's
host and nothing else of the other owner; everyone else gets a 404, as if it did not exist.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404

from radslag.planning.models import Project, ProjectMember, ProjectRole

WRITERS = frozenset({ProjectRole.LEAD, ProjectRole.MEMBER})


def membership(user: Any, project: Project, organisation: Any) -> ProjectMember | None:
    if organisation is None or not getattr(user, "is_authenticated", False):
        return None
    return (ProjectMember.objects.filter(project=project, user=user, organisation=organisation)
            .filter(project__owners=organisation).first())


def project_for(user: Any, organisation: Any, pk: int) -> tuple[Project, ProjectMember]:
    """The project `pk` and the person's place in it, or 404 when it is not theirs on this host."""
    project = Project.objects.filter(pk=pk, owners=organisation).first() if organisation else None
    member = membership(user, project, organisation) if project else None
    if project is None or member is None:
        raise Http404
    return project, member


def can_write(member: ProjectMember | None) -> bool:
    return member is not None and member.role in WRITERS


def is_lead(member: ProjectMember | None) -> bool:
    return member is not None and member.role == ProjectRole.LEAD
