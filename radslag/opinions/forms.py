"""Forms for opinion mapping: their shape only; the rules live in the services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from radslag.core.localized import english_label
from radslag.core.models import AgeBand
from radslag.opinions.models import STATEMENT_MAX_LENGTH, Conversation
from radslag.opinions.polis_transfer import MAX_UPLOAD_BYTES
from radslag.organisations.models import Locality, Organisation

STATEMENT_ERRORS = {
    "required": _("Write the statement before you send it."),
    "max_length": _("A statement can be at most %(limit_value)d characters long (it has %(show_value)d)."),
}


def statement_field(label: Any) -> forms.CharField:
    return forms.CharField(
        label=label, max_length=STATEMENT_MAX_LENGTH, strip=True, error_messages=STATEMENT_ERRORS,
        help_text=_("One short statement that others can agree or disagree with, at most %(limit)d characters.")
        % {"limit": STATEMENT_MAX_LENGTH},
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": STATEMENT_MAX_LENGTH}),
    )


class StatementForm(forms.Form):
    text = statement_field(_("Your statement"))


class SeedForm(forms.Form):
    text = statement_field(_("New seed statement"))
    text_en = forms.CharField(
        label=english_label(_("New seed statement")), max_length=STATEMENT_MAX_LENGTH, required=False, strip=True,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": STATEMENT_MAX_LENGTH, "lang": "en"}),
    )


class SeedEditForm(forms.Form):
    text = statement_field(_("Seed statement"))


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Participation code"), max_length=20, strip=True,
        help_text=_("The code you were given on another device, for example ABCDE-FGH23."),
        error_messages={"required": _("Write your participation code.")},
    )


class ConversationForm(forms.ModelForm):
    class Meta:
        model = Conversation
        fields = ["title", "title_en", "question", "question_en", "status", "access", "allow_statements", "min_votes"]
        widgets = {"question": forms.Textarea(attrs={"rows": 3}),
                   "question_en": forms.Textarea(attrs={"rows": 3})}

    def clean_min_votes(self) -> int:
        value = int(self.cleaned_data["min_votes"])
        if value < 1:
            raise forms.ValidationError(_("At least one answer is needed."))
        return value


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), max_length=300, strip=True,
        error_messages={"required": _("Say why the statement is rejected.")},
    )


class ImportForm(forms.Form):
    title = forms.CharField(label=_("Title of the conversation"), max_length=200)
    question = forms.CharField(label=_("Question"), max_length=1000, widget=forms.Textarea(attrs={"rows": 2}))
    archive = forms.FileField(
        label=_("Zip file from Pol.is"), required=False,
        help_text=_("The export zip, or leave empty and choose the CSV files below."),
    )
    comments = forms.FileField(label="comments.csv", required=False)
    votes = forms.FileField(label="votes.csv", required=False)
    participants_votes = forms.FileField(label="participants-votes.csv", required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        uploads = [data.get(name) for name in ("archive", "comments", "votes", "participants_votes")]
        if any(upload is not None and upload.size > MAX_UPLOAD_BYTES for upload in uploads):
            raise forms.ValidationError(_("A file is larger than 50 MB."))
        if not data.get("archive") and not (data.get("comments") and data.get("votes")):
            raise forms.ValidationError(
                _("Choose the zip file, or both comments.csv and votes.csv (participants-votes.csv is optional).")
            )
        return data

    def export_files(self) -> dict[str, bytes] | bytes:
        """The zip's bytes, or the CSV files by their export name."""
        data = self.cleaned_data
        if data.get("archive"):
            return bytes(data["archive"].read())
        names = {"comments": "comments.csv", "votes": "votes.csv", "participants_votes": "participants-votes.csv"}
        return {names[key]: bytes(data[key].read()) for key in names if data.get(key)}


class ProfileForm(forms.Form):
    """Optional: helps the municipality see who took part. Shown only as counts."""

    age_band = forms.ChoiceField(label=_("Age"), choices=[("", _("Prefer not to say")), *AgeBand.choices],
                                 required=False)
    locality = forms.ModelChoiceField(label=_("Where in the municipality do you live?"),
                                      queryset=Locality.objects.none(), required=False,
                                      empty_label=_("Prefer not to say"))

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["locality"]
        field.queryset = Locality.objects.filter(organisation=organisation)  # type: ignore[attr-defined]
