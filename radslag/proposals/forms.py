"""Forms for proposals: shape only; the rules are checked by the services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core import validators
from django.utils.translation import gettext_lazy as _

from radslag.dialogues.models import DialogueProcess
from radslag.feedback.models import AnswerStatus
from radslag.governance.models import Decision, FocusArea
from radslag.organisations.models import Body, Locality, Organisation
from radslag.proposals.models import TITLE_MAX, ProposalRules, Support


class ProposalForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=TITLE_MAX,
                            help_text=_("A short sentence that says what you propose."))
    text = forms.CharField(label=_("Your proposal"), widget=forms.Textarea(attrs={"rows": 8}),
                           help_text=_("What should the municipality do, and why?"))
    tie = forms.ChoiceField(label=_("Your tie to the municipality"), choices=Support.Tie.choices,
                            initial=Support.Tie.RESIDENT)
    focus_areas = forms.ModelMultipleChoiceField(label=_("Focus areas"), queryset=FocusArea.objects.none(),
                                                 required=False, widget=forms.CheckboxSelectMultiple)
    localities = forms.ModelMultipleChoiceField(label=_("Localities it concerns"), queryset=Locality.objects.none(),
                                                required=False, widget=forms.CheckboxSelectMultiple)
    process = forms.ModelChoiceField(label=_("Part of a dialogue"), queryset=DialogueProcess.objects.none(),
                                     required=False, empty_label=_("No dialogue"))
    show_name = forms.BooleanField(label=_("Show my name with the proposal"), required=False)

    def __init__(self, *args: Any, organisation: Organisation, rules: ProposalRules, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["text"].max_length = rules.text_max_length  # type: ignore[attr-defined]
        # The validator is made from max_length when the field is built; the rules' limit comes later, so it is
        # added here: both the title's and the text's length are told at once.
        self.fields["text"].validators.append(validators.MaxLengthValidator(rules.text_max_length, message=_(
            "The proposal may be at most %(limit_value)s characters long; it is %(show_value)s.")))
        self.fields["text"].widget.attrs["maxlength"] = rules.text_max_length
        self.fields["focus_areas"].queryset = FocusArea.objects.filter(organisation=organisation)  # type: ignore[attr-defined]
        self.fields["localities"].queryset = Locality.objects.filter(organisation=organisation)  # type: ignore[attr-defined]
        self.fields["process"].queryset = DialogueProcess.objects.published().filter(organisation=organisation)  # type: ignore[attr-defined]


class SupportForm(forms.Form):
    tie = forms.ChoiceField(label=_("Your tie to the municipality"), choices=Support.Tie.choices,
                            initial=Support.Tie.RESIDENT)
    wants_news = forms.BooleanField(label=_("Tell me by e-mail what happens with the proposal"), required=False)


class UpdateForm(forms.Form):
    text = forms.CharField(label=_("News to the supporters"), max_length=2000, widget=forms.Textarea(attrs={"rows": 4}))


class RefuseForm(forms.Form):
    rule = forms.ChoiceField(label=_("The rule it breaks"))
    reason = forms.CharField(label=_("Reason, for the proposer"), widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args: Any, rules: ProposalRules, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["rule"].choices = [(rule, rule) for rule in rules.out_of_scope_list] + [  # type: ignore[attr-defined]
            (str(_("Other (say which in the reason)")), _("Other (say which in the reason)"))]


class AssignForm(forms.Form):
    committee = forms.ModelChoiceField(label=_("Committee"), queryset=Body.objects.none())

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["committee"].queryset = Body.objects.filter(  # type: ignore[attr-defined]
            organisation=organisation, kind__in=(Body.Kind.COMMITTEE, Body.Kind.EXECUTIVE_BOARD, Body.Kind.COUNCIL))


def _progress_field() -> forms.IntegerField:
    return forms.IntegerField(label=_("Progress (%)"), min_value=0, max_value=100, required=False,
                              help_text=_("Where the outcome is being carried out: how far the work has come, 0–100."))


def _progress_note_field() -> forms.CharField:
    return forms.CharField(label=_("Progress in words"), max_length=200, required=False,
                           help_text=_("For example: “The new lighting is in place on two of five paths.”"))


class AnswerForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=AnswerStatus.choices)
    answer = forms.CharField(label=_("Answer"), widget=forms.Textarea(attrs={"rows": 6}), max_length=5000)
    decision = forms.ModelChoiceField(label=_("Decision"), queryset=Decision.objects.none(), required=False,
                                      empty_label=_("No decision"))
    progress = _progress_field()
    progress_note = _progress_note_field()

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["decision"].queryset = Decision.objects.filter(organisation=organisation).select_related("body")  # type: ignore[attr-defined]


class ProgressForm(forms.Form):
    """After the answer: what is being done now, and how far it has come (a declined proposal has none)."""

    outcome = forms.ChoiceField(label=_("Outcome"), choices=[
        (value, label) for value, label in AnswerStatus.choices if value != AnswerStatus.REJECTED])
    progress = _progress_field()
    progress_note = _progress_note_field()


class RulesForm(forms.ModelForm):
    class Meta:
        model = ProposalRules
        fields = ["verification_level", "minimum_age", "eligibility", "collection_days", "threshold_kind",
                  "threshold_count", "threshold_per_mille", "answer_days", "text_max_length", "out_of_scope"]
        widgets = {"verification_level": forms.Select(choices=[
            (0, _("Any account")), (1, _("A verified e-mail address")), (2, _("e-ID (BankID, Freja)"))])}
