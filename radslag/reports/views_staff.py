"""Staff pages: write the compilation's texts, preview it in every format, publish a version."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from radslag.core.access import requires_capability
from radslag.core.errors import DomainError
from radslag.core.permissions import Capability
from radslag.dialogues.access import process_for
from radslag.reports.assembly import assemble_compilation
from radslag.reports.forms import CompilationTextsForm
from radslag.reports.models import Compilation
from radslag.reports.render_docx import render_docx
from radslag.reports.render_pdf import render_pdf
from radslag.reports.services import compilation_for, publish_compilation, save_compilation_texts
from radslag.reports.theme_source import themes_left_out
from radslag.reports.views import file_response


def _staff_compilation(request: HttpRequest, pk: int, capability: Capability) -> Compilation:
    """The compilation of a process of the request's municipality; another municipality's is a 404."""
    process = process_for(request, pk, capability)
    return compilation_for(process)


def _page(request: HttpRequest, compilation: Compilation, form: CompilationTextsForm, status: int = 200,
          **extra: object) -> HttpResponse:
    return render(request, "reports/staff.html", {
        "process": compilation.process, "compilation": compilation, "form": form,
        "content": assemble_compilation(process=compilation.process, compilation=compilation),
        "versions": compilation.versions.select_related("published_by").defer("snapshot"),
        "left_out": themes_left_out(compilation.process, accepted_only=compilation.only_accepted_themes), **extra,
    }, status=status)


@requires_capability(Capability.PROCESS_READ_ANALYSIS, write=Capability.PROCESS_MANAGE)
@require_http_methods(["GET", "POST"])
def compilation_preview(request: HttpRequest, pk: int) -> HttpResponse:
    compilation = _staff_compilation(request, pk, Capability.PROCESS_READ_ANALYSIS)
    form = CompilationTextsForm(request.POST or None, instance=compilation)
    if request.method == "POST" and form.is_valid():
        save_compilation_texts(
            compilation=compilation, actor=request.user,
            introduction=form.cleaned_data["introduction"], closing=form.cleaned_data["closing"],
            introduction_en=form.cleaned_data.get("introduction_en") or "",
            closing_en=form.cleaned_data.get("closing_en") or "",
            only_accepted_themes=form.cleaned_data["only_accepted_themes"],
        )
        messages.success(request, _("The texts are saved. The preview below shows them."))
        return redirect("reports:staff_compilation", pk=pk)
    return _page(request, compilation, form, status=400 if request.method == "POST" else 200)


@requires_capability(Capability.PROCESS_MANAGE)
@require_POST
def compilation_publish(request: HttpRequest, pk: int) -> HttpResponse:
    compilation = _staff_compilation(request, pk, Capability.PROCESS_MANAGE)
    try:
        version = publish_compilation(compilation=compilation, actor=request.user)
    except DomainError as error:
        return _page(request, compilation, CompilationTextsForm(instance=compilation), publish_error=error)
    messages.success(request, _("Version %(number)s is published.") % {"number": version.number})
    return redirect("reports:staff_compilation", pk=pk)


@requires_capability(Capability.PROCESS_READ_ANALYSIS)
def compilation_preview_file(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    compilation = _staff_compilation(request, pk, Capability.PROCESS_READ_ANALYSIS)
    content = assemble_compilation(process=compilation.process, compilation=compilation)
    data = render_pdf(content) if kind == "pdf" else render_docx(content)
    return file_response(data, kind, f"{compilation.process.slug}-sammanstallning-forhandsvisning")
