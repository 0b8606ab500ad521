"""Forms for leaving an address, following, and managing one's mail: their shape only."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from radslag.messaging.consent import PURPOSE, normalise_email
from radslag.messaging.models import Frequency, Recipient
from radslag.organisations.models import Organisation

EMAIL_ERRORS = {
    "invalid": _("Write the e-mail address in full, like namn@exempel.se."),
    "max_length": _("The e-mail address can be at most %(limit_value)d characters long."),
}


def refused_message() -> str:
    return str(_(
        "Our mail server has tried this address before and was told it does not exist or takes no mail. "
        "Check the spelling, or leave another address."
    ))


def check_not_refused(organisation: Organisation, email: str) -> None:
    if Recipient.objects.filter(
        organisation=organisation, email=normalise_email(email), refused_at__isnull=False
    ).exists():
        raise forms.ValidationError(refused_message(), code="refused")


class TellMeFields(forms.Form):
    """"Tell me what happens": an optional address with the purpose said at the field.

    Signed out, typing an address is the request. Signed in, the box holds the account's address and an
    unticked checkbox asks; nothing is asked for by leaving a prefilled box alone.
    """

    tell_me = forms.BooleanField(label=_("Yes, tell me what happens with my input"), required=False)
    tell_me_email = forms.EmailField(
        label=_("Your e-mail address"), required=False, max_length=254, error_messages=EMAIL_ERRORS,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    consent_purpose = PURPOSE

    def setup_tell_me(self, *, organisation: Organisation, user: Any) -> None:
        self.consent_organisation = organisation
        self.signed_in = bool(getattr(user, "is_authenticated", False))
        account_email: str = str(getattr(user, "email", None) or "")
        if self.signed_in and account_email:
            self.fields["tell_me_email"].initial = account_email

    def clean_tell_me_email(self) -> str:
        email = normalise_email(self.cleaned_data.get("tell_me_email") or "")
        if email:
            check_not_refused(self.consent_organisation, email)
        return email

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        asked = getattr(self, "signed_in", False) and data.get("tell_me")
        if asked and not data.get("tell_me_email") and "tell_me_email" not in self.errors:
            self.add_error("tell_me_email", _("Write the address we should write to."))
        return data

    def tell_me_address(self) -> str:
        """The address the person asked to be told at, or "" when they did not ask."""
        if not self.is_valid():
            return ""
        email = self.cleaned_data.get("tell_me_email", "")
        if getattr(self, "signed_in", False) and not self.cleaned_data.get("tell_me"):
            return ""
        return str(email)


class TellMeForm(TellMeFields):
    """The address alone, for pages where it is asked after taking part (a ballot receipt, a conversation).
    Sending this form is the request, so a signed-in person needs no checkbox; the box holds their address."""

    def __init__(self, *args: Any, organisation: Organisation, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.setup_tell_me(organisation=organisation, user=user)
        self.signed_in = False

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not data.get("tell_me_email") and "tell_me_email" not in self.errors:
            self.add_error("tell_me_email", _("Write the address we should write to."))
        return data


class FollowForm(forms.Form):
    # Following needs an address (unless signed in, see __init__): required, so the page does not call it optional.
    email = forms.EmailField(
        label=_("Your e-mail address"), max_length=254,
        error_messages={**EMAIL_ERRORS, "required": _("Write the e-mail address we should write to.")},
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    frequency = forms.ChoiceField(
        label=_("How often?"), choices=Frequency.choices, initial=Frequency.IMMEDIATE, widget=forms.RadioSelect,
    )

    def __init__(self, *args: Any, organisation: Organisation, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        self.user = user
        if getattr(user, "is_authenticated", False) and getattr(user, "email", ""):
            del self.fields["email"]  # the account's own address is used

    def clean_email(self) -> str:
        email = normalise_email(self.cleaned_data.get("email") or "")
        if not email:
            raise forms.ValidationError(_("Write the e-mail address we should write to."), code="required")
        check_not_refused(self.organisation, email)
        return email

    def address(self) -> str:
        if "email" in self.fields:
            return str(self.cleaned_data["email"])
        return normalise_email(str(self.user.email))  # the account's address (see __init__)


class SubscriptionChangeForm(forms.Form):
    subscription = forms.IntegerField(widget=forms.HiddenInput)
    action = forms.ChoiceField(choices=[("end", "end"), ("frequency", "frequency")])
    frequency = forms.ChoiceField(choices=Frequency.choices, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("action") == "frequency" and not data.get("frequency"):
            self.add_error("frequency", _("Choose how often you want mail."))
        return data
