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


def role_matrix_world(org: Any, staff: Any, admin: Any, official: Any) -> dict[str, Any]:
    """For tests/integration/test_role_matrix.py: staff lead, administrator member, official reader."""
    from radslag.planning import workshops

    project = services.create_project(organisation=org, actor=staff, title_sv="Partnerskapet")
    services.set_published(project=project, actor=staff, organisation=org, published=True)
    admin_seat = ProjectMember.objects.create(project=project, user=admin, organisation=org, role=ProjectRole.MEMBER)
    ProjectMember.objects.create(project=project, user=official, organisation=org, role=ProjectRole.READER)
    nodes = small_tree(project, staff, org)
    risk = services.create_item(project=project, actor=staff, organisation=org, kind="risk",
                                fields={"text_sv": "Valet", "owner": "Kommundirektören"})
    workshop = workshops.open_workshop(project=project, actor=staff, organisation=org, title="Träd", board="problem")
    suggestion = workshops.submit_suggestion(code=workshop.code, kind="cause", text="Sena kallelser")
    return {"planning_project": project.pk, "planning_node": nodes["deeper"].pk, "planning_risk": risk.pk,
            "planning_kind": "risk", "planning_version": 1, "planning_membership": admin_seat.pk,
            "planning_workshop": workshop.pk, "planning_suggestion": suggestion.pk, "planning_code": workshop.code}
