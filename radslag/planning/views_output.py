"""The project document (DOCX, PDF), the analyses as spreadsheets (XLSX) and the public page."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.text import slugify
from django.views.decorators.http import require_GET

from radslag.core.access import requires_capability
from radslag.planning import outputs
from radslag.planning.bilingual import current_language
from radslag.planning.document import MODES, headers, sections, table_rows
from radslag.planning.models import Project
from radslag.planning.views import EDIT, OPEN, load, org

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _mode(request: HttpRequest) -> str:
    mode = request.GET.get("sprak", "")
    return mode if mode in MODES else current_language()


def _file(data: bytes, content_type: str, name: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _name(project: Project, suffix: str) -> str:
    return f"{slugify(str(project))[:60] or 'projekt'}-{suffix}"


@requires_capability(OPEN, write=EDIT)
@require_GET
def document_docx(request: HttpRequest, project_pk: int) -> HttpResponse:
    project, _member = load(request, project_pk)
    mode = _mode(request)
    return _file(outputs.render_docx(project, mode), DOCX, _name(project, f"{mode}.docx"))


@requires_capability(OPEN, write=EDIT)
@require_GET
def document_pdf(request: HttpRequest, project_pk: int) -> HttpResponse:
    project, _member = load(request, project_pk)
    mode = _mode(request)
    return _file(outputs.render_pdf(project, mode), "application/pdf", _name(project, f"{mode}.pdf"))


def _xlsx(request: HttpRequest, project_pk: int, which: str, suffix: str) -> HttpResponse:
    project, _member = load(request, project_pk)
    return _file(outputs.render_xlsx(project, which), XLSX, _name(project, suffix))


@requires_capability(OPEN, write=EDIT)
@require_GET
def stakeholders_xlsx(request: HttpRequest, project_pk: int) -> HttpResponse:
    return _xlsx(request, project_pk, "stakeholders", "intressenter.xlsx")


@requires_capability(OPEN, write=EDIT)
@require_GET
def logframe_xlsx(request: HttpRequest, project_pk: int) -> HttpResponse:
    return _xlsx(request, project_pk, "logframe", "logframe.xlsx")


@requires_capability(OPEN, write=EDIT)
@require_GET
def activities_xlsx(request: HttpRequest, project_pk: int) -> HttpResponse:
    return _xlsx(request, project_pk, "activities", "aktivitetsplan.xlsx")


@requires_capability(OPEN, write=EDIT)
@require_GET
def risks_xlsx(request: HttpRequest, project_pk: int) -> HttpResponse:
    return _xlsx(request, project_pk, "risks", "risker.xlsx")


@require_GET
def public(request: HttpRequest, project_pk: int) -> HttpResponse:
    """A published project, read-only, on any of its owners' sites."""
    project = Project.objects.filter(pk=project_pk, owners=org(request), published=True).first()
    if project is None:
        raise Http404
    mode = current_language()
    return render(request, "planning/public.html", {
        "project": project, "owners": project.owners.all(),
        "sections": [(s, headers(s, mode), list(table_rows(s, mode)))
                     for s in sections(project, figure_languages=(mode,))]})
