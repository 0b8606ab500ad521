"""The shape of the dialogues app's forms; the rules live in the models and services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from radslag.accounts.models import User
from radslag.core.models import Role
from radslag.dialogues import querysets
from radslag.dialogues.addresses import free_process_slug, slug_from_title
from radslag.dialogues.models import Activity, DialogueProcess, Phase, ProcessUpdate, Registration, Table
from radslag.governance.models import Decision, FocusArea
from radslag.messaging.consent import PURPOSE
from radslag.messaging.forms import check_not_refused
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
            "slug": _("Made from the title when left empty, e.g. motesplatser-i-nodinge. You may change it: "
                      "letters a–z, digits and hyphens."),
            "open_to_influence": _("Be concrete: what can residents change with their input?"),
            "participation_level": _("Required before publishing."),
        }

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        # Typed freely (Swedish letters included) and spelled as an address in clean_slug; empty: from the title.
        slug = self.fields["slug"] = forms.CharField(
            label=self.fields["slug"].label, help_text=self.fields["slug"].help_text, required=False,
            max_length=DialogueProcess._meta.get_field("slug").max_length,
        )
        slug.widget.attrs.update({"data-slug-from": "id_title", "autocomplete": "off", "spellcheck": "false"})
        if self.instance.pk is None:  # a published address is not changed behind the writer's back
            slug.widget.attrs["data-slug-follow"] = "true"
        limit_choices(self, "deciding_body", Body.objects.for_organisation(organisation))
        limit_choices(self, "commissioning_decision", Decision.objects.for_organisation(
            organisation).select_related("body"))
        limit_choices(self, "focus_areas", FocusArea.objects.for_organisation(organisation))
        limit_choices(self, "localities", Locality.objects.for_organisation(organisation))
        for name in DialogueProcess.PUBLICATION_REQUIRED:
            # Optional while drafting, but the label must not call them optional.
            self.fields[name].required_for_publication = True  # type: ignore[attr-defined]

    def clean_slug(self) -> str:
        """Empty: made from the title (free within the municipality). Typed: spelled as an address would be."""
        typed = (self.cleaned_data.get("slug") or "").strip()
        if not typed:
            title = self.cleaned_data.get("title") or ""
            return free_process_slug(organisation=self.organisation, title=title, process_pk=self.instance.pk)
        slug = slug_from_title(typed)
        if not slug:
            raise forms.ValidationError(_("Write the short name with letters a–z, digits and hyphens."))
        taken = DialogueProcess.objects.filter(organisation=self.organisation, slug=slug).exclude(pk=self.instance.pk)
        if taken.exists():
            raise forms.ValidationError(_("Another process already uses this short name. Choose another, or "
                                          "leave it empty to get a free one made from the title."))
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


HOST_GROUP_LABELS: dict[str | None, Any] = {
    Role.STAFF: _("Staff members"), Role.ADMIN: _("Administrators"), Role.MODERATOR: _("Moderators"),
    Role.OFFICIAL: _("Elected officials"), None: _("Registered for the activity"),
}


def host_label(user: User) -> str:
    """'Anna Berg (anna.berg@ale.se)', so that two people with one name can be told apart."""
    return f"{user.display_name} ({user.email})" if user.display_name else user.email


def host_choices(candidates: list[tuple[User, str | None]]) -> list[Any]:
    """The host list's options, in groups by role (a select's optgroups)."""
    groups: dict[str | None, list[tuple[int, str]]] = {role: [] for role in HOST_GROUP_LABELS}
    for user, role in candidates:
        groups[role].append((user.pk, host_label(user)))
    choices: list[Any] = [("", _("Choose a host"))]
    return choices + [(HOST_GROUP_LABELS[role], members) for role, members in groups.items() if members]


NO_HOST_YET = "later"


class HostField(forms.ModelChoiceField):
    """The table's host: a person, or "not decided yet" chosen on purpose. Left empty it is accepted only
    with the host's name written instead, which the form checks; so the label never says optional."""

    def to_python(self, value: Any) -> Any:
        return NO_HOST_YET if value == NO_HOST_YET else super().to_python(value)

    def validate(self, value: Any) -> None:
        """Host and host's name are checked together in TableForm.clean."""


class TableForm(forms.ModelForm):
    """A table or group. The host may be left open on purpose while it is not decided."""

    class Meta:
        model = Table
        fields = ["name", "host", "host_name", "participant_count"]
        field_classes = {"host": HostField}
        help_texts = {
            "host": _("Staff and others with a role in the municipality, and residents registered for the "
                      "activity. Type the first letters of a name to jump to it. Not decided yet? Choose "
                      "that, and add the host later."),
            "host_name": _("If the host has no account here, write their name instead."),
        }

    def __init__(self, *args: Any, activity: Activity, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        candidates = querysets.table_host_candidates(activity, self.instance.host_id)
        host = self.fields["host"]
        limit_choices(self, "host", User.objects.filter(pk__in=[user.pk for user, _role in candidates]))
        host.required = True
        choices = host_choices(candidates)
        host.choices = [choices[0], (NO_HOST_YET, _("Not decided yet")), *choices[1:]]  # type: ignore[attr-defined]
        if self.instance.pk and not self.instance.host_id and not self.instance.host_name:
            self.initial["host"] = NO_HOST_YET

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        if cleaned.get("host") == NO_HOST_YET:
            cleaned["host"] = None
        elif "host" in cleaned and not cleaned["host"] and not (cleaned.get("host_name") or "").strip():
            self.add_error("host", _("Choose a host or write the host's name. If it is not decided yet, "
                                     "choose “Not decided yet”."))
        return cleaned


class RegistrationForm(forms.ModelForm):
    tell_me = forms.BooleanField(
        label=_("Also tell me what happens with the dialogue's input, by e-mail"), required=False, help_text=PURPOSE,
    )

    class Meta:
        model = Registration
        fields = ["name", "email", "needs"]
        widgets = {"needs": forms.Textarea(attrs={"rows": 3})}
        labels = {"name": _("Your name"), "email": _("Your e-mail address")}
        help_texts = {
            "email": _("We send a confirmation with a link to cancel."),
            "needs": _("E.g. interpretation, hearing loop, food allergy or a companion."),
        }

    def __init__(self, *args: Any, user: Any = None, organisation: Organisation | None = None, **kwargs: Any) -> None:
        """A signed-in person finds their name and address filled in; they may still change them."""
        if getattr(user, "is_authenticated", False):
            kwargs["initial"] = {"name": user.display_name, "email": user.email, **kwargs.get("initial", {})}
        super().__init__(*args, **kwargs)
        self.organisation = organisation

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("tell_me") and data.get("email") and self.organisation is not None:
            try:
                check_not_refused(self.organisation, data["email"])
            except forms.ValidationError as error:
                self.add_error("tell_me", error)
        return data


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
