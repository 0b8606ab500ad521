"""How allauth signs people in here: throttling per client and account, and e-ID through the broker."""

from __future__ import annotations

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from allauth.socialaccount.models import SocialLogin
from allauth.socialaccount.providers.base import AuthProcess
from django.contrib import messages
from django.http import HttpRequest
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from radslag.accounts import eid
from radslag.core.clients import client_address


class AccountAdapter(DefaultAccountAdapter):
    def get_client_ip(self, request: HttpRequest) -> str:
        return client_address(request)

    def _get_login_attempts_cache_key(self, request: HttpRequest, **credentials: Any) -> str:
        """Failed sign-ins count per client address and account together (allauth counts per account).

        An attacker guessing one person's password is slowed down, while the person, signing in from
        another address, is not locked out. The per-address limit in ACCOUNT_RATE_LIMITS still applies.
        """
        return f"{client_address(request)}:{super()._get_login_attempts_cache_key(request, **credentials)}"


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    def pre_social_login(self, request: HttpRequest, sociallogin: SocialLogin) -> None:
        """Reduces the broker's claims to what is kept, and recognises a person who already has an account."""
        account = sociallogin.account
        if account.provider != eid.EID_PROVIDER_ID:
            return
        identity = eid.identity_from_claims(_claims(account.extra_data))
        eid.strip_identity_claims(account.extra_data)
        account.extra_data[eid.DERIVED_KEY] = {
            "personal_number_hash": identity.personal_number_hash, "birth_year": identity.birth_year}
        holder = eid.account_holding(identity)
        if sociallogin.state.get("process") == AuthProcess.CONNECT and request.user.is_authenticated:
            # A signed-in person adds e-ID to their account (allauth refuses an e-ID already on another).
            if holder is not None and holder.pk != request.user.pk:
                _refuse(request, _("Your e-ID already belongs to another account. Sign in to that account instead."))
            if not sociallogin.is_existing or account.user_id == request.user.pk:
                eid.record_eid_sign_in(user=request.user, identity=identity)
        elif sociallogin.is_existing:
            if holder is not None and holder.pk != account.user_id:
                _refuse(request, _("Your e-ID already belongs to another account. Sign in to that account instead."))
            eid.record_eid_sign_in(user=sociallogin.user, identity=identity)
        elif holder is not None:
            # The same person, through another broker account: sign in to the account they already have.
            sociallogin.connect(request, holder)
            eid.record_eid_sign_in(user=holder, identity=identity)

    def save_user(self, request: HttpRequest, sociallogin: SocialLogin, form: Any = None) -> Any:
        derived = sociallogin.account.extra_data.get(eid.DERIVED_KEY)
        if sociallogin.account.provider == eid.EID_PROVIDER_ID and isinstance(derived, dict):
            eid.apply_eid_identity(sociallogin.user, eid.EidIdentity(**derived))
        return super().save_user(request, sociallogin, form)


def _claims(extra_data: dict[str, Any]) -> dict[str, Any]:
    """The ID token's claims overlaid with the userinfo's (the broker may put the number in either)."""
    claims: dict[str, Any] = {}
    for part in (extra_data.get("id_token"), extra_data.get("userinfo")):
        if isinstance(part, dict):
            claims.update(part)
    return claims


def _refuse(request: HttpRequest, message: str) -> None:
    messages.error(request, message)
    raise ImmediateHttpResponse(redirect("account_login"))
