"""Staff forms for surveys (shape only; the rules live in `building`, `waves` and `responding`)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from radslag.core.models import AgeBand, Sex
from radslag.dialogues.models import DialogueProcess
from radslag.governance.models import FocusArea
from radslag.organisations.models import Locality, Organisation
from radslag.surveys.models import Question, Section, Survey

DATETIME_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class SurveyForm(forms.ModelForm):
    class Meta:
        model = Survey
        fields = ["title", "title_en", "intro", "intro_en", "audience", "process", "focus_areas", "closes_at",
                  "trim_low", "trim_high"]
        widgets = {"closes_at": DATETIME_WIDGET, "intro": forms.Textarea(attrs={"rows": 4}),
                   "intro_en": forms.Textarea(attrs={"rows": 3}), "focus_areas": forms.CheckboxSelectMultiple}

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["process"].queryset = DialogueProcess.objects.filter(organisation=organisation)  # type: ignore[attr-defined]
        self.fields["focus_areas"].queryset = FocusArea.objects.filter(plan__organisation=organisation)  # type: ignore[attr-defined]


class SectionForm(forms.Form):
    title = forms.CharField(label=_("Heading of the section"), max_length=200)
    title_en = forms.CharField(label=_("Heading of the section in English"), max_length=200, required=False)


class QuestionForm(forms.ModelForm):
    options_text = forms.CharField(
        label=_("Choices or statements"), required=False, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One a line. Add the English text after a bar: Ja | Yes. For one or several choices, and "
                    "for the statements of a grid."))

    class Meta:
        model = Question
        fields = ["section", "kind", "key", "text", "text_en", "help_text", "help_text_en", "required", "scale_min",
                  "scale_max", "low_label", "low_label_en", "high_label", "high_label_en", "allow_dont_know",
                  "show_if", "show_if_value"]

    def __init__(self, *args: Any, survey: Survey, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["section"].queryset = Section.objects.filter(survey=survey)  # type: ignore[attr-defined]
        self.fields["section"].empty_label = None  # type: ignore[attr-defined]
        others = Question.objects.filter(section__survey=survey).exclude(pk=self.instance.pk)  # not itself
        self.fields["show_if"].queryset = others  # type: ignore[attr-defined]
        self.fields["show_if_value"].help_text = _("The code of the choice, or the number on the scale.")


class WaveForm(forms.Form):
    label = forms.CharField(label=_("Name of the wave"), max_length=120, initial=_("Wave 1"))
    sample_size = forms.IntegerField(
        label=_("Sample size"), required=False, min_value=1,
        help_text=_("Empty: every active member. A number: a random sample drawn within age band × sex × locality."))


class BackgroundForm(forms.Form):
    age_band = forms.ChoiceField(label=_("Age"), required=False,
                                 choices=[("", _("Not stated")), *[(v, lbl) for v, lbl in AgeBand.choices
                                                                   if v != AgeBand.UNDER_16]])
    sex = forms.ChoiceField(label=_("Sex"), required=False, choices=[("", _("Not stated")), *Sex.choices])
    locality = forms.ChoiceField(label=_("Locality"), required=False)

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        places = Locality.objects.filter(organisation=organisation).values_list("pk", "name")
        self.fields["locality"].choices = [  # type: ignore[attr-defined]
            ("", _("Not stated")), *[(str(pk), name) for pk, name in places]]


class PaperForm(BackgroundForm):
    paper_number = forms.CharField(label=_("Form number"), max_length=40, required=False,
                                   help_text=_("The number printed on the form, so that no form is typed in twice."))
    field_order = ["paper_number", "age_band", "sex", "locality"]
