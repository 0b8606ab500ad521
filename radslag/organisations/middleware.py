"""Resolves the request's municipality from its host name."""

from __future__ import annotations

import functools
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.http.request import split_domain_port
from django.utils import translation
from django.utils.cache import patch_vary_headers

from radslag.core import statements
from radslag.organisations.models import Organisation


def resolve_organisation(host: str) -> Organisation | None:
    """The municipality whose host name this is, else the default one, in a single query.

    Runs on every request: the exact host name wins over the fallback (the municipality named by
    RADSLAG_DEFAULT_ORGANISATION, or else the one without a host name). The statement is written out
    once (core.statements) rather than built by the ORM per request; compiling it cost more CPU than
    running it.
    """
    hostname = split_domain_port(host)[0] or host.lower()
    default = settings.RADSLAG_DEFAULT_ORGANISATION
    fallback, value = ("slug", default) if default else ("hostname", "")
    row = statements.fetch_row(_lookup_sql(fallback), [hostname, value, hostname])
    return None if row is None else statements.load(Organisation, row)


@functools.cache
def _lookup_sql(fallback: str) -> str:
    host, other, key = (statements.column(Organisation, name) for name in ("hostname", fallback, "id"))
    return (
        f"SELECT {statements.columns(Organisation)} FROM {statements.table(Organisation)} "  # noqa: S608 - names from model metadata
        f"WHERE {host} = %s OR {other} = %s ORDER BY CASE WHEN {host} = %s THEN 0 ELSE 1 END, {key} LIMIT 1"
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
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        patch_vary_headers(response, ("Cookie",))
        return response
