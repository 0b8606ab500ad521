"""The problem and objective trees: add, move and delete nodes without ever making a cycle, and
start the objective tree as a mirror of the problem tree."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from radslag.audit.services import record_event
from radslag.core.errors import DomainError
from radslag.organisations.models import Organisation
from radslag.planning import services
from radslag.planning.models import Project, TreeNode

Kind = TreeNode.Kind


def nodes_of(project: Project, tree: str) -> list[TreeNode]:
    return list(TreeNode.objects.filter(project=project, tree=tree).order_by("position", "pk"))


def core_of(project: Project, tree: str) -> TreeNode | None:
    return TreeNode.objects.filter(project=project, tree=tree, kind=Kind.CORE).first()


def descendants(node: TreeNode) -> set[int]:
    children: dict[int | None, list[int]] = {}
    for pk, parent in TreeNode.objects.filter(project_id=node.project_id, tree=node.tree).values_list("pk", "parent"):
        children.setdefault(parent, []).append(pk)
    found, todo = set(), [node.pk]
    while todo:
        for child in children.get(todo.pop(), []):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


def _kind_under(parent: TreeNode, wanted: str) -> str:
    """A cause hangs under the core or a cause; an effect over the core or an effect."""
    if parent.kind != Kind.CORE and parent.kind != wanted:
        if wanted == Kind.CAUSE:
            raise DomainError(_("A cause goes below the core problem or below another cause."))
        raise DomainError(_("An effect goes above the core problem or above another effect."))
    return wanted


@transaction.atomic
def add_node(*, project: Project, actor: Any, organisation: Organisation, tree: str, kind: str,
             text_sv: str = "", text_en: str = "", parent: TreeNode | None = None, check: bool = True,
             problem: TreeNode | None = None) -> TreeNode:
    if not (text_sv.strip() or text_en.strip()):
        raise DomainError(_("Write the statement in Swedish or English."))
    if kind == Kind.CORE:
        if core_of(project, tree) is not None:
            raise DomainError(_("The tree already has its core. Add causes and effects to it."))
        parent = None
    elif parent is None or parent.project_id != project.pk or parent.tree != tree:
        raise DomainError(_("Choose the statement this one belongs to."))
    else:
        _kind_under(parent, kind)
    return services.create_item(project=project, actor=actor, organisation=organisation, kind="node", check=check,
                                fields={"tree": tree, "kind": kind, "parent": parent, "text_sv": text_sv.strip(),
                                        "text_en": text_en.strip(), "problem": problem,
                                        "was_mirrored": problem is not None})


@transaction.atomic
def move_node(*, node: TreeNode, actor: Any, organisation: Organisation, new_parent: TreeNode) -> TreeNode:
    """Hang `node` (with everything below it) under `new_parent`; refused if that would make a cycle."""
    services.require_member(node.project, actor, organisation)
    if node.kind == Kind.CORE:
        raise DomainError(_("The core problem stays in the middle; move the others around it."))
    if new_parent.pk == node.pk or new_parent.pk in descendants(node):
        raise DomainError(_("A statement cannot be moved under itself or under one of its own causes or "
                            "effects: that would make a loop."))
    if new_parent.tree != node.tree or new_parent.project_id != node.project_id:
        raise DomainError(_("Choose a statement in the same tree."))
    _kind_under(new_parent, node.kind)
    old_parent = node.parent_id
    node.parent = new_parent
    node.version += 1
    node.save(update_fields=["parent", "version"])
    services._keep_version(node, actor)
    record_event(organisation=organisation, actor=actor, action="planning.node_moved", target=node,
                 data={"from": old_parent, "to": new_parent.pk})
    return node


@transaction.atomic
def delete_node(*, node: TreeNode, actor: Any, organisation: Organisation) -> None:
    if node.children.exists():
        raise DomainError(_("Move or delete what hangs on this statement first."))
    services.delete_item(item=node, actor=actor, organisation=organisation)


@transaction.atomic
def mirror_problem_tree(*, project: Project, actor: Any, organisation: Organisation) -> int:
    """Start the objective tree as the problem tree's mirror, each objective linked to its problem.

    The group then rewrites each negative statement as the state it wants. Refused when an
    objective tree already exists, so nothing the group wrote is replaced.
    """
    services.require_member(project, actor, organisation)
    if TreeNode.objects.filter(project=project, tree=TreeNode.Tree.OBJECTIVE).exists():
        raise DomainError(_("The objective tree already exists; edit it instead."))
    problems = nodes_of(project, TreeNode.Tree.PROBLEM)
    if not problems:
        raise DomainError(_("Build the problem tree first: the objective tree starts as its mirror."))
    made: dict[int, TreeNode] = {}
    pending = list(problems)
    while pending:  # parents before children
        node = next(n for n in pending if n.parent_id is None or n.parent_id in made)
        pending.remove(node)
        made[node.pk] = services.create_item(
            project=project, actor=actor, organisation=organisation, kind="node", check=False,
            fields={"tree": TreeNode.Tree.OBJECTIVE, "kind": node.kind, "parent": made.get(node.parent_id or 0),
                    "text_sv": node.text_sv, "text_en": node.text_en, "problem": node, "was_mirrored": True,
                    "position": node.position})
    record_event(organisation=organisation, actor=actor, action="planning.objectives_mirrored", target=project,
                 data={"nodes": len(made)})
    return len(made)
