"""Resolves the request's municipality from its host name."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from radslag.organisations.models import Organisation


def resolve_organisation(host: str) -> Organisation | None:
    hostname = host.split(":")[0].lower()
    organisation = Organisation.objects.filter(hostname=hostname).first()
    if organisation is not None:
        return organisation
    default = settings.RADSLAG_DEFAULT_ORGANISATION
    queryset = Organisation.objects.filter(hostname="")
    if default:
        queryset = Organisation.objects.filter(slug=default)
    return queryset.order_by("id").first()


class OrganisationMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.organisation = resolve_organisation(request.get_host())  # type: ignore[attr-defined]
        return self.get_response(request)
