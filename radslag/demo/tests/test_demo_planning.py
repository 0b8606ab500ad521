"""The demo's Ale–Ghanzi partnership project: two owners, a linked problem and objective tree, and a
Ghanzi planner who sees it on Ghanzi's host and nothing of Ale's other work."""

import pytest
from django.test import Client
from django.urls import reverse

from radslag.demo.seed.planning import GHANZI_HOST, GHANZI_PLANNER
from radslag.demo.services import load_demo
from radslag.planning.models import Project, TreeNode


@pytest.mark.django_db
def test_the_partnership_project_is_shared_by_ale_and_ghanzi():
    load_demo()
    project = Project.objects.get(title_en__startswith="Governance with citizen dialogue")
    assert sorted(project.owners.values_list("slug", flat=True)) == ["ale", "ghanzi"]
    problems = TreeNode.objects.filter(project=project, tree="problem")
    assert problems.filter(kind="core").count() == 1 and problems.filter(kind="cause").count() >= 3
    assert TreeNode.objects.filter(project=project, tree="objective", problem__isnull=False).count() == problems.count()

    planner = project.members.get(user__email=GHANZI_PLANNER[0]).user
    ghanzi = Client(HTTP_HOST=GHANZI_HOST)
    ghanzi.force_login(planner)
    assert ghanzi.get(reverse("planning:problem_tree", kwargs={"project_pk": project.pk})).status_code == 200
    on_ale = Client()  # Ale is the demo's default host
    on_ale.force_login(planner)
    assert on_ale.get(reverse("dialogues:staff_home")).status_code == 403
    assert on_ale.get(reverse("planning:problem_tree", kwargs={"project_pk": project.pk})).status_code == 403
