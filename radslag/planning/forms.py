"""Forms of the planning pages (shape only; the rules are in the services)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from radslag.planning.models import ProjectRole, Suggestion, TreeNode, Workshop


class ProjectForm(forms.Form):
    title_sv = forms.CharField(label=_("Title (Swedish)"), max_length=200, required=False)
    title_en = forms.CharField(label=_("Title (English)"), max_length=200, required=False)
    summary_sv = forms.CharField(label=_("Summary (Swedish)"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    summary_en = forms.CharField(label=_("Summary (English)"), widget=forms.Textarea(attrs={"rows": 3}), required=False)


class ProjectEditForm(ProjectForm):
    """The title and summary with the version they were opened at, so that a later change by someone else shows."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class MemberForm(forms.Form):
    """A person of the lead's own organisation: each owner's lead manages its own people."""

    email = forms.EmailField(label=_("E-mail address of the person's account"))
    role = forms.ChoiceField(label=_("Role in the project"), choices=ProjectRole.choices)


class OwnerForm(forms.Form):
    partner_slug = forms.SlugField(label=_("The partner organisation's short name"))
    lead_email = forms.EmailField(label=_("E-mail address of its lead in the project"))


class NodeForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=TreeNode.Kind.choices, widget=forms.HiddenInput)
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)
    text_sv = forms.CharField(label=_("Statement (Swedish)"), required=False, max_length=1000)
    text_en = forms.CharField(label=_("Statement (English)"), required=False, max_length=1000)


class WorkshopForm(forms.Form):
    title = forms.CharField(label=_("Name of the workshop"), max_length=200)
    board = forms.ChoiceField(label=_("What the shared screen shows"), choices=Workshop.Board.choices)


class CodeForm(forms.Form):
    code = forms.CharField(label=_("Workshop code"), max_length=12)


class SuggestionForm(forms.Form):
    kind = forms.ChoiceField(label=_("What do you suggest?"), choices=Suggestion.Kind.choices)
    text = forms.CharField(label=_("Your suggestion"), max_length=1000, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: object, kinds: tuple[str, ...] = (), **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        if kinds:
            self.fields["kind"].choices = [c for c in Suggestion.Kind.choices if c[0] in kinds]  # type: ignore[attr-defined]
