"""Resolves the request's municipality from its host name."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.cache import patch_vary_headers

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


class LanguageMiddleware:
    """Chooses the interface language: the visitor's own choice (the language cookie set by the
    language switch), otherwise the municipality's default language.

    The browser's Accept-Language is deliberately not used: a Swedish municipality's site speaks
    Swedish until the visitor asks for another language.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        supported = {code for code, _name in settings.LANGUAGES}
        organisation = getattr(request, "organisation", None)
        fallback = getattr(organisation, "default_language", "") or settings.LANGUAGE_CODE
        language = chosen if chosen in supported else (fallback if fallback in supported else settings.LANGUAGE_CODE)
        translation.activate(language)
        request.LANGUAGE_CODE = language  # type: ignore[attr-defined]
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        patch_vary_headers(response, ("Cookie",))
        return response
