"""Privileged sessions (see second_factor): every page needs a session that passed the second
factor, and idle ones end.

The check covers every page except the account pages under /konto/ (sign in and out, set up or use
the second factor), static files and the language switch, so that no page that shows staff work (a
draft process, a queue, an export, the Django admin) opens on a password alone.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from radslag.accounts.second_factor import is_privileged, passed_second_factor, second_factor_redirect

# Reachable without the second factor: what it takes to set it up, use it or sign out.
OPEN_PREFIXES = ("/konto/", "/static/", "/i18n/")
LAST_SEEN_KEY = "radslag_privileged_last_seen"
# The last-seen time is written at most this often, so a busy page does not save the session each time.
LAST_SEEN_RESOLUTION_S = 30


class StaffMfaMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if (
            settings.RADSLAG_STAFF_MFA
            and not request.path.startswith(OPEN_PREFIXES)
            and is_privileged(request)
            and not passed_second_factor(request)
        ):
            return second_factor_redirect(request)
        return self.get_response(request)


class StaffIdleTimeoutMiddleware:
    """Signs out a privileged session that has been idle longer than RADSLAG_STAFF_IDLE_MINUTES."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if settings.RADSLAG_STAFF_IDLE_MINUTES > 0 and is_privileged(request):
            now = time.time()
            last_seen = request.session.get(LAST_SEEN_KEY)
            if last_seen is not None and now - last_seen > settings.RADSLAG_STAFF_IDLE_MINUTES * 60:
                logout(request)
                messages.info(request, _("You were signed out after a while without activity. Sign in again."))
                return redirect_to_login(request.get_full_path())
            if last_seen is None or now - last_seen > LAST_SEEN_RESOLUTION_S:
                request.session[LAST_SEEN_KEY] = now
        return self.get_response(request)
