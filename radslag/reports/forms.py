from __future__ import annotations

from django import forms

from radslag.reports.models import Compilation


class CompilationTextsForm(forms.ModelForm):
    class Meta:
        model = Compilation
        fields = ["introduction", "closing", "only_accepted_themes"]
        widgets = {
            "introduction": forms.Textarea(attrs={"rows": 6}),
            "closing": forms.Textarea(attrs={"rows": 6}),
        }
