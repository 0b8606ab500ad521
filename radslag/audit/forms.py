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
