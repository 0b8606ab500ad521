from __future__ import annotations

from typing import Any

from django import forms

from radslag.decisionbasis.models import BasisVersion
from radslag.decisionbasis.services import DECIDING_KINDS
from radslag.organisations.models import Body


class VersionForm(forms.ModelForm):
    class Meta:
        model = BasisVersion
        fields = ["title", "registration_number", "document_date", "case_officer", "committee", "meeting_date",
                  "summary", "background", "assessment", "consequences", "child_impact", "proposed_decision"]
        widgets = {
            "document_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "meeting_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            **{name: forms.Textarea(attrs={"rows": 5}) for name in (
                "summary", "background", "assessment", "consequences", "child_impact", "proposed_decision")},
        }

    def __init__(self, *args: Any, organisation: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        committee = self.fields["committee"]
        assert isinstance(committee, forms.ModelChoiceField)
        committee.queryset = Body.objects.filter(organisation=organisation, kind__in=DECIDING_KINDS)


class CommentForm(forms.Form):
    text = forms.CharField(required=False, max_length=20000, widget=forms.Textarea(attrs={"rows": 3}))
