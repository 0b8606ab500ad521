"""Forms for the signed-in person's profile and for administrators' role management."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from radslag.accounts.models import Role, User
from radslag.organisations.models import Locality


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["display_name", "age_band", "sex", "locality"]
        help_texts = {
            "display_name": _("Shown with what you write, if you choose to show your name."),
            "age_band": _("Used only to see whether those who take part reflect the population."),
        }

    def __init__(self, *args: Any, organisation: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["locality"].queryset = Locality.objects.filter(organisation=organisation)  # type: ignore[attr-defined]
        self.fields["locality"].empty_label = _("Do not want to say")  # type: ignore[attr-defined]
        for name in ("age_band", "sex"):
            self.fields[name].choices = [("", _("Do not want to say")), *list(self.fields[name].choices)[1:]]  # type: ignore[attr-defined]


class RoleAddForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"), help_text=_("The person must already have an account."))
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
