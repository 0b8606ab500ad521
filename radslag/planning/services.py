"""Writes on projects, their members and their analysis items: one transaction each, audited.

Each item save, and each change of a project's title or summary, keeps the state it leaves as a new
`ItemVersion`; a save made from an older version than the current one is refused with `EditConflict`,
which carries both states so the person can choose. Nothing is ever silently overwritten.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.db import models, transaction
from django.utils.translation import gettext as _

from radslag.audit.services import record_event
from radslag.core.access import has_capability
from radslag.core.errors import DomainError, PermissionDeniedError
from radslag.core.permissions import Capability
from radslag.organisations.models import Organisation
from radslag.planning import items
from radslag.planning.access import can_write, is_lead, membership
from radslag.planning.models import Comment, ItemVersion, Project, ProjectMember, ProjectRole, Risk, TreeNode

# A project's own texts, versioned beside its items' (as ItemVersion rows of this kind).
PROJECT_KIND = "project"
PROJECT_FIELDS = ("title_sv", "title_en", "summary_sv", "summary_en")


class EditConflict(DomainError):
    """Someone saved the item after this person opened it: both states, for the person to choose."""

    def __init__(self, *, item: Any, yours: dict[str, Any]) -> None:
        super().__init__(_("Someone else changed this while you were editing. Compare and choose."))
        self.item = item
        self.yours = yours


def _label(actor: Any) -> str:
    return getattr(actor, "display_name", "") or getattr(actor, "email", "") or _("Workshop")


def require_member(project: Project, actor: Any, organisation: Organisation, *, write: bool = True,
                   lead: bool = False) -> ProjectMember:
    member = membership(actor, project, organisation)
    allowed = is_lead(member) if lead else (can_write(member) if write else member is not None)
    if not allowed or member is None:
        raise PermissionDeniedError(_("You may not change this project."))
    return member


@transaction.atomic
def create_project(*, organisation: Organisation, actor: Any, title_sv: str, title_en: str = "",
                   summary_sv: str = "", summary_en: str = "") -> Project:
    if not has_capability(actor, organisation, Capability.PLANNING_CREATE):
        raise PermissionDeniedError(_("You may not start planning projects."))
    if not (title_sv.strip() or title_en.strip()):
        raise DomainError(_("Give the project a title in Swedish or English."))
    project = Project.objects.create(title_sv=title_sv.strip(), title_en=title_en.strip(),
                                     summary_sv=summary_sv, summary_en=summary_en)
    project.owners.add(organisation)
    ProjectMember.objects.create(project=project, user=actor, organisation=organisation, role=ProjectRole.LEAD)
    _keep_project_version(project, actor)
    record_event(organisation=organisation, actor=actor, action="planning.project_created", target=project)
    return project


@transaction.atomic
def edit_project(*, project: Project, actor: Any, organisation: Organisation, fields: dict[str, str],
                 expected_version: int | None) -> Project:
    """A lead changes the title or summary (either language), kept as a version as an item's change is.

    A change made from an older version than the saved one raises `EditConflict`; a save that changes
    nothing keeps no version.
    """
    require_member(project, actor, organisation, lead=True)
    current = Project.objects.select_for_update().get(pk=project.pk)
    if expected_version is not None and current.version != expected_version:
        raise EditConflict(item=current, yours=fields)
    values = {name: (fields[name] if name in fields else getattr(current, name)).strip() for name in PROJECT_FIELDS}
    if not (values["title_sv"] or values["title_en"]):
        raise DomainError(_("Give the project a title in Swedish or English."))
    changed = [name for name, value in values.items() if getattr(current, name) != value]
    if not changed:
        return current
    for name in changed:
        setattr(current, name, values[name])
    current.version += 1
    current.save(update_fields=[*changed, "version"])
    _keep_project_version(current, actor)
    record_event(organisation=organisation, actor=actor, action="planning.project_saved", target=current,
                 data={"version": current.version, "fields": changed})
    return current


def _own_people_only() -> PermissionDeniedError:
    """One answer for every try at another owner's people: it says nothing about who has an account."""
    return PermissionDeniedError(_("You manage the people of your own organisation in this project. Each "
                                   "owner organisation's lead manages its own people."))


@transaction.atomic
def add_owner(*, project: Project, actor: Any, organisation: Organisation, partner_slug: str,
              lead_email: str) -> Organisation:
    """Another organisation joins as owner, with one of its people as a lead there.

    Whatever is wrong (no such short name, no such account there, or no role there that may lead),
    the answer is the same, so that the form tells nothing about an organisation or its people
    that the partners have not agreed to share.
    """
    require_member(project, actor, organisation, lead=True)
    partner = Organisation.objects.filter(slug=partner_slug.strip()).first()
    if partner is not None and project.owners.filter(pk=partner.pk).exists():
        raise DomainError(_("%(org)s already owns this project; its lead manages its people.")
                          % {"org": partner.name})
    user = None
    if partner is not None:
        try:
            user = _account_for(partner, lead_email, ProjectRole.LEAD)
        except DomainError:
            user = None
    if partner is None or user is None:
        raise DomainError(_("Check the short name and the e-mail address: the partner's lead must have an "
                            "account there with a staff role that opens planning."))
    project.owners.add(partner)
    ProjectMember.objects.update_or_create(project=project, user=user,
                                           defaults={"organisation": partner, "role": ProjectRole.LEAD})
    record_event(organisation=organisation, actor=actor, action="planning.owner_added", target=project,
                 data={"owner": partner.slug, "member": user.pk})
    return partner


def _account_for(member_organisation: Organisation, email: str, role: str) -> Any:
    """The account that may take `role` in a project for `member_organisation`, or why not."""
    user = (get_user_model().objects
            .filter(email__iexact=email.strip(), memberships__organisation=member_organisation).first())
    if user is None:
        raise DomainError(_("No account with that e-mail address belongs to %(org)s.")
                          % {"org": member_organisation.name})
    if role not in ProjectRole.values:
        raise DomainError(_("Choose lead, member or reader."))
    if not has_capability(user, member_organisation, Capability.PLANNING):
        raise DomainError(_("This person has no role in %(org)s that opens planning.")
                          % {"org": member_organisation.name})
    if role != ProjectRole.READER and not has_capability(user, member_organisation, Capability.PLANNING_CREATE):
        raise DomainError(_("Elected officials take part as readers: they read the analyses and change nothing."))
    return user


@transaction.atomic
def set_member(*, project: Project, actor: Any, organisation: Organisation, email: str,
               member_organisation: Organisation, role: str) -> ProjectMember:
    """A lead adds a person of their own organisation (the host's) or changes their role."""
    require_member(project, actor, organisation, lead=True)
    if member_organisation.pk != organisation.pk:
        raise _own_people_only()
    user = _account_for(organisation, email, role)
    if ProjectMember.objects.filter(project=project, user=user).exclude(organisation=organisation).exists():
        raise _own_people_only()
    member, _created = ProjectMember.objects.update_or_create(
        project=project, user=user, defaults={"organisation": organisation, "role": role})
    _keep_a_lead(project, organisation)
    record_event(organisation=organisation, actor=actor, action="planning.member_set", target=project,
                 data={"member": user.pk, "role": role, "for": organisation.slug})
    return member


@transaction.atomic
def remove_member(*, project: Project, actor: Any, organisation: Organisation, member: ProjectMember) -> None:
    require_member(project, actor, organisation, lead=True)
    if member.project_id != project.pk or member.organisation_id != organisation.pk:
        raise _own_people_only()
    member.delete()
    _keep_a_lead(project, organisation)
    record_event(organisation=organisation, actor=actor, action="planning.member_removed", target=project,
                 data={"member": member.user_id})


def _keep_a_lead(project: Project, organisation: Organisation) -> None:
    """Each owner keeps a lead of its own: nobody else may manage its people."""
    if not project.members.filter(role=ProjectRole.LEAD, organisation=organisation).exists():
        raise DomainError(_("Each owner organisation needs at least one lead in the project."))


@transaction.atomic
def set_published(*, project: Project, actor: Any, organisation: Organisation, published: bool) -> None:
    require_member(project, actor, organisation, lead=True)
    project.published = published
    project.save(update_fields=["published"])
    record_event(organisation=organisation, actor=actor, action="planning.published" if published
                 else "planning.unpublished", target=project)


def _check(item: models.Model) -> None:
    name = items.TITLE_FIELD[items.kind_of(item)]
    if not any((getattr(item, f"{name}_{lang}", "") or "").strip() for lang in ("sv", "en")):
        raise DomainError(_("Write it in Swedish or English (or both): without words it says nothing."))
    if isinstance(item, Risk) and not item.owner.strip():
        raise DomainError(_("Every risk needs an owner: name who watches it."))
    if isinstance(item, TreeNode) and item.problem_id is not None and not (
            item.tree == TreeNode.Tree.OBJECTIVE and TreeNode.objects.filter(
                pk=item.problem_id, project_id=item.project_id, tree=TreeNode.Tree.PROBLEM).exists()):
        raise DomainError(_("An objective answers a statement of the same project's problem tree."))


def _keep(*, project_id: int, kind: str, object_id: int, number: int, data: dict[str, Any],
          actor: Any) -> ItemVersion:
    return ItemVersion.objects.create(
        project_id=project_id, kind=kind, object_id=object_id, number=number, data=data,
        author=actor if getattr(actor, "is_authenticated", False) else None, author_label=_label(actor))


def _keep_version(item: models.Model, actor: Any) -> ItemVersion:
    return _keep(project_id=item.project_id, kind=items.kind_of(item), object_id=item.pk,  # type: ignore[attr-defined]
                 number=item.version, data=items.snapshot(item), actor=actor)  # type: ignore[attr-defined]


def _keep_project_version(project: Project, actor: Any) -> ItemVersion:
    return _keep(project_id=project.pk, kind=PROJECT_KIND, object_id=project.pk, number=project.version,
                 data={name: getattr(project, name) for name in PROJECT_FIELDS}, actor=actor)


@transaction.atomic
def create_item(*, project: Project, actor: Any, organisation: Organisation, kind: str,
                fields: dict[str, Any], check: bool = True) -> Any:
    if check:
        require_member(project, actor, organisation)
    model: Any = items.KINDS[kind]
    item: Any = model(project=project, **fields)
    item.position = model.objects.filter(project=project).count()
    _check(item)
    item.save()
    _keep_version(item, actor)
    record_event(organisation=organisation, actor=actor, action=f"planning.{kind}_created", target=item)
    return item


@transaction.atomic
def save_item(*, item: Any, actor: Any, organisation: Organisation, fields: dict[str, Any],
              expected_version: int | None) -> Any:
    """Save `fields` on `item` if it is still at `expected_version`; else raise EditConflict."""
    require_member(item.project, actor, organisation)
    current = type(item).objects.select_for_update().get(pk=item.pk)
    if expected_version is not None and current.version != expected_version:
        raise EditConflict(item=current, yours=fields)
    for name, value in fields.items():
        setattr(current, name, value)
    _check(current)
    current.version += 1
    current.save()
    _keep_version(current, actor)
    record_event(organisation=organisation, actor=actor, action=f"planning.{items.kind_of(current)}_saved",
                 target=current, data={"version": current.version})
    return current


@transaction.atomic
def restore_version(*, item: Any, actor: Any, organisation: Organisation, number: int) -> Any:
    """Make an old version current again, as a new version (the history keeps everything)."""
    require_member(item.project, actor, organisation)
    old = ItemVersion.objects.filter(kind=items.kind_of(item), object_id=item.pk, number=number).first()
    if old is None:
        raise DomainError(_("That version does not exist."))
    current = type(item).objects.select_for_update().get(pk=item.pk)
    items.apply(current, old.data)
    _check(current)
    current.version += 1
    current.save()
    _keep_version(current, actor)
    record_event(organisation=organisation, actor=actor, action="planning.version_restored", target=current,
                 data={"restored": number, "version": current.version})
    return current


@transaction.atomic
def add_comment(*, item: Any, actor: Any, organisation: Organisation, body: str) -> Comment:
    require_member(item.project, actor, organisation, write=False)
    if not body.strip():
        raise DomainError(_("Write a comment first."))
    comment = Comment.objects.create(project=item.project, kind=items.kind_of(item), object_id=item.pk,
                                     author=actor, author_label=_label(actor), body=body.strip()[:4000])
    record_event(organisation=organisation, actor=actor, action="planning.commented", target=item)
    return comment


@transaction.atomic
def delete_item(*, item: Any, actor: Any, organisation: Organisation) -> None:
    require_member(item.project, actor, organisation)
    record_event(organisation=organisation, actor=actor, action=f"planning.{items.kind_of(item)}_deleted",
                 target=item, data=items.snapshot(item))
    item.delete()
