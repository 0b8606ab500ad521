"""Staff pages of a process's decision bases; officials read them all and change nothing."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from radslag.core.access import has_capability, requires_capability
from radslag.core.errors import DomainError
from radslag.core.permissions import Capability
from radslag.decisionbasis.document import document_for
from radslag.decisionbasis.files import file_response
from radslag.decisionbasis.forms import CommentForm, VersionForm
from radslag.decisionbasis.models import BasisVersion
from radslag.decisionbasis.render_pdf import document_context
from radslag.decisionbasis.services import freeze_version, new_version, save_comment, save_version, start_basis
from radslag.dialogues.access import process_for
from radslag.dialogues.models import DialogueProcess

READ, MANAGE = Capability.PROCESS_READ_ANALYSIS, Capability.DECISION_BASIS_MANAGE


def _version(request: HttpRequest, pk: int, version_pk: int, capability: Capability) -> BasisVersion:
    """A version of a decision basis of the process `pk` of the request's municipality (else 404)."""
    process = process_for(request, pk, capability)
    return get_object_or_404(BasisVersion.objects.select_related("basis__process__organisation", "committee"),
                             pk=version_pk, basis__process=process)


@requires_capability(READ, write=MANAGE)
@require_http_methods(["GET", "POST"])
def basis_list(request: HttpRequest, pk: int) -> HttpResponse:
    process = process_for(request, pk, READ if request.method == "GET" else MANAGE)
    if request.method == "POST":
        version = start_basis(process=process, actor=request.user)
        messages.success(request, _("A decision basis is started. Fill in the header and the texts."))
        return redirect("decisionbasis:version", pk=pk, version_pk=version.pk)
    return render(request, "decisionbasis/list.html", {"process": process, "versions": _versions(process)})


def _versions(process: DialogueProcess) -> list[BasisVersion]:
    return list(BasisVersion.objects.filter(basis__process=process).select_related("committee", "frozen_by")
                .defer("snapshot").order_by("-basis__created_at", "basis_id", "-number"))


def _page(request: HttpRequest, version: BasisVersion, form: VersionForm | None, status: int = 200,
          error: DomainError | None = None) -> HttpResponse:
    content = document_for(version)
    editable = not version.is_frozen and has_capability(request.user, version.basis.process.organisation, MANAGE)
    return render(request, "decisionbasis/version.html", {
        "process": version.basis.process, "version": version, "form": form if editable else None,
        "editable": editable, "error": error, "comment_form": CommentForm(), **document_context(content),
        "siblings": version.basis.versions.defer("snapshot").order_by("-number"),
    }, status=status)


@requires_capability(READ, write=MANAGE)
@require_http_methods(["GET", "POST"])
def version_page(request: HttpRequest, pk: int, version_pk: int) -> HttpResponse:
    version = _version(request, pk, version_pk, READ if request.method == "GET" else MANAGE)
    organisation = version.basis.organisation
    form = VersionForm(request.POST or None, instance=version, organisation=organisation)
    if request.method == "POST":
        if not form.is_valid():
            return _page(request, version, form, status=400)
        try:
            save_version(version=version, actor=request.user, values=form.cleaned_data)
        except DomainError as error:
            return _page(request, version, None, status=409, error=error)
        messages.success(request, _("The decision basis is saved."))
        return redirect("decisionbasis:version", pk=pk, version_pk=version.pk)
    return _page(request, version, form)


@requires_capability(MANAGE)
@require_POST
def comment(request: HttpRequest, pk: int, version_pk: int, part: str) -> HttpResponse:
    version = _version(request, pk, version_pk, MANAGE)
    form = CommentForm(request.POST)
    try:
        if not form.is_valid():
            raise DomainError(_("A comment can be at most 20,000 characters long."))
        save_comment(version=version, actor=request.user, part=part, text=form.cleaned_data["text"])
    except DomainError as error:
        return _page(request, version, VersionForm(instance=version, organisation=version.basis.organisation),
                     status=409 if version.is_frozen else 400, error=error)
    messages.success(request, _("The comment is saved."))
    return redirect(reverse("decisionbasis:version", kwargs={"pk": pk, "version_pk": version.pk}) + f"#part-{part}")


@requires_capability(MANAGE)
@require_POST
def freeze(request: HttpRequest, pk: int, version_pk: int) -> HttpResponse:
    version = _version(request, pk, version_pk, MANAGE)
    try:
        version = freeze_version(version=version, actor=request.user)
    except DomainError as error:
        form = VersionForm(instance=version, organisation=version.basis.organisation)
        return _page(request, version, form, status=409 if version.is_frozen else 400, error=error)
    messages.success(request, _("Version %(number)s is sent to %(committee)s and frozen.") % {
        "number": version.number, "committee": version.committee})
    return redirect("decisionbasis:version", pk=pk, version_pk=version.pk)


@requires_capability(MANAGE)
@require_POST
def make_new_version(request: HttpRequest, pk: int, version_pk: int) -> HttpResponse:
    version = _version(request, pk, version_pk, MANAGE)
    try:
        created = new_version(version=version, actor=request.user)
    except DomainError as error:
        return _page(request, version, VersionForm(instance=version, organisation=version.basis.organisation),
                     status=409, error=error)
    messages.success(request, _("Version %(number)s is made. It is a draft you can change.") % {
        "number": created.number})
    return redirect("decisionbasis:version", pk=pk, version_pk=created.pk)


@requires_capability(READ)
def preview(request: HttpRequest, pk: int, version_pk: int) -> HttpResponse:
    version = _version(request, pk, version_pk, READ)
    return render(request, "decisionbasis/preview.html", {
        "process": version.basis.process, "version": version, **document_context(document_for(version))})


@requires_capability(READ)
def download(request: HttpRequest, pk: int, version_pk: int, kind: str) -> HttpResponse:
    version = _version(request, pk, version_pk, READ)
    return file_response(version, kind)
