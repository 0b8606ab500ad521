"""Rows for planning tests: a project owned by Ale and a partner council, with a member in each."""

from __future__ import annotations

from typing import Any

from radslag.accounts.models import Role
from radslag.accounts.tests.factories import user_with_role
from radslag.planning import services, trees
from radslag.planning.models import ProjectMember, ProjectRole, TreeNode


def shared_project(ale: Any, partner: Any) -> dict[str, Any]:
    """A project of both organisations: a lead in each, and a reader in Ale."""
    ale_lead = user_with_role(ale, Role.STAFF, email="lead@ale.example.se")
    partner_lead = user_with_role(partner, Role.STAFF, email="lead@ghanzi.example.bw")
    project = services.create_project(organisation=ale, actor=ale_lead, title_sv="Styrning med medborgardialog",
                                      title_en="Governance with citizen dialogue")
    services.add_owner(project=project, actor=ale_lead, organisation=ale, partner_slug=partner.slug,
                       lead_email=partner_lead.email)
    reader = user_with_role(ale, Role.OFFICIAL, email="reader@ale.example.se")
    ProjectMember.objects.create(project=project, user=reader, organisation=ale, role=ProjectRole.READER)
    return {"project": project, "ale_lead": ale_lead, "partner_lead": partner_lead, "reader": reader}


def small_tree(project: Any, actor: Any, organisation: Any) -> dict[str, TreeNode]:
    def add(kind: str, text: str, parent: TreeNode | None = None) -> TreeNode:
        return trees.add_node(project=project, actor=actor, organisation=organisation, tree="problem", kind=kind,
                              text_sv=text, parent=parent)

    core = add("core", "Invånarna har litet inflytande över besluten")
    cause = add("cause", "Dialogens resultat når inte politikerna", core)
    deeper = add("cause", "Ingen rutin för återkoppling", cause)
    effect = add("effect", "Lågt förtroende för kommunen", core)
    return {"core": core, "cause": cause, "deeper": deeper, "effect": effect}
