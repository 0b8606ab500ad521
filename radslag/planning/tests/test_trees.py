"""The problem and objective trees: shape rules, no cycles, the mirror and its links."""

from __future__ import annotations

import pytest

from radslag.core.errors import DomainError
from radslag.planning import trees
from radslag.planning.models import TreeNode
from radslag.planning.tests.factories import small_tree

pytestmark = pytest.mark.django_db


def test_moving_a_node_under_its_own_cause_is_refused_as_a_loop(world, org):
    nodes = small_tree(world["project"], world["ale_lead"], org)
    with pytest.raises(DomainError, match="slinga"):
        trees.move_node(node=nodes["cause"], actor=world["ale_lead"], organisation=org, new_parent=nodes["deeper"])
    nodes["cause"].refresh_from_db()
    assert nodes["cause"].parent_id == nodes["core"].pk


def test_moving_under_itself_is_refused(world, org):
    nodes = small_tree(world["project"], world["ale_lead"], org)
    with pytest.raises(DomainError, match="slinga"):
        trees.move_node(node=nodes["cause"], actor=world["ale_lead"], organisation=org, new_parent=nodes["cause"])


def test_a_cause_cannot_hang_above_the_core_among_the_effects(world, org):
    nodes = small_tree(world["project"], world["ale_lead"], org)
    with pytest.raises(DomainError, match="orsak placeras under"):
        trees.move_node(node=nodes["deeper"], actor=world["ale_lead"], organisation=org, new_parent=nodes["effect"])


def test_a_node_moves_with_everything_below_it(world, org):
    nodes = small_tree(world["project"], world["ale_lead"], org)
    other = trees.add_node(project=world["project"], actor=world["ale_lead"], organisation=org, tree="problem",
                           kind="cause", text_sv="Få mötesplatser", parent=nodes["core"])
    trees.move_node(node=nodes["cause"], actor=world["ale_lead"], organisation=org, new_parent=other)
    nodes["deeper"].refresh_from_db()
    assert nodes["deeper"].parent.parent_id == other.pk


def test_a_second_core_is_refused(world, org):
    small_tree(world["project"], world["ale_lead"], org)
    with pytest.raises(DomainError, match="redan sin kärna"):
        trees.add_node(project=world["project"], actor=world["ale_lead"], organisation=org, tree="problem",
                       kind="core", text_sv="En till")


def test_a_node_with_causes_below_it_cannot_be_deleted(world, org):
    nodes = small_tree(world["project"], world["ale_lead"], org)
    with pytest.raises(DomainError, match="först"):
        trees.delete_node(node=nodes["cause"], actor=world["ale_lead"], organisation=org)
    trees.delete_node(node=nodes["deeper"], actor=world["ale_lead"], organisation=org)
    assert not TreeNode.objects.filter(pk=nodes["deeper"].pk).exists()


def test_the_objective_tree_mirrors_the_problem_tree_and_keeps_each_link(world, org):
    nodes = small_tree(world["project"], world["ale_lead"], org)
    count = trees.mirror_problem_tree(project=world["project"], actor=world["ale_lead"], organisation=org)
    assert count == 4
    objectives = {o.problem_id: o for o in TreeNode.objects.filter(tree="objective")}
    assert set(objectives) == {n.pk for n in nodes.values()}
    deeper = objectives[nodes["deeper"].pk]
    assert deeper.parent_id == objectives[nodes["cause"].pk].pk
    assert deeper.parent.parent_id == objectives[nodes["core"].pk].pk


def test_mirroring_twice_is_refused_so_nothing_written_is_replaced(world, org):
    small_tree(world["project"], world["ale_lead"], org)
    trees.mirror_problem_tree(project=world["project"], actor=world["ale_lead"], organisation=org)
    with pytest.raises(DomainError, match="finns redan"):
        trees.mirror_problem_tree(project=world["project"], actor=world["ale_lead"], organisation=org)


def test_an_objective_whose_problem_is_deleted_is_marked_orphaned(world, org):
    nodes = small_tree(world["project"], world["ale_lead"], org)
    trees.mirror_problem_tree(project=world["project"], actor=world["ale_lead"], organisation=org)
    trees.delete_node(node=nodes["deeper"], actor=world["ale_lead"], organisation=org)
    orphan = TreeNode.objects.get(tree="objective", text_sv="Ingen rutin för återkoppling")
    assert orphan.is_orphaned


def test_a_whole_project_can_be_deleted_with_its_trees(world, org):
    small_tree(world["project"], world["ale_lead"], org)
    trees.mirror_problem_tree(project=world["project"], actor=world["ale_lead"], organisation=org)
    world["project"].delete()
    assert not TreeNode.objects.exists()
