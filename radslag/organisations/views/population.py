"""Administrators import the municipality's population figures from CSV: upload, see what would be
replaced, then confirm. Nothing is written before the confirmation.

The checked rows wait in the session under a one-time token, so the confirmation imports exactly what
the preview showed; a new upload or a confirmation ends the wait.
"""

from __future__ import annotations

import secrets
from dataclasses import asdict
from typing import Any

from django.contrib import messages
from django.db.models import Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from radslag.core.access import requires_capability
from radslag.core.permissions import Capability
from radslag.organisations.forms import PopulationUploadForm
from radslag.organisations.models import Locality, PopulationFigure
from radslag.organisations.population_import import PopulationRow, read_population_csv, replacement_preview
from radslag.organisations.services import import_population

PENDING_KEY = "organisations_pending_population"


@requires_capability(Capability.POPULATION_MANAGE)
def population_import(request: HttpRequest) -> HttpResponse:
    organisation = request.organisation  # type: ignore[attr-defined]
    form = PopulationUploadForm(request.POST or None, request.FILES or None)
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        request.session.pop(PENDING_KEY, None)
        known = None
        if not form.cleaned_data["create_localities"]:
            known = list(Locality.objects.filter(organisation=organisation).values_list("name", flat=True))
        parsed = read_population_csv(form.cleaned_data["file"].read(), known_localities=known)
        errors = parsed.errors
        if not errors:
            token = secrets.token_urlsafe(16)
            request.session[PENDING_KEY] = {
                "token": token, "organisation": organisation.pk, "source": form.cleaned_data["file"].name,
                "rows": [asdict(row) for row in parsed.rows],
            }
            preview = replacement_preview(organisation=organisation, rows=parsed.rows)
            return _render(request, form, preview=preview, token=token, source=form.cleaned_data["file"].name)
    return _render(request, form, import_errors=errors)


def _render(request: HttpRequest, form: PopulationUploadForm, **context: Any) -> HttpResponse:
    years = (
        PopulationFigure.objects.filter(organisation=request.organisation)  # type: ignore[attr-defined]
        .values("year").annotate(residents=Sum("count")).order_by("-year")
    )
    return render(request, "organisations/population_import.html", {"form": form, "years": years, **context})


@requires_capability(Capability.POPULATION_MANAGE)
@require_POST
def population_confirm(request: HttpRequest) -> HttpResponse:
    organisation = request.organisation  # type: ignore[attr-defined]
    pending = request.session.get(PENDING_KEY)
    token = request.POST.get("token", "")
    if (not pending or not token or pending["organisation"] != organisation.pk
            or not secrets.compare_digest(pending["token"], token)):
        messages.error(request, _("The uploaded file is no longer waiting for confirmation. Upload it again."))
        return redirect("organisations:population_import")
    request.session.pop(PENDING_KEY)
    rows = [PopulationRow(**row) for row in pending["rows"]]
    count = import_population(organisation=organisation, actor=request.user, rows=rows, source=pending["source"])
    years = ", ".join(str(year) for year in sorted({row.year for row in rows}))
    messages.success(request, _("%(count)s rows imported for %(years)s.") % {"count": count, "years": years})
    return redirect("organisations:population_import")
