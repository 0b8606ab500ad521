"""Sends staff without a second factor to set one up before any staff page opens."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from radslag.accounts.permissions import needs_mfa

STAFF_PREFIX = "/personal/"


def has_totp(user: object) -> bool:
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


class StaffMfaMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if (
            settings.RADSLAG_STAFF_MFA
            and request.path.startswith(STAFF_PREFIX)
            and needs_mfa(request.user, getattr(request, "organisation", None))
            and not has_totp(request.user)
        ):
            messages.warning(request, _("Staff accounts must use two-factor authentication. Set it up to continue."))
            return redirect("mfa_activate_totp")
        return self.get_response(request)
