"""The form staff use to write to an activity's registrants or table hosts."""

from __future__ import annotations

import secrets

from django import forms
from django.utils.translation import gettext_lazy as _

from radslag.dialogues.services.meetings import REGISTRANTS, TABLE_HOSTS


class ActivityMailForm(forms.Form):
    audience = forms.ChoiceField(
        label=_("To"), widget=forms.RadioSelect,
        choices=[(REGISTRANTS, _("Everyone registered (not the waiting list)")), (TABLE_HOSTS, _("The table hosts"))],
    )
    subject = forms.CharField(label=_("Subject"), max_length=200)
    body = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 10}), max_length=10000)
    # A new value for each form shown: sending the same form twice makes one message.
    nonce = forms.CharField(widget=forms.HiddenInput, max_length=40)

    def __init__(self, *args: object, **kwargs: object) -> None:
        kwargs.setdefault("initial", {"audience": REGISTRANTS, "nonce": secrets.token_hex(12)})
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
