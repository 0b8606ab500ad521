"""Who must use a second factor, and whether this session has.

Privileged means a role in MFA_ROLES in the request's municipality (`needs_mfa`), or Django's staff
and superuser flags, since the Django admin sees every municipality. allauth records in the session
how it was authenticated; a record with method "mfa" means the second factor was passed.
"""

from __future__ import annotations

from typing import Any

from allauth.account.authentication import get_authentication_records
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from radslag.accounts.permissions import needs_mfa


def is_privileged(request: HttpRequest) -> bool:
    """Asked by two middlewares on every request: the answer is kept on the request (one query, not two)."""
    user: Any = request.user
    if not user.is_authenticated:
        return False
    if user.is_staff or user.is_superuser:
        return True
    cached = getattr(request, "_radslag_privileged", None)
    if cached is None or cached[0] != user.pk:  # a sign-in or sign-out during the request changes the user
        cached = (user.pk, needs_mfa(user, getattr(request, "organisation", None)))
        request._radslag_privileged = cached  # type: ignore[attr-defined]
    return bool(cached[1])


def passed_second_factor(request: HttpRequest) -> bool:
    """Whether this session was authenticated with a second factor."""
    records = get_authentication_records(request, request.user)
    return any(record.get("method") == "mfa" for record in records)


def has_totp(user: object) -> bool:
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def second_factor_redirect(request: HttpRequest) -> HttpResponse:
    """To the authenticator code (if the person has an app set up) or to setting one up; then back."""
    query = urlencode({"next": request.get_full_path()})
    if has_totp(request.user):
        messages.info(request, _("Confirm with your authenticator app to open this page."))
        return redirect(f"{reverse('mfa_reauthenticate')}?{query}")
    messages.warning(request, _("Staff accounts must use two-factor authentication. Set it up to continue."))
    return redirect(f"{reverse('mfa_activate_totp')}?{query}")


def record_activation_as_second_factor(sender: Any, request: HttpRequest, user: Any, authenticator: Any,
                                       **kwargs: Any) -> None:
    """Receiver of allauth's authenticator_added: activating TOTP took a valid code, so the session passed."""
    from allauth.account.internal.flows.login import record_authentication
    from allauth.mfa.models import Authenticator

    if authenticator.type == Authenticator.Type.TOTP:
        record_authentication(request, user, "mfa", id=authenticator.pk, type=authenticator.type, activated=True)
