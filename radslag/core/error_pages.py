"""The answers to requests that fail: the site's own pages in the visitor's language, JSON for JSON endpoints.

Django calls these for 400, 403, 404 and 500 (config/urls.py names them); `too_many_requests` is the
throttle's 429. The 500 page is made without the request's context processors and without any
database query, so that it still renders when the database is the reason for the error.
"""

from __future__ import annotations

import logging
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template import loader
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

logger = logging.getLogger(__name__)

MESSAGES = {
    400: gettext_lazy("The request could not be understood."),
    403: gettext_lazy("You do not have permission to see this page."),
    404: gettext_lazy("The page could not be found."),
    429: gettext_lazy("Too many attempts from your connection. Wait a moment and try again."),
    500: gettext_lazy("Something went wrong on our side. Try again in a while."),
}


def wants_json(request: HttpRequest) -> bool:
    """The JSON API, `.json` addresses, JSON endpoints under a page (…/api/…) and clients asking for JSON."""
    path = request.path
    accept = request.headers.get("Accept", "")
    return path.startswith("/api/") or "/api/" in path or path.endswith(".json") or accept.startswith(
        "application/json")


def _json(request: HttpRequest, status: int, message: str) -> JsonResponse:
    # The API (Django Ninja) answers {"detail": ...}; the JSON endpoints of the pages answer {"error": ...}.
    key = "detail" if request.path.startswith("/api/") else "error"
    return JsonResponse({key: message}, status=status)


def _page(request: HttpRequest, status: int, message: str, **extra: Any) -> HttpResponse:
    context = {"status": status, "message": message, **extra}
    try:
        content = loader.render_to_string(f"{status}.html", context, request=request)
    except Exception:  # the layout's context needs the database; the plain page does not
        logger.exception("The %s page could not be shown in the layout", status)
        return _page_without_database(request, status, message)
    return HttpResponse(content, status=status)


def _page_without_database(request: HttpRequest, status: int, message: str) -> HttpResponse:
    """The layout with what is already known about the request: no context processors, no queries."""
    context = {
        "status": status, "message": message, "without_database": True,
        # Only an organisation the middleware already loaded; looking it up could be what failed.
        "organisation": request.__dict__.get("organisation"),
    }
    content: str
    try:
        content = loader.render_to_string("500.html", context)
    except Exception:  # the last resort must not fail: a page without the layout
        logger.exception("The error page could not be rendered")
        content = f"<!doctype html><title>Rådslag</title><h1>{escape(message)}</h1>"
    return HttpResponse(content, status=status)


def answer(request: HttpRequest, status: int, message: str | None = None, **extra: Any) -> HttpResponse:
    text = message or str(MESSAGES[status])
    return _json(request, status, text) if wants_json(request) else _page(request, status, text, **extra)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return answer(request, 400)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return answer(request, 403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return answer(request, 404)


def server_error(request: HttpRequest) -> HttpResponse:
    message = str(MESSAGES[500])
    if wants_json(request):
        return _json(request, 500, message)
    return _page_without_database(request, 500, message)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return answer(request, 403, _("The form had expired or was sent from another site. Go back, reload the page "
                                  "and send it again."))


def too_many_requests(request: HttpRequest, *, retry_after: int) -> HttpResponse:
    minutes = max(1, (retry_after + 59) // 60)
    message = _("Too many attempts from your connection. Try again in %(minutes)s minutes.") % {"minutes": minutes}
    response = answer(request, 429, message)
    response["Retry-After"] = str(retry_after)
    return response
