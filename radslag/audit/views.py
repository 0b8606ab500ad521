"""The audit log for administrators: read, filter and export, never change."""

from __future__ import annotations

import csv
import json
from typing import Any

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from radslag.analysis.safe_text import spreadsheet_cell
from radslag.audit.forms import AuditFilterForm
from radslag.audit.models import AuditEvent
from radslag.core.access import requires_capability
from radslag.core.permissions import Capability

EVENTS_PER_PAGE = 50


def filtered_events(request: HttpRequest) -> tuple[AuditFilterForm, Any]:
    events = AuditEvent.objects.filter(organisation=request.organisation)  # type: ignore[attr-defined]
    form = AuditFilterForm(request.GET or None, events=events)
    return form, form.filter(events)


@requires_capability(Capability.AUDIT_READ)
def log(request: HttpRequest) -> HttpResponse:
    form, events = filtered_events(request)
    page = Paginator(events, EVENTS_PER_PAGE).get_page(request.GET.get("sida"))
    query = request.GET.copy()
    query.pop("sida", None)
    return render(request, "audit/log.html", {"form": form, "page": page, "query": query.urlencode()})


@requires_capability(Capability.AUDIT_READ)
def log_export(request: HttpRequest) -> HttpResponse:
    _form, events = filtered_events(request)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="logg-{timezone.localdate():%Y-%m-%d}.csv"'
    response.write("\ufeff")
    writer = csv.writer(response, delimiter=";")
    writer.writerow(["tid", "vem", "händelse", "objekttyp", "objekt-id", "objekt", "skäl", "detaljer"])
    for event in events.iterator():
        writer.writerow([spreadsheet_cell(str(value)) for value in (
            timezone.localtime(event.at).isoformat(timespec="seconds"), event.actor_label, event.action,
            event.object_type, event.object_id, event.object_repr, event.reason,
            json.dumps(event.data, ensure_ascii=False),
        )])
    return response
