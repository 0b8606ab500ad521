"""Content-Security-Policy: scripts and styles only from the site's own files, nothing inline.

Templates keep every script in static/ and every style in a stylesheet; `RADSLAG_CSP_FORM_ACTION`
adds the origins a form may lead to (the e-ID broker, which the sign-in button's POST redirects to).
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse


def content_security_policy() -> str:
    form_action = " ".join(["'self'", *settings.RADSLAG_CSP_FORM_ACTION])
    directives = {
        "default-src": "'self'",
        "script-src": "'self'",
        "style-src": "'self'",
        # allauth shows the authenticator app's QR code as a data: image.
        "img-src": "'self' data:",
        "font-src": "'self'",
        "connect-src": "'self'",
        "object-src": "'none'",
        "base-uri": "'self'",
        "frame-ancestors": "'none'",
        "form-action": form_action,
    }
    return "; ".join(f"{name} {value}" for name, value in directives.items())


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        # Built per response (a few microseconds) so that settings changed at run time, as in tests, apply.
        response.headers.setdefault("Content-Security-Policy", content_security_policy())
        return response
