"""One analysis item of any kind: edit it (conflicts shown side by side), its versions, its comments."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from radslag.core.access import requires_capability
from radslag.core.errors import DomainError
from radslag.planning import items, services, trees
from radslag.planning.models import Comment, ItemVersion, Project, Risk, TreeNode
from radslag.planning.views import EDIT, OPEN, load, org, page

BACK = {"factor": "planning:context", "stakeholder": "planning:stakeholders", "logframe": "planning:logframe",
        "risk": "planning:risks"}


def _item(project: Project, kind: str, item_pk: int) -> Any:
    model = items.KINDS.get(kind)
    found = model.objects.filter(pk=item_pk, project=project).first() if model else None  # type: ignore[attr-defined]
    if found is None:
        raise Http404
    return found


def back_url(project: Project, kind: str, item: Any) -> str:
    if kind == "node":
        name = "planning:problem_tree" if item.tree == TreeNode.Tree.PROBLEM else "planning:objective_tree"
        return reverse(name, kwargs={"project_pk": project.pk})
    return reverse(BACK[kind], kwargs={"project_pk": project.pk})


def _labelled(item: Any, data: dict[str, Any]) -> list[tuple[str, Any]]:
    """Field labels with values, for showing two versions side by side."""
    return [(str(item._meta.get_field(name).verbose_name), data.get(item._meta.get_field(name).attname))
            for name in items.FIELDS[items.kind_of(item)]]


@requires_capability(OPEN, write=EDIT)
@require_http_methods(["GET", "POST"])
def item(request: HttpRequest, project_pk: int, kind: str, item_pk: int) -> HttpResponse:
    project, member = load(request, project_pk, write=request.method == "POST")
    found = _item(project, kind, item_pk)
    form = items.form_for(kind)(request.POST or None, instance=found, project=project)
    conflict = None
    if request.method == "POST" and form.is_valid():
        fields = {name: value for name, value in form.cleaned_data.items() if name != "version"}
        try:
            services.save_item(item=found, actor=request.user, organisation=org(request), fields=fields,
                               expected_version=form.cleaned_data["version"])
        except services.EditConflict as clash:
            conflict = clash
            found = clash.item
            data = request.POST.copy()
            data["version"] = str(found.version)  # sending again means: mine wins, knowingly
            form = items.form_for(kind)(data, instance=found, project=project)
            yours = {form.instance._meta.get_field(k).attname: getattr(v, "pk", v) for k, v in fields.items()}
            conflict_rows = list(zip(_labelled(found, items.snapshot(found)), _labelled(found, yours), strict=True))
            return page(request, "item.html", project, member, status=409, **_context(
                project, kind, found, form), conflict=conflict, conflict_rows=conflict_rows)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Saved as version %(number)s.") % {"number": found.version + 1})
            return redirect(request.path)
    return page(request, "item.html", project, member, status=400 if request.method == "POST" else 200,
                **_context(project, kind, found, form))


def _context(project: Project, kind: str, found: Any, form: Any) -> dict[str, Any]:
    versions = ItemVersion.objects.filter(kind=kind, object_id=found.pk).select_related("author")
    movable: list[TreeNode] = []
    if kind == "node":
        below = trees.descendants(found)
        movable = [n for n in trees.nodes_of(project, found.tree)
                   if n.pk != found.pk and n.pk not in below and n.kind in (TreeNode.Kind.CORE, found.kind)]
    return {"movable": movable, "status_labels": dict(Risk.Status.choices), "item": found, "kind": kind,
            "form": form, "versions": versions,
            "comments": Comment.objects.filter(kind=kind, object_id=found.pk),
            "back": back_url(project, kind, found), "title_field": items.TITLE_FIELD[kind]}


@requires_capability(OPEN, write=EDIT)
@require_POST
def restore(request: HttpRequest, project_pk: int, kind: str, item_pk: int, version_number: int) -> HttpResponse:
    project, _member = load(request, project_pk, write=True)
    found = _item(project, kind, item_pk)
    try:
        services.restore_version(item=found, actor=request.user, organisation=org(request), number=version_number)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Version %(number)s is current again (saved as a new version).")
                         % {"number": version_number})
    return redirect("planning:item", project_pk=project.pk, kind=kind, item_pk=found.pk)


@requires_capability(OPEN, write=EDIT)
@require_POST
def comment(request: HttpRequest, project_pk: int, kind: str, item_pk: int) -> HttpResponse:
    project, _member = load(request, project_pk)
    found = _item(project, kind, item_pk)
    try:
        services.add_comment(item=found, actor=request.user, organisation=org(request),
                             body=request.POST.get("body", ""))
    except DomainError as error:
        messages.error(request, error.message)
    return redirect(reverse("planning:item", kwargs={"project_pk": project.pk, "kind": kind, "item_pk": found.pk})
                    + "#comments")


@requires_capability(OPEN, write=EDIT)
@require_POST
def delete(request: HttpRequest, project_pk: int, kind: str, item_pk: int) -> HttpResponse:
    project, _member = load(request, project_pk, write=True)
    found = _item(project, kind, item_pk)
    back = back_url(project, kind, found)
    if kind == "node":
        raise Http404  # tree nodes are deleted from their tree, which checks what hangs on them
    services.delete_item(item=found, actor=request.user, organisation=org(request))
    messages.success(request, _("Deleted."))
    return redirect(back)
