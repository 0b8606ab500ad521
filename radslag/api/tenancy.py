"""The municipality an API request is about, taken from the host name like every page."""

from __future__ import annotations

from django.http import Http404, HttpRequest

from radslag.organisations.models import Organisation


def current_organisation(request: HttpRequest) -> Organisation:
    """The request's municipality; a host that names none gets 404, never another's data."""
    organisation: Organisation | None = getattr(request, "organisation", None)
    if organisation is None:
        raise Http404("No municipality is served at this address.")
    return organisation
