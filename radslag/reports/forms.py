from __future__ import annotations

from django import forms

from radslag.reports.models import Compilation


class CompilationTextsForm(forms.ModelForm):
    class Meta:
        model = Compilation
        fields = ["introduction", "introduction_en", "closing", "closing_en", "only_accepted_themes"]
        widgets = {
            "introduction": forms.Textarea(attrs={"rows": 6}),
            "introduction_en": forms.Textarea(attrs={"rows": 6}),
            "closing": forms.Textarea(attrs={"rows": 6}),
            "closing_en": forms.Textarea(attrs={"rows": 6}),
        }
