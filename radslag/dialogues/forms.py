"""The shape of the dialogues app's forms; the rules live in the models and services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from radslag.accounts.models import User
from radslag.dialogues.models import Activity, DialogueProcess, Phase, ProcessUpdate, Registration, Table
from radslag.governance.models import Decision, FocusArea
from radslag.organisations.models import Body, Locality, Organisation


def limit_choices(form: forms.BaseForm, name: str, queryset: QuerySet[Any]) -> None:
    """Offer only these objects in a choice field (the request's municipality or process)."""
    field = form.fields[name]
    if not isinstance(field, forms.ModelChoiceField):
        raise TypeError(f"{name} is not a choice of objects")
    field.queryset = queryset


DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class ProcessForm(forms.ModelForm):
    """A process and its whole mandate. Every choice is limited to the request's municipality."""

    class Meta:
        model = DialogueProcess
        fields = [
            "title", "title_en", "slug", "summary", "summary_en", "purpose", "purpose_en", "open_to_influence",
            "open_to_influence_en", "not_open_to_influence", "not_open_to_influence_en", "participation_level",
            "deciding_body", "commissioning_decision", "target_groups", "target_groups_en", "methods", "methods_en",
            "use_of_results", "use_of_results_en", "feedback_plan", "feedback_plan_en", "feedback_due", "principles",
            "principles_en", "moderation_rules", "accepts_online_input", "allows_anonymous", "input_question",
            "input_question_en", "focus_areas", "localities", "officials_see_results_early",
        ]
        widgets = {
            "feedback_due": DATE_WIDGET,
            "focus_areas": forms.CheckboxSelectMultiple,
            "localities": forms.CheckboxSelectMultiple,
        }
        help_texts = {
            "slug": _("Used in the page's address, e.g. motesplatser-i-nodinge. Letters a–z, digits and hyphens."),
            "open_to_influence": _("Be concrete: what can residents change with their input?"),
            "participation_level": _("Required before publishing."),
        }

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        limit_choices(self, "deciding_body", Body.objects.for_organisation(organisation))
        limit_choices(self, "commissioning_decision", Decision.objects.for_organisation(
            organisation).select_related("body"))
        limit_choices(self, "focus_areas", FocusArea.objects.for_organisation(organisation))
        limit_choices(self, "localities", Locality.objects.for_organisation(organisation))
        for name in DialogueProcess.PUBLICATION_REQUIRED:
            # Optional while drafting, but the label must not call them optional.
            self.fields[name].required_for_publication = True  # type: ignore[attr-defined]

    def clean_slug(self) -> str:
        slug: str = self.cleaned_data["slug"]
        taken = DialogueProcess.objects.filter(organisation=self.organisation, slug=slug).exclude(pk=self.instance.pk)
        if taken.exists():
            raise forms.ValidationError(_("Another process already uses this short name."))
        return slug


class PhaseForm(forms.ModelForm):
    class Meta:
        model = Phase
        fields = ["order", "name", "name_en", "description", "description_en", "starts", "ends"]
        widgets = {"starts": DATE_WIDGET, "ends": DATE_WIDGET}


class UpdateForm(forms.ModelForm):
    class Meta:
        model = ProcessUpdate
        fields = ["title", "title_en", "body", "body_en", "phase", "decision"]

    def __init__(self, *args: Any, process: DialogueProcess, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit_choices(self, "phase", process.phases.all())
        self.fields["phase"].label = _("Phase")
        limit_choices(self, "decision", Decision.objects.for_organisation(process.organisation))


class ActivityForm(forms.ModelForm):
    class Meta:
        model = Activity
        fields = [
            "kind", "title", "title_en", "description", "description_en", "phase", "starts_at", "ends_at", "place",
            "locality", "accessibility_info", "accessibility_info_en", "registration_required", "capacity",
            "attendance_count",
        ]
        widgets = {"starts_at": DATETIME_WIDGET, "ends_at": DATETIME_WIDGET}
        help_texts = {
            "accessibility_info": _("E.g. step-free entrance, hearing loop, interpretation, nearest bus stop."),
            "capacity": _("Leave empty for no limit. When full, new registrations go to a waiting list."),
            "attendance_count": _("Fill in afterwards: how many took part."),
        }

    def __init__(self, *args: Any, process: DialogueProcess, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit_choices(self, "phase", process.phases.all())
        self.fields["phase"].label = _("Phase")
        limit_choices(self, "locality", Locality.objects.for_organisation(process.organisation))
        self.fields["locality"].label = _("Locality")


class CancelActivityForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is the activity cancelled?"), max_length=1000, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Everyone registered or on the waiting list gets this in an e-mail, and it is shown on the "
                    "activity's page."),
    )


class TableForm(forms.ModelForm):
    class Meta:
        model = Table
        fields = ["name", "host", "host_name", "participant_count"]
        help_texts = {"host_name": _("If the host has no account here, write their name instead.")}

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit_choices(self, "host", User.objects.filter(memberships__organisation=organisation).distinct())

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        if not cleaned.get("host") and not (cleaned.get("host_name") or "").strip():
            raise forms.ValidationError(_("Choose a host or write the host's name."))
        return cleaned


class RegistrationForm(forms.ModelForm):
    class Meta:
        model = Registration
        fields = ["name", "email", "needs"]
        widgets = {"needs": forms.Textarea(attrs={"rows": 3})}
        labels = {"name": _("Your name"), "email": _("Your e-mail address")}
        help_texts = {
            "email": _("We send a confirmation with a link to cancel."),
            "needs": _("E.g. interpretation, hearing loop, food allergy or a companion."),
        }


class ProcessFilterForm(forms.Form):
    """The public list's filters (GET): by status and by focus area."""

    STATUS_CHOICES = [("", _("All")), ("ongoing", _("Ongoing")), ("closed", _("Finished"))]

    status = forms.ChoiceField(label=_("Status"), choices=STATUS_CHOICES, required=False)
    focus_area = forms.ModelChoiceField(
        label=_("Focus area"), queryset=FocusArea.objects.none(), to_field_name="slug", required=False,
        empty_label=_("All focus areas"),
    )

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit_choices(self, "focus_area", FocusArea.objects.for_organisation(organisation))
