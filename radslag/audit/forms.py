"""Filters for the audit log."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from radslag.audit.models import AuditEvent


class AuditFilterForm(forms.Form):
    action = forms.ChoiceField(label=_("Action"), required=False)
    actor = forms.ChoiceField(label=_("Who"), required=False)

    def __init__(self, *args: Any, events: QuerySet[AuditEvent], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        actions = events.order_by("action").values_list("action", flat=True).distinct()
        actors = events.order_by("actor_label").values_list("actor_label", flat=True).distinct()
        everything = ("", _("All"))
        self.fields["action"].choices = [everything, *((action, action) for action in actions)]  # type: ignore[attr-defined]
        self.fields["actor"].choices = [everything, *((actor, actor) for actor in actors if actor)]  # type: ignore[attr-defined]

    def filter(self, events: QuerySet[AuditEvent]) -> QuerySet[AuditEvent]:
        if not self.is_valid():
            return events
        if self.cleaned_data["action"]:
            events = events.filter(action=self.cleaned_data["action"])
        if self.cleaned_data["actor"]:
            events = events.filter(actor_label=self.cleaned_data["actor"])
        return events


class ErasureRequestForm(forms.Form):
    message = forms.CharField(
        label=_("Anything we should know (optional)"), required=False, max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example which data you mean. You do not have to give a reason."),
    )


class ErasureDecisionForm(forms.Form):
    CARRY_OUT = "carry_out"
    REFUSE = "refuse"
    decision = forms.ChoiceField(label=_("Decision"), widget=forms.RadioSelect, choices=[
        (CARRY_OUT, _("Carry out: erase what can be erased, keep public records")),
        (REFUSE, _("Refuse the request")),
    ])
    note = forms.CharField(
        label=_("Note to the person"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Sent with the decision. Required when the request is refused."),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("decision") == self.REFUSE and not cleaned.get("note", "").strip():
            self.add_error("note", _("Write why the request is refused: the person is told the reason."))
        return cleaned


class RetentionRuleForm(forms.Form):
    """One per kind of record on the page; the prefix (the kind's key) keeps their fields apart."""

    period_days = forms.IntegerField(label=_("Kept for (days)"), min_value=1, max_value=36500)
    decision_reference = forms.CharField(label=_("Retention decision, reference"), max_length=100,
                                         help_text=_("For example the registration number, KS 2026/123."))
    decision_date = forms.DateField(label=_("Retention decision, date"), help_text=_("For example 2026-03-17."))
