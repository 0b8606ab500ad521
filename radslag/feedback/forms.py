"""The answer form (shape only; the rules are in the model and the service)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.validators import MaxValueValidator
from django.utils.translation import gettext_lazy as _

from radslag.feedback.models import Answer, AnswerStatus
from radslag.governance.models import Decision


class AnswerForm(forms.ModelForm):
    class Meta:
        model = Answer
        fields = ["status", "text", "text_en", "motivation", "motivation_en", "progress", "progress_note",
                  "progress_note_en", "decisions"]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 6}),
            "text_en": forms.Textarea(attrs={"rows": 4}),
            "motivation": forms.Textarea(attrs={"rows": 4}),
            "motivation_en": forms.Textarea(attrs={"rows": 3}),
            "decisions": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args: Any, organisation: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["decisions"].queryset = Decision.objects.filter(  # type: ignore[attr-defined]
            organisation=organisation).select_related("body")
        self.fields["progress"].validators.append(MaxValueValidator(100))
        self.fields["progress"].widget.attrs.update({"min": 0, "max": 100})

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        if cleaned.get("status") == AnswerStatus.REJECTED and not (cleaned.get("motivation") or "").strip():
            self.add_error("motivation", _("Say why, when the answer is no."))
        return cleaned

    def answer_fields(self) -> dict[str, Any]:
        return {name: value for name, value in self.cleaned_data.items() if name != "decisions"}
