"""Forms for contributions: their shape only; the rules live in services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from radslag.contributions.models import BODY_MAX_LENGTH, Channel, Contribution, Relation
from radslag.contributions.services import ENTRY_CHANNELS, Profile
from radslag.core.localized import localized_html
from radslag.core.models import AgeBand, Sex
from radslag.dialogues.models import Activity, DialogueProcess, Table
from radslag.governance.models import FocusArea
from radslag.messaging.forms import EMAIL_ERRORS, TellMeFields, check_not_refused
from radslag.organisations.models import Locality

NOT_STATED = [("", _("Prefer not to say"))]
BODY_ERRORS = {
    "required": _("Write your contribution before you send it."),
    "max_length": _("The text can be at most %(limit_value)d characters long (it has %(show_value)d)."),
}


def body_field(label: str | Any, *, rows: int = 8) -> forms.CharField:
    return forms.CharField(
        label=label, max_length=BODY_MAX_LENGTH, strip=True, error_messages=BODY_ERRORS,
        widget=forms.Textarea(attrs={"rows": rows, "maxlength": BODY_MAX_LENGTH}),
    )


class ProfileFields(forms.Form):
    """The optional questions about the writer; the answers only ever appear as counts."""

    age_band = forms.ChoiceField(label=_("Age"), choices=NOT_STATED + list(AgeBand.choices), required=False)
    sex = forms.ChoiceField(label=_("Sex"), choices=NOT_STATED + list(Sex.choices), required=False)
    locality = forms.ModelChoiceField(
        label=_("Where in the municipality do you live?"), queryset=Locality.objects.none(), required=False,
        empty_label=_("Prefer not to say"),
    )

    def __init__(self, *args: Any, process: DialogueProcess, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.process = process
        locality = self.fields["locality"]
        locality.queryset = Locality.objects.filter(organisation=process.organisation)  # type: ignore[attr-defined]

    def profile(self) -> Profile:
        data = self.cleaned_data
        return Profile(
            age_band=data.get("age_band", ""), sex=data.get("sex", ""),
            locality=data.get("locality"), relation=data.get("relation", ""),
        )


class ContributionForm(ProfileFields, TellMeFields):
    body = body_field(_("Your contribution"))
    focus_areas = forms.ModelMultipleChoiceField(
        label=_("Which of the municipality's focus areas does it concern?"), queryset=FocusArea.objects.none(),
        required=False, widget=forms.CheckboxSelectMultiple,
    )
    relation = forms.ChoiceField(
        label=_("Your relation to the municipality"), choices=NOT_STATED + list(Relation.choices), required=False,
    )
    field_order = ["body", "focus_areas", "age_band", "sex", "locality", "relation"]

    def __init__(self, *args: Any, process: DialogueProcess, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, process=process, **kwargs)
        self.setup_tell_me(organisation=process.organisation, user=user)
        self.fields["body"].label = localized_html(process, "input_question") or _("Your contribution")
        self.fields["focus_areas"].queryset = process.focus_areas.all()  # type: ignore[attr-defined]

    def profile_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in ("age_band", "sex", "locality", "relation")]


class EntryForm(ProfileFields):
    """One typed-in paper contribution; activity, table and channel stay chosen between entries."""

    activity = forms.ModelChoiceField(
        label=_("Activity"), queryset=Activity.objects.none(), required=False, empty_label=_("No activity"),
    )
    table = forms.ModelChoiceField(label=_("Table"), queryset=Table.objects.none(), required=False,
                                   empty_label=_("No table"))
    channel = forms.ChoiceField(
        label=_("Kind of input"), choices=[(c.value, c.label) for c in ENTRY_CHANNELS],
        error_messages={"required": _("Choose what kind of input you are typing in.")},
    )
    body = body_field(_("Text"), rows=4)
    slip_email = forms.EmailField(
        label=_("E-mail address on the slip"), required=False, max_length=254, error_messages=EMAIL_ERRORS,
        help_text=_("Only if the writer asked to hear what happens. The address is kept apart from the text, "
                    "is never published, and gets a mail to confirm it."),
    )
    field_order = ["activity", "table", "channel", "body", "slip_email", "age_band", "sex", "locality"]

    def __init__(self, *args: Any, process: DialogueProcess, table_ids: set[int] | None, **kwargs: Any) -> None:
        """`table_ids` None offers every table of the process (staff); a set offers only those (a host's own)."""
        super().__init__(*args, process=process, **kwargs)
        self.fields["locality"].label = _("Locality")
        activities = Activity.objects.filter(process=process).order_by("starts_at")
        tables = Table.objects.filter(activity__process=process).select_related("activity")
        if table_ids is not None:
            tables = tables.filter(pk__in=table_ids)
            activities = activities.filter(tables__in=table_ids).distinct()
            self.fields["table"].required = True
            self.fields["table"].error_messages["required"] = _("Choose the table you host.")
        self.fields["activity"].queryset = activities  # type: ignore[attr-defined]
        self.fields["table"].queryset = tables.order_by("activity__starts_at", "name")  # type: ignore[attr-defined]
        self.fields["table"].label_from_instance = lambda t: f"{t.name} ({t.activity.title})"  # type: ignore[attr-defined]

    def clean_slip_email(self) -> str:
        email = str(self.cleaned_data.get("slip_email") or "").strip().lower()
        if email:
            check_not_refused(self.process.organisation, email)
        return email

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        table, activity = data.get("table"), data.get("activity")
        if table is not None and activity is not None and table.activity_id != activity.pk:
            self.add_error("table", _("The table does not belong to the chosen activity."))
        if table is not None and activity is None:
            data["activity"] = table.activity
        return data

    def selection(self) -> dict[str, str]:
        """What should stay chosen for the next entry, as URL parameters."""
        data = self.cleaned_data
        return {
            key: str(value) for key, value in (
                ("activity", data["activity"].pk if data.get("activity") else ""),
                ("table", data["table"].pk if data.get("table") else ""),
                ("channel", data.get("channel", "")),
            ) if value
        }


class HideForm(forms.Form):
    rule = forms.ChoiceField(
        label=_("Which rule does it break?"),
        error_messages={"required": _("Choose the rule the contribution breaks.")},
    )
    note = forms.CharField(label=_("Note for the record"), required=False, max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, process: DialogueProcess, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        rules = [("", _("Choose a rule")), *[(rule, rule) for rule in process.rule_list()]]
        self.fields["rule"].choices = rules  # type: ignore[attr-defined]
        self.fields["rule"].error_messages["invalid_choice"] = _("Choose one of the dialogue's rules.")


class EditForm(forms.Form):
    published_body = body_field(_("Text to publish"), rows=5)
    note = forms.CharField(label=_("What was changed and why"), required=False, max_length=2000)


class ModerationFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Show"), required=False,
        choices=[("", _("All, awaiting moderation first")), *Contribution.Status.choices],
    )


class PublicFilterForm(forms.Form):
    q = forms.CharField(label=_("Search in the contributions"), required=False, max_length=200)
    channel = forms.ChoiceField(label=_("Channel"), required=False,
                                choices=[("", _("All channels")), *Channel.choices])
    locality = forms.ModelChoiceField(label=_("Locality"), queryset=Locality.objects.none(), required=False,
                                      empty_label=_("All localities"))

    def __init__(self, *args: Any, process: DialogueProcess, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["locality"].queryset = Locality.objects.filter(  # type: ignore[attr-defined]
            organisation=process.organisation
        )
