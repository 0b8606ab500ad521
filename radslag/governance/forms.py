"""Forms for decisions and the municipality's direction (vision, strategic plan, focus areas)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from radslag.governance import links
from radslag.governance.models import BodyMeeting, Decision, DecisionLink, FocusArea, StrategicPlan, Vision
from radslag.organisations.models import Body


class OrganisationModelForm(forms.ModelForm):
    """A model form whose instance belongs to `organisation` and whose choices are limited to it."""

    def __init__(self, *args: Any, organisation: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        self.instance.organisation = organisation


def _https_url_fields(field: Any, **kwargs: Any) -> Any:
    # A link typed without a scheme means https (Django 6's default; stated here to be explicit).
    if isinstance(field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return field.formfield(**kwargs)


class DecisionForm(OrganisationModelForm):
    class Meta:
        model = Decision
        formfield_callback = _https_url_fields
        fields = ["body", "decided_on", "registration_number", "section", "title", "summary", "url", "focus_areas"]
        widgets = {
            "decided_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "summary": forms.Textarea(attrs={"rows": 5}),
            "focus_areas": forms.CheckboxSelectMultiple,
        }
        help_texts = {
            "registration_number": _("The registration number (diarienummer), e.g. KS 2019/112."),
            "section": _("The section in the minutes, e.g. § 112."),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = Body.objects.filter(organisation=self.organisation)  # type: ignore[attr-defined]
        self.fields["focus_areas"].queryset = FocusArea.objects.filter(  # type: ignore[attr-defined]
            organisation=self.organisation
        )
        self._add_link_fields()

    # The dialogue behind the decision: processes by role, and what it rests on, kind by kind.
    PROCESS_ROLES = (
        ("commissions", DecisionLink.Role.COMMISSIONING, _("Dialogues this decision commissions")),
        ("outcome_of", DecisionLink.Role.OUTCOME, _("Dialogues this decision is the outcome of")),
        ("partly_answers", DecisionLink.Role.PARTIAL, _("Dialogues this decision partly answers")),
    )

    def _add_link_fields(self) -> None:
        existing = list(self.instance.links.all()) if self.instance.pk else []
        process_kind = links.kind(links.PROCESS)
        if process_kind is not None:
            choices = [(str(pk), label) for pk, label in process_kind.choices(self.organisation)]
            for name, role, label in self.PROCESS_ROLES:
                self.fields[name] = forms.MultipleChoiceField(
                    label=label, choices=choices, required=False, widget=forms.CheckboxSelectMultiple,
                    initial=[str(link.object_id) for link in existing
                             if link.kind == links.PROCESS and link.role == role],
                )
        for basis in links.basis_kinds():
            self.fields[f"basis_{basis.key}"] = forms.MultipleChoiceField(
                label=basis.label, required=False, widget=forms.CheckboxSelectMultiple,
                choices=[(str(pk), label) for pk, label in basis.choices(self.organisation)],
                initial=[str(link.object_id) for link in existing if link.kind == basis.key],
            )

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        seen: set[str] = set()
        for name, _role, _label in self.PROCESS_ROLES:
            chosen = set(cleaned.get(name) or [])
            if chosen & seen:
                self.add_error(name, _("A dialogue can have only one role for the same decision."))
            seen |= chosen
        return cleaned

    def chosen_links(self) -> list[tuple[str, int, str]]:
        """(kind, object id, role) for every link the form asks for."""
        chosen: list[tuple[str, int, str]] = []
        for name, role, _label in self.PROCESS_ROLES:
            chosen += [(links.PROCESS, int(pk), role) for pk in self.cleaned_data.get(name) or []]
        for basis in links.basis_kinds():
            chosen += [(basis.key, int(pk), DecisionLink.Role.BASIS)
                       for pk in self.cleaned_data.get(f"basis_{basis.key}") or []]
        return chosen


class VisionForm(OrganisationModelForm):
    class Meta:
        model = Vision
        fields = ["title", "title_en", "target_year", "text", "text_en", "how_it_was_made", "how_it_was_made_en"]
        widgets = {"text": forms.Textarea(attrs={"rows": 8}), "how_it_was_made": forms.Textarea(attrs={"rows": 5})}


class StrategicPlanForm(OrganisationModelForm):
    class Meta:
        model = StrategicPlan
        fields = ["title", "title_en", "starts", "ends", "summary", "summary_en"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 6})}

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        starts, ends = cleaned.get("starts"), cleaned.get("ends")
        if starts and ends and ends < starts:
            self.add_error("ends", _("The last year cannot be before the first year."))
        return cleaned


class FocusAreaForm(OrganisationModelForm):
    class Meta:
        model = FocusArea
        fields = ["plan", "number", "name", "name_en", "slug", "description", "description_en"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}
        help_texts = {"slug": _("Used in the web address: lower-case letters, digits and hyphens.")}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["plan"].queryset = StrategicPlan.objects.filter(  # type: ignore[attr-defined]
            organisation=self.organisation
        )

    def clean_slug(self) -> str:
        slug: str = self.cleaned_data["slug"]
        others = FocusArea.objects.filter(organisation=self.organisation, slug=slug).exclude(pk=self.instance.pk)
        if others.exists():
            raise forms.ValidationError(_("Another focus area already uses this short name."))
        return slug


class PrinciplesForm(forms.Form):
    """A new version of the principles for dialogue: shape only (principles.publish_principles writes it)."""

    title = forms.CharField(label=_("Title"), max_length=200)
    title_en = forms.CharField(label=_("Title in English"), max_length=200, required=False)
    text = forms.CharField(label=_("Principles"), widget=forms.Textarea(attrs={"rows": 14}),
                           help_text=_("One principle per paragraph. Leave an empty line between them."))
    text_en = forms.CharField(label=_("Principles in English"), widget=forms.Textarea(attrs={"rows": 8}),
                              required=False)
    change_note = forms.CharField(label=_("What changed"), max_length=300, required=False,
                                  help_text=_("Shown with the new version, for example “Added a principle on "
                                              "feedback”."))


class BodyMeetingForm(OrganisationModelForm):
    """A coming meeting of one of the municipality's deciding bodies."""

    class Meta:
        model = BodyMeeting
        fields = ["body", "date", "note"]
        widgets = {"date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = Body.objects.filter(  # type: ignore[attr-defined]
            organisation=self.organisation).exclude(kind=Body.Kind.ADVISORY_COUNCIL)
