"""What the shared screen shows, as JSON-ready data: the board and the latest suggestions.

The screen page renders the same data on the server first (it works without JavaScript, and a
`<meta refresh>`-free page is calmer); `static/planning/screen.js` then polls the JSON and redraws.
"""

from __future__ import annotations

from typing import Any

from django.core.cache import cache
from django.db.models import Count, Max, Sum
from django.utils import timezone
from django.utils.translation import get_language

from radslag.planning import drawing, trees
from radslag.planning.models import Risk, Stakeholder, Suggestion, TreeNode, Workshop


def _tree_figure(project: Any, tree: str) -> str:
    """The tree's SVG, drawn again only when the tree changed: every screen in the room asks every few
    seconds, and a 500-statement figure is worth keeping. Any change to a node raises its version, adds
    or removes a row, so the signature below changes with it."""
    signature = TreeNode.objects.filter(project=project, tree=tree).aggregate(
        count=Count("pk"), top=Max("pk"), versions=Sum("version"))
    key = f"planning:screen:{project.pk}:{tree}:{get_language()}:{signature['count']}:{signature['top']}:" \
          f"{signature['versions']}"
    figure = cache.get(key)
    if figure is None:
        built = drawing.build_tree(trees.nodes_of(project, tree))
        figure = str(drawing.tree_svg(built, title=str(TreeNode.Tree(tree).label)))
        cache.set(key, figure, timeout=600)
    return str(figure)


def board(workshop: Workshop) -> dict[str, Any]:
    project = workshop.project
    data: dict[str, Any] = {"board": workshop.board, "open": workshop.is_open, "code": workshop.code,
                            "at": timezone.now().isoformat()}
    if workshop.board in TreeNode.Tree.values:
        data["svg"] = _tree_figure(project, workshop.board)
    elif workshop.board == Workshop.Board.STAKEHOLDERS:
        data["svg"] = str(drawing.grid_svg(list(Stakeholder.objects.filter(project=project))))
    else:
        data["svg"] = str(drawing.risk_matrix_svg(list(Risk.objects.filter(project=project))))
    latest = workshop.suggestions.order_by("-created_at", "-pk")[:12]
    data["suggestions"] = [{"id": s.pk, "kind": s.get_kind_display(), "text": s.text,
                            "status": s.get_status_display(), "at": s.created_at.isoformat()} for s in latest]
    data["waiting"] = workshop.suggestions.filter(status=Suggestion.Status.PENDING).count()
    return data
