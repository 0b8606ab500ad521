"""The kinds of analysis item, one table: the model, the fields a person edits, and their snapshot.

Versions, comments, conflicts and restore work the same for every kind through this table.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from radslag.planning.bilingual import plain
from radslag.planning.models import ContextFactor, LogframeEntry, Risk, Stakeholder, TreeNode


def _pair(*names: str) -> list[str]:
    return [f"{name}_{lang}" for name in names for lang in ("sv", "en")]


KINDS: dict[str, type[models.Model]] = {
    "factor": ContextFactor, "stakeholder": Stakeholder, "node": TreeNode, "logframe": LogframeEntry,
    "risk": Risk,
}
FIELDS: dict[str, list[str]] = {
    "factor": ["kind", *_pair("title", "description"), "source"],
    "stakeholder": [*_pair("name"), "interest", "influence", *_pair("gains", "losses", "participation")],
    "node": [*_pair("text"), "problem"],  # the problem only on an objective's form (VersionedForm)
    "logframe": ["level", *_pair("text", "indicators", "verification", "assumptions"), "objective", "responsible",
                 "starts_on", "ends_on", *_pair("resources")],
    "risk": [*_pair("text"), "likelihood", "impact", *_pair("mitigation"), "owner", "status"],
}
# The text that names an item in lists, versions and suggestions.
TITLE_FIELD = {"factor": "title", "stakeholder": "name", "node": "text", "logframe": "text", "risk": "text"}


def kind_of(item: models.Model) -> str:
    return next(key for key, model in KINDS.items() if isinstance(item, model))


def snapshot(item: models.Model) -> dict[str, Any]:
    """The edited fields of `item` as JSON-ready values (foreign keys as their ids, dates as ISO text)."""
    data: dict[str, Any] = {}
    for name in FIELDS[kind_of(item)]:
        field = item._meta.get_field(name)
        value = getattr(item, field.attname)  # type: ignore[union-attr]
        data[field.attname] = value.isoformat() if hasattr(value, "isoformat") else value  # type: ignore[union-attr]
    return data


def apply(item: models.Model, data: dict[str, Any]) -> None:
    """Set the fields saved in a version; a link to a row deleted since then is left empty."""
    for name in FIELDS[kind_of(item)]:
        field = item._meta.get_field(name)
        if field.attname in data:  # type: ignore[union-attr]
            value = data[field.attname]  # type: ignore[union-attr]
            value = field.to_python(value) if value is not None else None  # type: ignore[union-attr]
            if value is not None and field.is_relation and not (
                    field.related_model._default_manager.filter(pk=value).exists()):  # type: ignore[union-attr]
                value = None
            setattr(item, field.attname, value)  # type: ignore[union-attr]


class VersionedForm(forms.ModelForm):
    """An item's form with the version it was opened at, so that a later change by someone else shows."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, project: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if "objective" in self.fields:
            self.fields["objective"].queryset = TreeNode.objects.filter(  # type: ignore[attr-defined]
                project=project, tree=TreeNode.Tree.OBJECTIVE)
            self.fields["objective"].label_from_instance = (  # type: ignore[attr-defined]
                lambda node: plain(node, "text"))
        if "problem" in self.fields:
            self._problem_choice(project)
        if "responsible" in self.fields and project is not None:
            self.fields["responsible"].queryset = project.owners.all()  # type: ignore[attr-defined]
        for name in ("starts_on", "ends_on"):
            if name in self.fields:
                self.fields[name].widget = forms.DateInput(attrs={"type": "date"})
        if not self.is_bound and self.instance.pk:
            self.initial["version"] = self.instance.version


    def _problem_choice(self, project: Any) -> None:
        """An objective names the problem it answers (or none); a problem answers nothing."""
        if getattr(self.instance, "tree", None) != TreeNode.Tree.OBJECTIVE:
            del self.fields["problem"]
            return
        field: Any = self.fields["problem"]
        field.queryset = TreeNode.objects.filter(project=project, tree=TreeNode.Tree.PROBLEM).order_by(
            "position", "pk")
        field.label_from_instance = lambda node: f"{node.get_kind_display()}: {plain(node, 'text')}"
        field.empty_label = _("(none: it answers no problem)")
        field.help_text = _("The statement of the problem tree that this objective turns into a desired state.")


def form_for(kind: str) -> type[VersionedForm]:
    return forms.modelform_factory(KINDS[kind], form=VersionedForm, fields=FIELDS[kind])  # type: ignore[return-value]
