"""Staff pages to import contributions from a file (with a preview before anything is written) and to export them.

Between preview and confirmation the uploaded file waits in `default_storage` under a random name
that only this session knows; the confirmation reads and checks it again, then deletes it.
"""

from __future__ import annotations

import datetime as dt
import secrets
import tempfile
from typing import Any, cast

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db.models import Count
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from radslag.contributions import exports
from radslag.contributions.imports import (
    ImportFileError,
    ParsedImport,
    already_imported,
    import_contributions,
    normalise_upload,
    parse_import,
    too_big_message,
)
from radslag.contributions.imports.writing import AGAIN, SKIP
from radslag.contributions.models import Channel, Contribution
from radslag.contributions.permissions import is_premoderated
from radslag.core.access import requires_capability
from radslag.core.errors import DomainError
from radslag.core.permissions import Capability
from radslag.dialogues.access import process_for
from radslag.dialogues.models import DialogueProcess

PENDING_KEY = "contributions_pending_import"
PREVIEW_ROWS = 20
UPLOAD_FOLDER = "contribution-imports"
# Uploads never confirmed nor cancelled (the session ended) are removed after this long.
STALE_UPLOAD_AGE = dt.timedelta(hours=24)


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("File (CSV or XLSX)"),
        help_text=gettext_lazy("The first row names the columns. Only the column “text” is required."),
    )
    default_channel = forms.ChoiceField(
        label=gettext_lazy("Channel for rows that name none"), choices=Channel.choices, initial=Channel.SLIP,
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > settings.RADSLAG_IMPORT_MAX_BYTES:
            raise forms.ValidationError(too_big_message())
        return upload


MODERATE = "moderate"
PUBLISH = "publish"
IMPORT_ANYWAY = "import"


class ImportConfirmForm(forms.Form):
    """The choices made on the preview: who sees the rows first, and what to do with unusual or repeated rows."""

    publication = forms.ChoiceField(
        label=gettext_lazy("When should the contributions be shown publicly?"), widget=forms.RadioSelect,
        required=False, choices=[
            (MODERATE, gettext_lazy("Send them to moderation first")),
            (PUBLISH, gettext_lazy("Publish them at once")),
        ],
    )
    repeated = forms.ChoiceField(
        label=gettext_lazy("Rows imported before"), widget=forms.RadioSelect, required=False, initial=SKIP,
        choices=[
            (SKIP, gettext_lazy("Skip them: import only the new rows")),
            (AGAIN, gettext_lazy("Import them again as new contributions (the copies do not keep the id)")),
        ],
    )
    unusual = forms.ChoiceField(
        label=gettext_lazy("Rows whose text has no letters"), widget=forms.RadioSelect, required=False, initial=SKIP,
        choices=[
            (SKIP, gettext_lazy("Leave them out")),
            (IMPORT_ANYWAY, gettext_lazy("Import them as they are")),
        ],
    )

    def __init__(self, *args: Any, process: DialogueProcess, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.default_publication = MODERATE if is_premoderated(process) else PUBLISH
        self.fields["publication"].initial = self.default_publication

    def publishes(self) -> bool:
        return (self.cleaned_data["publication"] or self.default_publication) == PUBLISH


@requires_capability(Capability.CONTRIBUTIONS_IMPORT)
def import_view(request: HttpRequest, pk: int) -> HttpResponse:
    process = process_for(request, pk, Capability.CONTRIBUTIONS_IMPORT)
    if request.method == "POST" and "confirm" in request.POST:
        return _confirm(request, process)
    if request.method == "POST" and "cancel" in request.POST:
        _discard_pending(request)
        messages.info(request, _("The import was cancelled. Nothing was written."))
        return redirect("contributions_io:import", pk=process.pk)
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        return _preview(request, process, form)
    return _render(request, process, form=form)


def _render(request: HttpRequest, process: DialogueProcess, **context: Any) -> HttpResponse:
    parsed: ParsedImport | None = context.get("parsed")
    context.setdefault("form", ImportUploadForm())
    if parsed is not None and parsed.is_valid:
        context.setdefault("confirm_form", ImportConfirmForm(process=process))
        context.setdefault("repeated_rows", already_imported(process, parsed.rows))
        left_out = parsed.warned_rows | {row.row_number for row in context["repeated_rows"]}
        context["default_count"] = sum(1 for row in parsed.rows if row.row_number not in left_out)
    return render(request, "contributions/io/import.html", {
        "process": process,
        "premoderated": is_premoderated(process),
        "preview_rows": parsed.rows[:PREVIEW_ROWS] if parsed else [],
        "preview_limit": PREVIEW_ROWS,
        "max_rows": settings.RADSLAG_IMPORT_MAX_ROWS,
        **context,
    })


def _preview(request: HttpRequest, process: DialogueProcess, form: ImportUploadForm) -> HttpResponse:
    upload = form.cleaned_data["file"]
    channel = form.cleaned_data["default_channel"]
    try:
        data = normalise_upload(upload.read())
        parsed = parse_import(data, process=process, default_channel=channel, check_size=False)
    except ImportFileError as error:
        form.add_error("file", error.message)
        return _render(request, process, form=form)
    _discard_pending(request)
    _discard_stale_uploads()
    token = ""
    if parsed.is_valid:
        token = secrets.token_urlsafe(24)
        stored = default_storage.save(f"{UPLOAD_FOLDER}/{token}.upload", ContentFile(data))
        request.session[PENDING_KEY] = {
            "token": token, "storage_name": stored, "filename": upload.name, "process": process.pk, "channel": channel,
        }
    return _render(request, process, parsed=parsed, filename=upload.name, token=token)


def _discard_pending(request: HttpRequest) -> None:
    pending = request.session.pop(PENDING_KEY, None)
    if pending and default_storage.exists(pending["storage_name"]):
        default_storage.delete(pending["storage_name"])


def _discard_stale_uploads() -> None:
    if not default_storage.exists(UPLOAD_FOLDER):
        return
    cutoff = timezone.now() - STALE_UPLOAD_AGE
    for name in default_storage.listdir(UPLOAD_FOLDER)[1]:
        path = f"{UPLOAD_FOLDER}/{name}"
        if default_storage.get_modified_time(path) < cutoff:
            default_storage.delete(path)


def _confirm(request: HttpRequest, process: DialogueProcess) -> HttpResponse:
    pending = request.session.get(PENDING_KEY)
    token = request.POST.get("token", "")
    if (
        not pending or not token or not secrets.compare_digest(pending["token"], token)
        or pending["process"] != process.pk or not default_storage.exists(pending["storage_name"])
    ):
        messages.error(request, _("The uploaded file is no longer waiting for confirmation. Upload it again."))
        return redirect("contributions_io:import", pk=process.pk)
    with default_storage.open(pending["storage_name"], "rb") as stored:
        data = stored.read()
    try:
        parsed = parse_import(data, process=process, default_channel=pending["channel"], check_size=False)
    except ImportFileError as error:  # the settings changed since the preview
        _discard_pending(request)
        messages.error(request, error.message)
        return redirect("contributions_io:import", pk=process.pk)
    if not parsed.is_valid:  # e.g. an activity was removed since the preview
        _discard_pending(request)
        return _render(request, process, parsed=parsed, filename=pending["filename"], token="")
    choices = ImportConfirmForm(request.POST, process=process)
    if not choices.is_valid():
        return _render(request, process, parsed=parsed, filename=pending["filename"], token=token,
                       confirm_form=choices)
    rows = parsed.rows
    if choices.cleaned_data["unusual"] != IMPORT_ANYWAY:
        rows = [row for row in rows if row.row_number not in parsed.warned_rows]
    publish = choices.publishes()
    try:
        if not rows:
            raise DomainError(_("Every row was left out. Nothing was imported."))
        batch = import_contributions(
            process=process, rows=rows, actor=request.user, filename=pending["filename"], publish=publish,
            repeated=choices.cleaned_data["repeated"] or SKIP,
        )
    except DomainError as error:
        _discard_pending(request)
        messages.error(request, error.message)
        return redirect("contributions_io:import", pk=process.pk)
    _discard_pending(request)
    if publish:
        done = _("%(count)s contributions were imported from %(file)s and published.")
    else:
        done = _("%(count)s contributions were imported from %(file)s and wait in the moderation queue.")
    messages.success(request, done % {"count": batch.row_count, "file": batch.filename})
    return redirect("contributions_io:import", pk=process.pk)


@requires_capability(Capability.CONTRIBUTIONS_IMPORT)
def template_view(request: HttpRequest, fmt: str) -> HttpResponse:
    if fmt == "csv":
        response = HttpResponse(exports.template_csv(), content_type="text/csv; charset=utf-8")
    elif fmt == "xlsx":
        response = HttpResponse(exports.template_xlsx(), content_type=exports.FORMATS["xlsx"][0])
    else:
        raise Http404
    response["Content-Disposition"] = f'attachment; filename="inspel-mall.{fmt}"'
    return response


@requires_capability(Capability.CONTRIBUTIONS_EXPORT)
def export_view(request: HttpRequest, pk: int) -> HttpResponse:
    process = process_for(request, pk, Capability.CONTRIBUTIONS_EXPORT)
    fmt = request.GET.get("format", "")
    if fmt not in exports.FORMATS:
        grouped = Contribution.objects.filter(process=process).values_list("status").annotate(count=Count("id"))
        counts = {status: 0 for status in Contribution.Status.values} | dict(grouped)
        statuses = [(label, counts[value]) for value, label in Contribution.Status.choices]
        return render(request, "contributions/io/export.html", {
            "process": process, "statuses": statuses, "total": sum(counts.values()),
        })
    exports.record_export(process=process, actor=request.user, fmt=fmt)
    # The staff decorators are typed for HttpResponse; a streamed response is served the same way.
    return cast(HttpResponse, _export_response(process, fmt))


def _export_response(process: DialogueProcess, fmt: str) -> HttpResponse | StreamingHttpResponse | FileResponse:
    content_type, extension = exports.FORMATS[fmt]
    filename = exports.export_filename(process, extension)
    if fmt == "xlsx":
        spool = tempfile.SpooledTemporaryFile(max_size=10 * 1024 * 1024)  # noqa: SIM115  (FileResponse closes it)
        exports.write_xlsx(process, spool)
        spool.seek(0)
        return FileResponse(spool, as_attachment=True, filename=filename, content_type=content_type)
    chunks = exports.csv_chunks(process) if fmt == "csv" else exports.json_chunks(process)
    response = StreamingHttpResponse(chunks, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
