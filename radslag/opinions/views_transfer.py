"""Staff pages for moving a conversation in from, or out to, the Pol.is export format."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _

from radslag.core.access import requires_capability
from radslag.core.errors import DomainError
from radslag.core.permissions import Capability
from radslag.dialogues.access import process_for
from radslag.opinions.forms import ImportForm
from radslag.opinions.polis_transfer import export_zip, files_from_zip, import_polis_export
from radslag.opinions.views_staff import staff_conversation


@requires_capability(Capability.PROCESS_MANAGE)
def import_export(request: HttpRequest, pk: int) -> HttpResponse:
    process = process_for(request, pk, Capability.PROCESS_MANAGE)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            uploaded = form.export_files()
            files = files_from_zip(uploaded) if isinstance(uploaded, bytes) else uploaded
            conversation = import_polis_export(
                process=process, user=request.user, files=files,
                title=form.cleaned_data["title"], question=form.cleaned_data["question"],
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The conversation was imported. Nothing is public until you open it."))
            return redirect("opinions:staff_conversation", pk=pk, conversation_pk=conversation.pk)
    status = 400 if form.errors else 200
    return render(request, "opinions/staff/import.html", {"process": process, "form": form}, status=status)


@requires_capability(Capability.CONTRIBUTIONS_EXPORT)
def export(request: HttpRequest, pk: int, conversation_pk: int) -> HttpResponse:
    conversation = staff_conversation(request, pk, conversation_pk, Capability.CONTRIBUTIONS_EXPORT)
    response = HttpResponse(export_zip(conversation), content_type="application/zip")
    name = slugify(conversation.title) or f"samtal-{conversation.pk}"
    response["Content-Disposition"] = f'attachment; filename="{name}-polis.zip"'
    return response
