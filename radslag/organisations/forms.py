"""Forms for the municipality's own pages: accessibility, page feedback, localities, bodies, population."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _

from radslag.organisations.models import AccessibilityStatement, Body, Locality


class AccessibilityStatementForm(forms.ModelForm):
    class Meta:
        model = AccessibilityStatement
        fields = ["body", "contact_email", "contact_phone", "assessed_on"]
        widgets = {
            "body": forms.Textarea(attrs={"rows": 20}),
            "assessed_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
        help_texts = {
            "body": _("Plain text. Leave a blank line between paragraphs."),
        }


class PageFeedbackForm(forms.Form):
    helpful = forms.TypedChoiceField(
        label=_("Did this page help you?"),
        choices=[("yes", _("Yes")), ("no", _("No"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("What could be better?"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Do not write your name or other personal details. We cannot answer here."),
    )
    path = forms.CharField(widget=forms.HiddenInput, max_length=300)

    def clean_path(self) -> str:
        path: str = self.cleaned_data["path"]
        is_local = path.startswith("/") and not path.startswith("//") and "\\" not in path
        if not is_local or not url_has_allowed_host_and_scheme(path, allowed_hosts=None):
            raise forms.ValidationError(_("The page address is not valid."))
        return path


class LocalityForm(forms.ModelForm):
    class Meta:
        model = Locality
        fields = ["name"]

    def __init__(self, *args: Any, organisation: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.organisation = organisation

    def clean_name(self) -> str:
        name: str = self.cleaned_data["name"].strip()
        others = Locality.objects.filter(organisation=self.instance.organisation, name__iexact=name)
        if others.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("There is already a locality with this name."))
        return name


class BodyForm(forms.ModelForm):
    class Meta:
        model = Body
        fields = ["name", "kind", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args: Any, organisation: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.organisation = organisation

    def clean_name(self) -> str:
        name: str = self.cleaned_data["name"].strip()
        others = Body.objects.filter(organisation=self.instance.organisation, name__iexact=name)
        if others.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("There is already a body with this name."))
        return name


class PopulationUploadForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_(
            "Columns år;ort;åldersgrupp;kön;antal with a header row. Semicolon or comma, UTF-8 or Windows "
            "encoding. The figures for every year in the file replace that year's figures."
        ),
    )
    create_localities = forms.BooleanField(
        label=_("Add localities that do not exist yet"),
        required=False,
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > settings.RADSLAG_IMPORT_MAX_BYTES:
            raise forms.ValidationError(_("The file is too large."))
        return upload
