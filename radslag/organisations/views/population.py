"""Administrators import the municipality's population figures from CSV."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from radslag.core.access import requires_capability
from radslag.core.permissions import Capability
from radslag.organisations.forms import PopulationUploadForm
from radslag.organisations.models import Locality, PopulationFigure
from radslag.organisations.population_import import read_population_csv
from radslag.organisations.services import import_population


@requires_capability(Capability.POPULATION_MANAGE)
def population_import(request: HttpRequest) -> HttpResponse:
    organisation = request.organisation  # type: ignore[attr-defined]
    form = PopulationUploadForm(request.POST or None, request.FILES or None)
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        known = None
        if not form.cleaned_data["create_localities"]:
            known = list(Locality.objects.filter(organisation=organisation).values_list("name", flat=True))
        parsed = read_population_csv(form.cleaned_data["file"].read(), known_localities=known)
        errors = parsed.errors
        if not errors:
            count = import_population(organisation=organisation, actor=request.user, rows=parsed.rows,
                                      source=form.cleaned_data["file"].name)
            years = ", ".join(str(year) for year in parsed.years)
            messages.success(request, _("%(count)s rows imported for %(years)s.") % {"count": count, "years": years})
            return redirect("organisations:population_import")
    years = (
        PopulationFigure.objects.filter(organisation=organisation)
        .values("year").annotate(residents=Sum("count")).order_by("-year")
    )
    return render(request, "organisations/population_import.html", {
        "form": form, "import_errors": errors, "years": years,
    })
