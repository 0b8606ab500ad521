"""Forms for voters and staff (shape only; the rules live in services and the tallies module)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from radslag.analysis.ballot_rules import WORD_MAX_LENGTH
from radslag.core.localized import english_label, localized_html
from radslag.core.models import AgeBand
from radslag.dialogues.models import DialogueProcess
from radslag.organisations.models import Locality
from radslag.voting.models import Ballot, Method, Option
from radslag.voting.services.casting import VoterProfile

DATETIME_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class CodeForm(forms.Form):
    kod = forms.CharField(label=_("Voting code"), max_length=40,
                          help_text=_("The code on your slip, for example ABCDE-FGH23."),
                          widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters",
                                                        "spellcheck": "false"}))


class VoteForm(forms.Form):
    """One field per option (dots or rank), or one choice field; plus the optional profile questions."""

    kod = forms.CharField(required=False, widget=forms.HiddenInput)
    idempotency_key = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, ballot: Ballot, options: list[Option], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.ballot, self.options = ballot, options
        if ballot.method == Method.DOT:
            for option in options:
                self.fields[f"dots_{option.pk}"] = forms.IntegerField(
                    label=localized_html(option, "title"), help_text=localized_html(option, "description"),
                    required=False, min_value=0,
                    max_value=ballot.effective_cap, initial=0,
                    widget=forms.NumberInput(attrs={"inputmode": "numeric", "class": "dots-input"}),
                )
        elif ballot.method == Method.RANKED:
            for option in options:
                self.fields[f"rank_{option.pk}"] = forms.IntegerField(
                    label=localized_html(option, "title"), help_text=localized_html(option, "description"),
                    required=False, min_value=1,
                    max_value=len(options), widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
                )
        elif ballot.method == Method.WORDS:
            self.fields["word"] = forms.CharField(
                label=ballot.question, max_length=WORD_MAX_LENGTH, required=False,
                help_text=_("A word or a few, at most %(limit)s characters.") % {"limit": WORD_MAX_LENGTH},
                widget=forms.TextInput(attrs={"autocomplete": "off", "maxlength": WORD_MAX_LENGTH}),
            )
        else:
            choices = [(str(option.pk), localized_html(option, "title")) for option in options]
            if ballot.method == Method.APPROVAL:
                self.fields["options"] = forms.MultipleChoiceField(
                    label=_("Options you support"), choices=choices, widget=forms.CheckboxSelectMultiple)
            else:
                self.fields["option"] = forms.ChoiceField(label=_("Your choice"), choices=choices,
                                                          widget=forms.RadioSelect)
        if ballot.collect_profile:
            self._add_profile_fields(ballot)

    def _add_profile_fields(self, ballot: Ballot) -> None:
        self.fields["locality"] = forms.ModelChoiceField(
            label=_("Where do you live?"), required=False, empty_label=_("I prefer not to say"),
            queryset=Locality.objects.filter(organisation=ballot.organisation),
        )
        self.fields["age_band"] = forms.ChoiceField(
            label=_("Your age"), required=False, choices=[("", _("I prefer not to say")), *AgeBand.choices])

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean() or {}
        if self.ballot.method == Method.RANKED:
            ranks = [data.get(f"rank_{o.pk}") for o in self.options if data.get(f"rank_{o.pk}")]
            if len(set(ranks)) != len(ranks):
                raise forms.ValidationError(_("Each place can only be given to one option."))
        return data

    def raw_choices(self) -> Any:
        data, method = self.cleaned_data, self.ballot.method
        if method == Method.DOT:
            return {str(o.pk): data.get(f"dots_{o.pk}") or 0 for o in self.options}
        if method == Method.RANKED:
            ranked = [(data[f"rank_{o.pk}"], str(o.pk)) for o in self.options if data.get(f"rank_{o.pk}")]
            return [key for _rank, key in sorted(ranked)]
        if method == Method.APPROVAL:
            return list(data.get("options") or [])
        if method == Method.WORDS:
            return data.get("word") or ""
        return data.get("option") or ""

    def profile(self) -> VoterProfile:
        return VoterProfile(locality=self.cleaned_data.get("locality"),
                            age_band=self.cleaned_data.get("age_band") or "")

    def option_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.fields if name.startswith(("dots_", "rank_"))]


class PaperVoteForm(VoteForm):
    batch_label = forms.CharField(label=_("Pile of paper ballots"), max_length=120,
                                  help_text=_("For example the meeting and the table. Stays chosen for the next."))

    field_order = ["batch_label"]

    def __init__(self, *args: Any, ballot: Ballot, options: list[Option], **kwargs: Any) -> None:
        super().__init__(*args, ballot=ballot, options=options, **kwargs)
        # Staff type in what the voter wrote: the labels speak to staff, about the paper in their hand.
        labels = {
            "options": _("Options ticked on the paper"),
            "option": _("The option ticked on the paper"),
            "word": _("The words written on the paper"),
            "locality": _("Where the voter lives, as ticked on the paper"),
            "age_band": _("The voter's age, as ticked on the paper"),
        }
        for name, label in labels.items():
            if name in self.fields:
                self.fields[name].label = label
        if "word" in self.fields:
            self.fields["word"].help_text = ""
        for name in ("locality", "age_band"):
            if name in self.fields:
                field = self.fields[name]
                if isinstance(field, forms.ModelChoiceField):
                    field.empty_label = _("Not ticked")
                elif isinstance(field, forms.ChoiceField):
                    field.choices = [("", _("Not ticked")), *AgeBand.choices]


class BallotForm(forms.ModelForm):
    class Meta:
        model = Ballot
        fields = [
            "title", "title_en", "question", "question_en", "activity", "method", "dots_per_voter", "cap_per_option",
            "eligibility", "min_verification_level", "collect_profile", "opens_at", "closes_at", "results_visibility",
        ]
        widgets = {"opens_at": DATETIME_WIDGET, "closes_at": DATETIME_WIDGET,
                   "question": forms.Textarea(attrs={"rows": 3}),
                   "question_en": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, process: DialogueProcess, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["activity"].queryset = process.activities.all()  # type: ignore[attr-defined]
        self.fields["min_verification_level"].widget = forms.Select(choices=[(1, _("Verified e-mail")),
                                                                             (2, _("Verified with e-ID"))])

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean() or {}
        opens, closes = data.get("opens_at"), data.get("closes_at")
        if opens and closes and closes <= opens:
            self.add_error("closes_at", _("The vote must close after it opens."))
        return data


class OptionForm(forms.Form):
    title = forms.CharField(label=_("Option"), max_length=200)
    description = forms.CharField(label=_("Description"), required=False, max_length=2000,
                                  widget=forms.Textarea(attrs={"rows": 2}))
    title_en = forms.CharField(label=english_label(_("Option")), max_length=200, required=False)
    description_en = forms.CharField(label=english_label(_("Description")), required=False, max_length=2000,
                                     widget=forms.Textarea(attrs={"rows": 2}))


class CodeBatchForm(forms.Form):
    label = forms.CharField(label=_("Name of the sheet"), max_length=120,
                            help_text=_("For example the meeting where the codes are handed out."))
    count = forms.IntegerField(label=_("Number of codes"), min_value=1, max_value=5000, initial=100)
