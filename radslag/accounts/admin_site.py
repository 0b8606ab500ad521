"""The Django admin behind the site's own sign-in, throttling and second factor.

The admin's own login form would skip allauth's throttling and the second factor, so it sends the
visitor to /konto/login/ instead; and the admin opens only for active staff whose session passed
the second factor (when RADSLAG_STAFF_MFA is on). StaffMfaMiddleware sends such users to the second
factor before they get here; this is the admin's own refusal should the middleware be left out.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme


class RadslagAdminSite(admin.AdminSite):
    def login(self, request: HttpRequest, extra_context: dict[str, Any] | None = None) -> HttpResponse:
        """Never the admin's own password form: the site's sign-in, then the second factor."""
        from radslag.accounts.second_factor import second_factor_redirect

        next_url = request.GET.get("next", "")
        if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
            next_url = reverse("admin:index", current_app=self.name)
        if not request.user.is_authenticated:
            return redirect_to_login(next_url)
        if self.has_permission(request):
            return redirect(next_url)
        if request.user.is_active and request.user.is_staff:
            return second_factor_redirect(request)
        raise PermissionDenied

    def has_permission(self, request: HttpRequest) -> bool:
        from radslag.accounts.second_factor import passed_second_factor

        if not super().has_permission(request):
            return False
        return not settings.RADSLAG_STAFF_MFA or passed_second_factor(request)
