"""The public page of a decision basis sent to a committee (a public record), and its files."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from radslag.decisionbasis.document import document_for
from radslag.decisionbasis.files import file_response
from radslag.decisionbasis.models import BasisVersion
from radslag.decisionbasis.render_pdf import document_context
from radslag.dialogues.models import DialogueProcess


def _frozen(request: HttpRequest, slug: str, version_pk: int) -> BasisVersion:
    organisation = getattr(request, "organisation", None)
    if organisation is None:
        raise Http404("No municipality is configured for this address.")
    process = get_object_or_404(DialogueProcess.objects.published(), slug=slug, organisation=organisation)
    return get_object_or_404(BasisVersion.objects.select_related("basis__process", "committee"), pk=version_pk,
                             basis__process=process, status=BasisVersion.Status.FROZEN)


def public_page(request: HttpRequest, slug: str, version_pk: int) -> HttpResponse:
    version = _frozen(request, slug, version_pk)
    return render(request, "decisionbasis/public.html", {
        "process": version.basis.process, "version": version, **document_context(document_for(version))})


def public_file(request: HttpRequest, slug: str, version_pk: int, kind: str) -> HttpResponse:
    version = _frozen(request, slug, version_pk)
    return file_response(version, kind)
