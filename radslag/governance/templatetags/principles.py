"""`{% principles_for process as principles %}`: the principles for dialogue a process was run under."""

from __future__ import annotations

from typing import Any

from django import template

from radslag.governance.models import DialoguePrinciples
from radslag.governance.principles import in_force_for

register = template.Library()


@register.simple_tag
def principles_for(process: Any) -> DialoguePrinciples | None:
    return in_force_for(process.organisation, getattr(process, "published_at", None))
