"""Forms for councils and consultations: shape only; uploads are checked by content in `files`."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from radslag.core.errors import DomainError
from radslag.councils.files import PDF, CheckedFile, check_upload
from radslag.councils.models import Consultation, Consultee, Council, CouncilMeeting, CouncilMember

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class FilesField(forms.FileField):
    """Several files in one input, each checked by content and size; cleans to a list of CheckedFile."""

    def __init__(self, *args: Any, allowed: tuple[str, ...] | None = None, **kwargs: Any) -> None:
        self.allowed = allowed
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".pdf,.docx,.odt"}))
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[CheckedFile]:
        uploads = [u for u in (data if isinstance(data, list | tuple) else [data]) if u]
        if self.required and not uploads:
            raise ValidationError(self.error_messages["required"], code="required")
        checked, errors = [], []
        for upload in uploads:
            try:
                checked.append(check_upload(upload, **({"allowed": self.allowed} if self.allowed else {})))
            except DomainError as error:
                errors.append(error.message)
        if errors:
            raise ValidationError(errors)
        return checked


class CouncilForm(forms.ModelForm):
    class Meta:
        model = Council
        fields = ["name", "name_en", "slug", "kind", "description", "description_en", "public"]


class MemberForm(forms.ModelForm):
    account_email = forms.EmailField(
        label=_("E-mail address of the member's account"), required=False,
        help_text=_("Fill in for a secretary who answers consultations. The person must have an account."),
    )

    class Meta:
        model = CouncilMember
        fields = ["name", "represents", "role", "under_18", "show_publicly"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.user_id:
            self.fields["account_email"].initial = self.instance.user.email

    def clean_account_email(self) -> Any:
        email = self.cleaned_data["account_email"].strip()
        if not email:
            return None
        user = get_user_model().objects.filter(email__iexact=email).first()
        if user is None:
            raise ValidationError(_("There is no account with this e-mail address. Ask the person to create one."))
        return user


class MeetingForm(forms.ModelForm):
    minutes_file = FilesField(label=_("Minutes (PDF)"), allowed=(PDF,),
                              widget=forms.ClearableFileInput(attrs={"accept": ".pdf"}))

    class Meta:
        model = CouncilMeeting
        fields = ["starts_at", "place", "agenda", "minutes_published"]
        widgets = {"starts_at": DATETIME_WIDGET}


class ConsulteeForm(forms.ModelForm):
    class Meta:
        model = Consultee
        fields = ["name", "email"]


class ConsultationForm(forms.ModelForm):
    document_files = FilesField(label=_("Documents"), help_text=_("PDF, DOCX or ODT files."))

    class Meta:
        model = Consultation
        fields = ["kind", "title", "question", "reply_by", "councils", "consultees"]
        widgets = {"reply_by": DATE_WIDGET, "councils": forms.CheckboxSelectMultiple,
                   "consultees": forms.CheckboxSelectMultiple}

    def __init__(self, *args: Any, organisation: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["councils"].queryset = Council.objects.for_organisation(organisation)  # type: ignore[attr-defined]
        self.fields["consultees"].queryset = Consultee.objects.filter(  # type: ignore[attr-defined]
            organisation=organisation)


class AnswerForm(forms.Form):
    responder = forms.ChoiceField(label=_("The answer is from"))
    text = forms.CharField(label=_("Answer"), widget=forms.Textarea(attrs={"rows": 10}), max_length=5000)
    attachment_files = FilesField(label=_("Attachments"), help_text=_("PDF, DOCX or ODT files."))

    def __init__(self, *args: Any, councils: list[Council], consultees: list[Consultee], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.responders: dict[str, Council | Consultee] = {f"council-{c.pk}": c for c in councils}
        self.responders |= {f"consultee-{c.pk}": c for c in consultees}
        self.fields["responder"].choices = [  # type: ignore[attr-defined]  # a ChoiceField
            (key, str(value)) for key, value in self.responders.items()]

    def responder_kwargs(self) -> dict[str, Any]:
        chosen = self.responders[self.cleaned_data["responder"]]
        return {"council": chosen} if isinstance(chosen, Council) else {"consultee": chosen}
