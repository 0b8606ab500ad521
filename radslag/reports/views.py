"""Public pages of a published compilation, and its files."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import get_language

from radslag.dialogues.models import DialogueProcess
from radslag.reports.models import CompilationVersion
from radslag.reports.services import version_content, version_file

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def file_response(data: bytes, kind: str, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=CONTENT_TYPES[kind])
    response["Content-Disposition"] = f'attachment; filename="{filename}.{kind}"'
    return response


def _public_process(request: HttpRequest, slug: str) -> DialogueProcess:
    organisation = getattr(request, "organisation", None)
    if organisation is None:
        raise Http404("No municipality is configured for this address.")
    return get_object_or_404(DialogueProcess.objects.published(), slug=slug, organisation=organisation)


def _versions(process: DialogueProcess) -> list[CompilationVersion]:
    # Without their snapshots (every version's full text): the list needs numbers and dates; the one
    # version shown loads its own snapshot when it is read.
    versions = list(CompilationVersion.objects.filter(compilation__process=process).defer("snapshot")
                    .order_by("-number"))
    if not versions:
        raise Http404("No compilation has been published for this dialogue.")
    return versions


def compilation_page(request: HttpRequest, slug: str, number: int | None = None) -> HttpResponse:
    """The latest published version, or an earlier one by number, with links to all versions."""
    process = _public_process(request, slug)
    versions = _versions(process)
    version = versions[0] if number is None else next((v for v in versions if v.number == number), None)
    if version is None:
        raise Http404("No such version.")
    return render(request, "reports/public.html", {
        "process": process, "version": version, "versions": versions, "latest": versions[0],
        "content": version_content(version, get_language()),
    })


def compilation_file(request: HttpRequest, slug: str, number: int, kind: str) -> HttpResponse:
    process = _public_process(request, slug)
    version = get_object_or_404(CompilationVersion, compilation__process=process, number=number)
    return file_response(version_file(version, kind), kind, f"{process.slug}-sammanstallning-v{number}")
