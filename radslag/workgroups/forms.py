"""Forms for working groups: shape only; uploads are checked by content in `files`."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from radslag.core.errors import DomainError
from radslag.core.uploads import CheckedFile
from radslag.dialogues.models import DialogueProcess
from radslag.workgroups.files import check_material
from radslag.workgroups.models import NOTE_MAX_LENGTH, GroupMeeting, GroupMember, GroupNote, WorkingGroup

DATETIME_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MaterialsField(forms.FileField):
    """Several files in one input, each checked by content and size; cleans to a list of CheckedFile."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".pdf,.docx,.pptx,.odt,.png,.jpg,.jpeg"}))
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[CheckedFile]:
        uploads = [u for u in (data if isinstance(data, list | tuple) else [data]) if u]
        checked, errors = [], []
        for upload in uploads:
            try:
                checked.append(check_material(upload))
            except DomainError as error:
                errors.append(error.message)
        if errors:
            raise ValidationError(errors)
        return checked


class GroupForm(forms.ModelForm):
    class Meta:
        model = WorkingGroup
        fields = ["name", "slug", "process", "purpose", "public"]

    def __init__(self, *args: Any, organisation: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["process"].queryset = DialogueProcess.objects.for_organisation(  # type: ignore[attr-defined]
            organisation)


class MemberForm(forms.ModelForm):
    name_consent = forms.BooleanField(
        label=_("The member has agreed to have the name shown on the group's public page"), required=False,
        help_text=_("Tick it when the member told you so, on paper for example; members also choose for "
                    "themselves in the group's space. The time is kept. A minor's name is never shown."),
    )

    class Meta:
        model = GroupMember
        fields = ["name", "email", "kind", "under_18", "birth_year"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["name_consent"].initial = self.instance.name_consent_at is not None

    def clean_birth_year(self) -> int | None:
        year = self.cleaned_data["birth_year"]
        this_year = timezone.localdate().year
        if year is not None and not this_year - 120 <= year <= this_year:
            raise ValidationError(_("Write a year of birth between %(first)d and %(last)d.")
                                  % {"first": this_year - 120, "last": this_year})
        return year


class MeetingForm(forms.ModelForm):
    material_files = MaterialsField(label=_("Add materials"),
                                    help_text=_("PDF, DOCX, PPTX or ODT documents, or PNG or JPEG pictures."))

    class Meta:
        model = GroupMeeting
        fields = ["number", "title", "approach", "starts_at", "place", "description", "notes"]
        widgets = {"starts_at": DATETIME_WIDGET}


class NoteForm(forms.Form):
    kind = forms.ChoiceField(label=_("What kind of note?"), choices=GroupNote.Kind.choices,
                             initial=GroupNote.Kind.INSIGHT, widget=forms.RadioSelect)
    meeting = forms.ModelChoiceField(label=_("After which meeting?"), queryset=GroupMeeting.objects.none(),
                                     required=False, empty_label=_("No particular meeting"))
    text = forms.CharField(label=_("Your note"), max_length=NOTE_MAX_LENGTH,
                           widget=forms.Textarea(attrs={"rows": 5}),
                           help_text=_("Everyone in the group sees it. Insights, ideas and lessons go into the "
                                       "group's report; notes stay in the group."))

    def __init__(self, *args: Any, group: WorkingGroup, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = group.meetings.all()  # type: ignore[attr-defined]


class AcceptForm(forms.Form):
    show_name = forms.BooleanField(
        label=_("Show my name on the group's public page"), required=False,
        help_text=_("You can change your mind later in the group's space. Names of members under 18 are never "
                    "shown."),
    )
