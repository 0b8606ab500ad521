"""Staff pages of a planning project: the list, the project, its members and its analyses."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from radslag.core.access import has_capability, requires_capability
from radslag.core.errors import DomainError
from radslag.core.permissions import Capability
from radslag.core.statements import parse_key
from radslag.planning import drawing, items, services, trees
from radslag.planning.access import can_write, is_lead, project_for
from radslag.planning.forms import MemberForm, NodeForm, OwnerForm, ProjectEditForm, ProjectForm
from radslag.planning.models import (
    ContextFactor,
    ItemVersion,
    LogframeEntry,
    Project,
    ProjectMember,
    Risk,
    Stakeholder,
    TreeNode,
)
from radslag.planning.tree_list import tree_list_html

OPEN = Capability.PLANNING
EDIT = Capability.PLANNING_EDIT  # what every write in a project needs first (then the project role)


def org(request: HttpRequest) -> Any:
    return request.organisation  # type: ignore[attr-defined]


def load(request: HttpRequest, project_pk: int, *, write: bool = False) -> tuple[Project, ProjectMember]:
    project, member = project_for(request.user, org(request), project_pk)
    if write and not can_write(member):
        raise PermissionDenied
    return project, member


def page(request: HttpRequest, template: str, project: Project, member: ProjectMember, status: int = 200,
         **context: Any) -> HttpResponse:
    return render(request, f"planning/{template}", {
        "project": project, "member": member, "can_write": can_write(member), "is_lead": is_lead(member),
        # Any member may comment, except those who only read staff pages (elected officials).
        "can_comment": has_capability(request.user, org(request), EDIT),
        **context}, status=status)


@requires_capability(OPEN, write=Capability.PLANNING_CREATE)
@require_http_methods(["GET", "POST"])
def projects(request: HttpRequest) -> HttpResponse:
    form = ProjectForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            project = services.create_project(organisation=org(request), actor=request.user, **form.cleaned_data)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            return redirect("planning:project", project_pk=project.pk)
    mine = (Project.objects.filter(owners=org(request), members__user=request.user,  # type: ignore[misc]
                                   members__organisation=org(request)).prefetch_related("owners").distinct())
    return render(request, "planning/projects.html", {
        "projects": mine, "form": form, "may_create": has_capability(request.user, org(request),
                                                                     Capability.PLANNING_CREATE)},
        status=400 if request.method == "POST" else 200)


@requires_capability(OPEN, write=EDIT)
@require_http_methods(["GET", "POST"])
def project(request: HttpRequest, project_pk: int) -> HttpResponse:
    project, member = load(request, project_pk)
    if request.method == "POST":
        if not is_lead(member):
            raise PermissionDenied
        services.set_published(project=project, actor=request.user, organisation=org(request),
                               published=request.POST.get("published") == "1")
        messages.success(request, _("Saved."))
        return redirect("planning:project", project_pk=project.pk)
    counts = {
        "factors": ContextFactor.objects.filter(project=project).count(),
        "stakeholders": Stakeholder.objects.filter(project=project).count(),
        "problems": TreeNode.objects.filter(project=project, tree=TreeNode.Tree.PROBLEM).count(),
        "objectives": TreeNode.objects.filter(project=project, tree=TreeNode.Tree.OBJECTIVE).count(),
        "logframe": LogframeEntry.objects.filter(project=project).count(),
        "risks": Risk.objects.filter(project=project).count(),
    }
    return page(request, "project.html", project, member, counts=counts, owners=project.owners.all())


@requires_capability(OPEN, write=EDIT)
@require_http_methods(["GET", "POST"])
def project_edit(request: HttpRequest, project_pk: int) -> HttpResponse:
    """A lead changes the title and summary; a change saved meanwhile by someone else is shown beside theirs."""
    project, member = load(request, project_pk)
    if not is_lead(member):
        raise PermissionDenied
    saved = {name: getattr(project, name) for name in services.PROJECT_FIELDS}
    form = ProjectEditForm(request.POST or None, initial={**saved, "version": project.version})
    conflict: services.EditConflict | None = None
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in services.PROJECT_FIELDS}
        try:
            services.edit_project(project=project, actor=request.user, organisation=org(request), fields=fields,
                                  expected_version=form.cleaned_data["version"])
        except services.EditConflict as clash:
            conflict, project = clash, clash.item
            data = request.POST.copy()
            data["version"] = str(project.version)  # sending again means: mine wins, knowingly
            form = ProjectEditForm(data)
        except DomainError as error:
            # A title in neither language is the refusal a field owns: the error summary then links to it.
            untitled = not (fields["title_sv"].strip() or fields["title_en"].strip())
            form.add_error("title_sv" if untitled else None, error.message)
        else:
            messages.success(request, _("Saved."))
            return redirect("planning:project", project_pk=project.pk)
    versions = ItemVersion.objects.filter(project=project, kind=services.PROJECT_KIND, object_id=project.pk)
    return page(request, "project_edit.html", project, member,
                status=409 if conflict else 400 if request.method == "POST" else 200, form=form,
                conflict=conflict, conflict_rows=_conflict_rows(project, conflict), versions=versions)


def _conflict_rows(project: Project, conflict: services.EditConflict | None) -> list[tuple[str, str, str]]:
    """Each text's label, as saved now and as this person sent it."""
    if conflict is None:
        return []
    return [(str(ProjectEditForm.base_fields[name].label), getattr(project, name), conflict.yours.get(name, ""))
            for name in services.PROJECT_FIELDS]


@requires_capability(OPEN, write=EDIT)
@require_http_methods(["GET", "POST"])
def members(request: HttpRequest, project_pk: int) -> HttpResponse:
    project, member = load(request, project_pk)
    owners = project.owners.all()
    form = MemberForm(request.POST if "email" in request.POST else None)
    owner_form = OwnerForm(request.POST if "partner_slug" in request.POST else None)
    if request.method == "POST":
        if not is_lead(member):
            raise PermissionDenied
        chosen = form if form.is_bound else owner_form
        if chosen.is_valid():
            try:
                if chosen is form:
                    services.set_member(project=project, actor=request.user, organisation=org(request),
                                        email=form.cleaned_data["email"], member_organisation=org(request),
                                        role=form.cleaned_data["role"])
                else:
                    services.add_owner(project=project, actor=request.user, organisation=org(request),
                                       **owner_form.cleaned_data)
            except DomainError as error:
                chosen.add_error(None, error.message)
            else:
                messages.success(request, _("Saved."))
                return redirect("planning:members", project_pk=project.pk)
    people = project.members.select_related("user", "organisation").order_by("organisation__name", "role")
    return page(request, "members.html", project, member, status=400 if request.method == "POST" else 200,
                people=people, form=form, owner_form=owner_form, owners=owners)


@requires_capability(OPEN, write=EDIT)
@require_POST
def member_remove(request: HttpRequest, project_pk: int, membership_pk: int) -> HttpResponse:
    project, member = load(request, project_pk)
    if not is_lead(member):
        raise PermissionDenied
    leaving = get_object_or_404(ProjectMember, pk=membership_pk, project=project)
    try:
        services.remove_member(project=project, actor=request.user, organisation=org(request), member=leaving)
    except DomainError as error:
        messages.error(request, error.message)
    return redirect("planning:members", project_pk=project.pk)


def _list_page(request: HttpRequest, project_pk: int, kind: str, template: str, **context: Any) -> HttpResponse:
    """A list of one kind of item with a form to add one (members and leads only)."""
    project, member = load(request, project_pk, write=request.method == "POST")
    form_class = items.form_for(kind)
    form = form_class(request.POST or None, project=project)
    if request.method == "POST" and form.is_valid():
        fields = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        try:
            services.create_item(project=project, actor=request.user, organisation=org(request), kind=kind,
                                 fields=fields)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Added."))
            return redirect(request.path)
    rows = list(items.KINDS[kind].objects.filter(project=project))  # type: ignore[attr-defined]
    return page(request, template, project, member, status=400 if request.method == "POST" else 200,
                form=form, rows=rows, kind=kind, **context)


@requires_capability(OPEN, write=EDIT)
@require_http_methods(["GET", "POST"])
def context(request: HttpRequest, project_pk: int) -> HttpResponse:
    return _list_page(request, project_pk, "factor", "context.html", kinds=ContextFactor.Kind.choices)


@requires_capability(OPEN, write=EDIT)
@require_http_methods(["GET", "POST"])
def stakeholders(request: HttpRequest, project_pk: int) -> HttpResponse:
    project, _member = load(request, project_pk)
    grid = drawing.grid_svg(list(Stakeholder.objects.filter(project=project)))
    return _list_page(request, project_pk, "stakeholder", "stakeholders.html", grid=grid)


@requires_capability(OPEN, write=EDIT)
@require_http_methods(["GET", "POST"])
def logframe(request: HttpRequest, project_pk: int) -> HttpResponse:
    project, _member = load(request, project_pk)
    activities = list(LogframeEntry.objects.filter(project=project, level=LogframeEntry.Level.ACTIVITY)
                      .select_related("responsible"))
    return _list_page(request, project_pk, "logframe", "logframe.html", levels=LogframeEntry.Level.choices,
                      activities=activities, timeline=drawing.timeline_svg(activities))


@requires_capability(OPEN, write=EDIT)
@require_http_methods(["GET", "POST"])
def risks(request: HttpRequest, project_pk: int) -> HttpResponse:
    project, _member = load(request, project_pk)
    matrix = drawing.risk_cells(list(Risk.objects.filter(project=project)))
    return _list_page(request, project_pk, "risk", "risks.html", matrix=matrix,
                      impacts=[5, 4, 3, 2, 1], likelihoods=[1, 2, 3, 4, 5])


def tree_context(project: Project, tree: str) -> dict[str, Any]:
    nodes = trees.nodes_of(project, tree)
    built = drawing.build_tree(nodes)
    title = TreeNode.Tree(tree).label
    return {"tree": built, "nodes": nodes, "svg": drawing.tree_svg(built, title=str(title)), "tree_name": tree,
            "tree_title": title}


def _tree_page(request: HttpRequest, project_pk: int, tree: str) -> HttpResponse:
    project, member = load(request, project_pk, write=request.method == "POST")
    form = NodeForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            parent_pk = form.cleaned_data["parent"]
            parent = TreeNode.objects.filter(pk=parent_pk, project=project, tree=tree).first() if parent_pk else None
            try:
                node = trees.add_node(project=project, actor=request.user, organisation=org(request), tree=tree,
                                      kind=form.cleaned_data["kind"], parent=parent,
                                      text_sv=form.cleaned_data["text_sv"], text_en=form.cleaned_data["text_en"])
            except DomainError as error:
                messages.error(request, error.message)
            else:
                messages.success(request, _("Added."))
                return redirect(f"{request.path}#node-{node.pk}")
    context = tree_context(project, tree)
    context["tree_list"] = tree_list_html(context["tree"], project=project, csrf_token=get_token(request),
                                          can_write=can_write(member))
    return page(request, "tree.html", project, member, status=status, **context)


@requires_capability(OPEN, write=EDIT)
@require_http_methods(["GET", "POST"])
def problem_tree(request: HttpRequest, project_pk: int) -> HttpResponse:
    return _tree_page(request, project_pk, TreeNode.Tree.PROBLEM)


@requires_capability(OPEN, write=EDIT)
@require_http_methods(["GET", "POST"])
def objective_tree(request: HttpRequest, project_pk: int) -> HttpResponse:
    return _tree_page(request, project_pk, TreeNode.Tree.OBJECTIVE)


@requires_capability(OPEN, write=EDIT)
@require_POST
def mirror(request: HttpRequest, project_pk: int) -> HttpResponse:
    project, _member = load(request, project_pk, write=True)
    try:
        count = trees.mirror_problem_tree(project=project, actor=request.user, organisation=org(request))
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The objective tree starts with %(count)s statements, each linked to its "
                                    "problem. Now rewrite each as the state you want.") % {"count": count})
    return redirect("planning:objective_tree", project_pk=project.pk)


@requires_capability(OPEN, write=EDIT)
@require_POST
def node_move(request: HttpRequest, project_pk: int, item_pk: int) -> HttpResponse:
    project, _member = load(request, project_pk, write=True)
    node = get_object_or_404(TreeNode, pk=item_pk, project=project)
    target = TreeNode.objects.filter(pk=parse_key(request.POST.get("parent")), project=project).first()
    if target is None:
        messages.error(request, _("Choose where to move the statement."))
    else:
        try:
            trees.move_node(node=node, actor=request.user, organisation=org(request), new_parent=target)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Moved."))
    name = "planning:problem_tree" if node.tree == TreeNode.Tree.PROBLEM else "planning:objective_tree"
    return redirect(name, project_pk=project.pk)


@requires_capability(OPEN, write=EDIT)
@require_POST
def node_delete(request: HttpRequest, project_pk: int, item_pk: int) -> HttpResponse:
    project, _member = load(request, project_pk, write=True)
    node = get_object_or_404(TreeNode, pk=item_pk, project=project)
    try:
        trees.delete_node(node=node, actor=request.user, organisation=org(request))
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Deleted."))
    name = "planning:problem_tree" if node.tree == TreeNode.Tree.PROBLEM else "planning:objective_tree"
    return redirect(name, project_pk=project.pk)
