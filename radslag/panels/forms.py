"""Forms for joining the panel and for staff (shape only; the rules live in services)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from radslag.core.models import AgeBand, Sex
from radslag.organisations.models import Locality, Organisation
from radslag.panels.models import Panel
from radslag.panels.services import MAX_LETTERS


class JoinForm(forms.Form):
    age_band = forms.ChoiceField(
        label=_("Age"), required=False,
        choices=[("", _("Prefer not to say")), *[(v, label) for v, label in AgeBand.choices if v != AgeBand.UNDER_16]],
    )
    sex = forms.ChoiceField(label=_("Sex"), choices=[("", _("Prefer not to say")), *Sex.choices], required=False)
    locality = forms.ModelChoiceField(label=_("Where in the municipality do you live?"),
                                      queryset=Locality.objects.none(), required=False,
                                      empty_label=_("Prefer not to say"))
    code = forms.CharField(
        label=_("Code from an invitation letter"), max_length=40, required=False,
        help_text=_("Only if you received a letter. Leave empty otherwise."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}),
    )

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["locality"].queryset = Locality.objects.filter(organisation=organisation)  # type: ignore[attr-defined]


class PanelForm(forms.ModelForm):
    class Meta:
        model = Panel
        fields = ["name", "description", "open_for_signup"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}


class InvitationForm(forms.Form):
    label = forms.CharField(label=_("Name of the mailing"), max_length=120,
                            help_text=_("For example: Random sample, March 2027."))
    count = forms.IntegerField(label=_("Number of letters"), min_value=1, max_value=MAX_LETTERS)
