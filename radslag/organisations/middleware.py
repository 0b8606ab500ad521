"""Resolves the request's municipality from its host name."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.db.models import Case, Q, Value, When
from django.http import HttpRequest, HttpResponse
from django.http.request import split_domain_port
from django.utils import translation
from django.utils.cache import patch_vary_headers

from radslag.organisations.models import Organisation


def resolve_organisation(host: str) -> Organisation | None:
    """The municipality whose host name this is, else the default one, in a single query.

    Runs on every request: the exact host name wins over the fallback (the municipality named by
    RADSLAG_DEFAULT_ORGANISATION, or else the one without a host name).
    """
    hostname = split_domain_port(host)[0] or host.lower()
    default = settings.RADSLAG_DEFAULT_ORGANISATION
    fallback = Q(slug=default) if default else Q(hostname="")
    return (
        Organisation.objects.filter(Q(hostname=hostname) | fallback)
        .annotate(exact=Case(When(hostname=hostname, then=Value(0)), default=Value(1)))
        .order_by("exact", "id")
        .first()
    )


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
